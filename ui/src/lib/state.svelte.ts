// The screen's one state store. Components read it and redraw themselves when what they read
// changes (Svelte runes); actions change it. Data the app returned is kept as it came
// (`$state.raw`, replaced whole, never edited); what the cashier types or picks is deep state.

import type {
  AppInfo,
  AttentionView,
  BillModeView,
  CardStrayView,
  BillView,
  CashQuote,
  CompanyChoice,
  CompanyView,
  ErrorCode,
  ReceiptFile,
  SaleView,
  StatusView,
  TaxDebtsView,
  TaxOrderView,
  TicketReceiptFile,
  TicketView,
  WalletChargeView,
} from "../generated/ipc";
import { SvelteMap } from "svelte/reactivity";

/** What the right-hand panel shows: the next step of serving this customer. "pick": the lookup
 * found several bills and the cashier picks the one to add to the ticket. */
export type View = "scan" | "searching" | "pick" | "tender" | "sale" | "chooser" | "search" | "tax";

/** The tender the cashier is taking on the tender step (a charge waiting shows its wait instead). */
export type TenderKind = "cash" | "card" | "wallet";

export type Overlay = null | "help" | "history" | "supervisor";

/** The hub as seen from the last calls, while the app has not given its own status yet. */
export type Hub = "ok" | "down" | "unknown";

export interface Timed {
  sale: SaleView;
  /** performance.now() when this view of the sale arrived (for countdowns). */
  at: number;
}

/** An error for the cashier: the app's sentence, its code (to clear it when it stops being
 * true), and the code that was refused, if a scan or a typed code was. */
export interface ScreenError {
  text: string;
  code: ErrorCode | null;
  refused: string | null;
  /** Date.now() when it happened (a link that answered since makes "no connection" untrue). */
  at: number;
}

export interface ChooserState {
  barcode: string;
  companies: CompanyChoice[];
  index: number;
}

export interface SearchState {
  filter: string;
  companies: CompanyView[] | null;
  index: number;
  company: CompanyView | null;
  mode: BillModeView | null;
  values: Record<string, string>;
}

/** The F3 step: a taxpayer's debts by document id, the ones the cashier ticks, and the order
 * they make at the tax platform. */
export interface TaxState {
  docText: string;
  /** A call to the platform is under way (lookup, order created or changed). */
  busy: boolean;
  error: string | null;
  debts: TaxDebtsView | null;
  /** Debt ids ticked: what the order should hold once the cashier presses Enter. */
  ticked: string[];
  index: number;
  /** The open order of this taxpayer on the ticket, if one was created. */
  order: number | null;
}

/** A tax order as the app last read it, and when (its countdown runs on from there). */
export interface TimedOrder {
  order: TaxOrderView;
  at: number;
}

export interface HistoryState {
  rows: SaleView[];
  index: number;
  receipt: ReceiptFile | null;
  /** The summary of the selected sale's ticket, when a copy of it was asked for (T). */
  summary: TicketReceiptFile | null;
  error: string | null;
}

/** The F9 panel: contingency settings as typed, and the operations that wait for a person. */
export interface SupervisorState {
  enabled: boolean;
  perCap: string;
  totalCap: string;
  hours: string;
  dirty: boolean;
  saving: boolean;
  error: string | null;
  saved: string | null;
  items: AttentionView[] | null;
  listError: string | null;
  index: number;
  /** The operation whose resolution note is being typed (outbox id). */
  resolving: number | null;
  note: string;
  resolveError: string | null;
  /** What the last retry or resolution came to. */
  listNote: { text: string; bad: boolean } | null;
  /** Card money taken without a sale, as the app last listed it (null while loading). */
  strays: CardStrayView[] | null;
  straysError: string | null;
  /** The card charge whose refund is being confirmed (capture id), and who handed it back. */
  refunding: string | null;
  refundBy: string;
  refundError: string | null;
  /** What the last refund confirmation came to. */
  strayNote: string | null;
  /** Wallet charges for a person (answer lost, money to hand back), as the app last listed them. */
  wallets: WalletChargeView[] | null;
  walletsError: string | null;
  /** The txid typed for each wallet charge whose answer was lost, by its reference. */
  walletTxids: Record<string, string>;
  /** The wallet charge for which "nothing was taken" is being confirmed. */
  walletNone: string | null;
  /** The wallet charge whose refund is being confirmed, and who handed it back. */
  walletRefunding: string | null;
  walletBy: string;
  /** The app refused what was asked about a wallet charge (by its reference). */
  walletError: { reference: string; text: string } | null;
  /** What the last settlement or refund of a wallet charge came to. */
  walletNote: string | null;
}

