//! The ticket's use cases as the screen and the CLI call them.

use std::time::Duration;

use crate::error::UiError;
use crate::service::Ventanilla;
use crate::ticket::{build, pay, settle, summary};
use crate::views::{CashQuote, ProvisionalTicket, TicketReceiptFile, TicketView};

impl Ventanilla {
    /// The ticket being built at this counter.
    pub fn ticket(&self) -> TicketView {
        build::current(&self.ctx, &self.desk)
    }

    /// Adds a looked-up bill to the ticket being built, charging `amount` as typed (empty: its
    /// total). Refused with `Duplicate` when it is already in the ticket or already charged here.
    pub fn ticket_add_bill(&self, bill_key: i64, amount: &str) -> Result<TicketView, UiError> {
        build::add_bill(&self.traxion, &self.desk, bill_key, amount).map(|v| self.told(v))
    }

    /// Changes what is charged for an open-amount bill of the ticket being built.
    pub fn ticket_set_amount(&self, position: u32, amount: &str) -> Result<TicketView, UiError> {
        build::set_amount(&self.traxion, &self.desk, position, amount).map(|v| self.told(v))
    }

    /// Takes an item out of the ticket being built.
    pub fn ticket_remove(&self, position: u32) -> Result<TicketView, UiError> {
        build::remove(&self.ctx, &self.desk, position).map(|v| self.told(v))
    }

    /// Drops the ticket being built; nothing was sent for its items. A card charge still
    /// waiting is given up, and the money of accepted ones is kept for a refund.
    pub fn ticket_abandon(&self) -> TicketView {
        let card = self.quickpay.as_deref();
        let one = card.map(|q| q.changing());
        let (view, orders, charges) = build::abandon(&self.ctx, &self.desk);
        if let Some(q) = card {
            crate::quickpay::start::release(q, &charges);
        }
        drop(one);
        if let Some(w) = &self.pennymatic {
            crate::pennymatic::start::release(w, &charges);
        }
        if let Some(tax) = &self.arkadu {
            tax.cancel_in_background(orders);
        }
        self.told(view)
    }

    /// Tells every window (the customer's screen follows the cashier's) that the ticket being
    /// built is now `view`, and hands it back.
    pub(crate) fn told(&self, view: TicketView) -> TicketView {
        self.ctx
            .events
            .emit(crate::ipc::events::Event::DraftChanged(view.clone()));
        view
    }

    /// The change for `received` as typed (empty: exact cash), recording nothing.
    pub fn ticket_quote_cash(&self, received: &str) -> Result<CashQuote, UiError> {
        pay::quote_cash(&self.traxion, &self.desk, received)
    }

    /// Takes the cash for the whole ticket being built. The ticket, its ledger payment and
    /// every item's sale are durably in the journal when this returns, and the next customer's
    /// ticket is empty; each item's outcome arrives later (`ticket-changed`).
    pub fn ticket_pay_cash(&self, received: &str) -> Result<TicketView, UiError> {
        let id = pay::pay_cash(&self.traxion, &self.desk, received)?;
        self.told(self.ticket());
        settle::view(&self.ctx, id)
    }

    /// Takes the cash for the whole ticket while the hub is unreachable, within the
    /// contingency's caps: the bills are provisional sales, each with its provisional receipt.
    pub fn ticket_pay_cash_offline(&self, received: &str) -> Result<ProvisionalTicket, UiError> {
        let (id, receipts) = pay::pay_cash_offline(&self.traxion, &self.desk, received)?;
        self.told(self.ticket());
        Ok(ProvisionalTicket {
            ticket: settle::view(&self.ctx, id)?,
            receipts,
        })
    }

    /// The last ticket paid at this counter since it started (by the cashier, or by the card or
    /// wallet charge that covered it).
    pub fn last_paid_ticket(&self) -> Option<i64> {
        self.desk.last_paid()
    }

    /// A paid ticket as it stands.
    pub fn paid_ticket(&self, id: i64) -> Result<TicketView, UiError> {
        settle::view(&self.ctx, id)
    }

    /// Paid tickets with an item still waiting or a refund not confirmed, oldest first.
    pub fn tickets_in_flight(&self) -> Result<Vec<TicketView>, UiError> {
        settle::in_flight(&self.ctx)
    }

    /// The cashier handed back the amount of the rejected item at `position`.
    pub fn confirm_refund(&self, ticket_id: i64, position: u32) -> Result<TicketView, UiError> {
        settle::confirm_refund(&self.ctx, ticket_id, position)
    }

    /// The ticket's summary receipt (a copy, marked and kept, with `copy`).
    pub fn ticket_summary_pdf(&self, id: i64, copy: bool) -> Result<TicketReceiptFile, UiError> {
        summary::summary_pdf(&self.ctx, id, copy)
    }

    /// The ticket a sale was paid in, for the history (none for a sale from before tickets).
    pub fn ticket_of_sale(&self, sale_id: i64) -> Result<Option<TicketView>, UiError> {
        let l = self.ctx.locale();
        let id = self
            .ctx
            .store()
            .ticket_of(ventanilla_store::BILL_GATEWAY, sale_id)
            .map_err(|e| UiError::store(&e, l))?;
        id.map(|id| settle::view(&self.ctx, id)).transpose()
    }

    /// Waits until every item of the ticket is final (or the time runs out) and returns it.
    pub async fn wait_ticket_final(&self, id: i64, limit: Duration) -> Result<TicketView, UiError> {
        let mut changes = self.ctx.sale_changes();
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let v = settle::view(&self.ctx, id)?;
            let all_final = v.items.iter().all(|i| {
                i.sale.as_ref().is_some_and(|s| s.is_final)
                    || i.tax.as_ref().is_some_and(|t| t.is_final)
            });
            if all_final {
                return Ok(v);
            }
            // Tax callbacks are not sale changes: look again at least twice a second.
            let next = deadline.min(tokio::time::Instant::now() + Duration::from_millis(500));
            match tokio::time::timeout_at(next, changes.recv()).await {
                Err(_) if tokio::time::Instant::now() >= deadline => return Ok(v),
                Err(_) => {}
                Ok(Err(tokio::sync::broadcast::error::RecvError::Closed)) => return Ok(v),
                Ok(_) => {}
            }
        }
    }
}
