//! Client for the bill-payment hub (`specs/traxion-bill-payment.md`).
//!
//! Everything about the hub's wire format stays in this folder: callers see core types
//! (`Company`, `Bill`, `HubAnswer`) and [`GatewayError`](crate::GatewayError). The client never
//! decides a sale's fate: it reports what the hub said, and anything it could not read as a
//! transient error.
//!
//! - `client`: [`TraxionClient`], one method per question to the hub;
//! - `config`: [`TraxionConfig`] and the default timeouts;
//! - `sale`: [`SaleRequest`], its wire form, and the check that an answer is about it;
//! - `transport` and `auth`: the hub's headers and its login;
//! - `answer`: what the hub's statuses and error body mean;
//! - `wire` and `convert`: the hub's JSON, and its conversion into core types.

mod answer;
mod auth;
mod client;
mod config;
mod convert;
mod sale;
mod transport;
mod wire;

#[cfg(test)]
mod tests;

pub use client::TraxionClient;
pub use config::{TraxionConfig, DEFAULT_CALL_TIMEOUT, DEFAULT_PAY_TIMEOUT};
pub use sale::SaleRequest;
