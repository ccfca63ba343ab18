// The card tender (F6): the amount for the terminal (prefilled with what the ticket still owes;
// the app parses it, and refuses more than is owed), the wait while the customer presents the
// card, and stopping it. The card's verdict comes as `draft-changed` (next/tender.ts), or, when
// it covers the ticket, as the paid ticket's `ticket-changed`.

import { flushSync } from "svelte";
import { commands, type TenderView, type TicketView } from "../generated/ipc";
import { errorMessage } from "../lib/errors";
import { editableAmount } from "../lib/format";
import { focusSoon } from "../lib/focus";
import { t } from "../lib/i18n";
import { screen } from "../lib/state.svelte";
import { draftSeq, waitingCharge } from "../next/charges";
import { flushAmounts, setTicket } from "../ticket/ticket";

/** The card charge the customer is presenting at the terminal, if one is waiting. */
export function waitingCard(ticket: TicketView): TenderView | null {
  const w = waitingCharge(ticket);
  return w?.kind === "card" ? w : null;
}

/** F6: the card amount on the tender step, prefilled with what is owed (or the wait, when the
 * terminal is already asked). Nothing to charge: nothing happens. */
export function goCard(): void {
  if (screen.ticket.items.length === 0) return;
  screen.overlay = null;
  const fresh = screen.view !== "tender" || screen.tender !== "card";
  screen.view = "tender";
  screen.tender = "card";
  if (waitingCharge(screen.ticket)) {
    void focusSoon("charge-wait");
    return;
  }
  if (fresh) {
    screen.cardText = screen.ticket.owed ? editableAmount(screen.ticket.owed) : "";
    screen.cardError = null;
  }
  void focusSoon("card-amount", { select: true });
}

/** Esc on the card amount: back to choosing the tender (the cash form); nothing was asked. */
export function cardBack(): void {
  screen.tender = "cash";
  screen.cardError = null;
  void focusSoon("received", { caretAtEnd: true });
}

/** Enter or the button: the terminal is asked for the amount typed. The button answers at once;
 * the wait shows once the app has journaled the attempt and told the terminal. */
export async function payCard(): Promise<void> {
  if (screen.cardBusy || screen.ticket.items.length === 0 || waitingCharge(screen.ticket)) return;
  screen.cardBusy = true;
  screen.cardError = null;
  flushSync();
  try {
    await flushAmounts();
    if (screen.lineError) return;
    const seen = draftSeq();
    const ticket = await commands.ticketPayCard(screen.cardText);
    // The card's verdict may have come (as an event) before this reply: the event is newer.
    if (seen === draftSeq()) setTicket(ticket);
    screen.error = null;
    if (screen.view === "tender" && !screen.overlay) void focusSoon(waitingCharge(screen.ticket) ? "charge-wait" : "card-amount");
  } catch (e) {
    screen.cardError = errorMessage(e, t().unexpected);
    if (screen.view === "tender" && !screen.overlay) void focusSoon("card-amount", { select: true });
  } finally {
    screen.cardBusy = false;
  }
}

/** Esc or the button while the customer is at the terminal: the app stops waiting (a capture
 * that still comes is kept for a refund). Back to choosing the tender, with the app's notice. */
export async function cancelCard(): Promise<void> {
  if (screen.cardBusy) return;
  screen.cardBusy = true;
  screen.cardError = null;
  try {
    const seen = draftSeq();
    const ticket = await commands.ticketCancelCard();
    if (seen === draftSeq()) setTicket(ticket);
    if (!waitingCharge(screen.ticket)) {
      screen.tender = "cash";
      if (screen.view === "tender" && !screen.overlay) void focusSoon("received", { caretAtEnd: true });
    }
  } catch (e) {
    screen.cardError = errorMessage(e, t().unexpected);
  } finally {
    screen.cardBusy = false;
  }
}
