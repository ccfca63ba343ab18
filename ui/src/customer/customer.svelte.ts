// What the customer's screen shows, from what the app tells every window: the ticket being
// built (`draft-changed`, and `ticket()` at start), the ticket it became once paid
// (`ticket-changed`, or the cashier's window's word for a ticket paid in cash), and the next
// customer. Nothing here computes money: every figure is the app's.

import type { AppInfo, TicketView } from "../generated/ipc";
import { sameItems } from "../next/charges";

/** How long the last ticket stays on screen once it leaves the desk, waiting to hear it paid. */
export const HOLD_MS = 5000;
/** How long "Gracias" stays on screen when the cashier does not move on before. */
export const THANKS_MS = 90_000;

export type CustomerPhase = "welcome" | "ticket" | "paid";

export class CustomerView {
  info = $state.raw<AppInfo | null>(null);
  /** The ticket being built, as the app last told it. */
  draft = $state.raw<TicketView | null>(null);
  /** The last ticket with items this screen showed: kept a moment after the desk empties. */
  last = $state.raw<TicketView | null>(null);
  holding = $state(false);
  /** The ticket just paid, for "Gracias". */
  paid = $state.raw<TicketView | null>(null);

  /** The ticket on screen while it is built (or held a moment after it left the desk). */
  get shown(): TicketView | null {
    if (this.draft && this.draft.items.length > 0) return this.draft;
    return this.holding ? this.last : null;
  }

  get phase(): CustomerPhase {
    if (this.paid) return "paid";
    return this.shown ? "ticket" : "welcome";
  }
}

export const customer = new CustomerView();

let holdTimer: ReturnType<typeof setTimeout> | undefined;
let thanksTimer: ReturnType<typeof setTimeout> | undefined;
/** Paid tickets already thanked for (a later change of one updates it, never thanks again). */
const thanked = new Set<number>();

function stopTimers(): void {
  clearTimeout(holdTimer);
  clearTimeout(thanksTimer);
}

/** A fresh customer's screen. */
export function resetCustomer(info: AppInfo | null): void {
  stopTimers();
  thanked.clear();
  customer.info = info;
  customer.draft = null;
  customer.last = null;
  customer.holding = false;
  customer.paid = null;
}

/** The ticket being built changed (any window's change, a charge's outcome). */
export function onDraft(ticket: TicketView): void {
  customer.draft = ticket;
  if (ticket.items.length > 0) {
    // A new customer's first bill ends the thanks to the last one.
    clearTimeout(holdTimer);
    clearTimeout(thanksTimer);
    customer.holding = false;
    customer.paid = null;
    customer.last = ticket;
    return;
  }
  // Emptied: paid (its thanks is on its way), or dropped. The ticket stays a moment.
  if (customer.last && !customer.paid) {
    customer.holding = true;
    clearTimeout(holdTimer);
    holdTimer = setTimeout(() => {
      customer.holding = false;
      customer.last = null;
    }, HOLD_MS);
  }
}

function thank(ticket: TicketView): void {
  if (ticket.id !== null) thanked.add(ticket.id);
  clearTimeout(holdTimer);
  customer.holding = false;
  customer.last = null;
  customer.paid = ticket;
  clearTimeout(thanksTimer);
  thanksTimer = setTimeout(() => {
    customer.paid = null;
  }, THANKS_MS);
}

/** The cashier's window says this ticket was just paid. */
export function onPaid(ticket: TicketView): void {
  if (customer.paid && customer.paid.id === ticket.id) {
    customer.paid = ticket;
    return;
  }
  thank(ticket);
}

/** A paid ticket changed: the one thanked for is kept current; the ticket this screen is
 * showing, once paid, is thanked for. Any other (an earlier customer's) is not this customer's. */
export function onTicketChanged(ticket: TicketView): void {
  if (ticket.id === null) return;
  if (customer.paid?.id === ticket.id) {
    customer.paid = ticket;
    return;
  }
  if (thanked.has(ticket.id)) return;
  // The ticket on screen: still on the desk (the paid ticket may be told first), or just left it.
  const mine = customer.shown;
  if (mine && sameItems(mine, ticket)) thank(ticket);
}

/** The cashier moved on to the next customer: the thanks goes. */
export function onNext(): void {
  if (!customer.paid) return;
  clearTimeout(thanksTimer);
  customer.paid = null;
}
