//! The use cases behind the cashier's screen and the CLI: look up a bill, take the payment with
//! the journal written first, drive each sale to the hub's final answer, print receipts.
//! Nothing here knows about Tauri; the desktop shell and the CLI are thin layers over
//! [`Ventanilla`].

mod attention;
mod checkout;
pub mod config;
mod contingency;
pub mod error;
mod history;
pub mod i18n;
mod instance;
mod journal_check;
mod journal_health;
mod link;
mod lookup;
mod printing;
mod sender;
mod service;
mod status;
pub mod views;

pub use config::{default_data_dir, AppConfig, HubTarget};
pub use error::{ErrorCode, UiError};
pub use history::read_only_history;
pub use i18n::Locale;
pub use instance::ask_running_window_to_focus;
pub use journal_check::check_journal;
pub use service::{AppEvents, NoEvents, Ventanilla};
