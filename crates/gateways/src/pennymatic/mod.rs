//! Client for the crypto wallet gateway (`specs/pennymatic-wallet.md`).
//!
//! Everything about the gateway's wire format stays in this folder: callers see the core's
//! `pennymatic` types and [`GatewayError`](crate::GatewayError). The gateway authenticates by
//! query parameter, so every URL it is called at holds a credential: none ever reaches an
//! error, a log or a `Debug` print.
//!
//! - `client`: [`Pennymatic`], one method per operation;
//! - `config`: [`PennymaticConfig`] and the default timeout;
//! - `scrub`: the credentials kept out of what the gateway says back (the shared client keeps
//!   the URL, which carries them, out of every error and log);
//! - `envelope` and `undefined`: the `{status, code, data}` envelope, `data: undefined` included;
//! - `wire` and `convert`: the gateway's JSON, and its conversion into core types.

mod client;
mod config;
mod convert;
mod envelope;
mod scrub;
mod undefined;
mod wire;

#[cfg(test)]
mod fake_server;
#[cfg(test)]
mod live_tests;
#[cfg(test)]
mod tests;

pub use client::Pennymatic;
pub use config::{PennymaticConfig, DEFAULT_TIMEOUT};
