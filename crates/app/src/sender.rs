//! The outbox sender: drains queued remote operations with bounded concurrency, one at a time
//! per bill, retrying with backoff and the same idempotency key until the gateway gives a final
//! answer, or handing the operation to a person. Which operations to attempt and what to do
//! with each answer are pure functions in `ventanilla_core::outbox`; this is their I/O.

use std::time::Duration;

use ventanilla_core::outbox::{approach, next, pick, Approach, Next, Outcome};
use ventanilla_core::payment::{step, Effect, HubVerdict, SaleEvent, SaleState};
use ventanilla_core::ExternalData;
use ventanilla_gateways::traxion::SaleRequest;
use ventanilla_gateways::GatewayError;
use ventanilla_store::{OutboxRow, SaleRow};

use crate::service::Ventanilla;

/// Longest the sender sleeps without looking at the queue (also how often it notices a clock
/// moved by a test).
const IDLE_TICK: Duration = Duration::from_millis(500);

/// What one network call came to, for the outbox's decision.
enum CallResult {
    Event(SaleEvent),
    Failed(SaleEvent, String),
}

impl Ventanilla {
    /// Starts the sender (once, at start-up) and fetches receipts that never arrived.
    pub(crate) fn start_sender(&self) -> Result<(), crate::UiError> {
        let l = self.inner.cfg.locale;
        let missing = self
            .inner
            .store()
            .sales_missing_receipt()
            .map_err(|e| crate::UiError::store(&e, l))?;
        for id in missing {
            let app = self.clone();
            self.inner
                .runtime
                .spawn(async move { app.fetch_receipt(id).await });
        }
        let app = self.clone();
        self.inner
            .runtime
            .spawn(async move { app.sender_loop().await });
        Ok(())
    }

    /// Tells the sender something was queued.
    pub(crate) fn wake_sender(&self) {
        self.inner.wake.notify_one();
    }

    async fn sender_loop(self) {
        let mut stop = self.inner.stop.subscribe();
        while !*stop.borrow() {
            // While the journal refuses writes nothing is attempted: the answer to a call could
            // not be recorded. A wake-up meanwhile (a sale queued, an attempt ending) only
            // comes back here and waits out the rest.
            let untrusted = matches!(
                self.inner.journal_trust.get(),
                crate::journal_check::JournalCheck::Failed(_)
            );
            let wait = match self.journal_gate() {
                Some(wait) => wait,
                // A journal whose full check failed decides nothing, not even what to resend.
                None if untrusted => IDLE_TICK,
                None => match self.dispatch() {
                    Ok(wait) => wait,
                    Err(e) => {
                        if !self.journal_refused(&e) {
                            tracing::error!(error = %e, "outbox unreadable; retrying");
                        }
                        IDLE_TICK
                    }
                },
            };
            tokio::select! {
                _ = self.inner.wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
            }
        }
    }

    /// Starts the attempts that are due; returns how long to sleep before looking again.
    fn dispatch(&self) -> Result<Duration, ventanilla_store::StoreError> {
        let now = self.inner.clock.now();
        let policy = &self.inner.cfg.delivery;
        // A few more candidates than free slots: some may belong to keys already in flight.
        let link = self.link_state();
        let (candidates, next_due) = {
            let store = self.inner.store();
            let candidates = if link == ventanilla_core::link::LinkState::Offline {
                store.outbox_oldest_pending()?.into_iter().collect()
            } else {
                let limit = policy.concurrency.saturating_mul(4).max(16);
                store.outbox_due_heads(now, limit)?
            };
            (candidates, store.outbox_next_due()?)
        };
        let queued: Vec<_> = candidates.iter().map(|r| r.queued.clone()).collect();
        let chosen = {
            let mut in_flight = self
                .inner
                .in_flight
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            let chosen = pick(&queued, &in_flight, link, policy, now);
            for id in &chosen {
                if let Some(row) = candidates.iter().find(|r| r.id == *id) {
                    in_flight.insert(row.queued.key.clone());
                }
            }
            chosen
        };
        for id in chosen {
            if let Some(row) = candidates.iter().find(|r| r.id == id).cloned() {
                let app = self.clone();
                self.inner.runtime.spawn(async move {
                    let key = row.queued.key.clone();
                    app.attempt(row).await;
                    app.inner
                        .in_flight
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .remove(&key);
                    app.wake_sender();
                });
            }
        }
        let soonest = next_due
            .map(|t| (t - now).to_std().unwrap_or(Duration::ZERO))
            .unwrap_or(IDLE_TICK);
        Ok(soonest.clamp(Duration::from_millis(20), IDLE_TICK))
    }

