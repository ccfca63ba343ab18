//! Wallet tenders through the crypto wallet gateway (`specs/pennymatic-wallet.md`): the
//! wallet-connect session and its QR code, the customer's consent and user token, the charge
//! and its blockchain transaction, and one wallet attempt's life, as pure functions.
//!
//! - `session`: [`SessionId`] and [`WalletSession`] (the `connect` answer and its expiry);
//! - `user_token`: [`UserToken`], a secret that never prints and is never serialized;
//! - `txid` and `payment`: transaction ids, the payment result and `isconfirmed`'s answers;
//! - `attempt` and `machine`: the wallet attempt's state machine;
//! - `error`: why a piece was refused.

mod attempt;
mod error;
mod machine;
mod payment;
mod session;
mod txid;
mod user_token;

#[cfg(test)]
mod machine_tests;

pub use attempt::{
    WalletAttempt, WalletEffect, WalletEvent, WalletFailure, WalletPhase, WalletRefusal,
};
pub use error::WalletError;
pub use machine::step;
pub use payment::{Confirmation, WalletCharge, WalletPayment};
pub use session::{is_wallet_url, SessionId, WalletSession, SESSION_ID_MAX, WALLET_URL_MAX};
pub use txid::{TxId, TXID_LEN};
pub use user_token::UserToken;
