//! The sender's loop: pick what is due, attempt it through its kind's handler, and record the
//! outbox's decision (done, retry after a backoff, or wait for a person). Which operations to
//! attempt and what to do with each answer are pure functions in `ventanilla_core::outbox`;
//! this is their I/O. Everything the attempts record goes through one [`JournalWriter`], which
//! commits what they ask for together; an attempt's last answer and the outbox's decision about
//! it are one transaction.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use ventanilla_core::link::LinkState;
use ventanilla_core::outbox::{next, pick_free, Next, Outcome, Queued};
use ventanilla_store::{OutboxChange, OutboxRow, OutboxUpdate, StoreError};

use crate::context::Context;
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::journal_check::JournalCheck;
use crate::outbox::handler::{Attempted, OutboxHandler};
use crate::outbox::registry::Handlers;
use crate::outbox::writer::JournalWriter;

/// Longest the sender sleeps without looking at the queue (also how often it notices a clock
/// moved by a test).
const IDLE_TICK: Duration = Duration::from_millis(500);

/// The status bar hears of finished attempts at most this often: a queue draining thousands a
/// second would otherwise have it counted again after each.
const STATUS_EVERY: Duration = Duration::from_millis(100);

#[derive(Default)]
struct Candidates {
    due: Vec<OutboxRow>,
    /// The last read stopped at its limit: more may be due behind these.
    more: bool,
    next_due: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Default)]
struct InFlight {
    keys: HashMap<String, GatewayId>,
    /// Attempts whose calls are not over: what `DeliveryPolicy::concurrency` bounds. An attempt
    /// gives its slot back once its calls are over; its key stays busy until its last answer
    /// and the outbox's decision are on disk.
    calling: usize,
}

pub(crate) struct Sender {
    ctx: Arc<Context>,
    handlers: Handlers,
    /// Keys with an attempt under way or its last answer still being recorded (one at a time
    /// per key), the gateway each went to, and how many attempts are still calling.
    in_flight: Mutex<InFlight>,
    /// Commits what the attempts record, together.
    journal: JournalWriter,
    /// Due operations read from the journal and not started yet (none of their keys busy when
    /// read), and when the next one falls due: a slot freed by an attempt takes the next of
    /// these, without reading the queue again. Read afresh whenever something else wakes the
    /// sender (a sale queued, a link back) or its sleep ends.
    candidates: Mutex<Candidates>,
    /// An attempt gave back its slot or its key.
    freed: Notify,
    /// When the status bar was last told of an attempt, and whether a telling is scheduled.
    status_told: Mutex<(Instant, bool)>,
}

