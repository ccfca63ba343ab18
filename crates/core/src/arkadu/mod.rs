//! The municipal tax platform (`specs/arkadu-collection-agents.md`): a taxpayer's document id,
//! their pending debts, the payment order built from them, and the order's life from creation
//! to the platform's last callback, as pure functions.
//!
//! - `doc_id`, `doc_input`, `doc_id_error`: cédulas and RIFs, and reading them as typed;
//! - `debt` and `order`: debt items, opaque ids, and an order whose total is its items' sum;
//! - `expiry`: the warning window before an order expires;
//! - `callback`: the platform's per-item callback;
//! - `state`, `event` and `machine`: the order's state machine;
//! - `ticket_link`: an order's debts as items of the customer's ticket.

mod callback;
mod debt;
mod doc_id;
mod doc_id_error;
mod doc_input;
mod event;
mod expiry;
mod machine;
mod order;
mod state;
mod ticket_link;

#[cfg(test)]
mod doc_id_tests;
#[cfg(test)]
mod machine_tests;

pub use callback::{ItemCallback, ItemResult, PlatformOrderStatus};
pub use debt::{DebtId, DebtItem, OrderId, PaymentReference};
pub use doc_id::{check_digit, Cedula, DocId, Nationality, Rif, RifKind, MAX_NUMBER};
pub use doc_id_error::{DocIdError, DocKind};
pub use doc_input::{parse_doc_id, MAX_INPUT_CHARS};
pub use event::{Effect, ItemAction, Notice, OrderEvent, Refusal};
pub use expiry::{expiry, Expiry, WARNING_WINDOW};
pub use machine::step;
pub use order::{sum, OrderError, TaxOrder};
pub use state::{
    CancelSource, Delivery, ItemProgress, ItemStatus, OrderPhase, OrderState, PaymentReport,
    PlatformRefusal, Settlement,
};
pub use ticket_link::{item_key, item_outcomes, ticket_items, GATEWAY};
