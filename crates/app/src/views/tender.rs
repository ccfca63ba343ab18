//! A ticket's tenders as the screen shows them: the cash, the cards and the wallets, accepted
//! or still waiting for the customer.

use serde::Serialize;
use ts_rs::TS;

use super::money::MoneyView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenderView {
    /// `cash`, `card` or `wallet`.
    pub kind: String,
    /// `accepted` (the ticket has this money) or `waiting` (the customer is at the terminal, or
    /// has the QR code to scan).
    pub state: String,
    /// What the cashier reads: `Tarjeta •••• 1111 (INCA-0000000432)`, `Billetera (txid 3f2a…)`.
    pub label: String,
    /// What it pays of the total (cash: what it pays, its change apart).
    pub amount: MoneyView,
    /// The blockchain's transaction id of a wallet payment, whole, for the receipt and audit.
    pub txid: Option<String>,
    /// When a waiting charge gives up (RFC 3339), and how many seconds are left of it.
    pub deadline: Option<String>,
    #[ts(type = "number | null")]
    pub seconds_left: Option<u32>,
    /// What the customer scans to pay with a wallet, while it waits: the URL, and the QR code
    /// of it as SVG markup to draw as it is.
    pub qr_url: Option<String>,
    pub qr_svg: Option<String>,
}

/// Card money taken without a sale: to hand back to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardStrayView {
    pub capture_id: String,
    pub amount: MoneyView,
    /// The card, the capture and why no sale stands behind it.
    pub label: String,
    pub found_at: String,
    /// Who confirmed the refund, once someone did.
    pub refunded_by: Option<String>,
}

/// A wallet charge a person must look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WalletChargeView {
    pub reference: String,
    pub amount: MoneyView,
    /// `unknown` (the charge's answer was lost: settle it with the customer's txid),
    /// `refund_due` (charged, no sale behind it), `refunded`.
    pub state: String,
    pub txid: Option<String>,
    pub created_at: String,
    pub refunded_by: Option<String>,
}
