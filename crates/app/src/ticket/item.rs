//! What the ticket keeps about each item while it is being built. One variant per kind of
//! item; a gateway whose debts join the ticket adds its own.

use ventanilla_core::ticket::ItemKey;
use ventanilla_core::Bill;
use ventanilla_store::BILL_GATEWAY;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ItemDetail {
    /// A utility bill as looked up at the hub (`lookup_id` is its row in the journal).
    Bill { lookup_id: i64, bill: Box<Bill> },
}

/// A bill's identity in a ticket: the hub's opaque `externalData`, which names one debt.
pub(crate) fn bill_key(bill: &Bill) -> ItemKey {
    ItemKey::new(BILL_GATEWAY, bill.external_data.0.clone())
}
