//! Taking a bill payment: check the amount and the cash, write the sale to the journal, and
//! only then hand it to the engine that talks to the hub.

use ventanilla_core::{Bill, CashTender, Money};
use ventanilla_store::{NewSale, Tender};

use crate::error::UiError;
use crate::service::Ventanilla;
use crate::views::{CashQuote, MoneyView, SaleView};

/// Longest amount text accepted from the screen; anything longer is not an amount.
const MAX_AMOUNT_TEXT: usize = 32;

impl Ventanilla {
    /// What the cashier would charge and give back, without recording anything.
    /// `amount` empty means the bill's total; `received` empty means exact cash.
    pub fn quote_cash(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<CashQuote, UiError> {
        let (_, tender) = self.check_cash(bill_key, amount, received)?;
        let l = self.inner.cfg.locale;
        Ok(CashQuote {
            amount: MoneyView::new(&tender.due(), l),
            received: MoneyView::new(&tender.received(), l),
            change: MoneyView::new(&tender.change(), l),
        })
    }

    /// Charges the bill in cash. The sale is durably in the journal when this returns; its
    /// outcome arrives later through [`crate::AppEvents`] (or [`Ventanilla::sale`]).
    pub fn pay_cash(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<SaleView, UiError> {
        let (bill, tender) = self.check_cash(bill_key, amount, received)?;
        let row = self.journal_cash_sale(bill_key, &bill, &tender, false)?;
        Ok(self.sale_view(&row))
    }

    /// Writes a checked cash sale and its outbox row to the journal (durably, before anything is
    /// sent), then tells the sender and the status bar.
    pub(crate) fn journal_cash_sale(
        &self,
        bill_key: i64,
        bill: &Bill,
        tender: &CashTender,
        provisional: bool,
    ) -> Result<ventanilla_store::SaleRow, UiError> {
        let l = self.inner.cfg.locale;
        let ctid = self.inner.ids.client_transaction_id();
        let row = self
            .inner
            .store()
            .insert_sale(&NewSale {
                client_transaction_id: &ctid,
                lookup_id: bill_key,
                bill,
                amount: tender.due(),
                tender: Tender::Cash {
                    received: tender.received(),
                    change: tender.change(),
                },
                counter: &self.inner.cfg.counter,
                cashier: &self.inner.cfg.cashier,
                at: self.inner.clock.now(),
                provisional,
            })
            .map_err(|e| UiError::store(&e, l))?;
        self.wake_sender();
        self.announce_status();
        Ok(row)
    }

    pub(crate) fn check_cash(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<(Bill, CashTender), UiError> {
        let l = self.inner.cfg.locale;
        if amount.len() > MAX_AMOUNT_TEXT || received.len() > MAX_AMOUNT_TEXT {
            return Err(UiError::validation(
                l,
                "El importe es demasiado largo.",
                "The amount is too long.",
            ));
        }
        let bill = self.inner.store().lookup(bill_key).map_err(|e| match e {
            ventanilla_store::StoreError::NotFound => UiError::lookup_expired(l),
            other => UiError::store(&other, l),
        })?;
        let currency = bill.amount.total().currency();
        let due = if amount.trim().is_empty() {
            bill.amount.total()
        } else {
            Money::parse_input(amount, currency).map_err(|e| UiError::money(&e, l))?
        };
        let due = bill.amount.check(due).map_err(|e| UiError::amount(&e, l))?;
        let received = if received.trim().is_empty() {
            None
        } else {
            Some(Money::parse_input(received, currency).map_err(|e| UiError::money(&e, l))?)
        };
        let tender = CashTender::new(due, received).map_err(|e| UiError::tender(&e, l))?;
        self.check_clock()?;
        Ok((bill, tender))
    }
}
