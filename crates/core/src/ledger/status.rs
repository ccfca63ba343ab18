use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A payment's status, spelt as `payments-service.md` spells it (`Completed` capitalised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentStatus {
    /// Opened; the tenders do not cover the total yet.
    #[serde(rename = "initialized")]
    Initialized,
    /// The accepted tenders cover the total; the items are on their way to their gateways.
    #[serde(rename = "Completed")]
    Completed,
    /// Abandoned before anything was paid.
    #[serde(rename = "cancelled")]
    Cancelled,
    /// Every item was refused by its gateway: the whole payment goes back to the customer.
    #[serde(rename = "rejected")]
    Rejected,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Initialized => "initialized",
            PaymentStatus::Completed => "Completed",
            PaymentStatus::Cancelled => "cancelled",
            PaymentStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentStatus> {
        [
            PaymentStatus::Initialized,
            PaymentStatus::Completed,
            PaymentStatus::Cancelled,
            PaymentStatus::Rejected,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// One entry of the append-only history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: PaymentStatus,
    pub at: DateTime<Utc>,
}
