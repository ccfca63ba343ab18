//! The card tender's use cases as `Ventanilla` offers them.

use crate::error::UiError;
use crate::service::Ventanilla;
use crate::views::{CardStrayView, TicketView};

impl Ventanilla {
    /// Asks the card terminal to capture `amount` as typed (empty: all that is still owed) for
    /// the ticket being built. The card's verdict arrives later (`draft-changed`); a card that
    /// covers the ticket pays it (`ticket-changed`).
    pub async fn ticket_pay_card(&self, amount: &str) -> Result<TicketView, UiError> {
        let q = self.card()?;
        crate::quickpay::start::start(q, amount)
            .await
            .map(|v| self.told(v))
    }

    /// Stops waiting for the card; a capture that still comes is kept for a refund.
    pub fn ticket_cancel_card(&self) -> Result<TicketView, UiError> {
        crate::quickpay::start::cancel(self.card()?).map(|v| self.told(v))
    }

    /// Card money taken without a sale, the refunds still owed first.
    pub fn card_strays(&self) -> Result<Vec<CardStrayView>, UiError> {
        let l = self.ctx.locale();
        let strays = self
            .ctx
            .read(|s| s.card_strays())
            .map_err(|e| UiError::store(&e, l))?;
        Ok(strays
            .iter()
            .map(|s| crate::quickpay::words::stray_view(s, l))
            .collect())
    }

    /// A supervisor handed back the card money of capture `capture_id`.
    pub fn card_stray_refunded(&self, capture_id: &str, by: &str) -> Result<(), UiError> {
        let l = self.ctx.locale();
        let done = self
            .ctx
            .store()
            .card_stray_refunded(capture_id, by, self.ctx.now())
            .map_err(|e| UiError::store(&e, l))?;
        if !done {
            return Err(crate::quickpay::words::no_refund_owed(l));
        }
        self.ctx.status_changed();
        Ok(())
    }

    /// The card terminal's base URL, when this counter takes cards.
    pub fn card_terminal_url(&self) -> Option<&str> {
        self.quickpay.as_deref().map(|q| q.base_url.as_str())
    }

    fn card(&self) -> Result<&crate::quickpay::gateway::Quickpay, UiError> {
        self.quickpay
            .as_deref()
            .ok_or_else(|| crate::quickpay::words::cards_off(self.ctx.locale()))
    }
}
