//! What the platform posts to the agent's callback URL, one call per order item, possibly
//! repeated or out of order: `{order_id, reference, item_id, status, created, order_status}`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::debt::{DebtId, OrderId, PaymentReference};

/// `status`: how the platform applied the payment to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemResult {
    Success,
    Error,
}

/// `order_status`: where the platform says the whole order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformOrderStatus {
    Processing,
    Complete,
    Canceled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCallback {
    pub order_id: OrderId,
    pub reference: PaymentReference,
    pub item_id: DebtId,
    pub status: ItemResult,
    /// When the platform decided; orders callbacks about the same item that arrive out of order.
    pub created: DateTime<Utc>,
    pub order_status: PlatformOrderStatus,
}
