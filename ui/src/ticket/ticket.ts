// The customer's ticket: the bill a lookup found goes into it, open amounts are changed on its
// lines, a line is removed, the whole ticket abandoned; once paid, it is kept current as its
// items are answered, and the refunds the cashier hands back are confirmed. Every figure is the
// app's: this only sends what the cashier did and shows what comes back.

import { commands, type BillView, type TicketView } from "../generated/ipc";
import { errorMessage } from "../lib/errors";
import { editableAmount } from "../lib/format";
import { focusSoon } from "../lib/focus";
import { t } from "../lib/i18n";
import { blocksPayment, screen } from "../lib/state.svelte";
import { failed } from "../status/link";
import { refundDue } from "./refund";

/** The ticket being built, as the app returned it. Open amounts being typed are kept. */
export function setTicket(ticket: TicketView): void {
  const renumbered = ticket.items.length !== screen.ticket.items.length;
  const texts: Record<number, string> = {};
  for (const item of ticket.items) {
    if (!item.bill?.openAmount) continue;
    const typed = renumbered ? undefined : screen.amountTexts[item.position];
    texts[item.position] = typed ?? editableAmount(item.amount);
  }
  screen.amountTexts = texts;
  screen.ticket = ticket;
}

/** Adds the bill a lookup found. A bill this counter already charged is shown, not added. */
export async function addToTicket(bill: BillView): Promise<boolean> {
  screen.bills = [];
  if (blocksPayment(bill)) {
    screen.refused = bill;
    return false;
  }
  try {
    setTicket(await commands.ticketAddBill(bill.key, ""));
    screen.refused = null;
    screen.error = null;
    return true;
  } catch (e) {
    failed(e);
    return false;
  }
}

let amountTimer: number | undefined;
let pendingAmount: Promise<void> = Promise.resolve();

/** The cashier typed an open amount on a line: the app checks it once they pause. */
export function amountTyped(position: number, text: string): void {
  screen.amountTexts = { ...screen.amountTexts, [position]: text };
  window.clearTimeout(amountTimer);
  amountTimer = window.setTimeout(() => {
    pendingAmount = sendAmount(position, text);
  }, 250);
}

/** Sends an amount still waiting for the pause (before paying, the ticket must be current). */
export async function flushAmounts(): Promise<void> {
  window.clearTimeout(amountTimer);
  await pendingAmount;
  for (const item of screen.ticket.items) {
    const typed = screen.amountTexts[item.position];
    if (item.bill?.openAmount && typed !== undefined && typed !== editableAmount(item.amount)) {
      await sendAmount(item.position, typed);
    }
  }
}

async function sendAmount(position: number, text: string): Promise<void> {
  try {
    const ticket = await commands.ticketSetAmount(position, text);
    screen.lineError = null;
    screen.ticket = ticket;
  } catch (e) {
    screen.lineError = { position, text: errorMessage(e, t().unexpected) };
  }
}

/** Takes a line out of the ticket before payment. */
export async function removeLine(position: number): Promise<void> {
  try {
    setTicket(await commands.ticketRemove(position));
    screen.lineError = null;
    screen.error = null;
    if (screen.ticket.items.length === 0) {
      screen.view = "scan";
      void focusSoon("barcode");
    }
  } catch (e) {
    failed(e);
  }
}

/** Drops the ticket being built (nothing was sent for it). */
export async function abandonTicket(): Promise<void> {
  try {
    setTicket(await commands.ticketAbandon());
  } catch (e) {
    failed(e);
  }
}

/** A paid ticket changed (an item's answer, a refund): the one on screen is kept current. */
export function ticketChanged(ticket: TicketView): void {
  if (!screen.paid || screen.paid.id !== ticket.id) return;
  const before = refundDue(screen.paid);
  screen.paid = ticket;
  // A bill just rejected: the refund to confirm takes the focus from "next customer".
  if (before === null && refundDue(ticket) !== null && screen.view === "sale" && !screen.overlay) {
    void focusSoon("confirm-refund");
  }
}

/** The cashier handed back the amount of the rejected line at `position`. */
export async function confirmRefund(position: number): Promise<void> {
  const paid = screen.paid;
  if (!paid || paid.id === null) return;
  try {
    screen.paid = await commands.confirmRefund(paid.id, position);
    screen.refundError = null;
  } catch (e) {
    screen.refundError = errorMessage(e, t().unexpected);
  }
}
