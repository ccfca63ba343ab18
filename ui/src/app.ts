// The cashier's one main screen: ticket on the left, the next step on the right, payments in
// progress below, status bar at the bottom; help and history as overlays. The screen renders
// what the app returns and sends what the cashier did; it never computes money or state.

import { api, errorCode, errorMessage, onSaleChanged } from "./api";
import type {
  AppInfo,
  BillModeView,
  BillView,
  CashQuote,
  CompanyChoice,
  CompanyView,
  ReceiptFile,
  SaleView,
} from "./bindings";
import { h, replace } from "./dom";
import { rejectionText, t } from "./i18n";
import { installKeyboard } from "./keyboard";

type View = "scan" | "searching" | "tender" | "sale" | "chooser" | "search";
type Overlay = null | "help" | "history";
type Hub = "ok" | "down" | "unknown";

interface Timed {
  sale: SaleView;
  /** performance.now() when this view of the sale arrived (for countdowns). */
  at: number;
}

interface SearchState {
  filter: string;
  companies: CompanyView[] | null;
  index: number;
  company: CompanyView | null;
  mode: BillModeView | null;
  values: Record<string, string>;
}

interface HistoryState {
  rows: SaleView[];
  index: number;
  receipt: ReceiptFile | null;
  note: string | null;
  error: string | null;
}

interface State {
  info: AppInfo;
  view: View;
  overlay: Overlay;
  error: string | null;
  barcode: string;
  bills: BillView[];
  billIndex: number;
  amountText: string;
  receivedText: string;
  quote: CashQuote | null;
  quoteError: string | null;
  paying: boolean;
  current: Timed | null;
  receipt: ReceiptFile | null;
  receiptError: string | null;
  copyNote: string | null;
  chooser: { barcode: string; companies: CompanyChoice[]; index: number } | null;
  search: SearchState | null;
  inflight: Map<number, Timed>;
  hub: Hub;
  history: HistoryState | null;
}

let S: State;
const el = {
  ticket: null as unknown as HTMLElement,
  next: null as unknown as HTMLElement,
  inflight: null as unknown as HTMLElement,
  status: null as unknown as HTMLElement,
  overlay: null as unknown as HTMLElement,
  toasts: null as unknown as HTMLElement,
};

/** The newest view of each sale heard by event (an event may beat the pay_cash answer). */
const heard = new Map<number, SaleView>();
let lookupSeq = 0;
let quoteSeq = 0;
let quoteTimer: number | undefined;
let searchTimer: number | undefined;

// ---------------------------------------------------------------------------------------------
// Start-up

export async function start(root: HTMLElement, info: AppInfo): Promise<void> {
  S = {
    info,
    view: "scan",
    overlay: null,
    error: null,
    barcode: "",
    bills: [],
    billIndex: 0,
    amountText: "",
    receivedText: "",
    quote: null,
    quoteError: null,
    paying: false,
    current: null,
    receipt: null,
    receiptError: null,
    copyNote: null,
    chooser: null,
    search: null,
    inflight: new Map(),
    hub: "unknown",
    history: null,
  };
  el.ticket = h("section.ticket", { "aria-label": t().ticketTitle });
  el.next = h("section.next", { "aria-label": t().nextTitle });
  el.inflight = h("section.inflight", { "aria-label": t().inflightTitle, "aria-live": "polite" });
  el.status = h("footer.statusbar");
  el.overlay = h("div.overlay-host");
  el.toasts = h("div.toasts", { "aria-live": "assertive" });
  const banner = info.sandbox ? h("div.sandbox-banner#sandbox-banner", { role: "note" }, t().sandboxBanner) : null;
  root.replaceChildren(
    ...[
    h(
      "header.topbar",
      {},
      h("img.logo", { src: "/icon.png", alt: "" }),
      h("span.brand", {}, t().appName),
      h(
        "nav.keys",
        { "aria-label": t().helpTitle },
        keyChip("F1", t().help, () => toggleHelp()),
        keyChip("F2", t().searchByData, () => openSearch()),
        keyChip("F4", t().ticketTitle, () => goTicket(false)),
        keyChip("F5", t().cashTitle, () => goTicket(true)),
        keyChip("F8", t().historyTitle, () => void openHistory()),
      ),
    ),
    h("main.main", {}, el.ticket, el.next),
    el.inflight,
    banner,
    el.status,
    el.overlay,
    el.toasts,
    ].filter((n): n is HTMLElement => n !== null),
  );
  root.removeAttribute("aria-busy");

  window.addEventListener("keydown", onKey);
  installKeyboard(info.scanGapMs, { onScan, onStrayText });
  renderAll();
  focusPrimary();

  await onSaleChanged(saleChanged);
  void refreshInflight();
  void probeHub();
  window.setInterval(tick, 1000);
  window.setInterval(() => void refreshInflight(), 5000);
  window.setInterval(() => void probeHub(), 30000);
}

function keyChip(key: string, label: string, action: () => void): HTMLElement {
  return h(
    "button.keychip",
    { type: "button", tabindex: "-1", onclick: () => action() },
    h("kbd", {}, key),
    h("span", {}, label),
  );
}

