// Generated from crates/app/src/views.rs by crates/app/tests/bindings.rs. Do not edit.

export type Locale = "es" | "en";

export type ErrorCode = "Validation" | "NotFound" | "Offline" | "Declined" | "Duplicate" | "Expired" | "Unauthorized" | "Internal";

export type UiError = { code: ErrorCode, message: string, };

export type MoneyView = { 
/**
 * Machine form at the currency's scale, e.g. `2748.00`.
 */
amount: string, currency: string, 
/**
 * As the cashier reads it, e.g. `$ 2.748,00`.
 */
display: string, };

export type AppInfo = { version: string, sandbox: boolean, hubUrl: string, counter: string, cashier: string, locale: Locale, scanGapMs: number, payTimeoutSecs: number, dataDir: string, };

export type ParamView = { id: string, name: string, 
/**
 * `text`, `integer`, `decimal` or `date`.
 */
inputType: string, maxLength: number, readOnly: boolean, optional: boolean, };

export type BillModeView = { id: string, name: string, parameters: Array<ParamView>, };

export type CompanyView = { code: string, name: string, billModes: Array<BillModeView>, };

export type BillView = { 
/**
 * Handle for paying this bill; the bill's data stays in the journal.
 */
key: number, companyCode: string, companyName: string, customerId: string, barcode: string | null, description: string, total: MoneyView, 
/**
 * True when the cashier may charge any amount between `min` and `max`.
 */
openAmount: boolean, min: MoneyView, max: MoneyView, 
/**
 * A sale of this bill still waiting for the hub: it cannot be charged again meanwhile.
 */
busySaleId: number | null, };

export type CompanyChoice = { code: string, name: string, customerId: string, total: MoneyView, };

export type BarcodeLookup = { "kind": "bills", bills: Array<BillView>, } | { "kind": "chooseCompany", barcode: string, companies: Array<CompanyChoice>, };

export type ParamValue = { id: string, value: string, };

export type CashQuote = { amount: MoneyView, received: MoneyView, change: MoneyView, };

export type SaleView = { id: number, clientTransactionId: string, companyName: string, customerId: string, barcode: string | null, amount: MoneyView, tender: string, received: MoneyView, change: MoneyView, 
/**
 * `journaled`, `sending`, `querying`, `approved` or `rejected`.
 */
state: string, 
/**
 * The state in the cashier's words.
 */
stateLabel: string, isFinal: boolean, 
/**
 * Why it was rejected, in the cashier's words.
 */
reason: string | null, 
/**
 * The hub's own words for the rejection, verbatim (for support staff).
 */
hubReason: string | null, hubNumber: number | null, createdAt: string, 
/**
 * Seconds since the cashier confirmed the sale.
 */
waitedSecs: number, 
/**
 * Seconds until Ventanilla asks the hub again, while it is asking.
 */
nextCheckInSecs: number | null, 
/**
 * How long the hub is given to answer before Ventanilla starts asking.
 */
answerTimeoutSecs: number, receiptReady: boolean, 
/**
 * Taken while the hub was unreachable, on a provisional receipt.
 */
provisional: boolean, };

export type ReceiptFile = { saleId: number, path: string, copy: boolean, 
/**
 * The receipt as text, for the on-screen preview.
 */
text: string, };

export type LinkView = { 
/**
 * `traxion` for the bill-payment hub.
 */
gateway: string, name: string, 
/**
 * `unknown` (before the first call), `online`, `degraded` or `offline`.
 */
state: string, label: string, lastSuccessAt: string | null, };

export type ContingencyView = { enabled: boolean, perPaymentCap: MoneyView, totalCap: MoneyView, windowHours: number, 
/**
 * Money taken offline and not yet confirmed by the hub.
 */
heldOffline: MoneyView, 
/**
 * True when a provisional sale may be taken right now (enabled and the hub unreachable).
 */
available: boolean, };

export type StatusView = { links: Array<LinkView>, 
/**
 * Operations waiting to be delivered.
 */
queueDepth: number, 
/**
 * Age of the oldest of them.
 */
oldestQueuedSecs: number | null, 
/**
 * When an operation was last delivered.
 */
lastSyncAt: string | null, 
/**
 * Operations that wait for a supervisor.
 */
attention: number, provisionalPending: number, contingency: ContingencyView, 
/**
 * The journal refuses writes (full disk, or its size cap): queued sales wait, unsent, until
 * it takes them again. `warning` says so in words.
 */
journalRefusing: boolean, 
/**
 * Something the cashier must know now (journal full, clock behind the journal, old offline
 * sales), the most urgent first.
 */
warning: string | null, };

export type AttentionView = { outboxId: number, sale: SaleView, 
/**
 * What happened and what to do, in the cashier's language.
 */
reason: string, 
/**
 * The hub's own words, verbatim, when it gave any.
 */
hubReason: string | null, since: string, attempts: number, lastError: string | null, };

export type ProvisionalSale = { sale: SaleView, receipt: ReceiptFile, };
