//! The customer's ticket as the screen shows it: while it is built, and once paid, with each
//! item's state and where the ticket's money stands.

use serde::Serialize;
use ts_rs::TS;

use super::bill::BillView;
use super::money::MoneyView;
use super::receipt::ReceiptFile;
use super::sale::SaleView;
use super::tax::TaxLineView;
use super::tender::TenderView;

/// Whether a rejected item's money went back to the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RefundState {
    /// Nothing to hand back for this item (not rejected, or not paid yet).
    None,
    /// Rejected: its amount must be handed back, and the cashier has not confirmed it yet.
    Due,
    /// Handed back, as the cashier confirmed.
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketItemView {
    /// 1-based, in the order the cashier added it; what `ticketRemove` and friends take.
    #[ts(type = "number")]
    pub position: u32,
    /// The gateway that settles it (`traxion` for bills).
    pub gateway: String,
    /// Who is paid (the company of a bill).
    pub title: String,
    /// Whose debt it is (the customer id on a bill).
    pub customer_id: String,
    pub amount: MoneyView,
    /// The bill as looked up, while the ticket is being built (its open-amount limits).
    pub bill: Option<BillView>,
    /// Its sale once the ticket is paid: state, reason, receipt.
    pub sale: Option<SaleView>,
    /// A tax debt's order and state (none for bills).
    pub tax: Option<TaxLineView>,
    pub refund: RefundState,
}

/// Where a paid ticket's money stands, every figure from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketMoneyView {
    /// What the customer handed over (cash before change).
    pub received: MoneyView,
    pub change: MoneyView,
    /// Items the gateways took.
    pub approved: MoneyView,
    /// Items still waiting for their gateway's answer.
    pub waiting: MoneyView,
    /// Items refused, refunded or not.
    pub rejected: MoneyView,
    pub refunded: MoneyView,
    /// To hand back now: refused items whose refund is not confirmed yet.
    pub refund_due: MoneyView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketView {
    /// None while the ticket is being built.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub items: Vec<TicketItemView>,
    /// None for an empty ticket (it cannot be paid).
    pub total: Option<MoneyView>,
    /// `draft` while being built; then the ledger payment's status (`initialized`,
    /// `Completed`, `cancelled`, `rejected`).
    pub status: String,
    pub status_label: String,
    /// What the cashier does about it now: `draft` (being built), `waiting` (items not answered
    /// yet), `refund` (money to hand back), `settled` (nothing more), `cancelled`.
    pub phase: String,
    /// What the customer is likely to hand over while it is being built: the exact total, then
    /// round sums of common notes above it (shortcuts for the cash received).
    pub cash_hints: Vec<MoneyView>,
    /// Once paid.
    pub money: Option<TicketMoneyView>,
    /// How it is being paid, or was: the card and wallet charges taken and waiting while it is
    /// built, every tender once paid.
    pub tenders: Vec<TenderView>,
    /// What the tenders taken so far leave to pay, while it is being built.
    pub owed: Option<MoneyView>,
    /// Why the last card or wallet charge did not go through, until the next one starts.
    pub charge_notice: Option<String>,
    /// Every item final and every refund confirmed: nothing more will happen to it.
    pub settled: bool,
    pub created_at: Option<String>,
}

/// The ticket's summary receipt the cashier asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketReceiptFile {
    #[ts(type = "number")]
    pub ticket_id: i64,
    pub copy: bool,
    /// What was done, in the cashier's words.
    pub outcome_label: String,
    /// The summary as text, for the on-screen preview.
    pub text: String,
    /// Where the PDF is, for the desktop shell; never shown as the message.
    pub file: String,
}

/// A ticket paid while the hub was unreachable, with the provisional receipt of each bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionalTicket {
    pub ticket: TicketView,
    pub receipts: Vec<ReceiptFile>,
}