    /// One attempt at one queued operation, and the outbox's decision about it.
    async fn attempt(&self, row: OutboxRow) {
        let outcome = self.attempt_bill_sale(&row).await;
        if self.journal_refusing().is_some() {
            // The journal refused a write during this attempt (or another's): its decision
            // could not be recorded either. The row stays due, with its attempts unchanged,
            // and goes again once the journal takes writes.
            return;
        }
        // Kept with the row so the supervisor sees why it keeps failing.
        let error = match &outcome {
            Outcome::Failed(e) => Some(e.clone()),
            _ => None,
        };
        let now = self.inner.clock.now();
        let decision = next(
            &row.queued,
            outcome,
            &self.inner.cfg.delivery,
            now,
            self.jitter(),
        );
        let written = {
            let mut store = self.inner.store();
            match &decision {
                Next::Done => store.outbox_done(row.id, now),
                Next::Retry { at, attempts } => {
                    store.outbox_retry_at(row.id, *at, *attempts, error.as_deref(), now)
                }
                Next::Attention { reason, attempts } => {
                    store.outbox_attention_set(row.id, reason, *attempts, error.as_deref(), now)
                }
            }
        };
        if let Err(e) = written {
            if !self.journal_refused(&e) {
                tracing::error!(outbox = row.id, error = %e, "could not record the attempt");
            }
        }
        self.announce_status();
    }

    async fn attempt_bill_sale(&self, row: &OutboxRow) -> Outcome {
        let sale_id = row.ref_id;
        let Ok(sale) = self.inner.store().sale(sale_id) else {
            return Outcome::Refused(format!("la venta {sale_id} no está en el diario"));
        };
        if sale.state.is_final() {
            return self.final_outcome(&sale);
        }
        let now = self.inner.clock.now();
        // What the journal says decides the first call: never sent -> send (or, if the
        // idempotency key may have expired, ask first); possibly sent -> ask.
        let mut call = match &sale.state {
            SaleState::Journaled => {
                match approach(&row.queued, true, &self.inner.cfg.delivery, now) {
                    Approach::Send => Some(SaleEvent::Submit),
                    Approach::LookUp => Some(SaleEvent::Resume),
                }
            }
            SaleState::Sending | SaleState::Resending => Some(SaleEvent::Resume),
            _ => None,
        };
        let mut effect = match call.take() {
            Some(event) => self.apply(sale_id, event),
            None => Some(Effect::QueryAfter(Duration::ZERO)),
        };
        // At most three calls: a query that finds nothing may lead straight to the (re)send, and
        // a refused POST straight to the query that confirms it.
        let mut result = CallResult::Event(SaleEvent::QueryFailed);
        for _ in 0..3 {
            if self.journal_refusing().is_some() {
                // Whatever the hub answered could not be recorded: ask again later.
                break;
            }
            result = match effect {
                Some(Effect::PostSale) => self.post(sale_id).await,
                Some(Effect::QueryAfter(_)) => self.query(sale_id).await,
                Some(Effect::FetchReceipt) | None => break,
            };
            let event = match &result {
                CallResult::Event(e) | CallResult::Failed(e, _) => e.clone(),
            };
            effect = self.apply(sale_id, event);
            let now_again = matches!(effect, Some(Effect::PostSale))
                || effect == Some(Effect::QueryAfter(Duration::ZERO));
            if !now_again {
                break;
            }
        }
        let Ok(sale) = self.inner.store().sale(sale_id) else {
            return Outcome::Failed("diario ilegible".into());
        };
        if sale.state.is_final() {
            return self.final_outcome(&sale);
        }
        match (result, effect) {
            (CallResult::Failed(_, error), _) => Outcome::Failed(error),
            (_, Some(Effect::QueryAfter(d))) => Outcome::Progress(d),
            (_, _) => Outcome::Progress(self.inner.cfg.poll.first),
        }
    }

