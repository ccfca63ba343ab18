// Generated from crates/app/src/views.rs by crates/app/tests/bindings.rs. Do not edit.

export type Locale = "es" | "en";

export type ErrorCode = "Validation" | "NotFound" | "Offline" | "Declined" | "Duplicate" | "Expired" | "Unauthorized" | "Internal";

export type UiError = { code: ErrorCode, message: string, };

export type MoneyView = { amount: string, currency: string, display: string, };

export type AppInfo = { version: string, sandbox: boolean, hubUrl: string, counter: string, cashier: string, locale: Locale, scanGapMs: number, payTimeoutSecs: bigint, dataDir: string, };

export type ParamView = { id: string, name: string, inputType: string, maxLength: number, readOnly: boolean, optional: boolean, };

export type BillModeView = { id: string, name: string, parameters: Array<ParamView>, };

export type CompanyView = { code: string, name: string, billModes: Array<BillModeView>, };

export type BillView = { key: bigint, companyCode: string, companyName: string, customerId: string, barcode: string | null, description: string, total: MoneyView, openAmount: boolean, min: MoneyView, max: MoneyView, busySaleId: bigint | null, };

export type CompanyChoice = { code: string, name: string, customerId: string, total: MoneyView, };

export type BarcodeLookup = { "kind": "bills", bills: Array<BillView>, } | { "kind": "chooseCompany", barcode: string, companies: Array<CompanyChoice>, };

export type ParamValue = { id: string, value: string, };

export type CashQuote = { amount: MoneyView, received: MoneyView, change: MoneyView, };

export type SaleView = { id: bigint, clientTransactionId: string, companyName: string, customerId: string, barcode: string | null, amount: MoneyView, tender: string, received: MoneyView, change: MoneyView, state: string, stateLabel: string, isFinal: boolean, reason: string | null, hubNumber: bigint | null, createdAt: string, waitedSecs: bigint, nextCheckInSecs: bigint | null, answerTimeoutSecs: bigint, receiptReady: boolean, };

export type ReceiptFile = { saleId: bigint, path: string, copy: boolean, text: string, };
