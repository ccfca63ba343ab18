// What the cashier's window tells the customer's window that no event of the app's tells: the
// ticket just paid (a ticket paid in cash is announced by the app only once its bills are
// answered, which may take long, or hours offline), and that the next customer is being served.
// The customer's window follows the app's own events for everything else.

import { emitTo, listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { TicketView } from "../generated/ipc";

/** The customer's window's label. */
export const CUSTOMER = "customer";
/** The cashier's window's label. */
export const MAIN = "main";

export const PAID_EVENT = "customer-paid";
export const NEXT_EVENT = "customer-next";

/** Running inside the desktop shell (not in a test or a plain browser). */
export function inShell(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

function tell(event: string, payload: unknown): void {
  if (!inShell()) return;
  emitTo(CUSTOMER, event, payload).catch((e: unknown) => console.warn(`could not tell the customer's window (${event})`, e));
}

/** The ticket just paid, to thank the customer with. */
export function tellCustomerPaid(ticket: TicketView | null): void {
  if (ticket) tell(PAID_EVENT, ticket);
}

/** The cashier moved on to the next customer. */
export function tellCustomerNext(): void {
  tell(NEXT_EVENT, null);
}

/** In the customer's window: hears what the cashier's window tells it. */
export async function hearCashier(onPaid: (t: TicketView) => void, onNext: () => void): Promise<UnlistenFn[]> {
  if (!inShell()) return [];
  return [await listen<TicketView>(PAID_EVENT, (e) => onPaid(e.payload)), await listen<null>(NEXT_EVENT, () => onNext())];
}
