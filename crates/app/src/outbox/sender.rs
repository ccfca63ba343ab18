//! The sender's loop: pick what is due, attempt it through its kind's handler, and record the
//! outbox's decision (done, retry after a backoff, or wait for a person). Which operations to
//! attempt and what to do with each answer are pure functions in `ventanilla_core::outbox`;
//! this is their I/O.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use ventanilla_core::link::LinkState;
use ventanilla_core::outbox::{next, pick, Next, Outcome, Queued};
use ventanilla_store::{OutboxRow, StoreError};

use crate::context::Context;
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::journal_check::JournalCheck;
use crate::outbox::handler::OutboxHandler;
use crate::outbox::registry::Handlers;

/// Longest the sender sleeps without looking at the queue (also how often it notices a clock
/// moved by a test).
const IDLE_TICK: Duration = Duration::from_millis(500);

pub(crate) struct Sender {
    ctx: Arc<Context>,
    handlers: Handlers,
    /// Keys with an attempt under way (one at a time per key), and the gateway each went to.
    in_flight: Mutex<HashMap<String, GatewayId>>,
}

impl Sender {
    pub fn new(ctx: Arc<Context>, handlers: Handlers) -> Sender {
        Sender {
            ctx,
            handlers,
            in_flight: Mutex::new(HashMap::new()),
        }
    }

    pub fn handlers(&self) -> &Handlers {
        &self.handlers
    }

    /// Lets every handler finish what the last run left, then starts the loop (once).
    pub fn start(self: &Arc<Self>) -> Result<(), UiError> {
        for handler in self.handlers.all() {
            handler.reconcile_at_start()?;
        }
        let sender = Arc::clone(self);
        self.ctx.spawn(async move { sender.run().await });
        Ok(())
    }

    fn in_flight(&self) -> MutexGuard<'_, HashMap<String, GatewayId>> {
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn run(self: Arc<Self>) {
        let mut stop = self.ctx.stopping();
        while !*stop.borrow() {
            // While the journal refuses writes nothing is attempted: the answer to a call could
            // not be recorded. A wake-up meanwhile (a sale queued, an attempt ending) only
            // comes back here and waits out the rest.
            let untrusted = matches!(self.ctx.journal_trust.get(), JournalCheck::Failed(_));
            let wait = match self.ctx.journal_gate() {
                Some(wait) => wait,
                // A journal whose full check failed decides nothing, not even what to resend.
                None if untrusted => IDLE_TICK,
                None => match self.dispatch() {
                    Ok(wait) => wait,
                    Err(e) => {
                        if !self.ctx.journal_refused(&e) {
                            tracing::error!(error = %e, "outbox unreadable; retrying");
                        }
                        IDLE_TICK
                    }
                },
            };
            tokio::select! {
                _ = self.ctx.sender_woken() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
            }
        }
    }

