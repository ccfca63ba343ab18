// The cash tender for the whole ticket: the cash received, quoted by the app as it is typed,
// then the payment, online (the ticket and every bill journaled, then sent) or, while the hub
// cannot be reached and a supervisor allows it, on provisional receipts. Also what the ticket
// being built does by itself: a card's verdict (`draft-changed`), and the ticket its charges
// paid (`ticket-changed`), shown as a ticket paid in cash is.

import { flushSync } from "svelte";
import { commands, type SaleView, type TicketView } from "../generated/ipc";
import { errorCode, errorMessage } from "../lib/errors";
import { t } from "../lib/i18n";
import { heard, screen } from "../lib/state.svelte";
import { maybeFetchReceipt, showCurrent } from "../inflight/track";
import { cashMode } from "../offline/offline";
import { probeHub } from "../status/link";
import { focusPrimary } from "./nav";
import { flushAmounts, knownTicket, latestTicket, setTicket, ticketChanged } from "../ticket/ticket";
import { anyExpired } from "../tax/countdown";
import { draftHeard, hasCharges, sameItems, waitingCharge } from "./charges";
import { focusSoon } from "../lib/focus";
import { noticeAfterWallet } from "../wallet/wallet";
import { tellCustomerPaid } from "../customer/link";

let quoteSeq = 0;
let quoteTimer: number | undefined;

/** The ticket or the cash received changed: ask the app again once the cashier pauses. */
export function scheduleQuote(delay = 120): void {
  window.clearTimeout(quoteTimer);
  quoteTimer = window.setTimeout(() => void quote(), delay);
}

export async function quote(): Promise<void> {
  if (screen.view !== "tender" || screen.ticket.items.length === 0 || waitingCharge(screen.ticket)) return;
  const seq = ++quoteSeq;
  try {
    const q = await commands.ticketQuoteCash(screen.receivedText);
    if (seq !== quoteSeq) return;
    screen.quote = q;
    screen.quoteError = null;
  } catch (e) {
    if (seq !== quoteSeq) return;
    screen.quote = null;
    screen.quoteError = errorMessage(e, t().unexpected);
  }
}

/** The ticket just paid: its outcome on screen (a ticket of one bill paid in cash alone as that
 * bill's sale; one with a card or wallet charge as the ticket, whose tenders say how it was
 * paid), its bills still on their way tracked until they settle. */
function showPaid(ticket: TicketView, taken: SaleView[]): void {
  const now = performance.now();
  screen.paid = latestTicket(ticket);
  const inflight = new Map(screen.inflight);
  for (const s of taken) {
    // The hub may have answered (and the event arrived) before this reply did.
    const sale = heard.get(Number(s.id)) ?? s;
    if (!sale.isFinal) inflight.set(Number(sale.id), { sale, at: now });
  }
  screen.inflight = inflight;
  const first = taken.length === 1 && !hasCharges(ticket) ? taken[0] : undefined;
  const only = first ? (heard.get(Number(first.id)) ?? first) : null;
  if (only) showCurrent({ sale: only, at: now });
  else screen.current = null;
  screen.receiptError = null;
  screen.copyNote = null;
  screen.view = "sale";
  screen.error = null;
  screen.tender = "cash";
  screen.cardText = "";
  screen.cardError = null;
  screen.walletText = "";
  screen.walletError = null;
  // The customer's screen thanks the customer with how they paid (a ticket paid in cash is told
  // by no event of the app's until its bills are answered).
  tellCustomerPaid(screen.paid);
  maybeFetchReceipt();
  if (!screen.overlay) focusPrimary();
}

/** Enter or the pay button: online, or on a provisional receipt while contingency is available. */
export async function charge(): Promise<void> {
  // An expired tax order is said on the ticket, and the pay button says it cannot charge.
  if (anyExpired(screen.taxOrders.values(), performance.now())) return;
  const mode = cashMode(screen.status);
  if (mode === "offline-contingency") return payOffline();
  // Offline with contingency off there is no way to charge: the panel says what to do.
  if (mode === "offline-disabled") return;
  return pay();
}

