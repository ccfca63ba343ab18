// The wait's times moved to the shared charge folder; kept here for the customer's screen.
export { secondsLeft, waitedSecs } from "../charge/countdown";
