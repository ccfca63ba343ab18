// Generated from crates/app/src/ipc by crates/app/tests/bindings.rs. Do not edit: run
// UPDATE_BINDINGS=1 cargo test -p ventanilla-app --test bindings

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

/** Every command goes through the one `ipc` command of the desktop shell. */
function call<R>(command: string, args: Record<string, unknown>): Promise<R> {
  return invoke<R>("ipc", { command, args });
}

export type AppInfo = { version: string, 
/**
 * Running against the built-in simulator: nothing is really charged.
 */
sandbox: boolean, 
/**
 * The banner's words when `sandbox` ("Modo prueba (simulador)"), in the cashier's language.
 */
modeLabel: string | null, hubUrl: string, counter: string, cashier: string, locale: Locale, scanGapMs: number, payTimeoutSecs: number, dataDir: string, };

export type AttentionView = { outboxId: number, 
/**
 * Who is paid (a bill's company, a tax order's number).
 */
title: string, 
/**
 * Whose debt it is (a bill's customer id, a taxpayer's document id).
 */
customerId: string, amount: MoneyView, 
/**
 * The bill sale, when the operation is one.
 */
sale: SaleView | null, 
/**
 * What happened and what to do, in the cashier's language.
 */
reason: string, 
/**
 * The hub's own words, verbatim, when it gave any.
 */
hubReason: string | null, since: string, attempts: number, lastError: string | null, };

export type BarcodeLookup = { "kind": "bills", bills: Array<BillView>, } | { "kind": "chooseCompany", barcode: string, companies: Array<CompanyChoice>, };

export type BillModeView = { id: string, name: string, parameters: Array<ParamView>, };

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
 * This counter already charged this bill (approved, in flight or offline): it is refused
 * unless that sale was rejected.
 */
earlierSale: EarlierSaleView | null, };

export type CardStrayView = { captureId: string, amount: MoneyView, 
/**
 * The card, the capture and why no sale stands behind it.
 */
label: string, foundAt: string, 
/**
 * Who confirmed the refund, once someone did.
 */
refundedBy: string | null, };

export type CashQuote = { amount: MoneyView, received: MoneyView, change: MoneyView, };

export type CompanyChoice = { code: string, name: string, customerId: string, total: MoneyView, };

export type CompanyView = { code: string, name: string, billModes: Array<BillModeView>, };

export type ContingencyView = { enabled: boolean, perPaymentCap: MoneyView, totalCap: MoneyView, windowHours: number, 
/**
 * Money taken offline and not yet confirmed by the hub.
 */
heldOffline: MoneyView, 
/**
 * True when a provisional sale may be taken right now (enabled and the hub unreachable).
 */
available: boolean, };

export type EarlierSale = "approved" | "inFlight" | "provisional" | "rejected";

export type EarlierSaleView = { saleId: number, state: EarlierSale, 
/**
 * When the cashier took it (RFC 3339).
 */
takenAt: string, amount: MoneyView, 
/**
 * True when the bill must not be charged again (anything but a rejection).
 */
blocksPayment: boolean, 
/**
 * The whole notice in the cashier's words: which sale, how it stands, since when.
 */
notice: string, };

export type ErrorCode = "Validation" | "NotFound" | "Offline" | "Declined" | "Duplicate" | "Expired" | "Unauthorized" | "Internal";

export type LinkView = { 
/**
 * The gateway's id: `traxion` for the bill-payment hub.
 */
gateway: string, 
/**
 * The gateway as the cashier calls it, e.g. "Sistema de cobro (simulador)".
 */
name: string, 
/**
 * The built-in simulator stands in for this gateway: nothing is really charged.
 */
sandbox: boolean, 
/**
 * `unknown` (before the first call), `online`, `degraded` or `offline`.
 */
state: string, label: string, lastSuccessAt: string | null, };

export type Locale = "es" | "en";

export type MoneyView = { 
/**
 * Machine form at the currency's scale, e.g. `2748.00`.
 */
amount: string, currency: string, 
/**
 * As the cashier reads it, e.g. `$ 2.748,00`.
 */
display: string, };

export type ParamValue = { id: string, value: string, };

export type ParamView = { id: string, name: string, 
/**
 * `text`, `integer`, `decimal` or `date`.
 */
inputType: string, maxLength: number, readOnly: boolean, optional: boolean, };

