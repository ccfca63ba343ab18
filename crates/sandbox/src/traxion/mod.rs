//! The bill-payment hub of traxion-bill-payment.md: its own state ([`Hub`], taken by its
//! handlers from the server's state through axum `FromRef`), routes at the document's paths,
//! wire types, fixtures, and the endpoint names its fault rules use. Nothing here knows the
//! server or the other gateways.
//!
//! - `routes`: the router, generic over the server's state; `endpoint`: [`Endpoint`];
//! - `hub`, `tokens`: its state and clock; `ledger`: sales and paid bills;
//! - `auth`, `lookup`, `sales`: handlers; `payments`, `receipt`: their rules, no I/O;
//! - `catalogue`, `fixtures`: companies and bills; `wire`, `error`: its JSON and error body.

mod auth;
pub mod catalogue;
pub mod endpoint;
mod error;
pub mod fixtures;
pub mod hub;
pub mod ledger;
mod lookup;
pub mod payments;
pub mod receipt;
pub mod routes;
mod sales;
mod tokens;
pub mod wire;

pub use catalogue::Catalogue;
pub use endpoint::Endpoint;
pub use error::PlatformError;
pub use hub::{now, Hub};
pub use ledger::{Ledger, LedgerEntry, LedgerSnapshot, SaleRecord, SaleState, FIRST_SALE_NUMBER};
pub use tokens::Tokens;
