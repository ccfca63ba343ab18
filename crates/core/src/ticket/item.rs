use serde::{Deserialize, Serialize};

use crate::money::Money;

/// What makes two items the same debt: the gateway that settles it and that gateway's own id
/// for it (a bill's opaque `externalData`, a tax item's id). Two items with one key in a ticket
/// would charge the customer twice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemKey {
    pub gateway: String,
    pub id: String,
}

impl ItemKey {
    pub fn new(gateway: impl Into<String>, id: impl Into<String>) -> ItemKey {
        ItemKey {
            gateway: gateway.into(),
            id: id.into(),
        }
    }
}

/// Where an item of a paid ticket stands at its gateway, as far as the ticket's money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Not final yet: journaled, on its way, being asked about, or taken offline.
    Waiting,
    /// The gateway took it: the customer's money stays.
    Approved,
    /// The gateway refused it: its amount goes back to the customer.
    Rejected,
}

impl ItemState {
    pub fn is_final(self) -> bool {
        !matches!(self, ItemState::Waiting)
    }
}

/// One item of a paid ticket with its amount and state: what the ledger needs to know of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOutcome {
    pub key: ItemKey,
    pub amount: Money,
    pub state: ItemState,
}
