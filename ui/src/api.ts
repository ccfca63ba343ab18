// One typed function per Tauri command (src-tauri/src/lib.rs), and the sale-changed and
// status-changed events.
// Every type comes from bindings.ts, generated from the Rust views.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AppInfo,
  AttentionView,
  BarcodeLookup,
  BillView,
  CashQuote,
  CompanyView,
  ContingencyView,
  ErrorCode,
  ParamValue,
  ProvisionalSale,
  ReceiptFile,
  SaleView,
  StatusView,
  UiError,
} from "./bindings";

/** Ids cross IPC as JSON numbers; the generated types call them bigint. */
type Id = BillView["key"];

function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  return invoke<T>(cmd, args);
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  findByBarcode: (raw: string) => call<BarcodeLookup>("find_by_barcode", { raw }),
  findByBarcodeForCompany: (raw: string, companyCode: string) =>
    call<BillView[]>("find_by_barcode_for_company", { raw, companyCode }),
  companies: (filter: string) => call<CompanyView[]>("companies", { filter }),
  findByCustomerData: (companyCode: string, modeId: string, values: ParamValue[]) =>
    call<BillView[]>("find_by_customer_data", { companyCode, modeId, values }),
  quoteCash: (billKey: Id, amount: string, received: string) =>
    call<CashQuote>("quote_cash", { billKey, amount, received }),
  payCash: (billKey: Id, amount: string, received: string) =>
    call<SaleView>("pay_cash", { billKey, amount, received }),
  sale: (id: Id) => call<SaleView>("sale", { id }),
  salesInFlight: () => call<SaleView[]>("sales_in_flight"),
  history: (limit: number) => call<SaleView[]>("history", { limit }),
  receiptPdf: (saleId: Id, copy: boolean) => call<ReceiptFile>("receipt_pdf", { saleId, copy }),
  status: () => call<StatusView>("status"),
  setContingency: (enabled: boolean, perPaymentCap: string, totalCap: string, windowHours: number) =>
    call<ContingencyView>("set_contingency", { enabled, perPaymentCap, totalCap, windowHours }),
  payCashOffline: (billKey: Id, amount: string, received: string) =>
    call<ProvisionalSale>("pay_cash_offline", { billKey, amount, received }),
  needsAttention: () => call<AttentionView[]>("needs_attention"),
  retryAttention: (outboxId: number) => call<null>("retry_attention", { outboxId }),
  resolveAttention: (outboxId: number, note: string) => call<null>("resolve_attention", { outboxId, note }),
};

export const SALE_CHANGED = "sale-changed";

export function onSaleChanged(f: (sale: SaleView) => void): Promise<UnlistenFn> {
  return listen<SaleView>(SALE_CHANGED, (e) => f(e.payload));
}

export const STATUS_CHANGED = "status-changed";

export function onStatusChanged(f: (status: StatusView) => void): Promise<UnlistenFn> {
  return listen<StatusView>(STATUS_CHANGED, (e) => f(e.payload));
}

export function isUiError(e: unknown): e is UiError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

/** The cashier-facing sentence for a failed call; never raw JSON. */
export function errorMessage(e: unknown, fallback: string): string {
  if (isUiError(e)) return e.message;
  console.error("unexpected error from a command", e);
  return fallback;
}

export function errorCode(e: unknown): ErrorCode | null {
  return isUiError(e) ? e.code : null;
}
