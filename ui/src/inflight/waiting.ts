// What a sale in progress waits for, and for how long, as words: pure, from the sale, the app's
// status and the clock.

import type { StatusView } from "../generated/ipc";
import { t } from "../lib/i18n";
import type { Timed } from "../lib/state.svelte";
import { hubOffline } from "../offline/offline";

/** Seconds since the cashier confirmed the sale, at `now` (performance.now()). */
export function waited(x: Timed, now: number): number {
  return Number(x.sale.waitedSecs) + Math.max(0, now - x.at) / 1000;
}

/** The sentence under "Waiting for the bill-payment system" on the outcome panel. */
export function waitingLine(x: Timed, st: StatusView | null, now: number): string {
  const tr = t();
  if (hubOffline(st)) return tr.waitingLinkLine;
  if (x.sale.state === "sending") {
    return tr.waitingSending(Math.max(0, Math.ceil(Number(x.sale.answerTimeoutSecs) - waited(x, now))));
  }
  if (x.sale.state === "querying" && x.sale.nextCheckInSecs !== null) {
    return tr.waitingQuerying(Math.max(0, Math.ceil(Number(x.sale.nextCheckInSecs) - (now - x.at) / 1000)));
  }
  return tr.waitingJournaled;
}

/** The short countdown of a row in the payments in progress ("" when there is none). */
export function countdown(x: Timed, st: StatusView | null, now: number): string {
  const tr = t();
  // Nothing is sent while the journal cannot record the answer: no countdown to run out.
  if (st?.journalRefusing) return tr.waitingJournal;
  if (hubOffline(st)) return tr.waitingLink;
  if (x.sale.state === "sending") {
    return tr.countdownSending(Math.max(0, Math.ceil(Number(x.sale.answerTimeoutSecs) - waited(x, now))));
  }
  if (x.sale.state === "querying" && x.sale.nextCheckInSecs !== null) {
    return tr.countdownQuerying(Math.max(0, Math.ceil(Number(x.sale.nextCheckInSecs) - (now - x.at) / 1000)));
  }
  return "";
}
