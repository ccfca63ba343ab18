//! A tax order on the customer's ticket. Each debt of the order is one ticket item, keyed by the
//! platform and the debt's id, because the platform settles (or fails) each debt on its own:
//! a debt in `Error` is an item whose amount goes back to the customer, like a rejected bill.
//! The ticket's own types are used as they are; nothing in `ticket` knows about tax orders.

use super::debt::DebtId;
use super::order::TaxOrder;
use super::state::{ItemStatus, OrderState};
use crate::money::Money;
use crate::ticket::{ItemKey, ItemOutcome, ItemState};

/// The gateway name in the items' keys.
pub const GATEWAY: &str = "arkadu";

pub fn item_key(id: &DebtId) -> ItemKey {
    ItemKey::new(GATEWAY, id.as_str())
}

/// The ticket items an order brings: one per debt, with its amount.
pub fn ticket_items(order: &TaxOrder) -> Vec<(ItemKey, Money)> {
    order
        .items()
        .iter()
        .map(|i| (item_key(&i.id), i.amount))
        .collect()
}

/// Where each debt of a reported order stands, as far as the ticket's money goes. Empty while
/// no payment has been reported: nothing of the customer's money depends on the order yet.
pub fn item_outcomes(state: &OrderState) -> Vec<ItemOutcome> {
    let (Some(order), Some(settlement)) = (state.order(), state.settlement()) else {
        return Vec::new();
    };
    // Refused or canceled after the report: every debt's money goes back.
    let all_rejected = matches!(
        state,
        OrderState::Canceled { .. } | OrderState::ReportRefused { .. }
    );
    order
        .items()
        .iter()
        .map(|item| {
            let status = settlement
                .items
                .iter()
                .find(|p| p.id == item.id)
                .map(|p| p.status)
                .unwrap_or(ItemStatus::Pending);
            let state = match status {
                _ if all_rejected => ItemState::Rejected,
                ItemStatus::Pending => ItemState::Waiting,
                ItemStatus::Success => ItemState::Approved,
                ItemStatus::Error => ItemState::Rejected,
            };
            ItemOutcome {
                key: item_key(&item.id),
                amount: item.amount,
                state,
            }
        })
        .collect()
}
