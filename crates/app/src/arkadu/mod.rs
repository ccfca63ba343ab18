//! The municipal tax platform (`specs/arkadu-collection-agents.md`) at this counter: a
//! taxpayer's debts, the order built from those the customer pays, its report through the
//! outbox, and each debt's outcome from the platform's callbacks (through `webhooks/`).
//!
//! - `gateway`: the client and what is kept between calls; `probe`: its link probe;
//! - `lookup`: debts by document id; `orders`: creating, changing and canceling an order;
//! - `pay`: an order's report, fixed when the ticket that holds it is paid;
//! - `report`: the outbox handler that delivers the report;
//! - `callback`: the webhook route and the applier of what it stores;
//! - `view` and `words`: what the screen shows, in the cashier's words; `api`: the use cases.

pub(crate) mod api;
pub(crate) mod callback;
pub(crate) mod gateway;
pub(crate) mod lookup;
pub(crate) mod orders;
pub(crate) mod pay;
pub(crate) mod probe;
pub(crate) mod report;
pub(crate) mod view;
pub(crate) mod words;
