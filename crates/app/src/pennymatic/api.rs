//! The wallet tender's use cases as `Ventanilla` offers them.

use ventanilla_core::pennymatic::{Confirmation, TxId, WalletPhase};

use crate::error::UiError;
use crate::pennymatic::gateway::{Pennymatic, GATEWAY};
use crate::pennymatic::words;
use crate::service::Ventanilla;
use crate::views::{MoneyView, TicketView, WalletChargeView};

impl Ventanilla {
    /// Shows a wallet-connect QR code for `amount` as typed (empty: all that is still owed).
    /// Once the customer connects, the wallet is charged; the outcome arrives as
    /// `draft-changed` (or `ticket-changed` when it covers the ticket).
    pub async fn ticket_pay_wallet(&self, amount: &str) -> Result<TicketView, UiError> {
        crate::pennymatic::start::start(self.wallet()?, amount)
            .await
            .map(|v| self.told(v))
    }

    /// Stops waiting for the customer's wallet.
    pub fn ticket_cancel_wallet(&self) -> Result<TicketView, UiError> {
        crate::pennymatic::start::cancel(self.wallet()?).map(|v| self.told(v))
    }

    /// Wallet charges for a person: outcomes unknown, and money to hand back.
    pub fn wallet_attention(&self) -> Result<Vec<WalletChargeView>, UiError> {
        let l = self.ctx.locale();
        let list = self
            .ctx
            .read(|s| s.wallet_attention())
            .map_err(|e| UiError::store(&e, l))?;
        Ok(list
            .iter()
            .map(|r| WalletChargeView {
                reference: r.reference.clone(),
                amount: MoneyView::new(&r.amount, l),
                state: match (r.phase, &r.refunded) {
                    (WalletPhase::Unknown, _) => "unknown",
                    (_, Some(_)) => "refunded",
                    _ => "refund_due",
                }
                .into(),
                txid: r.txid.as_ref().map(|t| t.as_str().to_string()),
                created_at: r.created_at.to_rfc3339(),
                refunded_by: r.refunded.as_ref().map(|(_, by)| by.clone()),
            })
            .collect())
    }

    /// A supervisor settles a wallet charge whose answer was lost, with the txid the customer's
    /// wallet shows: a transaction the gateway knows as ours was charged (its money goes back,
    /// since the ticket was paid otherwise or dropped); an empty txid says nothing was taken.
    pub async fn wallet_settle_unknown(&self, reference: &str, txid: &str) -> Result<(), UiError> {
        let w = self.wallet()?;
        let l = self.ctx.locale();
        let now = self.ctx.now();
        let record = self
            .ctx
            .read(|s| s.wallet_charge(reference))
            .map_err(|e| UiError::store(&e, l))?
            .filter(|r| r.phase == WalletPhase::Unknown)
            .ok_or_else(|| words::nothing_to_settle(l))?;
        if txid.trim().is_empty() {
            self.ctx
                .store()
                .wallet_advance(
                    &record.reference,
                    WalletPhase::Unknown,
                    WalletPhase::Failed,
                    Some("nothing was taken, as the supervisor found"),
                    None,
                    now,
                )
                .map_err(|e| UiError::store(&e, l))?;
            return Ok(());
        }
        let txid = TxId::new(txid.trim()).map_err(|_| words::not_ours(l))?;
        let said = self
            .ctx
            .call(GATEWAY, w.client.is_confirmed(&txid))
            .await
            .map_err(|e| words::not_connected(&e, l))?;
        if said == Confirmation::Unknown {
            return Err(words::not_ours(l));
        }
        let mut store = self.ctx.store();
        store
            .wallet_charged(&record.reference, &txid, None, now)
            .map_err(|e| UiError::store(&e, l))?;
        store
            .wallet_stray(&record.reference, now)
            .map_err(|e| UiError::store(&e, l))?;
        drop(store);
        self.ctx.status_changed();
        Ok(())
    }

    /// A supervisor handed back the money of wallet charge `reference`.
    pub fn wallet_refunded(&self, reference: &str, by: &str) -> Result<(), UiError> {
        let l = self.ctx.locale();
        let done = self
            .ctx
            .store()
            .wallet_refunded(reference, by, self.ctx.now())
            .map_err(|e| UiError::store(&e, l))?;
        if !done {
            return Err(words::nothing_to_settle(l));
        }
        self.ctx.status_changed();
        Ok(())
    }

    /// The wallet gateway's base URL, when this counter takes wallets.
    pub fn wallet_url(&self) -> Option<&str> {
        self.pennymatic.as_deref().map(|w| w.base_url.as_str())
    }

    fn wallet(&self) -> Result<&Pennymatic, UiError> {
        self.pennymatic
            .as_deref()
            .ok_or_else(|| words::wallets_off(self.ctx.locale()))
    }
}
