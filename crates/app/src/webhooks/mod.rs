//! The one HTTP listener for every call a gateway makes to this counter (tax callbacks now; card
//! captures and wallet consent later), and the appliers that act on what it received.
//!
//! A gateway plugs in with a [`route::WebhookRoute`] (its path, how a delivery proves where it
//! comes from, how its body is checked and what of it is kept) and an
//! [`applier::InboxApplier`] (what a stored delivery does here), both in its own folder, and one
//! `register` line where the app starts (`service.rs`). For each delivery the listener:
//! 1. checks the route's secret, in constant time (`auth`): wrong or missing is 401;
//! 2. reads the body up to the route's limit: more is 413;
//! 3. has the route check it: malformed is 400;
//! 4. writes what the route keeps into the journal's inbox, durably; a journal that refuses it
//!    is 503, so the gateway sends it again;
//! 5. only then answers 2xx (a repeat of a stored delivery too, so the gateway stops), and wakes
//!    the route's applier (`apply_loop`), which applies the inbox's new entries in order. At
//!    start-up it first applies whatever the last run stored and did not apply.
//!
//! Nothing is stored before step 4, so a refused call leaves no trace but a log line, and logs
//! carry sources, sizes and ids, never bodies, paths or secrets (a path may hold the secret).

pub(crate) mod applier;
mod apply_loop;
pub(crate) mod auth;
pub(crate) mod known;
pub(crate) mod listener;
mod receive;
pub(crate) mod registry;
pub(crate) mod route;

#[cfg(test)]
mod test_route;
#[cfg(test)]
mod tests;