export type ProvisionalSale = { sale: SaleView, receipt: ReceiptFile, };

export type ProvisionalTicket = { ticket: TicketView, receipts: Array<ReceiptFile>, };

export type ReceiptFile = { saleId: number, outcome: ReceiptOutcome, 
/**
 * The outcome in the cashier's words, e.g. "Copia del comprobante guardada (PDF)".
 */
outcomeLabel: string, copy: boolean, 
/**
 * The receipt as text, for the on-screen preview.
 */
text: string, 
/**
 * Where the PDF is, for the desktop shell to open or print. Never shown to the cashier:
 * `outcome_label` says what happened.
 */
file: string, };

export type ReceiptOutcome = "saved" | "savedProvisional";

export type ReceiptState = "ready" | "coming" | "provisional" | "awaitingAnswer" | "noReceipt";

export type RefundState = "none" | "due" | "done";

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
 * Why it was rejected, in the cashier's words. Says what happened, never what to do now:
 * the money to hand back is its ticket's (`TicketMoneyView::refund_due`).
 */
reason: string | null, 
/**
 * The hub's own words for the rejection, verbatim and whole (for support staff).
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
answerTimeoutSecs: number, 
/**
 * The hub's receipt is here (`receipt` is `ready`).
 */
receiptReady: boolean, receipt: ReceiptState, 
/**
 * Taken while the hub was unreachable, on a provisional receipt.
 */
provisional: boolean, };