impl Sender {
    pub fn new(ctx: Arc<Context>, handlers: Handlers) -> Sender {
        Sender {
            journal: JournalWriter::start(Arc::clone(&ctx)),
            ctx,
            handlers,
            in_flight: Mutex::new(InFlight::default()),
            candidates: Mutex::new(Candidates::default()),
            freed: Notify::new(),
            status_told: Mutex::new((Instant::now(), false)),
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

    fn in_flight(&self) -> MutexGuard<'_, InFlight> {
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn run(self: Arc<Self>) {
        let mut stop = self.ctx.stopping();
        // Whether to read the queue afresh (else the candidates read last time go first).
        let mut afresh = true;
        while !*stop.borrow() {
            // While the journal refuses writes nothing is attempted: the answer to a call could
            // not be recorded. A wake-up meanwhile (a sale queued, an attempt ending) only
            // comes back here and waits out the rest.
            let untrusted = matches!(self.ctx.journal_trust.get(), JournalCheck::Failed(_));
            let wait = match self.ctx.journal_gate() {
                Some(wait) => wait,
                // A journal whose full check failed decides nothing, not even what to resend.
                None if untrusted => IDLE_TICK,
                None => match self.dispatch(afresh) {
                    Ok(wait) => wait,
                    Err(e) => {
                        if !self.ctx.journal_refused(&e) {
                            tracing::error!(error = %e, "outbox unreadable; retrying");
                        }
                        IDLE_TICK
                    }
                },
            };
            afresh = tokio::select! {
                _ = self.ctx.sender_woken() => true,
                _ = self.freed.notified() => false,
                _ = tokio::time::sleep(wait) => true,
                _ = stop.changed() => true,
            };
        }
    }

    /// Starts the attempts that are due; returns how long to sleep before looking again.
    /// `afresh`: read the queue again, rather than take the candidates read last time.
    fn dispatch(self: &Arc<Self>, afresh: bool) -> Result<Duration, StoreError> {
        let now = self.ctx.now();
        let policy = self.ctx.cfg.delivery;
        let offline: Vec<GatewayId> = self
            .handlers
            .gateways()
            .into_iter()
            .filter(|g| self.ctx.links.state(*g) == LinkState::Offline)
            .collect();
        let mut candidates = self.candidates.lock().unwrap_or_else(|e| e.into_inner());
        if afresh || candidates.due.is_empty() {
            // Several slots' worth: a busy queue is read once for many attempts.
            let limit = policy.concurrency.saturating_mul(8).max(64);
            let (due, next_due) = self.journal.read(|store| {
                Ok::<_, StoreError>((
                    store.outbox_due_heads(now, limit)?,
                    store.outbox_next_due()?,
                ))
            })?;
            // Operations of a busy key are left out: they are read again once it is free.
            let busy = &self.in_flight().keys;
            candidates.more = due.len() >= limit;
            candidates.due = due
                .into_iter()
                .filter(|r| !busy.contains_key(&r.queued.key))
                .collect();
            candidates.next_due = next_due;
        }
        let next_due = candidates.next_due;
        let mut probes = Vec::new();
        for gateway in &offline {
            probes.extend(self.oldest_pending(*gateway)?);
        }
        let chosen = {
            let mut in_flight = self.in_flight();
            let flowing: Vec<OutboxRow> = candidates
                .due
                .iter()
                .filter(|r| {
                    self.handlers
                        .gateway_of(r.kind)
                        .is_some_and(|g| !offline.contains(&g))
                })
                .cloned()
                .collect();
            let busy: HashSet<String> = in_flight.keys.keys().cloned().collect();
            // Gateways that answer (or are not known yet) share the capacity.
            let mut chosen = take(
                &flowing,
                &busy,
                in_flight.calling,
                LinkState::Online,
                &policy,
                now,
            );
            // Due operations left for want of a free slot: a backlog, which work that can wait
            // (receipts) lets through first.
            let waiting = flowing
                .iter()
                .filter(|r| !busy.contains(&r.queued.key) && r.queued.next_attempt_at <= now)
                .count();
            self.ctx.set_outbox_backlog(
                waiting > chosen.len() || (candidates.more && !flowing.is_empty()),
            );
            // Each unreachable gateway gets one probe, its oldest operation, when due and when
            // nothing of it is under way already.
            for probe in &probes {
                let gateway = self.handlers.gateway_of(probe.kind);
                let busy: HashSet<String> = in_flight
                    .keys
                    .iter()
                    .filter(|(_, g)| Some(**g) == gateway)
                    .map(|(k, _)| k.clone())
                    .collect();
                let free = policy.concurrency > in_flight.calling + chosen.len();
                if free {
                    chosen.extend(take(
                        std::slice::from_ref(probe),
                        &busy,
                        busy.len(),
                        LinkState::Offline,
                        &policy,
                        now,
                    ));
                }
            }
            for row in &chosen {
                if let Some(g) = self.handlers.gateway_of(row.kind) {
                    in_flight.keys.insert(row.queued.key.clone(), g);
                    in_flight.calling += 1;
                }
            }
            candidates
                .due
                .retain(|r| !chosen.iter().any(|c| c.id == r.id));
            chosen
        };
        drop(candidates);
        for row in chosen {
            let Some(handler) = self.handlers.get(row.kind).cloned() else {
                continue;
            };
            let sender = Arc::clone(self);
            self.ctx.spawn(async move {
                let key = row.queued.key.clone();
                sender.attempt(handler, row).await;
                sender.in_flight().keys.remove(&key);
                sender.freed.notify_one();
            });
        }
        let soonest = next_due
            .map(|t| (t - now).to_std().unwrap_or(Duration::ZERO))
            .unwrap_or(IDLE_TICK);
        Ok(soonest.clamp(Duration::from_millis(20), IDLE_TICK))
    }

    /// The oldest pending operation of `gateway`, due or not: the one that probes its link.
    fn oldest_pending(&self, gateway: GatewayId) -> Result<Option<OutboxRow>, StoreError> {
        self.journal
            .read(|store| self.oldest_pending_in(store, gateway))
    }

    fn oldest_pending_in(
        &self,
        store: &ventanilla_store::Store,
        gateway: GatewayId,
    ) -> Result<Option<OutboxRow>, StoreError> {
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

    /// One attempt at one queued operation, and the outbox's decision about it, recorded
    /// together with the attempt's last answer.
    async fn attempt(self: &Arc<Self>, handler: Arc<dyn OutboxHandler>, row: OutboxRow) {
        let Attempted {
            outcome,
            mut unwritten,
            on_commit,
            then,
        } = handler.attempt(row.clone(), &self.journal).await;
        // The calls are over: the slot goes to the next operation, whose first write can share
        // this one's commit. The key stays busy until this is recorded.
        {
            let mut in_flight = self.in_flight();
            in_flight.calling = in_flight.calling.saturating_sub(1);
        }
        self.freed.notify_one();
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
        let update = match decision {
            Next::Done => OutboxUpdate::Done,
            Next::Retry { at, attempts } => OutboxUpdate::Retry {
                at,
                attempts,
                error,
            },
            Next::Attention { reason, attempts } => OutboxUpdate::Attention {
                reason: reason.code(),
                attempts,
                error,
            },
        };
        unwritten.outbox.push(OutboxChange {
            id: row.id,
            update,
            at: now,
        });
        match self.journal.write_then(unwritten, on_commit).await {
            Ok(()) => {
                if let Some(then) = then {
                    then();
                }
            }
            Err(e) => {
                if !self.ctx.journal_refused(&e) {
                    tracing::error!(outbox = row.id, error = %e, "could not record the attempt");
                }
            }
        }
        self.status_changed();
    }

    /// Tells the status bar the queue changed: at once if it was not told for a while, else
    /// once at the end of the current interval (never lost, never more often).
    fn status_changed(self: &Arc<Self>) {
        let wait = {
            let mut told = self.status_told.lock().unwrap_or_else(|e| e.into_inner());
            let since = told.0.elapsed();
            if since >= STATUS_EVERY {
                *told = (Instant::now(), false);
                None
            } else if told.1 {
                return;
            } else {
                told.1 = true;
                Some(STATUS_EVERY - since)
            }
        };
        let Some(wait) = wait else {
            self.ctx.status_changed();
            return;
        };
        let sender = Arc::clone(self);
        self.ctx.spawn(async move {
            tokio::time::sleep(wait).await;
            *sender.status_told.lock().unwrap_or_else(|e| e.into_inner()) = (Instant::now(), false);
            sender.ctx.status_changed();
        });
    }

    fn jitter(&self) -> u16 {
        // The id generator is the app's one source of randomness; tests pass a fixed one.
        let id = self.ctx.ids.client_transaction_id();
        let sum: u32 = id.as_str().bytes().map(u32::from).sum();
        u16::try_from(sum % 1001).unwrap_or(500)
    }
}

/// The rows `pick_free` chooses among `rows`.
fn take(
    rows: &[OutboxRow],
    busy: &HashSet<String>,
    calling: usize,
    link: LinkState,
    policy: &ventanilla_core::outbox::DeliveryPolicy,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<OutboxRow> {
    let queued: Vec<Queued> = rows.iter().map(|r| r.queued.clone()).collect();
    pick_free(&queued, busy, calling, link, policy, now)
        .into_iter()
        .filter_map(|id| rows.iter().find(|r| r.id == id).cloned())
        .collect()
}