export interface Toast {
  /** A number of its own: one sale may toast twice (e.g. after a restart). */
  id: number;
  sale: SaleView;
}

/** At most this many toasts at once; the oldest goes first. */
export const MAX_TOASTS = 3;

/** The ticket being built when nothing is in it (what the app answers for an empty one). */
export function emptyTicket(): TicketView {
  return { id: null, items: [], total: null, status: "draft", statusLabel: "", phase: "draft", cashHints: [], money: null, tenders: [], owed: null, chargeNotice: null, settled: false, createdAt: null };
}

const BLANK_INFO: AppInfo = {
  version: "",
  sandbox: false,
  hubUrl: "",
  counter: "",
  cashier: "",
  locale: "es",
  modeLabel: null,
  scanGapMs: 50,
  payTimeoutSecs: 60,
  dataDir: "",
};

export class Screen {
  info = $state.raw<AppInfo>(BLANK_INFO);
  view = $state<View>("scan");
  overlay = $state<Overlay>(null);
  error = $state.raw<ScreenError | null>(null);
  barcode = $state("");
  /** The customer's ticket being built, as the app last returned it. */
  ticket = $state.raw<TicketView>(emptyTicket());
  /** The ticket just paid, kept current by `ticket-changed` until the next customer. */
  paid = $state.raw<TicketView | null>(null);
  /** Paid tickets with money to hand back, from the app's list of tickets in flight. */
  refunds = $state.raw<TicketView[]>([]);
  /** A bill the lookup found that was not added: this counter already charged it. */
  refused = $state.raw<BillView | null>(null);
  /** Bills a lookup found when there were several: the cashier picks one for the ticket. */
  bills = $state.raw<BillView[]>([]);
  billIndex = $state(0);
  /** Open amounts as typed, by ticket line (the app parses them in the locale's style). */
  amountTexts = $state.raw<Record<number, string>>({});
  /** The app refused the amount typed on a line. */
  lineError = $state.raw<{ position: number; text: string } | null>(null);
  /** The app refused a refund confirmation. */
  refundError = $state<string | null>(null);
  receivedText = $state("");
  quote = $state.raw<CashQuote | null>(null);
  quoteError = $state<string | null>(null);
  /** A payment was asked for and the app has not answered yet. */
  paying = $state(false);
  /** The tender step's form: cash, or the card amount (F6). */
  tender = $state<TenderKind>("cash");
  /** The card amount as typed (the app parses it; empty: all that is still owed). */
  cardText = $state("");
  /** The card terminal was asked (or told to stop) and the app has not answered yet. */
  cardBusy = $state(false);
  /** The app refused to ask the terminal, or to stop it, in its words. */
  cardError = $state<string | null>(null);
  /** The wallet amount as typed (the app parses it; empty: all that is still owed). */
  walletText = $state("");
  /** The wallet gateway was asked for a session (or told to stop) and the app has not answered. */
  walletBusy = $state(false);
  /** The app refused to show the wallet's QR code, or to stop waiting, in its words. */
  walletError = $state<string | null>(null);
  /** The charge notice that tells of a wallet charge whose outcome is unknown (shown so that
   * nobody charges the wallet again), as the app worded it. */
  walletUnknown = $state<string | null>(null);
  current = $state.raw<Timed | null>(null);
  receipt = $state.raw<ReceiptFile | null>(null);
  receiptError = $state<string | null>(null);
  copyNote = $state<string | null>(null);
  chooser = $state<ChooserState | null>(null);
  search = $state<SearchState | null>(null);
  inflight = $state.raw<ReadonlyMap<number, Timed>>(new Map());
  hub = $state<Hub>("unknown");
  /** The app's own account of the link and the queue, when it has given one. */
  status = $state.raw<StatusView | null>(null);
  /** performance.now() when `status` arrived (the oldest queued item keeps ageing on screen). */
  statusAt = $state(0);
  history = $state<HistoryState | null>(null);
  tax = $state<TaxState | null>(null);
  /** The tax orders the ticket on screen holds, by the journal's id. */
  taxOrders = $state.raw<ReadonlyMap<number, TimedOrder>>(new Map());
  /** A tax order the cashier asked to cancel: the confirmation is on screen. */
  cancelling = $state<number | null>(null);
  supervisor = $state<SupervisorState | null>(null);
  toasts = $state.raw<Toast[]>([]);
  /** How many sales left unresolved by the last run the cashier has acknowledged (the status
   * counts those settled since this start; more of them show the notice again). */
  settledSeen = $state(0);

