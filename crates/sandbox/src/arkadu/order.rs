//! A payment order and what happens to it: open until it expires, is cancelled or is paid;
//! once a payment is reported, each item's result. Serialised as the state file keeps it.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where an order stands. An `Open` order past its `expire_at` is expired (told by the clock,
/// never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderState {
    Open,
    /// Paid and settled: at least one item succeeded.
    Complete,
    /// Cancelled by the agent, or paid but every item failed.
    Canceled,
}

/// An item's result after a payment report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemStatus {
    Success,
    Error,
}

/// The payment reported for an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub reference: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// `created` as the agent sent it.
    pub created: String,
    pub received_at: DateTime<FixedOffset>,
}

/// One item's result, in processing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub item_id: u64,
    pub status: ItemStatus,
}

/// A payment order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// Opaque (a UUID here; the document also shows integers).
    pub id: String,
    /// The taxpayer whose items these are, as the platform shows the id.
    pub doc_id: String,
    pub items: Vec<u64>,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    pub created_at: DateTime<FixedOffset>,
    pub expire_at: DateTime<FixedOffset>,
    pub state: OrderState,
    pub report: Option<Report>,
    pub results: Vec<ItemResult>,
    /// True once every result's callback got a 2xx (so a restart does not send them again).
    pub delivered: bool,
}

impl Order {
    /// Open and not past `expire_at`: its items are taken, its payment may be reported.
    pub fn is_live(&self, now: DateTime<FixedOffset>) -> bool {
        self.state == OrderState::Open && now < self.expire_at
    }

    /// Open but past `expire_at`.
    pub fn is_expired(&self, now: DateTime<FixedOffset>) -> bool {
        self.state == OrderState::Open && now >= self.expire_at
    }
}
