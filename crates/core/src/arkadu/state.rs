//! Where one tax order stands, from the cashier's first selected debt to the platform's last
//! callback. Each state carries what it needs and nothing it cannot have yet: an order exists
//! from `Open` on, a payment report from `Reported` on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::debt::{DebtId, DebtItem, PaymentReference};
use super::order::TaxOrder;
use crate::money::Money;

/// One item's outcome at the platform, from its callbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// No callback yet.
    Pending,
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemProgress {
    pub id: DebtId,
    pub status: ItemStatus,
    /// `created` of the callback that set `status`; none while pending.
    pub decided_at: Option<DateTime<Utc>>,
}

/// The payment report, fixed when the cashier took the money: every retry sends exactly this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentReport {
    pub reference: PaymentReference,
    /// Always the order's total.
    pub amount: Money,
    pub created: DateTime<Utc>,
}

/// Whether the platform has acknowledged the report (its bare OK).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Journaled, waiting in the outbox or on its way.
    Queued,
    /// The platform answered OK (or a callback proved it has the report).
    Sent,
}

/// A reported payment and what the platform has said about each item since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settlement {
    pub report: PaymentReport,
    pub delivery: Delivery,
    /// One per order item, in the order's sequence.
    pub items: Vec<ItemProgress>,
}

impl Settlement {
    /// A new report for `order`, every item pending.
    pub fn new(order: &TaxOrder, reference: PaymentReference, created: DateTime<Utc>) -> Self {
        Settlement {
            report: PaymentReport {
                reference,
                amount: order.total(),
                created,
            },
            delivery: Delivery::Queued,
            items: order
                .items()
                .iter()
                .map(|i| ItemProgress {
                    id: i.id.clone(),
                    status: ItemStatus::Pending,
                    decided_at: None,
                })
                .collect(),
        }
    }
}

/// Who canceled an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelSource {
    Cashier,
    Platform,
}

/// The platform's refusal, in its own words (data for support staff, never shown as ours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformRefusal {
    pub code: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum OrderState {
    /// The cashier is choosing debts; nothing exists at the platform.
    Draft { items: Vec<DebtItem> },
    /// The order is being created at the platform with these debts.
    Creating { items: Vec<DebtItem> },
    /// Created at the platform, payable until it expires. `changing`: an add or remove is on
    /// its way, so the total is about to change and no payment may be reported meanwhile.
    Open { order: TaxOrder, changing: bool },
    /// The payment report is queued or sent; no callback yet.
    Reported {
        order: TaxOrder,
        settlement: Settlement,
    },
    /// Callbacks are arriving; the platform has not finished.
    Processing {
        order: TaxOrder,
        settlement: Settlement,
    },
    /// The platform finished the order. Never goes back to processing.
    Complete {
        order: TaxOrder,
        settlement: Settlement,
    },
    /// `settlement` is there when the money had been reported (it must go back to the customer).
    Canceled {
        order: TaxOrder,
        by: CancelSource,
        settlement: Option<Settlement>,
    },
    /// Passed `expire_at` before any payment was reported.
    Expired { order: TaxOrder },
    /// The platform answered the report with a refusal (`res: 0`).
    ReportRefused {
        order: TaxOrder,
        settlement: Settlement,
        refusal: PlatformRefusal,
    },
}

/// The state's name, for refusals, storage and the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderPhase {
    Draft,
    Creating,
    Open,
    Reported,
    Processing,
    Complete,
    Canceled,
    Expired,
    ReportRefused,
}

impl OrderState {
    pub fn phase(&self) -> OrderPhase {
        match self {
            OrderState::Draft { .. } => OrderPhase::Draft,
            OrderState::Creating { .. } => OrderPhase::Creating,
            OrderState::Open { .. } => OrderPhase::Open,
            OrderState::Reported { .. } => OrderPhase::Reported,
            OrderState::Processing { .. } => OrderPhase::Processing,
            OrderState::Complete { .. } => OrderPhase::Complete,
            OrderState::Canceled { .. } => OrderPhase::Canceled,
            OrderState::Expired { .. } => OrderPhase::Expired,
            OrderState::ReportRefused { .. } => OrderPhase::ReportRefused,
        }
    }

    /// The order at the platform, once there is one.
    pub fn order(&self) -> Option<&TaxOrder> {
        match self {
            OrderState::Draft { .. } | OrderState::Creating { .. } => None,
            OrderState::Open { order, .. }
            | OrderState::Reported { order, .. }
            | OrderState::Processing { order, .. }
            | OrderState::Complete { order, .. }
            | OrderState::Canceled { order, .. }
            | OrderState::Expired { order }
            | OrderState::ReportRefused { order, .. } => Some(order),
        }
    }

    /// The reported payment, once there is one.
    pub fn settlement(&self) -> Option<&Settlement> {
        match self {
            OrderState::Reported { settlement, .. }
            | OrderState::Processing { settlement, .. }
            | OrderState::Complete { settlement, .. }
            | OrderState::ReportRefused { settlement, .. } => Some(settlement),
            OrderState::Canceled { settlement, .. } => settlement.as_ref(),
            _ => None,
        }
    }
}
