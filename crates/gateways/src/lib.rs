//! Clients for the remote systems Ventanilla talks to, one folder per system.
//!
//! Each folder keeps its wire format (JSON shapes, paths, headers) to itself and hands out only
//! `ventanilla-core` types and [`GatewayError`], so the rest of the app never depends on how a
//! gateway spells things. What every client needs from HTTP (timeouts, sorting transport
//! failures, reading bodies and exact amounts, tokens) lives once, in `http`.

pub mod arkadu;
pub mod error;
mod http;
pub mod pennymatic;
pub mod quickpay;
pub mod traxion;

pub use error::GatewayError;
