// What the cashier's actions do: call the app, keep its answer in the state, re-render.

import type { BillModeView, BillView, CompanyView, ReceiptFile, SaleView, StatusView } from "./bindings";
import { api, errorCode, errorMessage } from "./api";
import { t } from "./i18n";
import { S, clamp, heard, shownFinal } from "./state";
import { renderNext, renderQuote, renderTicket } from "./panels";
import { renderAll, renderInflight, renderOverlay, renderStatus, toast } from "./chrome";
import { focusId, focusPrimary } from "./focus";
import { cashMode } from "./offline";
import { supervisorHeard } from "./supervisor";

let lookupSeq = 0;
let quoteSeq = 0;
let quoteTimer: number | undefined;
let searchTimer: number | undefined;


export function onScan(code: string): void {
  S.overlay = null;
  renderOverlay();
  void lookup(code);
}

export async function lookup(code: string): Promise<void> {
  const seq = ++lookupSeq;
  S.barcode = code;
  S.error = null;
  S.chooser = null;
  S.view = "searching";
  renderNext();
  try {
    const found = await api.findByBarcode(code);
    if (seq !== lookupSeq) return;
    S.hub = "ok";
    if (found.kind === "bills") {
      showBills(found.bills);
      return;
    }
    S.chooser = { barcode: found.barcode, companies: found.companies, index: 0 };
    S.view = "chooser";
    renderAll();
    focusPrimary();
  } catch (e) {
    if (seq !== lookupSeq) return;
    failed(e);
    S.view = "scan";
    renderAll();
    focusPrimary();
  }
}

export async function pickCompanyChoice(index: number): Promise<void> {
  const ch = S.chooser;
  const c = ch?.companies[index];
  if (!ch || !c) return;
  const seq = ++lookupSeq;
  S.chooser = { ...ch, index };
  S.error = null;
  try {
    const bills = await api.findByBarcodeForCompany(ch.barcode, c.code);
    if (seq !== lookupSeq) return;
    S.hub = "ok";
    S.chooser = null;
    showBills(bills);
  } catch (e) {
    if (seq !== lookupSeq) return;
    failed(e);
    renderNext();
    focusPrimary();
  }
}

export function showBills(bills: BillView[]): void {
  S.bills = bills;
  S.current = null;
  S.receipt = null;
  S.receiptProvisional = false;
  S.receiptError = null;
  S.copyNote = null;
  S.error = null;
  S.view = "tender";
  selectBill(0);
  focusPrimary();
}

export function selectBill(i: number): void {
  S.billIndex = i;
  const bill = S.bills[i];
  S.amountText = bill?.openAmount ? bill.total.amount : "";
  S.receivedText = "";
  S.quote = null;
  S.quoteError = null;
  renderAll();
  scheduleQuote(0);
}

export function currentBill(): BillView | null {
  return S.bills[S.billIndex] ?? null;
}

export function scheduleQuote(delay = 120): void {
  window.clearTimeout(quoteTimer);
  quoteTimer = window.setTimeout(() => void quote(), delay);
}

export async function quote(): Promise<void> {
  const bill = currentBill();
  if (!bill || S.view !== "tender") return;
  const seq = ++quoteSeq;
  try {
    const q = await api.quoteCash(bill.key, S.amountText, S.receivedText);
    if (seq !== quoteSeq) return;
    S.quote = q;
    S.quoteError = null;
  } catch (e) {
    if (seq !== quoteSeq) return;
    S.quote = null;
    S.quoteError = errorMessage(e, t().unexpected);
  }
  renderQuote();
}

/** The sale just taken, online or offline: shown at once, tracked until it settles. */
async function takeSale(
  charge: (billKey: number, amount: string, received: string) => Promise<{ sale: SaleView; receipt: ReceiptFile | null }>,
  onError: (e: unknown) => void,
): Promise<void> {
  const bill = currentBill();
  if (!bill || S.paying || bill.busySaleId !== null) return;
  const amount = (document.getElementById("amount") as HTMLInputElement | null)?.value ?? S.amountText;
  const received = (document.getElementById("received") as HTMLInputElement | null)?.value ?? S.receivedText;
  S.paying = true;
  renderQuote();
  try {
    const taken = await charge(bill.key, amount, received);
    // The hub may have answered (and the event arrived) before this reply did.
    const sale = heard.get(Number(taken.sale.id)) ?? taken.sale;
    const now = performance.now();
    S.current = { sale, at: now };
    if (!sale.isFinal) S.inflight.set(Number(sale.id), { sale, at: now });
    S.receipt = taken.receipt;
    S.receiptProvisional = taken.receipt !== null;
    S.receiptError = null;
    S.copyNote = null;
    S.view = "sale";
    S.error = null;
    renderAll();
    focusPrimary();
    maybeFetchReceipt();
  } catch (e) {
    S.quoteError = errorMessage(e, t().unexpected);
    onError(e);
    renderQuote();
  } finally {
    S.paying = false;
    renderQuote();
  }
}

