//! Client for the municipal tax platform (`specs/arkadu-collection-agents.md`).
//!
//! Everything about the platform's wire format stays in this folder: callers see the core's
//! `arkadu` types and [`GatewayError`](crate::GatewayError). The client never decides an
//! order's fate: it reports what the platform said; the core's state machine decides.
//!
//! - `client`: [`ArkaduClient`], one method per request;
//! - `config`: [`ArkaduConfig`] and the default timeouts;
//! - `transport` and `auth`: the OAuth2 tokens (obtain, renew, retry once after a 401);
//! - `envelope`: the `{res: 1|0, ...}` envelope, refusals and unreadable answers;
//! - `wire` and `convert`: the platform's JSON, and its conversion into core types;
//! - `callback`: the body of the platform's per-item callback.

mod auth;
mod callback;
mod client;
mod config;
mod convert;
mod envelope;
mod transport;
mod wire;

#[cfg(test)]
mod tests;

pub use callback::read_callback;
pub use client::ArkaduClient;
pub use config::{venezuela_offset, ArkaduConfig, DEFAULT_CALL_TIMEOUT, DEFAULT_REPORT_TIMEOUT};
