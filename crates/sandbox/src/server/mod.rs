//! The server: composes each simulated gateway's state and routes with the admin API, binds,
//! and serves one hyper connection task per socket.
//!
//! - `state`: [`ServerState`], holding every gateway's state; handlers take their own part of
//!   it through axum `FromRef`;
//! - `router`: the gateways' routers merged at their documents' paths, and the admin API;
//! - `handle`: [`spawn`], [`run_forever`] and [`SandboxHandle`]; `accept`: the accept loop.

mod accept;
pub mod handle;
pub mod router;
pub mod state;

pub use handle::{run_forever, spawn, SandboxHandle};
pub use state::ServerState;
