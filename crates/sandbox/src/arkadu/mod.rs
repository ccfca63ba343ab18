//! The municipal tax platform of arkadu-collection-agents.md, as a collection agent sees it:
//! OAuth2 tokens for the registered agent app, one path (`/api/payments/pending/`) whose
//! actions are told apart by method and body, orders that expire, and per-item results called
//! back to the agent's URL. Its own state ([`Arkadu`], taken by its handlers from the server's
//! state through axum `FromRef`); nothing here knows the server or the other gateways.
//!
//! - `routes`: the router, generic over the server's state; `endpoint`: [`Endpoint`], the
//!   names its fault rules use; `admin`: its `/_sandbox/arkadu/*` routes;
//! - `platform`: its state and clock; `config`: [`ArkaduConfig`]; `tokens`: OAuth2 tokens;
//! - `auth`: the token endpoint and the bearer check; `classify`: which action a request is;
//!   `pending`: the actions; `callbacks`: the result deliveries;
//! - `book`, `order`: debts, orders and their rules, no I/O; `fixtures`, `rif`: taxpayers and
//!   their document ids; `body`, `wire`, `error`: its requests, answers and refusals.

mod admin;
mod auth;
pub mod body;
pub mod book;
pub mod callbacks;
mod classify;
pub mod config;
pub mod endpoint;
mod error;
pub mod fixtures;
pub mod order;
mod pending;
pub mod platform;
pub mod rif;
pub mod routes;
mod tokens;
mod wire;

pub use admin::is_http_url as admin_url_ok;
pub use book::BookSnapshot;
pub use config::ArkaduConfig;
pub use endpoint::Endpoint;
pub use error::ArkaduError;
pub use order::{ItemStatus, Order, OrderState};
pub use platform::Arkadu;
