//! What a wallet charge took: the gateway's payment result (HandCash's, inside `data`), or, when
//! that answer was lost, the transaction the customer showed and the gateway recognised.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::txid::TxId;
use crate::money::Money;

/// A charge as `pay` answered it. The txid is kept for audit and printed on the receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletPayment {
    pub txid: TxId,
    /// What was charged, in the ticket's currency.
    pub fiat: Money,
    pub satoshis: u64,
    pub fee_satoshis: u64,
    /// The wallet's rate: units of `fiat`'s currency per BSV.
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
    pub at: DateTime<Utc>,
}

/// How a wallet tender came to be charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "via", rename_all = "snake_case")]
pub enum WalletCharge {
    /// `pay` answered with the payment.
    Paid(WalletPayment),
    /// `pay`'s answer was lost; the customer showed `txid` and `isconfirmed` knew it as ours
    /// (`confirmed` false: not yet in a block). Only the amount asked is known.
    Shown {
        txid: TxId,
        fiat: Money,
        confirmed: bool,
    },
}

impl WalletCharge {
    pub fn txid(&self) -> &TxId {
        match self {
            WalletCharge::Paid(p) => &p.txid,
            WalletCharge::Shown { txid, .. } => txid,
        }
    }

    pub fn fiat(&self) -> Money {
        match self {
            WalletCharge::Paid(p) => p.fiat,
            WalletCharge::Shown { fiat, .. } => *fiat,
        }
    }
}

/// `isconfirmed`'s answer about a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirmation {
    /// Ours, and in a block: final.
    Confirmed,
    /// Ours, not yet in a block.
    Unconfirmed,
    /// `data: undefined`: not a transaction of this operator.
    Unknown,
}
