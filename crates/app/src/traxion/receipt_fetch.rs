//! The hub's receipt text of an approved sale: fetched in the background after the approval
//! (and at start for sales whose receipt never arrived), kept in the journal, rendered as PDF.
//!
//! Receipts are off the delivery path: a fetch waits while the outbox has due sales waiting for
//! a free slot (a backlog being drained after an outage), and only a couple run at once, so the
//! hub's capacity and the counter's CPU go to delivering sales first. A cashier waiting at the
//! counter is not delayed: with no backlog, the fetch starts as soon as the sale is approved.

use std::sync::Arc;

use crate::traxion::gateway::Traxion;

/// Attempts to fetch a receipt before leaving it for the next start-up.
const RECEIPT_ATTEMPTS: u32 = 20;

impl Traxion {
    /// Fetches the sale's receipt in the background, when the outbox lets it.
    pub fn spawn_fetch_receipt(self: &Arc<Self>, sale_id: i64) {
        let hub = Arc::clone(self);
        self.ctx.spawn(async move {
            if hub.ctx.background_turn().await.is_none() {
                return;
            }
            // Boxed: thousands of fetches may wait for their turn, each only this small.
            Box::pin(hub.fetch_receipt(sale_id)).await;
        });
    }

    /// Fetches and keeps the hub's receipt text, then renders the receipt PDF. Each try takes a
    /// turn, and gives it back while it waits to try again.
    async fn fetch_receipt(self: &Arc<Self>, sale_id: i64) {
        let hub_id = match self.ctx.store().sale(sale_id) {
            Ok(row) if row.has_receipt => return,
            Ok(row) => match row.state.hub() {
                Some(h) => h.id.clone(),
                None => return,
            },
            Err(_) => return,
        };
        for attempt in 0..RECEIPT_ATTEMPTS {
            let Some(turn) = self.ctx.background_turn().await else {
                return;
            };
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
                    // Laying out a PDF is CPU work: off the runtime's threads.
                    let hub = Arc::clone(self);
                    let rendered =
                        tokio::task::spawn_blocking(move || hub.render_receipt(sale_id, false))
                            .await;
                    if let Ok(Err(e)) = rendered {
                        tracing::error!(sale_id, error = %e.message, "could not render the receipt");
                    }
                    if let Ok(row) = self.ctx.store().sale(sale_id) {
                        self.ctx.announce(&row);
                    }
                    return;
                }
                Err(e) => {
                    tracing::warn!(sale_id, attempt, error = %e, "receipt not fetched yet");
                    drop(turn);
                    tokio::time::sleep(self.ctx.cfg.poll.delay(attempt)).await;
                }
            }
        }
    }
}
