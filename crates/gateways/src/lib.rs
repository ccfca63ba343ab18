//! Clients for the remote systems Ventanilla talks to, one module per system.
//!
//! Each module keeps its wire format (JSON shapes, paths, headers) to itself and hands out only
//! `ventanilla-core` types and [`GatewayError`], so the rest of the app never depends on how a
//! gateway spells things.

pub mod error;
pub mod traxion;

pub use error::GatewayError;
