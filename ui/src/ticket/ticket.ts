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

/** The newest view of each paid ticket heard by event: an item's answer may beat the reply to
 * the payment itself (a hub that refuses at once), and must not be lost to it. */
const heardTickets = new Map<number, TicketView>();

function rememberTicket(ticket: TicketView): void {
  if (ticket.id === null) return;
  heardTickets.delete(ticket.id);
  heardTickets.set(ticket.id, ticket);
  if (heardTickets.size > 50) heardTickets.delete(heardTickets.keys().next().value ?? ticket.id);
}

/** A paid ticket this screen has already heard of by event. */
export function knownTicket(id: number): boolean {
  return heardTickets.has(id);
}

/** The ticket as the payment's reply had it, or newer if an event already told more. */
export function latestTicket(ticket: TicketView): TicketView {
  return (ticket.id !== null ? heardTickets.get(ticket.id) : undefined) ?? ticket;
}

/** A paid ticket changed (an item's answer, a refund): the one on screen is kept current. */
export function ticketChanged(ticket: TicketView): void {
  rememberTicket(ticket);
  const others = screen.refunds.filter((t) => t.id !== ticket.id);
  screen.refunds = ticket.phase === "refund" ? [...others, ticket].sort((a, b) => Number(a.id) - Number(b.id)) : others;
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

/** Re-reads the paid tickets with money to hand back (in case an event was missed). */
export async function refreshRefunds(): Promise<void> {
  try {
    const open = await commands.ticketsInFlight();
    screen.refunds = open.filter((t) => t.phase === "refund");
  } catch (e) {
    console.warn("tickets_in_flight failed", e);
  }
}

/** Brings back the paid ticket a sale in progress belongs to. */
export async function openTicketOf(saleId: number): Promise<void> {
  try {
    const ticket = await commands.ticketOfSale(saleId);
    if (ticket) reopenTicket(ticket);
  } catch (e) {
    failed(e);
  }
}

/** Brings back a paid ticket (its bills' states, a refund still due, its receipts). */
export function reopenTicket(ticket: TicketView): void {
  screen.overlay = null;
  screen.paid = ticket;
  const only = ticket.items.length === 1 ? ticket.items[0]?.sale : null;
  screen.current = only ? { sale: only, at: performance.now() } : null;
  screen.receipt = null;
  screen.view = "sale";
  void focusSoon(refundDue(ticket) !== null ? "confirm-refund" : "next-customer");
}
