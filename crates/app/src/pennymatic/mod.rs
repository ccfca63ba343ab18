//! Wallet tenders through the crypto wallet gateway (`specs/pennymatic-wallet.md`): a
//! wallet-connect session per charge, its URL shown as a QR code, the customer's consent through
//! the one webhook listener at a URL only that session was given, the charge marked before `pay`
//! is called (a lost answer is never charged again: a person settles it), its txid kept and its
//! confirmation followed.
//!
//! - `gateway`: [`gateway::Pennymatic`], the client and what the counter keeps in memory (the
//!   user tokens, for the one charge each is given for);
//! - `route` and `applier`: the consent's route, and the charge it leads to;
//! - `start`: showing the QR code, cancelling it, giving up a dropped ticket's wallet charges;
//! - `deadline`: the QR code's expiry; `confirm`: following each txid to its block;
//! - `restart`: what the last run left; `probe`: its link; `words`, `api`.

mod api;
pub(crate) mod applier;
pub(crate) mod confirm;
pub(crate) mod deadline;
pub(crate) mod gateway;
pub(crate) mod probe;
pub(crate) mod restart;
pub(crate) mod route;
pub(crate) mod start;
pub(crate) mod words;
