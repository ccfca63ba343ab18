//! Reading the journal back for the screen: sales in flight, history, one sale.

use ventanilla_store::{SaleRow, Store, Tender};

use crate::config::AppConfig;

use crate::error::UiError;
use crate::service::Ventanilla;
use crate::views::{MoneyView, SaleView};

/// How many sales the history screen lists at most.
const HISTORY_MAX: u32 = 500;

impl Ventanilla {
    pub fn sale(&self, id: i64) -> Result<SaleView, UiError> {
        let l = self.inner.cfg.locale;
        let row = self
            .inner
            .store()
            .sale(id)
            .map_err(|e| UiError::store(&e, l))?;
        Ok(self.sale_view(&row))
    }

    /// Sales still waiting for the hub, oldest first.
    pub fn sales_in_flight(&self) -> Result<Vec<SaleView>, UiError> {
        let l = self.inner.cfg.locale;
        let rows = self
            .inner
            .store()
            .unresolved_sales()
            .map_err(|e| UiError::store(&e, l))?;
        Ok(rows.iter().map(|r| self.sale_view(r)).collect())
    }

    /// The most recent sales, newest first.
    pub fn history(&self, limit: u32) -> Result<Vec<SaleView>, UiError> {
        let l = self.inner.cfg.locale;
        let rows = self
            .inner
            .store()
            .recent_sales(limit.clamp(1, HISTORY_MAX))
            .map_err(|e| UiError::store(&e, l))?;
        Ok(rows.iter().map(|r| self.sale_view(r)).collect())
    }

    pub(crate) fn sale_view(&self, row: &SaleRow) -> SaleView {
        view_of(row, &self.inner.cfg, self.inner.clock.now())
    }
}

/// The latest sales of the journal in `cfg`'s data folder, newest first, read without owning
/// the journal: it works beside the counter that has it open, and never writes to it.
pub fn read_only_history(cfg: &AppConfig, limit: u32) -> Result<Vec<SaleView>, UiError> {
    let l = cfg.locale;
    let store =
        Store::open_read_only(&cfg.journal_path()).map_err(|e| UiError::journal_open(&e, l))?;
    let rows = store
        .recent_sales(limit.clamp(1, HISTORY_MAX))
        .map_err(|e| UiError::store(&e, l))?;
    let now = chrono::Utc::now();
    Ok(rows.iter().map(|r| view_of(r, cfg, now)).collect())
}

fn view_of(row: &SaleRow, cfg: &AppConfig, now: chrono::DateTime<chrono::Utc>) -> SaleView {
    let l = cfg.locale;
    let Tender::Cash { received, change } = row.tender;
    let secs_until =
        |t: chrono::DateTime<chrono::Utc>| u64::try_from((t - now).num_seconds()).unwrap_or(0);
    let hub_reason = match &row.state {
        ventanilla_core::payment::SaleState::Rejected { reason, .. } => Some(reason.clone()),
        _ => None,
    };
    let reason = hub_reason.as_deref().map(|r| l.explain_rejection(r));
    let hub = row.state.hub();
    SaleView {
        id: row.id,
        client_transaction_id: row.client_transaction_id.to_string(),
        company_name: row.company_name.clone(),
        customer_id: row.customer_id.clone(),
        barcode: row.barcode.clone(),
        amount: MoneyView::new(&row.amount, l),
        tender: "cash".into(),
        received: MoneyView::new(&received, l),
        change: MoneyView::new(&change, l),
        state: row.state.phase_name().into(),
        state_label: l.phase_label(row.state.phase_name()),
        is_final: row.state.is_final(),
        reason,
        hub_reason,
        hub_number: hub.and_then(|h| h.number),
        created_at: row.created_at.to_rfc3339(),
        waited_secs: u64::try_from((now - row.created_at).num_seconds()).unwrap_or(0),
        next_check_in_secs: if row.state.is_final() {
            None
        } else {
            row.next_check_at.map(secs_until)
        },
        answer_timeout_secs: cfg.pay_timeout.as_secs(),
        receipt_ready: row.has_receipt,
        provisional: row.provisional,
    }
}
