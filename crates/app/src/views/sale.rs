//! One sale as the screen shows it.

use serde::Serialize;
use ts_rs::TS;

use super::money::MoneyView;

/// What there is of a sale's receipt, so the screen offers it only when asking makes sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReceiptState {
    /// The hub's receipt is here: it can be shown, printed and reprinted.
    Ready,
    /// Approved; the hub's receipt is being fetched and arrives within seconds.
    Coming,
    /// Taken offline and not confirmed yet: only the provisional receipt exists.
    Provisional,
    /// Still waiting for the hub's answer: no receipt yet.
    AwaitingAnswer,
    /// Rejected: nothing was charged, so there is no receipt.
    NoReceipt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleView {
    #[ts(type = "number")]
    pub id: i64,
    pub client_transaction_id: String,
    pub company_name: String,
    pub customer_id: String,
    pub barcode: Option<String>,
    pub amount: MoneyView,
    pub tender: String,
    pub received: MoneyView,
    pub change: MoneyView,
    /// `journaled`, `sending`, `querying`, `approved` or `rejected`.
    pub state: String,
    /// The state in the cashier's words.
    pub state_label: String,
    pub is_final: bool,
    /// Why it was rejected, in the cashier's words. Says what happened, never what to do now:
    /// the money to hand back is its ticket's (`TicketMoneyView::refund_due`).
    pub reason: Option<String>,
    /// The hub's own words for the rejection, verbatim and whole (for support staff).
    pub hub_reason: Option<String>,
    #[ts(type = "number | null")]
    pub hub_number: Option<i64>,
    pub created_at: String,
    /// Seconds since the cashier confirmed the sale.
    #[ts(type = "number")]
    pub waited_secs: u64,
    /// Seconds until Ventanilla asks the hub again, while it is asking.
    #[ts(type = "number | null")]
    pub next_check_in_secs: Option<u64>,
    /// How long the hub is given to answer before Ventanilla starts asking.
    #[ts(type = "number")]
    pub answer_timeout_secs: u64,
    /// The hub's receipt is here (`receipt` is `ready`).
    pub receipt_ready: bool,
    pub receipt: ReceiptState,
    /// Taken while the hub was unreachable, on a provisional receipt.
    pub provisional: bool,
}