export async function pay(): Promise<void> {
  await takeSale(
    async (key, amount, received) => ({ sale: await api.payCash(key, amount, received), receipt: null }),
    (e) => {
      if (errorCode(e) === "Offline") S.hub = "down";
    },
  );
}

/** Takes the sale while the hub is unreachable, on a provisional receipt (contingency). */
export async function payOffline(): Promise<void> {
  await takeSale(
    (key, amount, received) => api.payCashOffline(key, amount, received),
    () => {},
  );
  void probeHub();
}

export function newCustomer(): void {
  ++lookupSeq;
  S.view = "scan";
  S.bills = [];
  S.billIndex = 0;
  S.current = null;
  S.receipt = null;
  S.receiptProvisional = false;
  S.receiptError = null;
  S.copyNote = null;
  S.quote = null;
  S.quoteError = null;
  S.barcode = "";
  S.error = null;
  S.chooser = null;
  renderAll();
  focusPrimary();
}

export function goTicket(cash: boolean): void {
  S.overlay = null;
  renderOverlay();
  if (S.view === "search" || S.view === "chooser") S.view = S.bills.length ? "tender" : "scan";
  if (S.view === "sale" && S.current?.sale.isFinal) {
    focusPrimary();
    return;
  }
  renderAll();
  if (S.view === "tender") {
    const bill = currentBill();
    focusId(!cash && bill?.openAmount ? "amount" : "received", true);
  } else {
    focusPrimary();
  }
}

export function saleChanged(sale: SaleView): void {
  const id = Number(sale.id);
  const before = heard.get(id);
  heard.set(id, sale);
  if (heard.size > 200) heard.delete(heard.keys().next().value ?? id);
  const now = performance.now();
  const was = S.inflight.get(id);
  if (sale.isFinal) S.inflight.delete(id);
  else S.inflight.set(id, { sale, at: now });
  if (sale.state === "approved" || sale.state === "rejected") S.hub = "ok";
  const onScreen = S.current && Number(S.current.sale.id) === id;
  if (onScreen) {
    S.current = { sale, at: now };
    renderNext();
    renderTicket();
    maybeFetchReceipt();
    if (sale.isFinal) focusId("next-customer");
  } else if (sale.isFinal && was && !before?.isFinal) {
    // Unless it turns out to be the sale whose pay_cash reply is still on its way.
    // (A cashier quick on Enter may already have moved on from it: then it was seen.)
    window.setTimeout(() => {
      if ((!S.current || Number(S.current.sale.id) !== id) && !shownFinal.has(id)) toast(sale);
    }, 800);
  }
  if (!onScreen && sale.isFinal && S.bills.some((b) => b.busySaleId !== null && Number(b.busySaleId) === id)) {
    renderTicket();
  }
  if (S.overlay === "history") void refreshHistoryRows();
  renderInflight();
  renderStatus();
}

let fetchingReceipt: number | null = null;

/** The approved sale's receipt, once the hub's is in (it replaces a provisional one). */
export function maybeFetchReceipt(): void {
  const cur = S.current?.sale;
  if (!cur || cur.state !== "approved" || !cur.receiptReady || (S.receipt && !S.receiptProvisional)) return;
  if (fetchingReceipt === Number(cur.id)) return;
  fetchingReceipt = Number(cur.id);
  void api
    .receiptPdf(cur.id, false)
    .then((r) => {
      if (S.current && S.current.sale.id === cur.id) {
        S.receipt = r;
        S.receiptProvisional = false;
        renderTicket();
      }
    })
    .finally(() => {
      fetchingReceipt = null;
    })
    .catch((e: unknown) => {
      S.receiptError = errorMessage(e, t().unexpected);
      renderTicket();
    });
}

export async function reprintCurrent(): Promise<void> {
  const cur = S.current?.sale;
  if (!cur) return;
  try {
    const r = await api.receiptPdf(cur.id, true);
    S.copyNote = `${t().copyDone}: ${r.path}`;
  } catch (e) {
    S.copyNote = errorMessage(e, t().unexpected);
  }
  renderNext();
}

export async function refreshInflight(): Promise<void> {
  // The sale on screen is re-read too, in case an event was missed.
  const cur = S.current?.sale;
  if (cur && S.view === "sale" && (!cur.isFinal || (cur.state === "approved" && !cur.receiptReady))) {
    try {
      const fresh = await api.sale(cur.id);
      if (fresh.state !== cur.state || fresh.receiptReady !== cur.receiptReady) saleChanged(fresh);
    } catch (e) {
      console.warn("sale refresh failed", e);
    }
  }
  try {
    const sales = await api.salesInFlight();
    const now = performance.now();
    // An event may have settled a sale while this answer was on its way.
    const open = sales.filter((s) => !heard.get(Number(s.id))?.isFinal);
    S.inflight = new Map(open.map((s) => [Number(s.id), { sale: s, at: now }]));
    renderInflight();
    renderStatus();
  } catch (e) {
    console.warn("sales_in_flight failed", e);
  }
}

