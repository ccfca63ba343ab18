//! Card tenders through the semi-integrated terminal and its tokenization webhook
//! (`specs/quickpay-tokenization-webhook.md`): a capture asked for what the ticket still owes
//! (journaled before the terminal is asked), its result taken from the one webhook listener,
//! its wait with a deadline, and card money that no sale can use kept for a refund.
//!
//! - `gateway`: [`gateway::Quickpay`], the terminal's client and what the counter keeps;
//! - `route` and `applier`: the webhook's route, and the applier of what it stored;
//! - `start`: starting, cancelling and giving up card tenders; `deadline`: the wait's end;
//! - `restart`: at start, what the last run left waiting or charged without a ticket; `probe`:
//!   its link;
//! - `words`: its messages in the cashier's words.

mod api;
pub(crate) mod applier;
pub(crate) mod deadline;
pub(crate) mod gateway;
pub(crate) mod probe;
pub(crate) mod restart;
pub(crate) mod route;
pub(crate) mod start;
pub(crate) mod words;