export type StatusView = { 
/**
 * One per gateway this counter talks to.
 */
links: Array<LinkView>, 
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
attention: number, provisionalPending: number, 
/**
 * Sales left unresolved by the last run (a crash, a power cut) that have been settled
 * since this start; `settled_at_start` lists them.
 */
settledAtStart: number, contingency: ContingencyView, 
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

export type TaxDebtView = { 
/**
 * The platform's id of the debt: what `taxCreateOrder` takes.
 */
id: string, 
/**
 * The platform's own words.
 */
description: string, kind: string | null, amount: MoneyView, };

export type TaxDebtsView = { 
/**
 * The document id in its canonical form (`V-12345678`, `J-40157748-2`).
 */
docId: string, debts: Array<TaxDebtView>, 
/**
 * The sum of every debt; none when nothing is owed.
 */
total: MoneyView | null, };

export type TaxLineView = { 
/**
 * The journal's id of its order.
 */
order: number, orderId: string, 
/**
 * The platform's id of the debt (what `taxChangeOrder` takes to take it off the order).
 */
debtId: string, 
/**
 * `pending`, `success` or `error`.
 */
status: string, statusLabel: string, 
/**
 * Whether the platform has said its last word on it.
 */
isFinal: boolean, };

export type TaxOrderItemView = { id: string, description: string, amount: MoneyView, 
/**
 * `pending` (no callback yet), `success` or `error`.
 */
status: string, statusLabel: string, };

export type TaxOrderView = { 
/**
 * The journal's id of the order: what `taxChangeOrder` and `taxCancelOrder` take.
 */
id: number, 
/**
 * The platform's id.
 */
orderId: string, docId: string, 
/**
 * `open`, `reported`, `processing`, `complete`, `canceled`, `expired`, `report_refused`.
 */
phase: string, phaseLabel: string, total: MoneyView, expireAt: string, 
/**
 * Seconds left before the platform lets the order go (0 once expired).
 */
secondsLeft: number, 
/**
 * Within the last 15 minutes: take the money now or the order is lost.
 */
expiring: boolean, items: Array<TaxOrderItemView>, 
/**
 * The payment's reference, once reported.
 */
reference: string | null, };

export type TenderView = { 
/**
 * `cash`, `card` or `wallet`.
 */
kind: string, 
/**
 * `accepted` (the ticket has this money) or `waiting` (the customer is at the terminal, or
 * has the QR code to scan).
 */
state: string, 
/**
 * What the cashier reads: `Tarjeta •••• 1111 (INCA-0000000432)`, `Billetera (txid 3f2a…)`.
 */
label: string, 
/**
 * What it pays of the total (cash: what it pays, its change apart).
 */
amount: MoneyView, 
/**
 * The blockchain's transaction id of a wallet payment, whole, for the receipt and audit.
 */
txid: string | null, 
/**
 * When a waiting charge gives up (RFC 3339), and how many seconds are left of it.
 */
deadline: string | null, secondsLeft: number | null, 
/**
 * What the customer scans to pay with a wallet, while it waits: the URL, and the QR code
 * of it as SVG markup to draw as it is.
 */
qrUrl: string | null, qrSvg: string | null, };

export type TicketItemView = { 
/**
 * 1-based, in the order the cashier added it; what `ticketRemove` and friends take.
 */
position: number, 
/**
 * The gateway that settles it (`traxion` for bills).
 */
gateway: string, 
/**
 * Who is paid (the company of a bill).
 */
title: string, 
/**
 * Whose debt it is (the customer id on a bill).
 */
customerId: string, amount: MoneyView, 
/**
 * The bill as looked up, while the ticket is being built (its open-amount limits).
 */
bill: BillView | null, 
/**
 * Its sale once the ticket is paid: state, reason, receipt.
 */
sale: SaleView | null, 
/**
 * A tax debt's order and state (none for bills).
 */
tax: TaxLineView | null, refund: RefundState, };

export type TicketMoneyView = { 
/**
 * What the customer handed over (cash before change).
 */
received: MoneyView, change: MoneyView, 
/**
 * Items the gateways took.
 */
approved: MoneyView, 
/**
 * Items still waiting for their gateway's answer.
 */
waiting: MoneyView, 
/**
 * Items refused, refunded or not.
 */
rejected: MoneyView, refunded: MoneyView, 
/**
 * To hand back now: refused items whose refund is not confirmed yet.
 */
refundDue: MoneyView, };

export type TicketReceiptFile = { ticketId: number, copy: boolean, 
/**
 * What was done, in the cashier's words.
 */
outcomeLabel: string, 
/**
 * The summary as text, for the on-screen preview.
 */
text: string, 
/**
 * Where the PDF is, for the desktop shell; never shown as the message.
 */
file: string, };

export type TicketView = { 
/**
 * None while the ticket is being built.
 */
id: number | null, items: Array<TicketItemView>, 
/**
 * None for an empty ticket (it cannot be paid).
 */
total: MoneyView | null, 
/**
 * `draft` while being built; then the ledger payment's status (`initialized`,
 * `Completed`, `cancelled`, `rejected`).
 */
status: string, statusLabel: string, 
/**
 * What the cashier does about it now: `draft` (being built), `waiting` (items not answered
 * yet), `refund` (money to hand back), `settled` (nothing more), `cancelled`.
 */
phase: string, 
/**
 * What the customer is likely to hand over while it is being built: the exact total, then
 * round sums of common notes above it (shortcuts for the cash received).
 */
cashHints: Array<MoneyView>, 
/**
 * Once paid.
 */
money: TicketMoneyView | null, 
/**
 * How it is being paid, or was: the card and wallet charges taken and waiting while it is
 * built, every tender once paid.
 */
tenders: Array<TenderView>, 
/**
 * What the tenders taken so far leave to pay, while it is being built.
 */
owed: MoneyView | null, 
/**
 * Why the last card or wallet charge did not go through, until the next one starts.
 */
chargeNotice: string | null, 
/**
 * Every item final and every refund confirmed: nothing more will happen to it.
 */
settled: boolean, createdAt: string | null, };

export type UiError = { code: ErrorCode, message: string, };

export type WalletChargeView = { reference: string, amount: MoneyView, 
/**
 * `unknown` (the charge's answer was lost: settle it with the customer's txid),
 * `refund_due` (charged, no sale behind it), `refunded`.
 */
state: string, txid: string | null, createdAt: string, refundedBy: string | null, };

export const commands = {
  /** What this counter is and how it is set up. */
  appInfo: (): Promise<AppInfo> => call("app_info", {}),
  /** A scanned or typed barcode: the bill, or the companies to choose from. */
  findByBarcode: (raw: string): Promise<BarcodeLookup> => call("find_by_barcode", { raw }),
  /** The barcode again, once the cashier chose the company. */
  findByBarcodeForCompany: (raw: string, companyCode: string): Promise<Array<BillView>> => call("find_by_barcode_for_company", { raw, companyCode }),
  /** The companies whose name or code contains the filter. */
  companies: (filter: string): Promise<Array<CompanyView>> => call("companies", { filter }),
  /** Bills found by the customer's data for one of the company's bill modes. */
  findByCustomerData: (companyCode: string, modeId: string, values: Array<ParamValue>): Promise<Array<BillView>> => call("find_by_customer_data", { companyCode, modeId, values }),
  /** The change for cash received, as typed by the cashier. */
  quoteCash: (billKey: number, amount: string, received: string): Promise<CashQuote> => call("quote_cash", { billKey, amount, received }),
  /** Takes the cash: the sale is journaled before it is sent. */
  payCash: (billKey: number, amount: string, received: string): Promise<SaleView> => call("pay_cash", { billKey, amount, received }),
  /** The customer's ticket being built. */
  ticket: (): Promise<TicketView> => call("ticket", {}),
  /** Adds a looked-up bill to the ticket, at `amount` as typed (empty: its total). */
  ticketAddBill: (billKey: number, amount: string): Promise<TicketView> => call("ticket_add_bill", { billKey, amount }),
  /** Changes what is charged for an open-amount bill of the ticket. */
  ticketSetAmount: (position: number, amount: string): Promise<TicketView> => call("ticket_set_amount", { position, amount }),
  /** Takes an item out of the ticket before payment. */
  ticketRemove: (position: number): Promise<TicketView> => call("ticket_remove", { position }),
  /** Drops the ticket before payment; nothing is sent. */
  ticketAbandon: (): Promise<TicketView> => call("ticket_abandon", {}),
  /** Asks the card terminal for `amount` as typed (empty: all that is still owed); the card's  verdict arrives as `draft-changed` (or `ticket-changed` when it covers the ticket). */
  ticketPayCard: (amount: string): Promise<TicketView> => call("ticket_pay_card", { amount }),
  /** Stops waiting for the card at the terminal. */
  ticketCancelCard: (): Promise<TicketView> => call("ticket_cancel_card", {}),
  /** Shows a wallet-connect QR code for `amount` as typed (empty: all still owed); the  charge's outcome arrives as `draft-changed` (or `ticket-changed`). */
  ticketPayWallet: (amount: string): Promise<TicketView> => call("ticket_pay_wallet", { amount }),
  /** Stops waiting for the customer's wallet. */
  ticketCancelWallet: (): Promise<TicketView> => call("ticket_cancel_wallet", {}),
  /** Wallet charges a person must look at (answer lost, money to hand back). */
  walletAttention: (): Promise<Array<WalletChargeView>> => call("wallet_attention", {}),
  /** A supervisor settles a wallet charge whose answer was lost, with the customer's txid  (empty: nothing was taken). */
  walletSettleUnknown: (reference: string, txid: string): Promise<null> => call("wallet_settle_unknown", { reference, txid }),
  /** A supervisor handed back a wallet charge without a sale. */
  walletRefunded: (reference: string, by: string): Promise<null> => call("wallet_refunded", { reference, by }),
  /** Card money taken without a sale, to hand back. */
  cardStrays: (): Promise<Array<CardStrayView>> => call("card_strays", {}),
  /** A supervisor handed back a card charge without a sale. */
  cardStrayRefunded: (captureId: string, by: string): Promise<null> => call("card_stray_refunded", { captureId, by }),
  /** The change for the ticket's cash as typed, recording nothing. */
  ticketQuoteCash: (received: string): Promise<CashQuote> => call("ticket_quote_cash", { received }),
  /** Takes the cash for the whole ticket: journaled before any item is sent. */
  ticketPayCash: (received: string): Promise<TicketView> => call("ticket_pay_cash", { received }),
  /** Takes the cash for the ticket while the hub is unreachable, on provisional receipts. */
  ticketPayCashOffline: (received: string): Promise<ProvisionalTicket> => call("ticket_pay_cash_offline", { received }),
  /** A paid ticket as it stands. */
  paidTicket: (id: number): Promise<TicketView> => call("paid_ticket", { id }),
  /** Paid tickets with an item still waiting or a refund not confirmed. */
  ticketsInFlight: (): Promise<Array<TicketView>> => call("tickets_in_flight", {}),
  /** The cashier handed back a rejected item's amount. */
  confirmRefund: (ticketId: number, position: number): Promise<TicketView> => call("confirm_refund", { ticketId, position }),
  /** The ticket's summary receipt as a PDF (a copy when reprinted). */
  ticketSummaryPdf: (ticketId: number, copy: boolean): Promise<TicketReceiptFile> => call("ticket_summary_pdf", { ticketId, copy }),
  /** The ticket a sale was paid in, if any. */
  ticketOfSale: (saleId: number): Promise<TicketView | null> => call("ticket_of_sale", { saleId }),
  /** One sale as it stands now. */
  sale: (id: number): Promise<SaleView> => call("sale", { id }),
  /** The sales still waiting for the hub's final answer. */
  salesInFlight: (): Promise<Array<SaleView>> => call("sales_in_flight", {}),
  /** The latest sales, newest first. */
  history: (limit: number): Promise<Array<SaleView>> => call("history", { limit }),
  /** The receipt of a sale as a PDF (a copy when reprinted). */
  receiptPdf: (saleId: number, copy: boolean): Promise<ReceiptFile> => call("receipt_pdf", { saleId, copy }),
  /** Links, queue, contingency and journal check. */
  status: (): Promise<StatusView> => call("status", {}),
  /** The supervisor turns offline sales on or off, with their caps. */
  setContingency: (enabled: boolean, perPaymentCap: string, totalCap: string, windowHours: number): Promise<ContingencyView> => call("set_contingency", { enabled, perPaymentCap, totalCap, windowHours }),
  /** Takes the cash while the hub is unreachable, as a provisional sale. */
  payCashOffline: (billKey: number, amount: string, received: string): Promise<ProvisionalSale> => call("pay_cash_offline", { billKey, amount, received }),
  /** Sales settled while the app was down (found at start-up), for the cashier to see. */
  settledAtStart: (): Promise<Array<SaleView>> => call("settled_at_start", {}),
  /** Operations the sender gave up on, for the supervisor. */
  needsAttention: (): Promise<Array<AttentionView>> => call("needs_attention", {}),
  /** The supervisor sends an operation again. */
  retryAttention: (outboxId: number): Promise<null> => call("retry_attention", { outboxId }),
  /** The supervisor settles an operation by hand, with a note. */
  resolveAttention: (outboxId: number, note: string): Promise<null> => call("resolve_attention", { outboxId, note }),
  /** What a taxpayer owes, by the document id as typed (V-12345678, J-40157748-2). */
  taxDebts: (docId: string): Promise<TaxDebtsView> => call("tax_debts", { docId }),
  /** Creates an order of those debts at the tax platform; its debts join the ticket. */
  taxCreateOrder: (docId: string, debtIds: Array<string>): Promise<TaxOrderView> => call("tax_create_order", { docId, debtIds }),
  /** Adds (`add`) or removes debts of an open tax order; the ticket follows. */
  taxChangeOrder: (order: number, add: boolean, debtIds: Array<string>): Promise<TaxOrderView> => call("tax_change_order", { order, add, debtIds }),
  /** Cancels an open tax order and takes its debts off the ticket. */
  taxCancelOrder: (order: number): Promise<TaxOrderView> => call("tax_cancel_order", { order }),
  /** A tax order as it stands (its countdown, each debt's state). */
  taxOrder: (order: number): Promise<TaxOrderView> => call("tax_order", { order }),
};

export const events = {
  /** A sale changed state (sent, answered, settled, receipt ready). */
  saleChanged: (f: (payload: SaleView) => void): Promise<UnlistenFn> => listen<SaleView>("sale-changed", (e) => f(e.payload)),
  /** The links, the queue, the contingency or the journal check changed. */
  statusChanged: (f: (payload: StatusView) => void): Promise<UnlistenFn> => listen<StatusView>("status-changed", (e) => f(e.payload)),
  /** A paid ticket changed: an item's answer came in, or a refund was confirmed. */
  ticketChanged: (f: (payload: TicketView) => void): Promise<UnlistenFn> => listen<TicketView>("ticket-changed", (e) => f(e.payload)),
  /** The ticket being built changed: by the cashier (also the command's answer, told to every  window so the customer's screen follows), or by itself (a card or wallet charge accepted,  declined or timed out). */
  draftChanged: (f: (payload: TicketView) => void): Promise<UnlistenFn> => listen<TicketView>("draft-changed", (e) => f(e.payload)),
};