  /** The bill being charged (the selected one when the lookup found several). */
  get bill(): BillView | null {
    return this.bills[this.billIndex] ?? null;
  }

  /** The receipt on screen is the provisional one of a sale taken offline. */
  get receiptProvisional(): boolean {
    return this.receipt?.outcome === "savedProvisional";
  }

  /** A freshly opened screen. */
  reset(info: AppInfo): void {
    this.info = info;
    this.view = "scan";
    this.overlay = null;
    this.error = null;
    this.barcode = "";
    this.ticket = emptyTicket();
    this.paid = null;
    this.refunds = [];
    this.refused = null;
    this.bills = [];
    this.billIndex = 0;
    this.amountTexts = {};
    this.lineError = null;
    this.refundError = null;
    this.receivedText = "";
    this.quote = null;
    this.quoteError = null;
    this.paying = false;
    this.tender = "cash";
    this.cardText = "";
    this.cardBusy = false;
    this.cardError = null;
    this.walletText = "";
    this.walletBusy = false;
    this.walletError = null;
    this.walletUnknown = null;
    this.current = null;
    this.receipt = null;
    this.receiptError = null;
    this.copyNote = null;
    this.chooser = null;
    this.search = null;
    this.inflight = new Map();
    this.hub = "unknown";
    this.status = null;
    this.statusAt = 0;
    this.history = null;
    this.tax = null;
    this.taxOrders = new Map();
    this.cancelling = null;
    this.supervisor = null;
    this.toasts = [];
    this.settledSeen = 0;
    heard.clear();
    shownFinal.clear();
  }
}

/** The one store of the screen. */
export const screen = new Screen();

/** Bookkeeping nobody draws, capped so a long shift does not grow it. */
const KEEP = 200;

/** The newest view of each sale heard by event (an event may beat the pay_cash answer). A bill
 * card whose payment was in progress reads it, so it is reactive. */
export const heard = new SvelteMap<number, SaleView>();

/** Sales whose final state the cashier saw on the outcome panel (no toast for those). */
export const shownFinal = new Set<number>();

export function remember(sale: SaleView): SaleView | undefined {
  const id = Number(sale.id);
  const before = heard.get(id);
  heard.delete(id);
  heard.set(id, sale);
  if (heard.size > KEEP) heard.delete(heard.keys().next().value ?? id);
  return before;
}

export function markShown(id: number): void {
  shownFinal.add(id);
  if (shownFinal.size > KEEP) shownFinal.delete(shownFinal.values().next().value ?? id);
}

/** This counter already took the customer's money for the bill (the app says so): it must not
 * be charged again. */
export function blocksPayment(bill: BillView | null): boolean {
  return bill?.earlierSale?.blocksPayment === true;
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
