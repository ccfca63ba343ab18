//! The wallet gateway of pennymatic-wallet.md (BSV through HandCash), with the decisions of
//! specs/README: the operator's `token` on every call, a connect session whose URL the QR code
//! shows, the customer's consent delivered to the operator's webhook with a user token, and
//! payments charged to a connected wallet that confirm after a while. The wallet's side (the
//! page the customer's phone opens, approving, disconnecting) is the sandbox's own API. Its own
//! state ([`Pennymatic`], taken by its handlers from the server's state through axum
//! `FromRef`); nothing here knows the server or the other gateways.
//!
//! - `routes`: the router, generic over the server's state; `endpoint`: [`Endpoint`], the
//!   names its fault rules use; `config`: [`PennymaticConfig`];
//! - `wallet`: its state; `auth`: the `token` check; `params`: query parameters;
//! - `coins`, `connect`, `connected`, `pay`, `isconfirmed`: the document's endpoints;
//! - `authorize`, `admin`: the wallet's side; `consent`: delivering consents, retried;
//! - `session`, `payment`, `rates`: sessions, payments and fiat rates, no I/O;
//! - `envelope`: answers and refusals; `ids`, `urls`: fresh ids, the sandbox's URLs (amounts
//!   are read by the crate's `json_amount`).

mod admin;
mod auth;
mod authorize;
mod coins;
pub mod config;
mod connect;
mod connected;
mod consent;
pub mod endpoint;
pub mod envelope;
mod ids;
pub mod isconfirmed;
mod params;
mod pay;
pub mod payment;
pub mod rates;
pub mod routes;
pub mod session;
mod urls;
pub mod wallet;

pub use config::PennymaticConfig;
pub use endpoint::Endpoint;
pub use payment::WalletPayment;
pub use session::SessionState;
pub use wallet::Pennymatic;