// ---------------------------------------------------------------------------------------------
// Keys

function onKey(e: KeyboardEvent): void {
  const target = e.target as HTMLElement | null;
  const inField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  switch (e.key) {
    case "F1":
      e.preventDefault();
      toggleHelp();
      return;
    case "F2":
      e.preventDefault();
      openSearch();
      return;
    case "F4":
      e.preventDefault();
      goTicket(false);
      return;
    case "F5":
      e.preventDefault();
      goTicket(true);
      return;
    case "F8":
      e.preventDefault();
      void openHistory();
      return;
    case "F3":
    case "F6":
    case "F7":
    case "F9":
    case "F10":
    case "F11":
    case "F12":
      e.preventDefault();
      return;
    case "Escape":
      e.preventDefault();
      back();
      return;
    case "ArrowDown":
    case "ArrowUp": {
      const d = e.key === "ArrowDown" ? 1 : -1;
      if (moveSelection(d)) e.preventDefault();
      return;
    }
    case "Enter":
      if (target instanceof HTMLButtonElement) return; // the button's own click
      if (confirm(inField ? target : null)) e.preventDefault();
      return;
  }
}

/** Arrow keys in whatever list is on screen. */
function moveSelection(d: number): boolean {
  if (S.overlay === "history" && S.history) {
    const n = S.history.rows.length;
    if (n === 0) return false;
    S.history.index = clamp(S.history.index + d, 0, n - 1);
    S.history.receipt = null;
    S.history.note = null;
    S.history.error = null;
    renderOverlay();
    focusId(`hist-${S.history.index}`);
    return true;
  }
  if (S.overlay) return false;
  if (S.view === "chooser" && S.chooser) {
    S.chooser.index = clamp(S.chooser.index + d, 0, S.chooser.companies.length - 1);
    renderNext();
    focusId(`choice-${S.chooser.index}`);
    return true;
  }
  if (S.view === "search" && S.search && !S.search.company && S.search.companies) {
    S.search.index = clamp(S.search.index + d, 0, Math.max(0, S.search.companies.length - 1));
    renderNext();
    document.getElementById(`company-${S.search.index}`)?.scrollIntoView({ block: "nearest" });
    return true;
  }
  if (S.view === "search" && S.search?.company && !S.search.mode) {
    const modes = S.search.company.billModes;
    const i = modes.findIndex((m) => document.activeElement?.id === `mode-${m.id}`);
    const next = modes[clamp(i + d, 0, modes.length - 1)];
    if (next) focusId(`mode-${next.id}`);
    return true;
  }
  if (S.view === "tender" && S.bills.length > 1 && !(document.activeElement instanceof HTMLInputElement)) {
    selectBill(clamp(S.billIndex + d, 0, S.bills.length - 1));
    focusId(`bill-${S.billIndex}`);
    return true;
  }
  return false;
}

/** Enter: the obvious action of what is on screen. True when it did something. */
function confirm(field: HTMLElement | null): boolean {
  if (S.overlay === "help") {
    closeOverlay();
    return true;
  }
  if (S.overlay === "history") {
    void showHistoryReceipt(false);
    return true;
  }
  switch (S.view) {
    case "scan": {
      const code = (document.getElementById("barcode") as HTMLInputElement | null)?.value ?? S.barcode;
      if (code.trim()) void lookup(code.trim());
      return true;
    }
    case "tender":
      void pay();
      return true;
    case "sale":
      if (S.current?.sale.isFinal || !field) newCustomer();
      return true;
    case "chooser":
      void pickCompanyChoice(S.chooser?.index ?? 0);
      return true;
    case "search":
      if (!S.search) return false;
      if (!S.search.company) {
        const c = S.search.companies?.[S.search.index];
        if (c) pickSearchCompany(c);
      } else if (S.search.mode) {
        void submitSearch();
      }
      return true;
    default:
      return false;
  }
}

function back(): void {
  if (S.overlay) {
    closeOverlay();
    return;
  }
  switch (S.view) {
    case "search":
      if (S.search?.mode && (S.search.company?.billModes.length ?? 0) > 1) S.search.mode = null;
      else if (S.search?.company) {
        S.search.company = null;
        S.search.mode = null;
      } else {
        S.view = S.bills.length ? "tender" : "scan";
      }
      S.error = null;
      break;
    case "chooser":
      S.chooser = null;
      S.view = "scan";
      break;
    case "tender":
    case "sale":
      newCustomer();
      return;
    case "scan":
      S.barcode = "";
      S.error = null;
      break;
    default:
      break;
  }
  renderAll();
  focusPrimary();
}

