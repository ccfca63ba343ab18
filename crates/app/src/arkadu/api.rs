//! The tax platform's use cases as the screen and the CLI call them.

use std::sync::Arc;

use ventanilla_core::arkadu::{ItemAction, OrderPhase};

use crate::arkadu::gateway::Arkadu;
use crate::arkadu::view::order_view;
use crate::arkadu::{lookup, orders, words};
use crate::error::UiError;
use crate::service::Ventanilla;
use crate::views::{TaxDebtsView, TaxOrderView};

impl Ventanilla {
    fn tax(&self) -> Result<&Arc<Arkadu>, UiError> {
        self.arkadu
            .as_ref()
            .ok_or_else(|| words::not_configured(self.ctx.locale()))
    }

    /// What the taxpayer with the document id `doc_id` (as typed) owes.
    pub async fn tax_debts(&self, doc_id: &str) -> Result<TaxDebtsView, UiError> {
        lookup::debts(self.tax()?, doc_id).await
    }

    /// Creates an order at the platform for the debts `debt_ids` of `doc_id`; its debts join the
    /// ticket being built. Needs the platform: offline it is refused with `Offline`.
    pub async fn tax_create_order(
        &self,
        doc_id: &str,
        debt_ids: &[String],
    ) -> Result<TaxOrderView, UiError> {
        let order = orders::create(self.tax()?, &self.desk, doc_id, debt_ids).await?;
        self.told(self.ticket());
        Ok(order)
    }

    /// Adds (`add`) or removes debts of an open order; the ticket being built follows.
    pub async fn tax_change_order(
        &self,
        order: i64,
        add: bool,
        debt_ids: &[String],
    ) -> Result<TaxOrderView, UiError> {
        let action = if add {
            ItemAction::Add
        } else {
            ItemAction::Remove
        };
        let order = orders::change(self.tax()?, &self.desk, order, action, debt_ids).await?;
        self.told(self.ticket());
        Ok(order)
    }

    /// Cancels an open order at the platform and takes its debts off the ticket being built.
    pub async fn tax_cancel_order(&self, order: i64) -> Result<TaxOrderView, UiError> {
        let order = orders::cancel(self.tax()?, &self.desk, order).await?;
        self.told(self.ticket());
        Ok(order)
    }

    /// A tax order as it stands (an open one past its expiry reads as expired).
    pub fn tax_order(&self, order: i64) -> Result<TaxOrderView, UiError> {
        let t = self.tax()?;
        let record = t.current(order)?;
        order_view(&record, self.ctx.now(), self.ctx.locale())
            .ok_or_else(|| UiError::internal(self.ctx.locale(), "a tax order without its order"))
    }

    /// Tax orders whose payment was reported and whose debts are not all settled yet, oldest
    /// first (none when this counter takes no tax orders).
    pub fn tax_orders_in_flight(&self) -> Result<Vec<TaxOrderView>, UiError> {
        let Some(t) = &self.arkadu else {
            return Ok(Vec::new());
        };
        let l = self.ctx.locale();
        let records = self
            .ctx
            .read(|s| s.tax_orders_in(&[OrderPhase::Reported, OrderPhase::Processing]))
            .map_err(|e| UiError::store(&e, l))?;
        Ok(records
            .iter()
            .filter_map(|r| order_view(r, t.ctx.now(), l))
            .collect())
    }

    /// Waits until the platform has said its last word on every debt of the order (or the time
    /// runs out) and returns it.
    pub async fn wait_tax_order_final(
        &self,
        order: i64,
        limit: std::time::Duration,
    ) -> Result<TaxOrderView, UiError> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let v = self.tax_order(order)?;
            let waiting = matches!(v.phase.as_str(), "reported" | "processing");
            if !waiting || tokio::time::Instant::now() >= deadline {
                return Ok(v);
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
}
