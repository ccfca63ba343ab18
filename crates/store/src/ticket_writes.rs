//! Writing a ticket: its row, its items, the sale of each bill (with their outbox rows and chain
//! records) and its ledger payment commit together, durably, or not at all. A ticket is never
//! paid with an item missing from the outbox, nor an item queued without the money behind it.

use chrono::{DateTime, Utc};
use ventanilla_core::ledger::{Appended, LedgerPayment, Tender, TenderTx, Transaction};
use ventanilla_core::quickpay::TenderRef;
use ventanilla_core::ticket::ItemKey;

use crate::error::StoreError;
use crate::sale_writes::journal_sale;
use crate::store::Store;
use crate::tables::sales::NewSale;
use crate::tables::ticket_items::{self, TicketItemRow};
use crate::tables::tickets::{self, TicketRow};
use crate::tables::{card_attempts, payment_history, payment_transactions, wallet_charges};
use crate::tax_writes::{item_rows, queue_report, write_tax_state, TAX_GATEWAY};

/// Bills are settled by the hub's outbox; their key's gateway name.
pub const BILL_GATEWAY: &str = "traxion";

/// A ticket as the cashier confirmed it: its bills in order (each sale's amount is what that
/// item is charged) and its payment, opened and covered by its tenders.
pub struct NewTicket<'a> {
    pub bills: Vec<NewSale<'a>>,
    /// Tax orders paid with the ticket, each already `Reported` (its reference fixed): their
    /// debts follow the bills as items, and each report is queued for the platform.
    pub taxes: Vec<TaxPayment<'a>>,
    pub payment: &'a LedgerPayment,
    pub counter: &'a str,
    pub cashier: &'a str,
    pub at: DateTime<Utc>,
}

/// A journaled open tax order, now paid: `state` is its `Reported` state.
pub struct TaxPayment<'a> {
    pub doc_id: &'a str,
    pub state: &'a ventanilla_core::arkadu::OrderState,
}

/// A paid ticket as the journal holds it, its payment replayed through the ledger's rules.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRecord {
    pub ticket: TicketRow,
    pub items: Vec<TicketItemRow>,
    pub payment: LedgerPayment,
}

impl Store {
    /// Writes the ticket in one durable transaction and returns its id. Fails whole with
    /// `BillBusy` if any bill already has an unresolved sale, and with `Invalid` if the items do
    /// not add up to the payment's total.
    pub fn insert_ticket(&mut self, t: &NewTicket<'_>) -> Result<i64, StoreError> {
        let total = t.payment.total_amount();
        let mut sum = ventanilla_core::Money::zero(total.currency());
        let tax_totals = t
            .taxes
            .iter()
            .filter_map(|p| p.state.order())
            .map(|o| o.total());
        for amount in t.bills.iter().map(|b| b.amount).chain(tax_totals) {
            sum = sum
                .checked_add(amount)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
        }
        if sum != total || (t.bills.is_empty() && t.taxes.is_empty()) {
            return Err(StoreError::Invalid(format!(
                "the items add up to {sum}, the payment is for {total}"
            )));
        }
        let tx = self.conn.transaction()?;
        let id = tickets::insert(&tx, total, t.counter, t.cashier, t.at, t.payment.status())?;
        let mut head = None;
        for (n, bill) in t.bills.iter().enumerate() {
            let (sale_id, h) = journal_sale(&tx, bill)?;
            head = Some(h);
            let item = TicketItemRow {
                position: n as u32 + 1,
                key: ItemKey::new(BILL_GATEWAY, bill.bill.external_data.0.clone()),
                amount: bill.amount,
                ref_id: sale_id,
            };
            ticket_items::insert(&tx, id, &item).map_err(|e| match e {
                StoreError::Sqlite(e) if is_constraint(&e) => {
                    StoreError::Invalid(format!("bill {} twice in one ticket", n + 1))
                }
                other => other,
            })?;
        }
        let mut position = t.bills.len() as u32;
        for tax in &t.taxes {
            let order_row = write_tax_state(&tx, tax.doc_id, tax.state, t.at)?;
            queue_report(&tx, order_row, tax.state, t.at)?;
            for (debt, item_row) in item_rows(&tx, order_row)? {
                position += 1;
                let amount = tax
                    .state
                    .order()
                    .and_then(|o| o.items().iter().find(|i| i.id.as_str() == debt))
                    .map(|i| i.amount)
                    .ok_or(StoreError::NotFound)?;
                let item = TicketItemRow {
                    position,
                    key: ItemKey::new(TAX_GATEWAY, debt),
                    amount,
                    ref_id: item_row,
                };
                ticket_items::insert(&tx, id, &item).map_err(|e| match e {
                    StoreError::Sqlite(e) if is_constraint(&e) => {
                        StoreError::Invalid("a tax debt twice in tickets".into())
                    }
                    other => other,
                })?;
            }
        }
        for change in t.payment.history() {
            payment_history::append(&tx, id, change)?;
        }
        for row in t.payment.transactions() {
            payment_transactions::append(&tx, id, row)?;
            if let Transaction::Tender(TenderTx {
                tender: Tender::Card(card),
                ..
            }) = row
            {
                let reference = TenderRef::new(&card.reference)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?;
                card_attempts::take(&tx, &reference, id)?;
            }
            if let Transaction::Tender(TenderTx {
                tender: Tender::Wallet(wallet),
                ..
            }) = row
            {
                wallet_charges::take(&tx, &wallet.reference, id)?;
            }
        }
        tx.commit()?;
        if let Some(head) = head {
            self.publish(&head);
        }
        Ok(id)
    }

    /// Writes what a change to a ticket's payment appended (a refund, a status), in one durable
    /// transaction.
    pub fn append_payment(&mut self, ticket_id: i64, a: &Appended) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for row in &a.transactions {
            payment_transactions::append(&tx, ticket_id, row)?;
        }
        for change in &a.statuses {
            payment_history::append(&tx, ticket_id, change)?;
        }
        if let Some(last) = a.statuses.last() {
            tickets::set_status(&tx, ticket_id, last.status)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A paid ticket with its items and payment. A payment that does not replay through the
    /// ledger's rules is `Altered`: its figures are not shown as if they were true.
    pub fn ticket(&self, id: i64) -> Result<TicketRecord, StoreError> {
        let ticket = self.ticket_row(id)?;
        let currency = ticket.total_amount.currency();
        let items = self.ticket_items(id, currency)?;
        let rows = self.payment_transactions(id, currency)?;
        let history = self.payment_history(id)?;
        let payment = LedgerPayment::replay(ticket.total_amount, &rows, &history)
            .map_err(|e| StoreError::Altered(format!("ticket {id}: {e}")))?;
        Ok(TicketRecord {
            ticket,
            items,
            payment,
        })
    }
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}
