//! What the ticket keeps about each item while it is being built. One variant per kind of
//! item; a gateway whose debts join the ticket adds its own.

use ventanilla_core::arkadu::{DebtItem, OrderId};
use ventanilla_core::ticket::ItemKey;
use ventanilla_core::Bill;
use ventanilla_store::BILL_GATEWAY;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ItemDetail {
    /// A utility bill as looked up at the hub (`lookup_id` is its row in the journal).
    Bill { lookup_id: i64, bill: Box<Bill> },
    /// A debt of a tax order the platform created for this customer; `order` is the order's
    /// row in the journal. Its amount is the platform's: it cannot be changed here.
    TaxDebt {
        order: i64,
        order_id: OrderId,
        doc_id: String,
        debt: DebtItem,
    },
}

/// A bill's identity in a ticket: the hub's opaque `externalData`, which names one debt.
pub(crate) fn bill_key(bill: &Bill) -> ItemKey {
    ItemKey::new(BILL_GATEWAY, bill.external_data.0.clone())
}
