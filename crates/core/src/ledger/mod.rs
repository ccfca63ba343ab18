//! The ticket's money, after the model of `payments-service.md` without its bugs: one payment
//! per ticket with `total_amount`, `total_paid_amount`, an append-only status history and one
//! transaction per tender, plus the refunds handed back for rejected items.
//!
//! Unlike that service, only accepted transactions count toward what was paid, amounts are exact
//! decimals, and an overpayment in cash is change handed back, never a payment stuck short of
//! `Completed`. Every change is a pure function that returns the rows it appended, so the store
//! writes exactly those in the same transaction as the rest of the sale.

mod payment;
mod settlement;
mod status;
mod transaction;

pub use payment::{Appended, LedgerError, LedgerPayment};
pub use settlement::Settlement;
pub use status::{PaymentStatus, StatusChange};
pub use transaction::{CardRef, Refund, Tender, TenderTx, Transaction, TxStatus, WalletRef};