/** Text typed while no field had the focus. */
function onStrayText(text: string): void {
  if (S.overlay === "history" && text.toLowerCase() === "c") {
    void showHistoryReceipt(true);
    return;
  }
  if (S.overlay) return;
  if (S.view === "scan") {
    S.barcode += text;
    renderNext();
    focusId("barcode", true);
  } else if (S.view === "tender" && S.current === null) {
    const input = document.getElementById("received") as HTMLInputElement | null;
    if (input) {
      input.focus();
      input.value += text;
      S.receivedText = input.value;
      scheduleQuote();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Actions

function onScan(code: string): void {
  S.overlay = null;
  renderOverlay();
  void lookup(code);
}

async function lookup(code: string): Promise<void> {
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

async function pickCompanyChoice(index: number): Promise<void> {
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

function showBills(bills: BillView[]): void {
  S.bills = bills;
  S.current = null;
  S.receipt = null;
  S.receiptError = null;
  S.copyNote = null;
  S.error = null;
  S.view = "tender";
  selectBill(0);
  focusPrimary();
}

function selectBill(i: number): void {
  S.billIndex = i;
  const bill = S.bills[i];
  S.amountText = bill?.openAmount ? bill.total.amount : "";
  S.receivedText = "";
  S.quote = null;
  S.quoteError = null;
  renderAll();
  scheduleQuote(0);
}

function currentBill(): BillView | null {
  return S.bills[S.billIndex] ?? null;
}

function scheduleQuote(delay = 120): void {
  window.clearTimeout(quoteTimer);
  quoteTimer = window.setTimeout(() => void quote(), delay);
}

async function quote(): Promise<void> {
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

async function pay(): Promise<void> {
  const bill = currentBill();
  if (!bill || S.paying || bill.busySaleId !== null) return;
  const amount = (document.getElementById("amount") as HTMLInputElement | null)?.value ?? S.amountText;
  const received = (document.getElementById("received") as HTMLInputElement | null)?.value ?? S.receivedText;
  S.paying = true;
  renderQuote();
  try {
    const answered = await api.payCash(bill.key, amount, received);
    // The hub may have answered (and the event arrived) before this reply did.
    const sale = heard.get(Number(answered.id)) ?? answered;
    const now = performance.now();
    S.current = { sale, at: now };
    if (!sale.isFinal) S.inflight.set(Number(sale.id), { sale, at: now });
    S.receipt = null;
    S.receiptError = null;
    S.copyNote = null;
    S.view = "sale";
    S.error = null;
    renderAll();
    focusPrimary();
    maybeFetchReceipt();
  } catch (e) {
    S.quoteError = errorMessage(e, t().unexpected);
    if (errorCode(e) === "Offline") S.hub = "down";
    renderQuote();
  } finally {
    S.paying = false;
    renderQuote();
  }
}

function newCustomer(): void {
  ++lookupSeq;
  S.view = "scan";
  S.bills = [];
  S.billIndex = 0;
  S.current = null;
  S.receipt = null;
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

function goTicket(cash: boolean): void {
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

function saleChanged(sale: SaleView): void {
  const id = Number(sale.id);
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
  } else if (sale.isFinal && was) {
    // Unless it turns out to be the sale whose pay_cash reply is still on its way.
    window.setTimeout(() => {
      if (!S.current || Number(S.current.sale.id) !== id) toast(sale);
    }, 800);
  }
  if (S.overlay === "history") void refreshHistoryRows();
  renderInflight();
  renderStatus();
}

function maybeFetchReceipt(): void {
  const cur = S.current?.sale;
  if (!cur || cur.state !== "approved" || !cur.receiptReady || S.receipt) return;
  void api
    .receiptPdf(cur.id, false)
    .then((r) => {
      if (S.current && S.current.sale.id === cur.id) {
        S.receipt = r;
        renderTicket();
      }
    })
    .catch((e: unknown) => {
      S.receiptError = errorMessage(e, t().unexpected);
      renderTicket();
    });
}

async function reprintCurrent(): Promise<void> {
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

async function refreshInflight(): Promise<void> {
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
    S.inflight = new Map(sales.map((s) => [Number(s.id), { sale: s, at: now }]));
    renderInflight();
    renderStatus();
  } catch (e) {
    console.warn("sales_in_flight failed", e);
  }
}

async function probeHub(): Promise<void> {
  try {
    await api.companies("");
    S.hub = "ok";
  } catch (e) {
    if (errorCode(e) === "Offline" || errorCode(e) === "Unauthorized") S.hub = "down";
  }
  renderStatus();
}

function failed(e: unknown): void {
  S.error = errorMessage(e, t().unexpected);
  if (errorCode(e) === "Offline") S.hub = "down";
}

// Customer-data search ---------------------------------------------------------------------------

function openSearch(): void {
  S.overlay = null;
  renderOverlay();
  S.search ??= { filter: "", companies: null, index: 0, company: null, mode: null, values: {} };
  S.view = "search";
  S.error = null;
  renderAll();
  focusPrimary();
  if (!S.search.companies) void loadCompanies();
}

async function loadCompanies(): Promise<void> {
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

function pickSearchCompany(c: CompanyView): void {
  if (!S.search) return;
  S.search.company = c;
  S.search.mode = c.billModes.length === 1 ? (c.billModes[0] ?? null) : null;
  S.search.values = {};
  S.error = null;
  renderNext();
  focusPrimary();
}

function pickMode(m: BillModeView): void {
  if (!S.search) return;
  S.search.mode = m;
  S.search.values = {};
  renderNext();
  focusPrimary();
}

async function submitSearch(): Promise<void> {
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

// History ----------------------------------------------------------------------------------------

async function openHistory(): Promise<void> {
  S.overlay = "history";
  S.history = { rows: [], index: 0, receipt: null, note: null, error: null };
  renderOverlay();
  await refreshHistoryRows();
  focusId(`hist-${S.history.index}`);
}

async function refreshHistoryRows(): Promise<void> {
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

async function showHistoryReceipt(copy: boolean): Promise<void> {
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

function toggleHelp(): void {
  S.overlay = S.overlay === "help" ? null : "help";
  renderOverlay();
  if (S.overlay) focusId("help-close");
  else focusPrimary();
}

function closeOverlay(): void {
  S.overlay = null;
  renderOverlay();
  focusPrimary();
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderAll(): void {
  renderTicket();
  renderNext();
  renderInflight();
  renderStatus();
  renderOverlay();
}

function renderTicket(): void {
  const tr = t();
  if (S.bills.length === 0) {
    replace(
      el.ticket,
      h("h2.panel-title", {}, tr.ticketTitle),
      h("div.empty", {}, h("div.empty-icon", { "aria-hidden": "true" }, "▤"), h("p.empty-title", {}, tr.ticketEmpty), h("p", {}, tr.ticketEmptyHint)),
    );
    return;
  }
  const many = S.bills.length > 1;
  const sale = S.view === "sale" ? S.current?.sale : undefined;
  replace(
    el.ticket,
    h("h2.panel-title", {}, many ? tr.chooseBill : tr.ticketTitle),
    ...(sale
      ? [currentBill()].filter((b): b is BillView => b !== null).map((b) => billCard(b, 0, false, true))
      : S.bills.map((b, i) => billCard(b, i, many))),
    sale?.state === "approved"
      ? h(
          "div.receipt",
          {},
          h("h3", {}, tr.receiptTitle),
          S.receipt
            ? h("pre.receipt-text#receipt-text", {}, S.receipt.text)
            : h("p.hint", {}, S.receiptError ?? tr.receiptPending),
          S.receipt ? h("p.path", {}, `${tr.receiptPath}: `, h("code#receipt-path", {}, S.receipt.path)) : null,
        )
      : null,
  );
}

function billCard(b: BillView, i: number, many: boolean, compact = false): HTMLElement {
  const tr = t();
  const selected = i === S.billIndex;
  const editable = selected && b.openAmount && S.view === "tender";
  const card = h(
    many ? "button.bill-card" : "article.bill-card",
    {
      id: many ? `bill-${i}` : "bill-card",
      class: `bill-card${selected ? " selected" : ""}${compact ? " compact" : ""}`,
      "data-key": String(b.key),
      "data-company": b.companyCode,
      type: many ? "button" : null,
      onclick: many ? () => selectBill(i) : null,
    },
    many ? h("div.bill-n", {}, tr.billN(i + 1, S.bills.length)) : null,
    h("div.company-name#company-name", {}, b.companyName),
    h(
      "dl.facts",
      {},
      h("dt", {}, tr.company),
      h("dd", {}, `${b.companyName} (${tr.code} ${b.companyCode})`),
      h("dt", {}, tr.customer),
      h("dd.customer-id", {}, b.customerId),
      b.description ? h("dt", {}, tr.description) : null,
      b.description ? h("dd", {}, b.description) : null,
    ),
    h("div.amount-label", {}, b.openAmount ? tr.openAmount : tr.total),
    editable
      ? h(
          "div.amount-editor",
          {},
          h("input.amount-input#amount", {
            type: "text",
            inputmode: "decimal",
            autocomplete: "off",
            maxlength: "16",
            value: S.amountText,
            "aria-describedby": "amount-limits",
            "aria-label": tr.openAmount,
            oninput: (e: Event) => {
              S.amountText = (e.target as HTMLInputElement).value;
              scheduleQuote();
            },
          }),
          h("div.limits#amount-limits", {}, tr.limits(b.min.display, b.max.display)),
        )
      : h("div.amount-big#total", {}, b.total.display),
    b.openAmount && !editable ? h("div.limits", {}, tr.limits(b.min.display, b.max.display)) : null,
    b.busySaleId !== null
      ? h("div.notice.pending#busy", { role: "status" }, h("strong", {}, "◷ "), tr.busy(String(b.busySaleId)))
      : null,
  );
  return card;
}

function renderNext(): void {
  const tr = t();
  const err = S.error ? h("div.alert#error", { role: "alert" }, h("strong", {}, "⚠ "), S.error) : null;
  switch (S.view) {
    case "scan":
    case "searching": {
      const busy = S.view === "searching";
      replace(
        el.next,
        h("h2.panel-title", {}, tr.nextTitle),
        h(
          "div.scan-hero",
          {},
          h("div.scan-icon", { "aria-hidden": "true" }, h("span", {}, "|| ||| | |||")),
          h("h3", {}, busy ? tr.searching : tr.scanTitle),
          h("p.hint", {}, tr.scanHint),
        ),
        err,
        h(
          "label.field",
          {},
          h("span.field-label", {}, tr.barcodeLabel),
          h("input.big-input#barcode", {
            type: "text",
            inputmode: "numeric",
            autocomplete: "off",
            maxlength: "64",
            value: S.barcode,
            disabled: busy,
            oninput: (e: Event) => {
              S.barcode = (e.target as HTMLInputElement).value;
            },
          }),
        ),
        h(
          "div.actions",
          {},
          h(
            "button.btn.primary#lookup",
            { type: "button", disabled: busy, onclick: () => confirm(null) },
            tr.findBill,
            h("kbd", {}, "Enter"),
          ),
          h("button.btn#open-search", { type: "button", onclick: () => openSearch() }, tr.searchByData, h("kbd", {}, "F2")),
        ),
      );
      return;
    }
    case "tender":
      renderTender(err);
      return;
    case "sale":
      renderSale();
      return;
    case "chooser":
      renderChooser(err);
      return;
    case "search":
      renderSearch(err);
      return;
  }
}

function renderTender(err: HTMLElement | null): void {
  const tr = t();
  const bill = currentBill();
  if (!bill) return;
  const busy = bill.busySaleId !== null;
  replace(
    el.next,
    h("h2.panel-title", {}, tr.cashTitle, h("kbd.title-key", {}, "F5")),
    err,
    h(
      "label.field",
      {},
      h("span.field-label", {}, tr.received),
      h("input.big-input.money-input#received", {
        type: "text",
        inputmode: "decimal",
        autocomplete: "off",
        maxlength: "16",
        placeholder: bill.total.display,
        value: S.receivedText,
        disabled: busy,
        "aria-describedby": "received-hint",
        oninput: (e: Event) => {
          S.receivedText = (e.target as HTMLInputElement).value;
          scheduleQuote();
        },
      }),
      h("span.field-hint#received-hint", {}, tr.receivedHint),
    ),
    h("div#quote"),
    h(
      "div.actions",
      {},
      h(
        "button.btn.primary.big#pay",
        { type: "button", disabled: busy, onclick: () => void pay() },
        tr.confirmCash,
        h("kbd", {}, "Enter"),
      ),
    ),
  );
  renderQuote();
}

function renderQuote(): void {
  const box = document.getElementById("quote");
  if (!box) return;
  const tr = t();
  const q = S.quote;
  const pay = document.getElementById("pay") as HTMLButtonElement | null;
  if (pay) pay.disabled = S.paying || (currentBill()?.busySaleId ?? null) !== null;
  replace(
    box,
    h(
      "div.quote",
      {},
      h("div.quote-row", {}, h("span", {}, tr.toCharge), h("strong#quote-amount", {}, q ? q.amount.display : "—")),
      h("div.quote-row", {}, h("span", {}, tr.received), h("strong#quote-received", {}, q ? q.received.display : "—")),
      h(
        "div.change-box",
        {},
        h("span.change-label", {}, tr.change),
        h("span.change-big#change", {}, q ? q.change.display : "—"),
      ),
    ),
    S.quoteError ? h("div.alert#quote-error", { role: "alert" }, h("strong", {}, "⚠ "), S.quoteError) : null,
  );
}

function statePill(sale: SaleView, id?: string): HTMLElement {
  const icon = sale.state === "approved" ? "✓" : sale.state === "rejected" ? "✕" : "◷";
  return h(
    `span.pill`,
    { id: id ?? null, class: `pill state-${sale.state}`, "data-state": sale.state },
    h("span.pill-icon", { "aria-hidden": "true" }, icon),
    sale.stateLabel,
  );
}

function waitingText(x: Timed): { waited: number; line: string } {
  const tr = t();
  const elapsed = (performance.now() - x.at) / 1000;
  const waited = Number(x.sale.waitedSecs) + elapsed;
  let line = tr.waitingJournaled;
  if (x.sale.state === "sending") {
    line = tr.waitingSending(Math.max(0, Math.ceil(Number(x.sale.answerTimeoutSecs) - waited)));
  } else if (x.sale.state === "querying" && x.sale.nextCheckInSecs !== null) {
    line = tr.waitingQuerying(Math.max(0, Math.ceil(Number(x.sale.nextCheckInSecs) - elapsed)));
  }
  return { waited, line };
}

function renderSale(): void {
  const tr = t();
  const cur = S.current;
  if (!cur) return;
  const sale = cur.sale;
  const parts: (HTMLElement | null)[] = [h("h2.panel-title", {}, tr.nextTitle)];
  if (!sale.isFinal) {
    const w = waitingText(cur);
    parts.push(
      h(
        "div.outcome.pending",
        {},
        statePill(sale, "sale-state"),
        h("h3", {}, tr.waitingTitle),
        h("p.countdown#countdown", {}, w.line),
        h("p.waited", {}, tr.waited(tr.seconds(w.waited))),
        h("p.hint", {}, tr.meanwhile),
      ),
    );
  } else if (sale.state === "approved") {
    parts.push(
      h(
        "div.outcome.approved",
        {},
        statePill(sale, "sale-state"),
        h("div.change-label", {}, tr.changeToGive),
        h("div.change-huge#sale-change", {}, sale.change.display),
        h(
          "p.sale-line",
          {},
          `${tr.toCharge}: ${sale.amount.display} · ${tr.received}: ${sale.received.display}`,
          sale.hubNumber !== null ? ` · ${tr.operation(String(sale.hubNumber))}` : "",
        ),
      )
    );
  } else {
    parts.push(
      h(
        "div.outcome.rejected",
        {},
        statePill(sale, "sale-state"),
        ...reasonNodes(sale.reason),
      ),
    );
  }
  parts.push(
    h(
      "div.actions",
      {},
      h("button.btn.primary.big#next-customer", { type: "button", onclick: () => newCustomer() }, tr.newCustomer, h("kbd", {}, sale.isFinal ? "Enter" : "Esc")),
      sale.state === "approved"
        ? h("button.btn#reprint", { type: "button", disabled: !sale.receiptReady, onclick: () => void reprintCurrent() }, tr.reprint)
        : null,
    ),
  );
  replace(el.next, ...parts);
}

/** A rejection: what happened and what to do, big; the hub's words small, for support. */
function reasonNodes(reason: string | null): HTMLElement[] {
  const r = rejectionText(reason, S.info.locale);
  const tr = t();
  const out = [h("p.reason#reason", {}, r.plain || tr.rejectedHint)];
  if (r.plain && !/devuelva|give .* back/i.test(r.plain)) out.push(h("p.hint", {}, tr.rejectedHint));
  if (r.detail) out.push(h("p.reason-detail#reason-detail", {}, r.detail));
  return out;
}

function renderChooser(err: HTMLElement | null): void {
  const tr = t();
  const ch = S.chooser;
  if (!ch) return;
  replace(
    el.next,
    h("h2.panel-title", {}, tr.chooserTitle),
    h("p.hint", {}, tr.chooserHint),
    err,
    h(
      "div.list#chooser",
      { role: "listbox", "aria-label": tr.chooserTitle },
      ...ch.companies.map((c, i) =>
        h(
          "button.list-item",
          {
            id: `choice-${i}`,
            type: "button",
            role: "option",
            class: `list-item${i === ch.index ? " selected" : ""}`,
            "aria-selected": i === ch.index ? "true" : "false",
            "data-code": c.code,
            onclick: () => void pickCompanyChoice(i),
            onfocus: () => {
              ch.index = i;
              document.querySelectorAll("#chooser .list-item").forEach((n, j) => {
                n.classList.toggle("selected", j === i);
                n.setAttribute("aria-selected", j === i ? "true" : "false");
              });
            },
          },
          h("span.item-main", {}, c.name),
          h("span.item-sub", {}, `${tr.code} ${c.code} · ${tr.customer} ${c.customerId}`),
          h("span.item-amount", {}, c.total.display),
        ),
      ),
    ),
  );
}

function renderSearch(err: HTMLElement | null): void {
  const tr = t();
  const s = S.search;
  if (!s) return;
  const parts: (HTMLElement | null)[] = [h("h2.panel-title", {}, tr.searchTitle, h("kbd.title-key", {}, "F2"))];
  if (!s.company) {
    parts.push(
      h(
        "label.field",
        {},
        h("span.field-label", {}, tr.searchFilter),
        h("input.big-input#search-filter", {
          type: "text",
          autocomplete: "off",
          maxlength: "60",
          value: s.filter,
          "aria-controls": "company-list",
          oninput: (e: Event) => {
            s.filter = (e.target as HTMLInputElement).value;
            window.clearTimeout(searchTimer);
            searchTimer = window.setTimeout(() => void loadCompanies(), 200);
          },
        }),
      ),
      err,
      s.companies === null
        ? h("p.hint", {}, tr.searchLoading)
        : s.companies.length === 0
          ? h("p.hint", {}, tr.searchNoCompanies)
          : h(
              "div.list#company-list",
              { role: "listbox" },
              ...s.companies.map((c, i) =>
                h(
                  "button.list-item",
                  {
                    id: `company-${i}`,
                    type: "button",
                    tabindex: "-1",
                    role: "option",
                    class: `list-item${i === s.index ? " selected" : ""}`,
                    "aria-selected": i === s.index ? "true" : "false",
                    "data-code": c.code,
                    onclick: () => pickSearchCompany(c),
                  },
                  h("span.item-main", {}, c.name),
                  h("span.item-sub", {}, `${tr.code} ${c.code}`),
                ),
              ),
            ),
    );
  } else if (!s.mode) {
    parts.push(
      companyHeader(s.company),
      h("p.hint", {}, tr.searchModes),
      err,
      h(
        "div.list",
        {},
        ...s.company.billModes.map((m) =>
          h("button.list-item", { id: `mode-${m.id}`, type: "button", onclick: () => pickMode(m) }, h("span.item-main", {}, m.name)),
        ),
      ),
    );
  } else {
    const mode = s.mode;
    parts.push(
      companyHeader(s.company),
      h("p.mode-name", {}, mode.name),
      err,
      h(
        "form.param-form#param-form",
        { onsubmit: (e: Event) => { e.preventDefault(); void submitSearch(); } },
        ...mode.parameters.map((p, i) =>
          h(
            "label.field",
            {},
            h("span.field-label", {}, p.name, p.optional ? h("em.optional", {}, ` (${tr.optional})`) : null),
            h("input.big-input.param", {
              id: `param-${i}`,
              type: "text",
              "data-param": p.id,
              "data-type": p.inputType,
              inputmode: p.inputType === "integer" ? "numeric" : p.inputType === "decimal" ? "decimal" : null,
              placeholder: p.inputType === "date" ? (S.info.locale === "en" ? "YYYY-MM-DD" : "AAAA-MM-DD") : null,
              maxlength: p.maxLength > 0 ? String(p.maxLength) : null,
              readonly: p.readOnly,
              required: !p.optional,
              autocomplete: "off",
              value: s.values[p.id] ?? "",
              oninput: (e: Event) => {
                s.values[p.id] = (e.target as HTMLInputElement).value;
              },
            }),
          ),
        ),
        h(
          "div.actions",
          {},
          h("button.btn.primary#search-submit", { type: "submit" }, tr.searchSubmit, h("kbd", {}, "Enter")),
          h("button.btn", { type: "button", onclick: () => back() }, tr.changeCompany, h("kbd", {}, "Esc")),
        ),
      ),
    );
  }
  replace(el.next, ...parts);
}

function companyHeader(c: CompanyView): HTMLElement {
  return h("div.company-header", {}, h("strong", {}, c.name), h("span.item-sub", {}, ` · ${t().code} ${c.code}`));
}

function renderInflight(): void {
  const tr = t();
  const rows = [...S.inflight.values()].sort((a, b) => Number(a.sale.id) - Number(b.sale.id));
  if (rows.length === 0) {
    el.inflight.hidden = true;
    el.inflight.replaceChildren();
    return;
  }
  el.inflight.hidden = false;
  replace(
    el.inflight,
    h("h2.strip-title", {}, `◷ ${tr.inflightTitle}`),
    h(
      "ul.strip",
      {},
      ...rows.map((x) => {
        const w = waitingText(x);
        const countdown =
          x.sale.state === "sending"
            ? tr.countdownSending(Math.max(0, Math.ceil(Number(x.sale.answerTimeoutSecs) - w.waited)))
            : x.sale.state === "querying" && x.sale.nextCheckInSecs !== null
              ? tr.countdownQuerying(Math.max(0, Math.ceil(Number(x.sale.nextCheckInSecs) - (performance.now() - x.at) / 1000)))
              : "";
        return h(
          "li.strip-item",
          { "data-sale": String(x.sale.id) },
          statePill(x.sale),
          h("span.strip-main", {}, `${x.sale.companyName} · ${x.sale.customerId}`),
          h("strong.strip-amount", {}, x.sale.amount.display),
          h("span.strip-time", {}, tr.waited(tr.seconds(w.waited))),
          countdown ? h("span.strip-countdown", {}, countdown) : null,
        );
      }),
    ),
    h("p.strip-hint", {}, tr.meanwhile),
  );
}

function renderStatus(): void {
  const tr = t();
  const hubText = S.hub === "ok" ? tr.hubOk : S.hub === "down" ? tr.hubDown : tr.hubUnknown;
  const rows = [...S.inflight.values()];
  const oldest = rows.reduce((m, x) => Math.max(m, waitingText(x).waited), 0);
  replace(
    el.status,
    h("span.status-item", { class: `status-item hub-${S.hub}`, id: "hub-state" }, h("span.dot", { "aria-hidden": "true" }), hubText),
    h("span.status-item", {}, rows.length ? tr.inflightOldest(rows.length, tr.seconds(oldest)) : tr.inflightZero),
    h("span.status-spacer"),
    h("span.status-item", {}, `${tr.counter}: `, h("strong", {}, S.info.counter)),
    h("span.status-item", {}, `${tr.cashier}: `, h("strong", {}, S.info.cashier)),
    h("span.status-item.muted", {}, `v${S.info.version}`),
  );
}

function renderOverlay(): void {
  const tr = t();
  if (S.overlay === "help") {
    replace(
      el.overlay,
      h(
        "div.overlay",
        { role: "dialog", "aria-modal": "true", "aria-label": tr.helpTitle, onclick: (e: Event) => { if (e.target === e.currentTarget) closeOverlay(); } },
        h(
          "div.dialog.help#help",
          {},
          h("h2", {}, tr.helpTitle),
          h("table.keys-table", {}, h("tbody", {}, ...tr.keys.map(([k, d]) => h("tr", {}, h("td", {}, h("kbd", {}, k)), h("td", {}, d))))),
          h("div.actions", {}, h("button.btn.primary#help-close", { type: "button", onclick: () => closeOverlay() }, tr.helpClose)),
        ),
      ),
    );
    return;
  }
  if (S.overlay === "history" && S.history) {
    const hs = S.history;
    const sel = hs.rows[hs.index];
    replace(
      el.overlay,
      h(
        "div.overlay",
        { role: "dialog", "aria-modal": "true", "aria-label": tr.historyTitle },
        h(
          "div.dialog.history#history",
          {},
          h("h2", {}, tr.historyTitle, h("kbd.title-key", {}, "F8")),
          h("p.hint", {}, tr.historyHint),
          hs.error ? h("div.alert", { role: "alert" }, h("strong", {}, "⚠ "), hs.error) : null,
          h(
            "div.history-body",
            {},
            hs.rows.length === 0
              ? h("p.hint", {}, tr.historyEmpty)
              : h(
                  "div.list.history-list#history-list",
                  { role: "listbox" },
                  ...hs.rows.map((r, i) =>
                    h(
                      "button.list-item.history-row",
                      {
                        id: `hist-${i}`,
                        type: "button",
                        role: "option",
                        class: `list-item history-row${i === hs.index ? " selected" : ""}`,
                        "aria-selected": i === hs.index ? "true" : "false",
                        "data-sale": String(r.id),
                        onclick: () => {
                          hs.index = i;
                          void showHistoryReceipt(false);
                        },
                      },
                      h("span.hist-time", {}, localTime(r.createdAt)),
                      h("span.item-main", {}, r.companyName, h("span.item-sub", {}, ` · ${r.customerId}`)),
                      h("span.item-amount", {}, r.amount.display),
                      statePill(r),
                    ),
                  ),
                ),
            h(
              "div.history-detail",
              {},
              hs.receipt
                ? [
                    h("h3", {}, tr.receiptTitle, hs.receipt.copy ? " (COPIA)" : ""),
                    h("pre.receipt-text#history-receipt", {}, hs.receipt.text),
                    h("p.path", {}, `${tr.receiptPath}: `, h("code", {}, hs.receipt.path)),
                    hs.note ? h("p.path#history-note", {}, hs.note) : null,
                  ]
                : sel
                  ? [
                      h("h3", {}, sel.companyName),
                      h("p", {}, statePill(sel)),
                      ...(sel.state === "rejected" ? reasonNodes(sel.reason) : []),
                      h("p.hint", {}, sel.receiptReady ? tr.showReceipt + " (Enter)" : tr.noReceipt),
                    ]
                  : null,
              sel
                ? h(
                    "div.actions",
                    {},
                    h("button.btn#history-show", { type: "button", tabindex: "-1", disabled: !sel.receiptReady, onclick: () => void showHistoryReceipt(false) }, tr.showReceipt, h("kbd", {}, "Enter")),
                    h("button.btn#history-reprint", { type: "button", tabindex: "-1", disabled: !sel.receiptReady, onclick: () => void showHistoryReceipt(true) }, tr.reprint, h("kbd", {}, "C")),
                  )
                : null,
            ),
          ),
        ),
      ),
    );
    return;
  }
  el.overlay.replaceChildren();
}

function tick(): void {
  if (S.view === "sale" && S.current && !S.current.sale.isFinal) {
    const line = document.getElementById("countdown");
    if (line) renderNext();
  }
  renderInflight();
  renderStatus();
}

function toast(sale: SaleView): void {
  const text = `${sale.companyName} ${sale.amount.display}: ${sale.stateLabel}${sale.reason ? ` — ${rejectionText(sale.reason, S.info.locale).plain}` : ""}`;
  const node = h("div.toast", { class: `toast state-${sale.state}`, role: "status" }, statePill(sale), h("span", {}, text));
  el.toasts.append(node);
  window.setTimeout(() => node.remove(), 12000);
}

// ---------------------------------------------------------------------------------------------
// Focus

function focusPrimary(): void {
  if (S.overlay === "help") return focusId("help-close");
  if (S.overlay === "history") return focusId(`hist-${S.history?.index ?? 0}`);
  switch (S.view) {
    case "scan":
      return focusId("barcode", true);
    case "tender": {
      const bill = currentBill();
      if (S.bills.length > 1 && !bill) return focusId("bill-0");
      return focusId(bill?.busySaleId !== null ? "next-customer" : "received", true);
    }
    case "sale":
      return focusId("next-customer");
    case "chooser":
      return focusId(`choice-${S.chooser?.index ?? 0}`);
    case "search":
      if (!S.search?.company) {
        focusId("search-filter", true);
        (document.getElementById("search-filter") as HTMLInputElement | null)?.select();
        return;
      }
      if (!S.search.mode) return focusId(`mode-${S.search.company.billModes[0]?.id ?? ""}`);
      return focusId("param-0", true);
    default:
      return;
  }
}

function focusId(id: string, caretAtEnd = false): void {
  const n = document.getElementById(id) as HTMLElement | null;
  if (!n) return;
  n.focus();
  n.scrollIntoView({ block: "nearest" });
  if (caretAtEnd && n instanceof HTMLInputElement) {
    const len = n.value.length;
    try {
      n.setSelectionRange(len, len);
    } catch {
      /* not a text field */
    }
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(S.info.locale === "en" ? "en-GB" : "es-AR", { hour: "2-digit", minute: "2-digit" });
}
