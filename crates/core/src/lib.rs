//! Ventanilla's domain model. Everything here is pure: no I/O, no clock reads, no randomness.
//! Time and ids come in through [`clock::Clock`] and [`ids::IdGen`] so callers and tests are exact.

pub mod arkadu;
pub mod barcode;
pub mod bill;
pub mod cash_hints;
pub mod clock;
pub mod currency;
pub mod ids;
pub mod ledger;
pub mod link;
pub mod money;
pub mod number_style;
pub mod outbox;
pub mod payment;
pub mod pennymatic;
pub mod quickpay;
pub mod secret;
pub mod tender;
pub mod ticket;

pub use barcode::{Barcode, BarcodeError};
pub use bill::{AmountRule, Bill, BillMode, BillParameter, Company, ExternalData, InputType};
pub use clock::{Clock, ManualClock, SystemClock};
pub use currency::Currency;
pub use ids::{ClientTransactionId, IdGen, RandomIds};
pub use money::{parse_plain_decimal, Money, MoneyError};
pub use number_style::NumberStyle;
pub use secret::Secret;
pub use tender::{CashTender, TenderError, DEFAULT_MAX_CASH_FACTOR};
