// What the screen reads from the ticket's tenders: the charge (card or wallet) waiting for the
// customer, whether any charge stands on the ticket, and how many times the ticket being built
// changed by itself (an answer to a command older than the last such change is stale).

import type { TenderView, TicketView } from "../generated/ipc";

let changes = 0;

/** How many `draft-changed` events have arrived so far. */
export function draftSeq(): number {
  return changes;
}

/** A `draft-changed` event arrived. */
export function draftHeard(): void {
  changes++;
}

/** The charge the customer is presenting or scanning, if one is waiting. */
export function waitingCharge(ticket: TicketView): TenderView | null {
  return ticket.tenders.find((t) => t.state === "waiting") ?? null;
}

/** A card or wallet charge, taken or waiting, stands on the ticket. */
export function hasCharges(ticket: TicketView): boolean {
  return ticket.tenders.some((t) => t.kind !== "cash");
}

/** The same items, in the same order, at the same amounts: the paid ticket is the one that was
 * being built. */
export function sameItems(a: TicketView, b: TicketView): boolean {
  return (
    a.items.length > 0 &&
    a.items.length === b.items.length &&
    a.items.every((x, i) => {
      const y = b.items[i];
      return y !== undefined && x.title === y.title && x.customerId === y.customerId && x.amount.amount === y.amount.amount;
    })
  );
}
