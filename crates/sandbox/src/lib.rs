//! Ventanilla's sandbox: an axum server that simulates the remote gateways of `specs/`, statefully
//! and with fault injection: the bill-payment hub (traxion-bill-payment.md), in `traxion/`, and
//! the municipal tax platform (arkadu-collection-agents.md), in `arkadu/`; the wallet gateway
//! (pennymatic-wallet.md), in `pennymatic/`; and the card terminal with its PCI proxy's webhook
//! (quickpay-tokenization-webhook.md), in `quickpay/`. Each gateway is a folder with its own
//! state, routes and endpoint names; `server/` composes them, `faults/` keys rules by gateway
//! and endpoint.
//!
//! ```no_run
//! # async fn demo() -> Result<(), ventanilla_sandbox::SandboxError> {
//! use ventanilla_sandbox::{spawn, FaultPlan, SandboxConfig};
//! let sb = spawn("127.0.0.1:0".parse().unwrap(), SandboxConfig::default()).await?;
//! let base = sb.base_url(); // http://127.0.0.1:PORT
//! sb.set_faults(FaultPlan::parse_specs(&["pay:pending_secs=5"]).unwrap());
//! sb.shutdown().await;
//! # Ok(()) }
//! ```

pub mod admin;
mod args;
pub mod arkadu;
pub mod config;
mod conn;
pub mod error;
pub mod faults;
mod ids;
mod json_amount;
pub mod pennymatic;
pub mod persist;
pub mod quickpay;
pub mod saver;
pub mod server;
pub mod traxion;

pub use args::SandboxArgs;
pub use arkadu::{ArkaduConfig, ItemStatus, Order, OrderState};
pub use config::{
    Credentials, SandboxConfig, DEFAULT_PASSWORD, DEFAULT_SEED, DEFAULT_TOKEN_LIFETIME,
    DEFAULT_USER,
};
pub use error::SandboxError;
pub use faults::{Endpoint, ErrorBody, FaultPlan, FaultRule, GatewayEndpoint, Target};
pub use pennymatic::{PennymaticConfig, WalletPayment};
pub use quickpay::{QuickpayConfig, Subscription};
pub use server::{run_forever, spawn, SandboxHandle};
pub use traxion::fixtures;
pub use traxion::{LedgerEntry, SaleState};
