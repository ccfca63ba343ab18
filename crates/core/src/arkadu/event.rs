//! What can happen to a tax order, and what the machine asks the caller to do about it.
//! Refusals and notices are structured: the app words them for the cashier.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::callback::ItemCallback;
use super::debt::{DebtId, DebtItem, OrderId, PaymentReference};
use super::order::{OrderError, TaxOrder};
use super::state::{OrderPhase, PaymentReport, PlatformRefusal};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderEvent {
    /// The cashier picks a debt for the order (before it is created).
    Select(DebtItem),
    /// The cashier drops a picked debt (before the order is created).
    Deselect(DebtId),
    /// The cashier asks for the order to be created.
    Submit,
    /// The platform created the order.
    Created(TaxOrder),
    /// The platform refused to create it.
    CreateRefused(PlatformRefusal),
    /// No usable answer to the create: whether the order exists is unknown.
    CreateLost,
    /// The cashier adds debts to the open order.
    Add {
        items: Vec<DebtItem>,
        now: DateTime<Utc>,
    },
    /// The cashier removes debts from the open order.
    Remove {
        ids: Vec<DebtId>,
        now: DateTime<Utc>,
    },
    /// The platform answered an add or remove with the order as it now is.
    Updated(TaxOrder),
    /// The platform refused an add or remove; the order is as it was.
    ChangeRefused(PlatformRefusal),
    /// No usable answer to an add or remove.
    ChangeLost,
    /// The customer paid: report it with this reference, chosen once by the caller.
    ReportPayment {
        reference: PaymentReference,
        now: DateTime<Utc>,
    },
    /// The platform acknowledged the report.
    ReportAccepted,
    /// The platform refused the report.
    ReportRefused(PlatformRefusal),
    /// A callback about one item.
    Callback(ItemCallback),
    /// The cashier cancels the order.
    Cancel,
    /// Time passes: an open order may expire.
    Tick { now: DateTime<Utc> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ItemAction {
    Add,
    Remove,
}

/// Why a cashier's command was refused; the state is unchanged unless said otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The command makes no sense in this phase.
    NotNow { phase: OrderPhase },
    /// The order has expired (and moves to `Expired`).
    Expired,
    /// An add or remove is on its way; wait for its answer.
    ChangeInFlight,
    /// The payment was already reported with this reference; it can never change.
    AlreadyReported { reference: PaymentReference },
    /// The debt is not in the selection or the order.
    UnknownItem { id: DebtId },
    /// The debt is already in the selection or the order.
    DuplicateItem { id: DebtId },
    /// Removing every item leaves no order: cancel it instead.
    WouldEmpty,
    /// The selection or order would be invalid (mixed currencies, an amount of zero...).
    Invalid(OrderError),
    /// The platform refused, in its own words.
    Platform(PlatformRefusal),
}

/// Something from outside that changed nothing, or that a person must look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// A callback or answer about another order.
    WrongOrder { expected: OrderId, found: OrderId },
    /// A callback with another payment reference.
    WrongReference {
        expected: PaymentReference,
        found: PaymentReference,
    },
    /// A callback for an item the order does not have.
    UnknownItem { id: DebtId },
    /// A callback older than the one already applied to the item.
    StaleCallback { id: DebtId },
    /// A callback or answer in a phase that expects none.
    Unexpected { phase: OrderPhase },
    /// A successful item was later reported as failed (an annulment during audit): its money
    /// must go back to the customer.
    ItemAnnulled { id: DebtId },
    /// The platform canceled an order whose payment had been reported: refund it.
    CanceledAfterPayment,
    /// The create got no usable answer: an order may exist at the platform for these debts.
    CreateOutcomeUnknown,
    /// An add or remove got no usable answer: the order may or may not have changed.
    ChangeOutcomeUnknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// `POST {pending_ids}`.
    CreateOrder {
        pending_ids: Vec<DebtId>,
    },
    /// `PUT {order_id, pending_ids, action}`.
    ChangeItems {
        order_id: OrderId,
        action: ItemAction,
        pending_ids: Vec<DebtId>,
    },
    /// `POST {order_id, amount, reference, created, result: "Approved"}`, through the outbox:
    /// always this same report.
    SendReport {
        order_id: OrderId,
        report: PaymentReport,
    },
    /// `POST {order_id, action: "Cancel"}`.
    SendCancel {
        order_id: OrderId,
    },
    Refused(Refusal),
    Noticed(Notice),
}
