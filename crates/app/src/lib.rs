//! The use cases behind the cashier's screen and the CLI: look up a bill, take the payment with
//! the journal written first, drive each operation to its gateway's final answer through the
//! outbox, print receipts. Nothing here knows about Tauri; the desktop shell and the CLI are
//! thin layers over [`Ventanilla`].
//!
//! Each gateway has its folder (`traxion/`: the bill-payment hub) with its use cases and the
//! outbox handler of each of its operation kinds; the sender (`outbox/`) knows kinds only
//! through that handler, and each gateway has its own link state (`links.rs`). Calls gateways make
//! to the counter arrive at one listener (`webhooks/`), through the journal's inbox.

mod app_events;
mod arkadu;
mod attention;
mod clock_check;
pub mod config;
mod context;
mod contingency;
pub mod error;
mod gateway_call;
mod gateway_id;
mod history;
pub mod i18n;
mod instance;
pub mod ipc;
mod journal_check;
mod journal_gate;
mod journal_health;
mod journal_trust;
mod links;
mod outbox;
mod pennymatic;
mod probe;
mod quickpay;
mod sale_view;
mod sandbox;
mod service;
mod status;
mod ticket;
mod traxion;
pub mod views;
mod webhooks;
mod words;

pub use app_events::{AppEvents, NoEvents};
pub use config::{default_data_dir, AppConfig, CardTarget, HubTarget, TaxTarget, WalletTarget};
pub use error::{ErrorCode, UiError};
pub use history::read_only_history;
pub use i18n::Locale;
pub use instance::ask_running_window_to_focus;
pub use journal_check::check_journal;
pub use service::Ventanilla;
