// The cash-received shortcuts: hint N (the app's exact total or a round sum above it) goes into
// the field as the screen writes amounts; the exact total leaves it empty, which the app reads as
// exact cash.

import type { MoneyView, TicketView } from "../generated/ipc";
import { editableAmount } from "../lib/format";
import { focusSoon } from "../lib/focus";
import { screen } from "../lib/state.svelte";
import { scheduleQuote } from "./tender";
import { waitingCharge } from "./charges";

/** The shortcuts offered: the app's, or, once a card paid part of the ticket, only the exact
 * amount still owed (the app's round sums are above the whole total, not above what is owed). */
export function cashHints(ticket: TicketView): MoneyView[] {
  if (ticket.tenders.length === 0) return ticket.cashHints;
  return ticket.owed ? [ticket.owed] : [];
}

/** Fills the cash received with hint `i`. False when there is no such hint here. */
export function useHint(i: number): boolean {
  const hint = cashHints(screen.ticket)[i];
  if (screen.view !== "tender" || screen.tender !== "cash" || waitingCharge(screen.ticket) || !hint) return false;
  screen.receivedText = i === 0 ? "" : editableAmount(hint);
  scheduleQuote(0);
  void focusSoon("received", { caretAtEnd: true });
  return true;
}
