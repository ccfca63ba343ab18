//! The tax platform's debts and orders as the screen shows them.

use serde::Serialize;
use ts_rs::TS;

use super::money::MoneyView;

/// One thing a taxpayer owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxDebtView {
    /// The platform's id of the debt: what `taxCreateOrder` takes.
    pub id: String,
    /// The platform's own words.
    pub description: String,
    pub kind: Option<String>,
    pub amount: MoneyView,
}

/// What a taxpayer owes, as the platform listed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxDebtsView {
    /// The document id in its canonical form (`V-12345678`, `J-40157748-2`).
    pub doc_id: String,
    pub debts: Vec<TaxDebtView>,
    /// The sum of every debt; none when nothing is owed.
    pub total: Option<MoneyView>,
}

/// One debt of an order and what the platform said about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxOrderItemView {
    pub id: String,
    pub description: String,
    pub amount: MoneyView,
    /// `pending` (no callback yet), `success` or `error`.
    pub status: String,
    pub status_label: String,
}

/// A tax order as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxOrderView {
    /// The journal's id of the order: what `taxChangeOrder` and `taxCancelOrder` take.
    #[ts(type = "number")]
    pub id: i64,
    /// The platform's id.
    pub order_id: String,
    pub doc_id: String,
    /// `open`, `reported`, `processing`, `complete`, `canceled`, `expired`, `report_refused`.
    pub phase: String,
    pub phase_label: String,
    pub total: MoneyView,
    pub expire_at: String,
    /// Seconds left before the platform lets the order go (0 once expired).
    #[ts(type = "number")]
    pub seconds_left: i64,
    /// Within the last 15 minutes: take the money now or the order is lost.
    pub expiring: bool,
    pub items: Vec<TaxOrderItemView>,
    /// The payment's reference, once reported.
    pub reference: Option<String>,
}

/// A tax debt on the customer's ticket: which order it belongs to and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxLineView {
    /// The journal's id of its order.
    #[ts(type = "number")]
    pub order: i64,
    pub order_id: String,
    /// The platform's id of the debt (what `taxChangeOrder` takes to take it off the order).
    pub debt_id: String,
    /// `pending`, `success` or `error`.
    pub status: String,
    pub status_label: String,
    /// Whether the platform has said its last word on it.
    pub is_final: bool,
}
