//! Sees each sale through to the hub's final answer. One task per unresolved sale; every state
//! change is committed to the journal before the network call it leads to.

use std::time::Duration;

use ventanilla_core::payment::{step, Effect, SaleEvent};
use ventanilla_core::ExternalData;
use ventanilla_gateways::traxion::SaleRequest;
use ventanilla_gateways::GatewayError;
use ventanilla_store::SaleRow;

use crate::service::Ventanilla;

/// Attempts to fetch a receipt before leaving it for the next start-up.
const RECEIPT_ATTEMPTS: u32 = 20;

impl Ventanilla {
    /// Resumes everything the journal holds unresolved (after a restart or a crash): each is
    /// asked about at the hub before anything else is sent for it. Receipts that were never
    /// fetched are fetched.
    pub(crate) fn resume_unresolved(&self) -> Result<(), crate::UiError> {
        let l = self.inner.cfg.locale;
        let (open, missing) = {
            let store = self.inner.store();
            let open = store
                .unresolved_sales()
                .map_err(|e| crate::UiError::store(&e, l))?;
            let missing = store
                .sales_missing_receipt()
                .map_err(|e| crate::UiError::store(&e, l))?;
            (open, missing)
        };
        for sale in open {
            self.drive(sale.id, SaleEvent::Resume);
        }
        for id in missing {
            let app = self.clone();
            self.inner
                .runtime
                .spawn(async move { app.fetch_receipt(id).await });
        }
        Ok(())
    }

    /// Starts the task for a sale unless one already runs.
    pub(crate) fn drive(&self, sale_id: i64, first: SaleEvent) {
        let fresh = self
            .inner
            .driving
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(sale_id);
        if !fresh {
            return;
        }
        let app = self.clone();
        self.inner.runtime.spawn(async move {
            app.run_sale(sale_id, first).await;
            app.inner
                .driving
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&sale_id);
        });
    }

    async fn run_sale(&self, sale_id: i64, first: SaleEvent) {
        let mut event = first;
        loop {
            let Some(effect) = self.apply(sale_id, event) else {
                return;
            };
            event = match effect {
                Effect::PostSale => self.post(sale_id).await,
                Effect::QueryAfter(delay) => {
                    tokio::time::sleep(delay).await;
                    self.query(sale_id).await
                }
                Effect::FetchReceipt => {
                    self.fetch_receipt(sale_id).await;
                    return;
                }
            };
        }
    }

    /// Steps the state machine and commits the result; returns the effect to carry out.
    /// If the journal cannot be written, the sale stops here (and is resumed on next start):
    /// nothing is sent that the journal does not know about.
    fn apply(&self, sale_id: i64, event: SaleEvent) -> Option<Effect> {
        let now = self.inner.clock.now();
        let name = event_name(&event);
        let (row, effect) = {
            let mut store = self.inner.store();
            let current = match store.sale(sale_id) {
                Ok(row) => row,
                Err(e) => {
                    tracing::error!(sale_id, error = %e, "journal unreadable; sale paused");
                    return None;
                }
            };
            let (next, effects) = step(&current.state, event, &self.inner.cfg.poll);
            if next == current.state && effects.is_empty() {
                return None;
            }
            let next_check = effects.iter().find_map(|e| match e {
                Effect::QueryAfter(d) => chrono::Duration::from_std(*d).ok().map(|d| now + d),
                _ => None,
            });
            if let Err(e) = store.update_sale_state(sale_id, &next, name, next_check, now) {
                tracing::error!(sale_id, error = %e, "journal write failed; sale paused");
                return None;
            }
            // The protocol emits at most one effect per step.
            (store.sale(sale_id).ok(), effects.into_iter().next())
        };
        if let Some(row) = row {
            self.announce(&row);
        }
        effect
    }

    fn announce(&self, row: &SaleRow) {
        let view = self.sale_view(row);
        self.inner.events.sale_changed(&view);
        let _ = self.inner.changes.send(row.id);
    }

    async fn post(&self, sale_id: i64) -> SaleEvent {
        let Ok(row) = self.inner.store().sale(sale_id) else {
            return SaleEvent::Lost;
        };
        let request = SaleRequest {
            client_transaction_id: row.client_transaction_id.clone(),
            amount: row.amount,
            product_id: row.company_id.clone(),
            external_data: ExternalData(row.external_data.clone()),
        };
        match self.inner.hub.pay(&request).await {
            Ok(answer) => SaleEvent::Answered(answer),
            Err(GatewayError::Refused { message, .. }) => SaleEvent::Refused { message },
            Err(e) => {
                tracing::warn!(sale_id, error = %e, "no usable answer to the sale; asking the hub");
                SaleEvent::Lost
            }
        }
    }

    async fn query(&self, sale_id: i64) -> SaleEvent {
        let Ok(row) = self.inner.store().sale(sale_id) else {
            return SaleEvent::QueryFailed;
        };
        match self
            .inner
            .hub
            .sale_by_client_id(&row.client_transaction_id)
            .await
        {
            Ok(Some(answer)) => SaleEvent::Found(answer),
            Ok(None) => SaleEvent::NotFound,
            Err(e) => {
                tracing::warn!(sale_id, error = %e, "status query failed");
                SaleEvent::QueryFailed
            }
        }
    }

    /// Fetches and keeps the hub's receipt text, then renders the receipt PDF.
    pub(crate) async fn fetch_receipt(&self, sale_id: i64) {
        let hub_id = match self.inner.store().sale(sale_id) {
            Ok(row) => match row.state.hub() {
                Some(h) => h.id.clone(),
                None => return,
            },
            Err(_) => return,
        };
        for attempt in 0..RECEIPT_ATTEMPTS {
            match self.inner.hub.receipt(&hub_id).await {
                Ok(text) => {
                    let now = self.inner.clock.now();
                    let saved = self.inner.store().save_receipt(sale_id, &text, now);
                    if let Err(e) = saved {
                        tracing::error!(sale_id, error = %e, "could not keep the receipt");
                        return;
                    }
                    if let Err(e) = self.render_receipt(sale_id, false) {
                        tracing::error!(sale_id, error = %e.message, "could not render the receipt");
                    }
                    if let Ok(row) = self.inner.store().sale(sale_id) {
                        self.announce(&row);
                    }
                    return;
                }
                Err(e) => {
                    tracing::warn!(sale_id, attempt, error = %e, "receipt not fetched yet");
                    tokio::time::sleep(self.inner.cfg.poll.delay(attempt)).await;
                }
            }
        }
    }

    /// Waits until the sale is final (or the time runs out) and returns it as it stands.
    pub async fn wait_final(
        &self,
        sale_id: i64,
        limit: Duration,
    ) -> Result<crate::views::SaleView, crate::UiError> {
        let mut rx = self.inner.changes.subscribe();
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let view = self.sale(sale_id)?;
            if view.is_final && (view.state != "approved" || view.receipt_ready) {
                return Ok(view);
            }
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Err(_) => return Ok(view),
                Ok(_) => continue,
            }
        }
    }
}

fn event_name(e: &SaleEvent) -> &'static str {
    match e {
        SaleEvent::Submit => "submit",
        SaleEvent::Resume => "resume",
        SaleEvent::Answered(_) => "answered",
        SaleEvent::Refused { .. } => "refused",
        SaleEvent::Lost => "lost",
        SaleEvent::Found(_) => "found",
        SaleEvent::NotFound => "not_found",
        SaleEvent::QueryFailed => "query_failed",
    }
}