    /// Starts the attempts that are due; returns how long to sleep before looking again.
    fn dispatch(self: &Arc<Self>) -> Result<Duration, StoreError> {
        let now = self.ctx.now();
        let policy = self.ctx.cfg.delivery;
        let offline: Vec<GatewayId> = self
            .handlers
            .gateways()
            .into_iter()
            .filter(|g| self.ctx.links.state(*g) == LinkState::Offline)
            .collect();
        // A few more candidates than free slots: some may belong to keys already in flight.
        let limit = policy.concurrency.saturating_mul(4).max(16);
        let (due, next_due) = {
            let store = self.ctx.store();
            (
                store.outbox_due_heads(now, limit)?,
                store.outbox_next_due()?,
            )
        };
        let mut probes = Vec::new();
        for gateway in &offline {
            probes.extend(self.oldest_pending(*gateway)?);
        }
        let chosen = {
            let mut in_flight = self.in_flight();
            let flowing: Vec<OutboxRow> = due
                .into_iter()
                .filter(|r| {
                    self.handlers
                        .gateway_of(r.kind)
                        .is_some_and(|g| !offline.contains(&g))
                })
                .collect();
            let busy: HashSet<String> = in_flight.keys().cloned().collect();
            // Gateways that answer (or are not known yet) share the capacity.
            let mut chosen = take(&flowing, &busy, LinkState::Online, &policy, now);
            // Each unreachable gateway gets one probe, its oldest operation, when due and when
            // nothing of it is under way already.
            for probe in &probes {
                let gateway = self.handlers.gateway_of(probe.kind);
                let busy: HashSet<String> = in_flight
                    .iter()
                    .filter(|(_, g)| Some(**g) == gateway)
                    .map(|(k, _)| k.clone())
                    .collect();
                let free = policy.concurrency > in_flight.len() + chosen.len();
                if free {
                    chosen.extend(take(
                        std::slice::from_ref(probe),
                        &busy,
                        LinkState::Offline,
                        &policy,
                        now,
                    ));
                }
            }
            for row in &chosen {
                if let Some(g) = self.handlers.gateway_of(row.kind) {
                    in_flight.insert(row.queued.key.clone(), g);
                }
            }
            chosen
        };
        for row in chosen {
            let Some(handler) = self.handlers.get(row.kind).cloned() else {
                continue;
            };
            let sender = Arc::clone(self);
            self.ctx.spawn(async move {
                let key = row.queued.key.clone();
                sender.attempt(handler, row).await;
                sender.in_flight().remove(&key);
                sender.ctx.wake_sender();
            });
        }
        let soonest = next_due
            .map(|t| (t - now).to_std().unwrap_or(Duration::ZERO))
            .unwrap_or(IDLE_TICK);
        Ok(soonest.clamp(Duration::from_millis(20), IDLE_TICK))
    }

    /// The oldest pending operation of `gateway`, due or not: the one that probes its link.
    fn oldest_pending(&self, gateway: GatewayId) -> Result<Option<OutboxRow>, StoreError> {
        let store = self.ctx.store();
        let oldest = store.outbox_oldest_pending()?;
        if oldest
            .as_ref()
            .is_none_or(|r| self.handlers.gateway_of(r.kind) == Some(gateway))
        {
            return Ok(oldest);
        }
        // The whole queue's oldest belongs to another gateway: read the queue to find this
        // one's. Only while a gateway is unreachable and others have older work queued.
        Ok(store
            .outbox_pending()?
            .into_iter()
            .find(|r| self.handlers.gateway_of(r.kind) == Some(gateway)))
    }

    /// One attempt at one queued operation, and the outbox's decision about it.
    async fn attempt(&self, handler: Arc<dyn OutboxHandler>, row: OutboxRow) {
        let outcome = handler.attempt(row.clone()).await;
        if self.ctx.journal_refusing().is_some() {
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
        let now = self.ctx.now();
        let decision = next(
            &row.queued,
            outcome,
            &self.ctx.cfg.delivery,
            now,
            self.jitter(),
        );
        let written = {
            let mut store = self.ctx.store();
            match &decision {
                Next::Done => store.outbox_done(row.id, now),
                Next::Retry { at, attempts } => {
                    store.outbox_retry_at(row.id, *at, *attempts, error.as_deref(), now)
                }
                Next::Attention { reason, attempts } => store.outbox_attention_set(
                    row.id,
                    &reason.code(),
                    *attempts,
                    error.as_deref(),
                    now,
                ),
            }
        };
        if let Err(e) = written {
            if !self.ctx.journal_refused(&e) {
                tracing::error!(outbox = row.id, error = %e, "could not record the attempt");
            }
        }
        self.ctx.status_changed();
    }

    fn jitter(&self) -> u16 {
        // The id generator is the app's one source of randomness; tests pass a fixed one.
        let id = self.ctx.ids.client_transaction_id();
        let sum: u32 = id.as_str().bytes().map(u32::from).sum();
        u16::try_from(sum % 1001).unwrap_or(500)
    }
}

/// The rows `pick` chooses among `rows`.
fn take(
    rows: &[OutboxRow],
    in_flight: &HashSet<String>,
    link: LinkState,
    policy: &ventanilla_core::outbox::DeliveryPolicy,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<OutboxRow> {
    let queued: Vec<Queued> = rows.iter().map(|r| r.queued.clone()).collect();
    pick(&queued, in_flight, link, policy, now)
        .into_iter()
        .filter_map(|id| rows.iter().find(|r| r.id == id).cloned())
        .collect()
}
