// The screen's state: one object, read by the panels, changed by the actions.

import type { AppInfo, AttentionView, StatusView, BillModeView, BillView, CashQuote, CompanyChoice, CompanyView, ReceiptFile, SaleView } from "./bindings";

export type View = "scan" | "searching" | "tender" | "sale" | "chooser" | "search";

export type Overlay = null | "help" | "history" | "supervisor";

export type Hub = "ok" | "down" | "unknown";

export interface Timed {
  sale: SaleView;
  /** performance.now() when this view of the sale arrived (for countdowns). */
  at: number;
}

export interface SearchState {
  filter: string;
  companies: CompanyView[] | null;
  index: number;
  company: CompanyView | null;
  mode: BillModeView | null;
  values: Record<string, string>;
}

export interface HistoryState {
  rows: SaleView[];
  index: number;
  receipt: ReceiptFile | null;
  note: string | null;
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
}

export interface State {
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
  /** The receipt on screen is the provisional one of a sale taken offline. */
  receiptProvisional: boolean;
  receiptError: string | null;
  copyNote: string | null;
  chooser: { barcode: string; companies: CompanyChoice[]; index: number } | null;
  search: SearchState | null;
  inflight: Map<number, Timed>;
  hub: Hub;
  /** The app's own account of the link and the queue, when it has given one. */
  status: StatusView | null;
  /** performance.now() when `status` arrived (the oldest queued item keeps ageing on screen). */
  statusAt: number;
  history: HistoryState | null;
  supervisor: SupervisorState | null;
}

export let S: State;

/** The state of a freshly opened screen. */
export function initState(info: AppInfo): void {
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
    receiptProvisional: false,
    receiptError: null,
    copyNote: null,
    chooser: null,
    search: null,
    inflight: new Map(),
    hub: "unknown",
    status: null,
    statusAt: 0,
    history: null,
    supervisor: null,
  };
}

export const el = {
  ticket: null as unknown as HTMLElement,
  next: null as unknown as HTMLElement,
  inflight: null as unknown as HTMLElement,
  status: null as unknown as HTMLElement,
  overlay: null as unknown as HTMLElement,
  toasts: null as unknown as HTMLElement,
};

/** The newest view of each sale heard by event (an event may beat the pay_cash answer). */
export const heard = new Map<number, SaleView>();

/** Sales whose final state the cashier saw on the outcome panel (no toast for those). */
export const shownFinal = new Set<number>();

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(S.info.locale === "en" ? "en-GB" : "es-AR", { hour: "2-digit", minute: "2-digit" });
}
