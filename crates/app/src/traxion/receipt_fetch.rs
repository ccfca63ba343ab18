//! The hub's receipt text of an approved sale: fetched in the background after the approval
//! (and at start for sales whose receipt never arrived), kept in the journal, rendered as PDF.

use std::sync::Arc;

use crate::traxion::gateway::Traxion;

/// Attempts to fetch a receipt before leaving it for the next start-up.
const RECEIPT_ATTEMPTS: u32 = 20;

impl Traxion {
    /// Fetches the sale's receipt in the background.
    pub fn spawn_fetch_receipt(self: &Arc<Self>, sale_id: i64) {
        let hub = Arc::clone(self);
        self.ctx
            .spawn(async move { hub.fetch_receipt(sale_id).await });
    }

    /// Fetches and keeps the hub's receipt text, then renders the receipt PDF.
    async fn fetch_receipt(&self, sale_id: i64) {
        let hub_id = match self.ctx.store().sale(sale_id) {
            Ok(row) => match row.state.hub() {
                Some(h) => h.id.clone(),
                None => return,
            },
            Err(_) => return,
        };
        for attempt in 0..RECEIPT_ATTEMPTS {
            match self.call(self.client.receipt(&hub_id)).await {
                Ok(text) => {
                    let now = self.ctx.now();
                    let saved = self.ctx.store().save_receipt(sale_id, &text, now);
                    if let Err(e) = saved {
                        if !self.ctx.journal_refused(&e) {
                            tracing::error!(sale_id, error = %e, "could not keep the receipt");
                        }
                        return;
                    }
                    if let Err(e) = self.render_receipt(sale_id, false) {
                        tracing::error!(sale_id, error = %e.message, "could not render the receipt");
                    }
                    if let Ok(row) = self.ctx.store().sale(sale_id) {
                        self.ctx.announce(&row);
                    }
                    return;
                }
                Err(e) => {
                    tracing::warn!(sale_id, attempt, error = %e, "receipt not fetched yet");
                    tokio::time::sleep(self.ctx.cfg.poll.delay(attempt)).await;
                }
            }
        }
    }
}
