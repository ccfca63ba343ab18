//! An operation waiting for a person (the supervisor's list).

use serde::Serialize;
use ts_rs::TS;

use super::money::MoneyView;
use super::sale::SaleView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttentionView {
    #[ts(type = "number")]
    pub outbox_id: i64,
    /// Who is paid (a bill's company, a tax order's number).
    pub title: String,
    /// Whose debt it is (a bill's customer id, a taxpayer's document id).
    pub customer_id: String,
    pub amount: MoneyView,
    /// The bill sale, when the operation is one.
    pub sale: Option<SaleView>,
    /// What happened and what to do, in the cashier's language.
    pub reason: String,
    /// The hub's own words, verbatim, when it gave any.
    pub hub_reason: Option<String>,
    pub since: String,
    #[ts(type = "number")]
    pub attempts: u32,
    pub last_error: Option<String>,
}
