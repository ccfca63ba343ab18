// Finding the customer's bill from a barcode (scanned or typed), choosing the company when the
// code belongs to several, and starting over for the next customer.

import { tellCustomerNext } from "../customer/link";
import { commands, type BillView } from "../generated/ipc";
import { focusSoon } from "../lib/focus";
import { forgetScan, markBillPainted, markLookupAnswered, markScanEnter } from "../lib/perf";
import { clamp, screen } from "../lib/state.svelte";
import { failed } from "../status/link";
import { addToTicket } from "../ticket/ticket";
import { scheduleQuote } from "./tender";
import { waitingCharge } from "./charges";

let lookupSeq = 0;

/** A new lookup starts: answers to older ones are ignored from now on. */
export function nextLookup(): number {
  return ++lookupSeq;
}

export function isLatestLookup(seq: number): boolean {
  return seq === lookupSeq;
}

/** A scan, from any screen: it closes what is open and looks the bill up. */
export function onScan(code: string): void {
  screen.overlay = null;
  markScanEnter();
  void lookup(code);
}

/** Enter in the barcode field (a code typed by hand). */
export function lookupTyped(): void {
  const code = screen.barcode.trim();
  if (!code) return;
  markScanEnter();
  void lookup(code);
}

export async function lookup(code: string): Promise<void> {
  const seq = nextLookup();
  screen.barcode = code;
  screen.error = null;
  screen.chooser = null;
  screen.view = "searching";
  try {
    const found = await commands.findByBarcode(code);
    markLookupAnswered();
    if (!isLatestLookup(seq)) return;
    screen.hub = "ok";
    if (found.kind === "bills") {
      await showBills(found.bills);
      return;
    }
    forgetScan();
    screen.chooser = { barcode: found.barcode, companies: found.companies, index: 0 };
    screen.view = "chooser";
    void focusSoon("choice-0");
  } catch (e) {
    if (!isLatestLookup(seq)) return;
    forgetScan();
    // The refused code goes into the message, and the field starts clean for the next scan.
    failed(e, code);
    screen.barcode = "";
    screen.view = "scan";
    void focusSoon("barcode");
  }
}

/** A company of the chooser took the focus (Tab, a click): it is the selected one. */
export function selectChoice(i: number): void {
  if (screen.chooser) screen.chooser.index = i;
}

/** ↑ ↓ in the company chooser: the selection moves, and the focus with it. */
export function moveChooser(d: number): boolean {
  const ch = screen.chooser;
  if (!ch || ch.companies.length === 0) return false;
  ch.index = clamp(ch.index + d, 0, ch.companies.length - 1);
  void focusSoon(`choice-${ch.index}`);
  return true;
}

export async function pickCompanyChoice(index: number): Promise<void> {
  const ch = screen.chooser;
  const c = ch?.companies[index];
  if (!ch || !c) return;
  const seq = nextLookup();
  ch.index = index;
  screen.error = null;
  try {
    const bills = await commands.findByBarcodeForCompany(ch.barcode, c.code);
    if (!isLatestLookup(seq)) return;
    screen.hub = "ok";
    screen.chooser = null;
    await showBills(bills);
  } catch (e) {
    if (!isLatestLookup(seq)) return;
    failed(e);
    void focusSoon(`choice-${ch.index}`);
  }
}

/** What a lookup found: one bill goes into the ticket (or, already charged here, is shown and
 * not added); several are listed for the cashier to pick one. */
export async function showBills(bills: BillView[]): Promise<void> {
  screen.error = null;
  screen.refused = null;
  if (bills.length > 1) {
    screen.bills = bills;
    screen.billIndex = 0;
    screen.view = "pick";
    void markBillPainted();
    void focusSoon("bill-0");
    return;
  }
  const [bill] = bills;
  if (!bill) return;
  const added = await addToTicket(bill);
  toTender(added);
  void markBillPainted();
}

/** The cashier picked one of the bills a lookup found. */
export async function pickBill(index: number): Promise<void> {
  const bill = screen.bills[index];
  if (!bill) return;
  toTender(await addToTicket(bill));
}

/** After a lookup: the cash for the ticket when it has something to pay, else the next scan. */
function toTender(added: boolean): void {
  screen.paid = null;
  screen.current = null;
  screen.receipt = null;
  screen.receiptError = null;
  screen.copyNote = null;
  screen.chooser = null;
  if (screen.ticket.items.length === 0) {
    screen.view = "scan";
    screen.barcode = "";
    void focusSoon("barcode");
    return;
  }
  screen.view = "tender";
  screen.tender = "cash";
  scheduleQuote(0);
  // A bill flagged as already charged keeps the cashier's eye on its notice, not on the cash; a
  // charge waiting for the customer keeps it on the wait (the app refused the bill meanwhile).
  const focus = waitingCharge(screen.ticket) ? "charge-wait" : added || !screen.refused ? "received" : "tender-back";
  void focusSoon(focus, { caretAtEnd: true });
}

/** Back to the scan with the ticket kept (Esc while taking the cash): another bill may come. */
export function backToScan(): void {
  nextLookup();
  screen.view = "scan";
  screen.bills = [];
  screen.refused = null;
  screen.chooser = null;
  screen.barcode = "";
  screen.error = null;
  void focusSoon("barcode");
}

/** The next customer: the paid ticket leaves the screen (its bills stay in "Pagos en curso"). */
export function newCustomer(): void {
  nextLookup();
  screen.view = screen.ticket.items.length > 0 ? "tender" : "scan";
  screen.bills = [];
  screen.billIndex = 0;
  screen.refused = null;
  screen.paid = null;
  screen.current = null;
  screen.receipt = null;
  screen.receiptError = null;
  screen.copyNote = null;
  screen.quote = null;
  screen.quoteError = null;
  screen.refundError = null;
  screen.receivedText = "";
  screen.tender = "cash";
  screen.cardText = "";
  screen.cardError = null;
  screen.walletText = "";
  screen.walletError = null;
  screen.barcode = "";
  screen.error = null;
  screen.chooser = null;
  // The paid customer's taxpayer step (document, debts, ticks) leaves with them: it is kept only
  // while its order is on the ticket being built.
  const order = screen.tax?.order ?? null;
  if (order === null || !screen.ticket.items.some((i) => i.tax?.order === order)) screen.tax = null;
  tellCustomerNext();
  void focusSoon(screen.view !== "tender" ? "barcode" : waitingCharge(screen.ticket) ? "charge-wait" : "received");
}
