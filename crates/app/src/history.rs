//! Reading the journal back for the screen: sales in flight, history, one sale.

use std::time::Duration;

use ventanilla_store::Store;

use crate::config::AppConfig;
use crate::context::Context;
use crate::error::UiError;
use crate::sale_view::sale_view;
use crate::views::SaleView;

/// How many sales the history screen lists at most.
const HISTORY_MAX: u32 = 500;

/// One sale as it stands: the one the cashier is handling.
pub(crate) fn sale(ctx: &Context, id: i64) -> Result<SaleView, UiError> {
    let l = ctx.locale();
    let row = ctx.store().sale(id).map_err(|e| UiError::store(&e, l))?;
    Ok(sale_view(&row, &ctx.cfg, ctx.now()))
}

/// Sales still waiting for the hub, oldest first.
pub(crate) fn sales_in_flight(ctx: &Context) -> Result<Vec<SaleView>, UiError> {
    let l = ctx.locale();
    let rows = ctx
        .store()
        .unresolved_sales()
        .map_err(|e| UiError::store(&e, l))?;
    let now = ctx.now();
    Ok(rows.iter().map(|r| sale_view(r, &ctx.cfg, now)).collect())
}

/// The most recent sales, newest first, as things that happened.
pub(crate) fn history(ctx: &Context, limit: u32) -> Result<Vec<SaleView>, UiError> {
    let l = ctx.locale();
    let rows = ctx
        .store()
        .recent_sales(limit.clamp(1, HISTORY_MAX))
        .map_err(|e| UiError::store(&e, l))?;
    let now = ctx.now();
    Ok(rows.iter().map(|r| sale_view(r, &ctx.cfg, now)).collect())
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
    Ok(rows.iter().map(|r| sale_view(r, cfg, now)).collect())
}

/// Waits until the sale is final, with its receipt when approved (or the time runs out), and
/// returns it as it stands.
pub(crate) async fn wait_final(
    ctx: &Context,
    sale_id: i64,
    limit: Duration,
) -> Result<SaleView, UiError> {
    let mut rx = ctx.sale_changes();
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let view = sale(ctx, sale_id)?;
        if view.is_final && (view.state != "approved" || view.receipt_ready) {
            return Ok(view);
        }
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Err(_) => return Ok(view),
            Ok(_) => continue,
        }
    }
}