/** Runs a payment with the button saying "Sending…" before the app is even asked: the first
 * payment of the day may take a moment, and a silent button invites a second press. */
async function paying(run: () => Promise<void>, onError: (e: unknown) => void): Promise<void> {
  if (screen.paying || screen.ticket.items.length === 0) return;
  screen.paying = true;
  screen.quoteError = null;
  flushSync();
  try {
    await flushAmounts();
    if (screen.lineError) return;
    await run();
  } catch (e) {
    screen.quoteError = errorMessage(e, t().unexpected);
    onError(e);
  } finally {
    screen.paying = false;
  }
}

export async function pay(): Promise<void> {
  await paying(
    async () => {
      const ticket = await commands.ticketPayCash(screen.receivedText);
      setTicket(await commands.ticket());
      showPaid(ticket, ticket.items.flatMap((i) => (i.sale ? [i.sale] : [])));
      screen.receipt = null;
    },
    (e) => {
      if (errorCode(e) === "Offline") screen.hub = "down";
    },
  );
}

/** Takes the ticket while the hub is unreachable, each bill on a provisional receipt. */
export async function payOffline(): Promise<void> {
  await paying(async () => {
    const taken = await commands.ticketPayCashOffline(screen.receivedText);
    setTicket(await commands.ticket());
    showPaid(taken.ticket, taken.ticket.items.flatMap((i) => (i.sale ? [i.sale] : [])));
    // A ticket of one bill shows that bill's provisional receipt at once.
    screen.receipt = taken.receipts.length === 1 ? (taken.receipts[0] ?? null) : null;
  }, () => {});
  void probeHub();
}

/** The ticket being built changed (a charge accepted, declined, timed out; a change made here or
 * in another window): it is shown as the app has it. A charge that ended brings back the choice
 * of tender, with the app's notice of why when it failed; the cash is quoted again on what is
 * still owed. While a payment is under way its own answer shows what became of the ticket. */
export function draftChanged(ticket: TicketView): void {
  draftHeard();
  if (screen.paying) return;
  const was = waitingCharge(screen.ticket);
  const waited = was !== null;
  setTicket(ticket);
  if (was && waitingCharge(ticket) === null) {
    screen.tender = "cash";
    screen.cardText = "";
    screen.walletText = "";
    if (was.kind === "wallet") void noticeAfterWallet(was, ticket);
  }
  if (screen.view !== "tender") return;
  if (ticket.items.length === 0) {
    // Paid by its charges (the paid ticket is on its way) or dropped elsewhere: nothing to take.
    screen.view = "scan";
    if (!screen.overlay) void focusSoon("barcode");
    return;
  }
  scheduleQuote(0);
  if (waited && waitingCharge(ticket) === null && !screen.overlay) void focusSoon("received", { caretAtEnd: true });
}

/** The ticket being built paid by its own charges: a paid ticket not seen before, with a card or
 * wallet charge, holding the very items the desk was charging for. */
function paidByCharges(ticket: TicketView): boolean {
  if (ticket.id === null || screen.paid?.id === ticket.id || knownTicket(ticket.id)) return false;
  if (!hasCharges(ticket)) return false;
  // The terminal may answer before the reply to asking it has arrived.
  if (!screen.cardBusy && !screen.walletBusy && !hasCharges(screen.ticket)) return false;
  return sameItems(screen.ticket, ticket);
}

/** A paid ticket changed: the one the desk's charges just paid comes on screen as a ticket paid
 * in cash does; any other is kept current where it is shown. */
export function deskTicketChanged(ticket: TicketView): void {
  if (paidByCharges(ticket)) {
    showPaid(ticket, ticket.items.flatMap((i) => (i.sale ? [i.sale] : [])));
    screen.receipt = null;
    screen.receivedText = "";
    screen.quote = null;
  }
  ticketChanged(ticket);
}
