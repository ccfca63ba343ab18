//! The customer's ticket: the items a customer pays for at once (utility bills now, tax orders
//! later), all in one currency. [`Draft`] is the ticket while the cashier builds it; once paid,
//! each item is settled at its own gateway and the ticket's money is kept by the
//! [`crate::ledger`].

mod draft;
mod item;

pub use draft::{Draft, DraftItem, TicketError, MAX_ITEMS};
pub use item::{ItemKey, ItemOutcome, ItemState};
