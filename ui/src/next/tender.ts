// The cash tender: the amount (when the bill lets the cashier choose it) and the cash received,
// quoted by the app as they are typed, then the payment, online or on a provisional receipt.

import { flushSync } from "svelte";
import { commands, type ReceiptFile, type SaleView } from "../generated/ipc";
import { errorCode, errorMessage } from "../lib/errors";
import { editableAmount } from "../lib/format";
import { focusSoon } from "../lib/focus";
import { t } from "../lib/i18n";
import { blocksPayment, heard, screen } from "../lib/state.svelte";
import { maybeFetchReceipt, showCurrent } from "../inflight/track";
import { cashMode } from "../offline/offline";
import { probeHub } from "../status/link";

let quoteSeq = 0;
let quoteTimer: number | undefined;

export function selectBill(i: number): void {
  screen.billIndex = i;
  const bill = screen.bill;
  // The open amount starts at the bill's total, written the way the screen writes amounts.
  screen.amountText = bill?.openAmount ? editableAmount(bill.total) : "";
  screen.receivedText = "";
  screen.quote = null;
  screen.quoteError = null;
  scheduleQuote(0);
}

/** The amount or the cash received changed: ask the app again once the cashier pauses. */
export function scheduleQuote(delay = 120): void {
  window.clearTimeout(quoteTimer);
  quoteTimer = window.setTimeout(() => void quote(), delay);
}

export async function quote(): Promise<void> {
  const bill = screen.bill;
  // A bill this counter already charged is not quoted: the card already says why.
  if (!bill || screen.view !== "tender" || blocksPayment(bill)) return;
  const seq = ++quoteSeq;
  try {
    const q = await commands.quoteCash(bill.key, screen.amountText, screen.receivedText);
    if (seq !== quoteSeq) return;
    screen.quote = q;
    screen.quoteError = null;
  } catch (e) {
    if (seq !== quoteSeq) return;
    screen.quote = null;
    screen.quoteError = errorMessage(e, t().unexpected);
  }
}

type Charge = (billKey: number, amount: string, received: string) => Promise<{ sale: SaleView; receipt: ReceiptFile | null }>;

/** The sale just taken, online or offline: shown at once, tracked until it settles. */
async function takeSale(charge: Charge, onError: (e: unknown) => void): Promise<void> {
  const bill = screen.bill;
  if (!bill || screen.paying || blocksPayment(bill)) return;
  const amount = screen.amountText;
  const received = screen.receivedText;
  // The button says "Sending…" before the app is even asked: the first payment of the day
  // may take a moment (the journal warms up), and a silent button invites a second press.
  screen.paying = true;
  screen.quoteError = null;
  flushSync();
  try {
    const taken = await charge(bill.key, amount, received);
    // The hub may have answered (and the event arrived) before this reply did.
    const sale = heard.get(Number(taken.sale.id)) ?? taken.sale;
    const now = performance.now();
    showCurrent({ sale, at: now });
    if (!sale.isFinal) screen.inflight = new Map(screen.inflight).set(Number(sale.id), { sale, at: now });
    screen.receipt = taken.receipt;
    screen.receiptError = null;
    screen.copyNote = null;
    screen.view = "sale";
    screen.error = null;
    maybeFetchReceipt();
    if (!screen.overlay) void focusSoon("next-customer");
  } catch (e) {
    screen.quoteError = errorMessage(e, t().unexpected);
    onError(e);
  } finally {
    screen.paying = false;
  }
}

/** Enter or the pay button: online, or on a provisional receipt while contingency is available. */
export async function charge(): Promise<void> {
  const mode = cashMode(screen.status);
  if (mode === "offline-contingency") return payOffline();
  // Offline with contingency off there is no way to charge: the panel says what to do.
  if (mode === "offline-disabled") return;
  return pay();
}

export async function pay(): Promise<void> {
  await takeSale(
    async (key, amount, received) => ({ sale: await commands.payCash(key, amount, received), receipt: null }),
    (e) => {
      if (errorCode(e) === "Offline") screen.hub = "down";
    },
  );
}

/** Takes the sale while the hub is unreachable, on a provisional receipt (contingency). */
export async function payOffline(): Promise<void> {
  await takeSale(
    (key, amount, received) => commands.payCashOffline(key, amount, received),
    () => {},
  );
  void probeHub();
}
