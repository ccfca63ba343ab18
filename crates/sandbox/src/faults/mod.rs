//! Fault injection: rules keyed by gateway and endpoint that delay, drop, reset, break or bend
//! answers.
//!
//! A [`FaultPlan`] is a list of [`FaultRule`]s. Each rule names a [`Target`]: one endpoint of one
//! simulated gateway, or all of that gateway's endpoints (traxion when no gateway is named). On
//! each request every live rule whose target covers it applies, and one use of its `count` is
//! spent; a rule whose count reaches zero is removed. Transport faults (`latency_ms`,
//! `no_answer`, `reset`, `http_status`, `garbage`) act before the handler runs, or after it (its
//! effects committed, its answer lost) when `after_commit` is true. `pending_secs`,
//! `reject_rate`, `echo_other_id` and `echo_other_amount` only bend an endpoint that takes
//! payments (traxion's `pay`).
//!
//! The machinery here knows no gateway: each gateway's endpoint enum (`traxion/endpoint.rs`)
//! implements [`GatewayEndpoint`], and `gateways.rs` is the one list that reads their names.
//!
//! - `target`: what a rule is keyed to, and the trait a gateway's endpoints implement;
//! - `gateways`: reading `gateway.endpoint` names (the one list of gateways);
//! - `rule`, `spec`, `json`: a rule, its spec string and its JSON; `action`: what it does;
//! - `plan`: a list of rules; `ctl`: the live plan, spending counts; `layer`: the middleware.

pub mod action;
pub mod ctl;
pub mod gateways;
pub mod json;
pub mod layer;
pub mod plan;
pub mod rule;
pub mod spec;
pub mod target;

/// Traxion's endpoints, under the name rules have always used for them.
pub use crate::traxion::endpoint::Endpoint;
pub use action::{Action, ErrorBody};
pub use ctl::{Applied, CallbackFaults, FaultCtl, PayFaults, Stage};
pub use layer::{apply, middleware, FaultLayer};
pub use plan::FaultPlan;
pub use rule::FaultRule;
pub use target::{GatewayEndpoint, Target};

#[cfg(test)]
mod tests;