/** The app's new account of the link, the queue and contingency (event or periodic refresh). */
export function statusChanged(st: StatusView): void {
  const before = S.status;
  S.status = st;
  S.statusAt = performance.now();
  renderStatus();
  if (S.view === "tender" && cashMode(before) !== cashMode(st)) {
    renderNext();
    if (!S.overlay && (document.activeElement === document.body || document.activeElement === null)) focusPrimary();
  }
  if (S.view === "sale" && S.current && !S.current.sale.isFinal && (before?.links[0]?.state ?? "") !== (st.links[0]?.state ?? "")) {
    renderNext();
  }
  supervisorHeard(before, st);
}

export async function probeHub(): Promise<void> {
  // The app's own account of the link and the queue; a lookup of the companies otherwise.
  try {
    statusChanged(await api.status());
    return;
  } catch (e) {
    console.warn("status failed", e);
  }
  try {
    await api.companies("");
    S.hub = "ok";
  } catch (e) {
    if (errorCode(e) === "Offline" || errorCode(e) === "Unauthorized") S.hub = "down";
  }
  renderStatus();
}

export function failed(e: unknown): void {
  S.error = errorMessage(e, t().unexpected);
  if (errorCode(e) === "Offline") S.hub = "down";
}


export function openSearch(): void {
  S.overlay = null;
  renderOverlay();
  S.search ??= { filter: "", companies: null, index: 0, company: null, mode: null, values: {} };
  S.view = "search";
  S.error = null;
  renderAll();
  focusPrimary();
  if (!S.search.companies) void loadCompanies();
}

/** The company filter changed: ask again once the cashier pauses. */
export function scheduleCompanies(): void {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void loadCompanies(), 200);
}

export async function loadCompanies(): Promise<void> {
  const s = S.search;
  if (!s) return;
  const filter = s.filter;
  try {
    const list = await api.companies(filter);
    if (S.search !== s || s.filter !== filter) return;
    s.companies = list;
    s.index = 0;
    S.hub = "ok";
    S.error = null;
  } catch (e) {
    failed(e);
  }
  if (S.view === "search") renderNext();
}

export function pickSearchCompany(c: CompanyView): void {
  if (!S.search) return;
  S.search.company = c;
  S.search.mode = c.billModes.length === 1 ? (c.billModes[0] ?? null) : null;
  S.search.values = {};
  S.error = null;
  renderNext();
  focusPrimary();
}

export function pickMode(m: BillModeView): void {
  if (!S.search) return;
  S.search.mode = m;
  S.search.values = {};
  renderNext();
  focusPrimary();
}

export async function submitSearch(): Promise<void> {
  const s = S.search;
  if (!s?.company || !s.mode) return;
  const values = s.mode.parameters.map((p) => ({ id: p.id, value: s.values[p.id] ?? "" }));
  const seq = ++lookupSeq;
  S.error = null;
  renderNext();
  try {
    const bills = await api.findByCustomerData(s.company.code, s.mode.id, values);
    if (seq !== lookupSeq) return;
    S.hub = "ok";
    showBills(bills);
  } catch (e) {
    if (seq !== lookupSeq) return;
    failed(e);
    renderNext();
  }
}


export async function openHistory(): Promise<void> {
  S.overlay = "history";
  S.history = { rows: [], index: 0, receipt: null, note: null, error: null };
  renderOverlay();
  await refreshHistoryRows();
  focusId(`hist-${S.history.index}`);
}

export async function refreshHistoryRows(): Promise<void> {
  const hs = S.history;
  if (!hs) return;
  try {
    hs.rows = await api.history(100);
    hs.index = clamp(hs.index, 0, Math.max(0, hs.rows.length - 1));
  } catch (e) {
    hs.error = errorMessage(e, t().unexpected);
  }
  if (S.overlay === "history") renderOverlay();
}

export async function showHistoryReceipt(copy: boolean): Promise<void> {
  const hs = S.history;
  const row = hs?.rows[hs.index];
  if (!hs || !row) return;
  try {
    hs.receipt = await api.receiptPdf(row.id, copy);
    hs.note = copy ? `${t().copyDone}: ${hs.receipt.path}` : null;
    hs.error = null;
  } catch (e) {
    hs.receipt = null;
    hs.error = errorMessage(e, t().unexpected);
  }
  renderOverlay();
  focusId(`hist-${hs.index}`);
}

export function toggleHelp(): void {
  S.overlay = S.overlay === "help" ? null : "help";
  renderOverlay();
  if (S.overlay) focusId("help-close");
  else focusPrimary();
}

export function closeOverlay(): void {
  S.overlay = null;
  renderOverlay();
  focusPrimary();
}
