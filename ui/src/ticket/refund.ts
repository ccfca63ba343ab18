// Which refund of a paid ticket the cashier has to confirm next: a pure reading of what the app
// returned, shared by the keys, the focus and the refund box.

import type { TicketView } from "../generated/ipc";

/** The first line whose refund the cashier has not confirmed yet, if any. */
export function refundDue(ticket: TicketView | null): number | null {
  return ticket?.items.find((i) => i.refund === "due")?.position ?? null;
}
