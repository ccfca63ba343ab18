// The wallet tender (F7): the amount to charge to the customer's crypto wallet (prefilled with
// what the ticket still owes; the app parses it and refuses more than is owed), the wait while
// the customer scans the QR code and approves on their phone, and stopping it. The charge then
// happens by itself: its outcome comes as `draft-changed` (next/tender.ts) or, when it covers
// the ticket, as the paid ticket's `ticket-changed`. A charge whose answer was lost is told
// apart, so the screen can say loudly not to charge the wallet again.

import { flushSync } from "svelte";
import { commands, type TenderView, type TicketView } from "../generated/ipc";
import { errorMessage } from "../lib/errors";
import { editableAmount } from "../lib/format";
import { focusSoon } from "../lib/focus";
import { t } from "../lib/i18n";
import { screen } from "../lib/state.svelte";
import { draftSeq, waitingCharge } from "../next/charges";
import { flushAmounts, setTicket } from "../ticket/ticket";

/** F7: the wallet amount on the tender step, prefilled with what is owed (or the wait, when a
 * QR code is already shown). Nothing to charge: nothing happens. */
export function goWallet(): void {
  if (screen.ticket.items.length === 0) return;
  screen.overlay = null;
  const fresh = screen.view !== "tender" || screen.tender !== "wallet";
  screen.view = "tender";
  screen.tender = "wallet";
  if (waitingCharge(screen.ticket)) {
    void focusSoon("charge-wait");
    return;
  }
  if (fresh) {
    screen.walletText = screen.ticket.owed ? editableAmount(screen.ticket.owed) : "";
    screen.walletError = null;
  }
  void focusSoon("wallet-amount", { select: true });
}

/** Esc on the wallet amount: back to choosing the tender (the cash form); nothing was asked. */
export function walletBack(): void {
  screen.tender = "cash";
  screen.walletError = null;
  void focusSoon("received", { caretAtEnd: true });
}

/** Enter or the button: the app asks the wallet gateway for a connect session for the amount
 * typed; its QR code shows once the app has it. */
export async function payWallet(): Promise<void> {
  if (screen.walletBusy || screen.ticket.items.length === 0 || waitingCharge(screen.ticket)) return;
  screen.walletBusy = true;
  screen.walletError = null;
  flushSync();
  try {
    await flushAmounts();
    if (screen.lineError) return;
    const seen = draftSeq();
    const ticket = await commands.ticketPayWallet(screen.walletText);
    // The app tells every window of the change (draft-changed) too: the event may be newer.
    if (seen === draftSeq()) setTicket(ticket);
    screen.error = null;
    if (screen.view === "tender" && !screen.overlay) void focusSoon(waitingCharge(screen.ticket) ? "charge-wait" : "wallet-amount");
  } catch (e) {
    screen.walletError = errorMessage(e, t().unexpected);
    if (screen.view === "tender" && !screen.overlay) void focusSoon("wallet-amount", { select: true });
  } finally {
    screen.walletBusy = false;
  }
}

/** Esc or the button while the QR code waits: the app stops waiting, unless the customer has
 * already connected and the charge is under way (then its refusal is shown, and the wait stays). */
export async function cancelWallet(): Promise<void> {
  if (screen.walletBusy) return;
  screen.walletBusy = true;
  screen.walletError = null;
  try {
    const seen = draftSeq();
    const ticket = await commands.ticketCancelWallet();
    if (seen === draftSeq()) setTicket(ticket);
    if (!waitingCharge(screen.ticket)) {
      screen.tender = "cash";
      if (screen.view === "tender" && !screen.overlay) void focusSoon("received", { caretAtEnd: true });
    }
  } catch (e) {
    screen.walletError = errorMessage(e, t().unexpected);
  } finally {
    screen.walletBusy = false;
  }
}

/** A wallet charge that was waiting has ended without being taken, with the app's notice: when
 * the app lists a charge of that amount whose answer was lost, the notice is the one that says
 * not to charge the wallet again, and the screen makes it stand out. */
export async function noticeAfterWallet(waited: TenderView, ticket: TicketView): Promise<void> {
  const notice = ticket.chargeNotice;
  if (!notice) return;
  try {
    const list = await commands.walletAttention();
    const lost = list.some((w) => w.state === "unknown" && w.amount.amount === waited.amount.amount);
    if (lost && screen.ticket.chargeNotice === notice) screen.walletUnknown = notice;
  } catch (e) {
    console.warn("wallet_attention failed; the notice is shown as it is", e);
  }
}
