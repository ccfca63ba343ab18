use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::ticket::ItemKey;

/// How the customer paid part of a ticket, each with its gateway's reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tender {
    /// Cash handed over; `change` went back at once. Only cash gives change.
    Cash { received: Money, change: Money },
    /// A card captured on the terminal for exactly what it pays.
    Card(CardRef),
    /// A crypto wallet charged for exactly what it pays.
    Wallet(WalletRef),
}

/// What identifies a card payment on the receipt and before the acquirer, and nothing more: a
/// card number never gets here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRef {
    /// Our tender's reference, the capture's `cardholder.reference_id`.
    pub reference: String,
    /// The terminal's readable capture number (`INCA-0000000432`).
    pub capture_number: String,
    pub last4: String,
}

/// What identifies a wallet payment: our tender's reference and the blockchain's txid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletRef {
    pub reference: String,
    pub txid: String,
}

/// Whether a tender's money is the ticket's. Only accepted ones count toward what was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TxStatus {
    Pending,
    Accepted,
    Rejected,
}

impl TxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TxStatus::Pending => "pending",
            TxStatus::Accepted => "accepted",
            TxStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<TxStatus> {
        [TxStatus::Pending, TxStatus::Accepted, TxStatus::Rejected]
            .into_iter()
            .find(|status| status.as_str() == s)
    }
}

/// A tender applied to the ticket: `applied` is what it pays of the total (for cash, what was
/// received less the change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenderTx {
    pub tender: Tender,
    pub applied: Money,
    pub status: TxStatus,
    pub at: DateTime<Utc>,
}

impl TenderTx {
    /// What the customer handed over for this tender (cash before change; a card or a wallet
    /// pays exactly what it was charged).
    pub fn handed_over(&self) -> Money {
        match &self.tender {
            Tender::Cash { received, .. } => *received,
            Tender::Card(_) | Tender::Wallet(_) => self.applied,
        }
    }

    /// What went back at once: only cash gives change.
    pub fn change(&self) -> Money {
        match &self.tender {
            Tender::Cash { change, .. } => *change,
            Tender::Card(_) | Tender::Wallet(_) => Money::zero(self.applied.currency()),
        }
    }
}

/// Money handed back for an item its gateway refused, once the cashier confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub item: ItemKey,
    pub amount: Money,
    pub at: DateTime<Utc>,
}

/// One row of the payment's transactions, in the order they happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Transaction {
    Tender(TenderTx),
    Refund(Refund),
}