    /// A final sale: done, unless it was taken offline and rejected (the customer left with a
    /// provisional receipt and must get the money back).
    fn final_outcome(&self, sale: &SaleRow) -> Outcome {
        match (&sale.state, sale.provisional) {
            (SaleState::Approved { .. }, _) => {
                if !sale.has_receipt {
                    let app = self.clone();
                    let id = sale.id;
                    self.inner
                        .runtime
                        .spawn(async move { app.fetch_receipt(id).await });
                }
                Outcome::Final
            }
            (SaleState::Rejected { reason, .. }, true) => Outcome::FinalNeedsAttention(format!(
                "venta sin conexión rechazada: devolver {} a {} (cliente {}): {reason}",
                sale.amount.format_es(),
                sale.company_name,
                sale.customer_id
            )),
            _ => Outcome::Final,
        }
    }

    /// Steps the sale's state machine and commits the result; returns the effect to carry out.
    /// If the journal cannot be written, nothing is sent: the attempt ends and is retried.
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
                // Released before `journal_refused` reads the status through the store.
                drop(store);
                if !self.journal_refused(&e) {
                    tracing::error!(sale_id, error = %e, "journal write failed; sale paused");
                }
                return None;
            }
            (store.sale(sale_id).ok(), effects.into_iter().next())
        };
        if let Some(row) = row {
            self.announce(&row);
        }
        effect
    }

    pub(crate) fn announce(&self, row: &SaleRow) {
        let view = self.sale_view(row);
        self.inner.events.sale_changed(&view);
        let _ = self.inner.changes.send(row.id);
    }

    async fn post(&self, sale_id: i64) -> CallResult {
        let Ok(row) = self.inner.store().sale(sale_id) else {
            return CallResult::Failed(SaleEvent::Lost, "diario ilegible".into());
        };
        let request = SaleRequest {
            client_transaction_id: row.client_transaction_id.clone(),
            amount: row.amount,
            product_id: row.company_id.clone(),
            external_data: ExternalData(row.external_data.clone()),
        };
        match self.call_hub(self.inner.hub.pay(&request)).await {
            Ok(answer) => CallResult::Event(SaleEvent::Answered(answer)),
            Err(GatewayError::Refused { message, .. }) => {
                CallResult::Event(SaleEvent::Refused { message })
            }
            Err(e @ GatewayError::NotDelivered(_)) => {
                CallResult::Failed(SaleEvent::NotSent, e.to_string())
            }
            Err(e) => {
                tracing::warn!(sale_id, error = %e, "no usable answer to the sale; will ask the hub");
                CallResult::Failed(SaleEvent::Lost, e.to_string())
            }
        }
    }

    async fn query(&self, sale_id: i64) -> CallResult {
        let Ok(row) = self.inner.store().sale(sale_id) else {
            return CallResult::Failed(SaleEvent::QueryFailed, "diario ilegible".into());
        };
        match self
            .call_hub(self.inner.hub.sale_by_client_id(&row.client_transaction_id))
            .await
        {
            Ok(Some(answer)) => CallResult::Event(SaleEvent::Found(answer)),
            Ok(None) => CallResult::Event(SaleEvent::NotFound),
            Err(e) => {
                tracing::warn!(sale_id, error = %e, "status query failed");
                CallResult::Failed(SaleEvent::QueryFailed, e.to_string())
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
            match self.call_hub(self.inner.hub.receipt(&hub_id)).await {
                Ok(text) => {
                    let now = self.inner.clock.now();
                    let saved = self.inner.store().save_receipt(sale_id, &text, now);
                    if let Err(e) = saved {
                        if !self.journal_refused(&e) {
                            tracing::error!(sale_id, error = %e, "could not keep the receipt");
                        }
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

    fn jitter(&self) -> u16 {
        // The id generator is the app's one source of randomness; tests pass a fixed one.
        let id = self.inner.ids.client_transaction_id();
        let sum: u32 = id.as_str().bytes().map(u32::from).sum();
        u16::try_from(sum % 1001).unwrap_or(500)
    }
}

/// Attempts to fetch a receipt before leaving it for the next start-up.
const RECEIPT_ATTEMPTS: u32 = 20;

fn event_name(e: &SaleEvent) -> &'static str {
    match e {
        SaleEvent::Submit => "submit",
        SaleEvent::Resume => "resume",
        SaleEvent::Answered(a) if a.verdict == HubVerdict::Pending => "answered_pending",
        SaleEvent::Answered(_) => "answered",
        SaleEvent::Refused { .. } => "refused",
        SaleEvent::Lost => "lost",
        SaleEvent::NotSent => "not_sent",
        SaleEvent::Found(_) => "found",
        SaleEvent::NotFound => "not_found",
        SaleEvent::QueryFailed => "query_failed",
    }
}
