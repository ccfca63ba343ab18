//! What every use case and outbox handler works with: the journal, the clock, the links, the
//! screen's listener and the runtime. Handed over explicitly, so each part of the app names
//! what it depends on instead of reaching into one object that knows everything.

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use tokio::sync::{broadcast, watch, Notify, Semaphore, SemaphorePermit};
use ventanilla_core::{Clock, IdGen};
use ventanilla_store::{Reader, SaleRow, Store};

use crate::app_events::AppEvents;
use crate::config::AppConfig;
use crate::gateway_id::GatewayId;
use crate::i18n::Locale;
use crate::ipc::events::Event;
use crate::journal_check::{JournalCheck, JournalTrust};
use crate::journal_health::JournalHealth;
use crate::links::Links;
use crate::sale_view::sale_view;

pub(crate) struct Context {
    pub cfg: AppConfig,
    store: Mutex<Store>,
    /// A reading connection beside the journal's owner (none for a journal in memory): see
    /// [`Context::read`].
    reader: Option<Reader>,
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGen>,
    pub events: Arc<dyn AppEvents>,
    /// The runtime the app was started on. Sales are driven there even when a synchronous
    /// call (such as `pay_cash` from a desktop command on the UI thread) starts them.
    pub runtime: tokio::runtime::Handle,
    /// Whether the journal passed its full integrity check (money waits until it has).
    pub journal_trust: JournalTrust,
    /// Whether the journal refuses writes (full disk): the sender waits while it does.
    pub journal_health: JournalHealth,
    pub links: Links,
    /// Set once by `shutdown`: the background loops end and the journal is let go.
    stop: watch::Sender<bool>,
    /// Wakes the sender when something is queued or a link comes back.
    wake: Notify,
    /// Tells the status task the status bar may have changed.
    status_dirty: Notify,
    /// Tells waiters that a sale changed (carries its id).
    changes: broadcast::Sender<i64>,
    /// Set by the sender while due operations wait for a free slot (a backlog being drained):
    /// work that can wait (fetching receipts) waits for it to clear.
    outbox_backlog: watch::Sender<bool>,
    /// Turns at work that yields to the outbox, a few at once.
    background: Semaphore,
}

/// Background jobs (receipts) at once.
const BACKGROUND_TURNS: usize = 2;

impl Context {
    /// Must be called on the runtime the app runs on.
    pub fn new(
        cfg: AppConfig,
        mut store: Store,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGen>,
        events: Arc<dyn AppEvents>,
        check: JournalCheck,
        gateways: &[GatewayId],
    ) -> Context {
        let reader = store.reader().unwrap_or_else(|e| {
            tracing::warn!(error = %e, "no reading connection; every read shares the journal's");
            None
        });
        Context {
            cfg,
            store: Mutex::new(store),
            reader,
            clock,
            ids,
            events,
            runtime: tokio::runtime::Handle::current(),
            journal_trust: JournalTrust::new(check),
            journal_health: JournalHealth::default(),
            links: Links::new(gateways),
            stop: watch::channel(false).0,
            wake: Notify::new(),
            status_dirty: Notify::new(),
            changes: broadcast::channel(256).0,
            outbox_backlog: watch::channel(false).0,
            background: Semaphore::new(BACKGROUND_TURNS),
        }
    }

    pub fn locale(&self) -> Locale {
        self.cfg.locale
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The journal. Held only for synchronous SQLite work, never across an `.await`.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells the sender something was queued (or may go now).
    pub fn wake_sender(&self) {
        self.wake.notify_one();
    }

    pub async fn sender_woken(&self) {
        self.wake.notified().await;
    }

    /// The status bar may have changed: the status task recomputes it and tells the screen.
    /// Bursts of changes are told once.
    pub fn status_changed(&self) {
        self.status_dirty.notify_one();
    }

    pub async fn status_dirty(&self) {
        self.status_dirty.notified().await;
    }

    /// Tells the screen and every waiter that a sale changed.
    pub fn announce(&self, row: &SaleRow) {
        let view = sale_view(row, &self.cfg, self.now());
        self.events.emit(Event::SaleChanged(view));
        let _ = self.changes.send(row.id);
    }

    pub fn sale_changes(&self) -> broadcast::Receiver<i64> {
        self.changes.subscribe()
    }

    /// Runs `read` on the journal as it stands after every commit that returned, through the
    /// reading connection: a commit on its way to the disk holds up the app's connection, never
    /// this one (in WAL mode readers do not wait for the writer). Through the app's connection
    /// for a journal in memory, and once the journal was let go (where it fails, as every read
    /// does).
    pub fn read<T>(&self, read: impl Fn(&Store) -> T) -> T {
        if let Some(value) = self.reader.as_ref().and_then(|r| r.read(&read)) {
            return value;
        }
        read(&self.store())
    }

    /// The sender says whether due operations are waiting for a free slot.
    pub fn set_outbox_backlog(&self, backlog: bool) {
        self.outbox_backlog
            .send_if_modified(|b| std::mem::replace(b, backlog) != backlog);
    }

    /// Whether due operations are waiting for a free slot (a backlog being drained).
    pub fn outbox_backlog(&self) -> bool {
        *self.outbox_backlog.borrow()
    }

    /// Waits for a turn at work that yields to the outbox: when no backlog waits, and fewer
    /// than a few other such jobs run. `None` once the app is stopping.
    pub async fn background_turn(&self) -> Option<SemaphorePermit<'_>> {
        let mut backlog = self.outbox_backlog.subscribe();
        let mut stop = self.stopping();
        loop {
            tokio::select! {
                cleared = backlog.wait_for(|b| !*b) => { cleared.ok()?; }
                _ = stop.wait_for(|s| *s) => return None,
            }
            let turn = tokio::select! {
                turn = self.background.acquire() => turn.ok()?,
                _ = stop.wait_for(|s| *s) => return None,
            };
            if !*self.outbox_backlog.borrow() {
                return Some(turn);
            }
        }
    }

    /// Ends every background loop (they watch [`Self::stopping`]).
    pub fn stop(&self) {
        self.stop.send_replace(true);
    }

    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stop.subscribe()
    }

    /// Runs `task` on the app's runtime, whatever thread calls this.
    pub fn spawn(&self, task: impl std::future::Future<Output = ()> + Send + 'static) {
        self.runtime.spawn(task);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::app_events::NoEvents;

    fn context() -> Context {
        Context::new(
            AppConfig::sandbox(std::env::temp_dir()),
            Store::open_in_memory().unwrap(),
            Arc::new(ventanilla_core::SystemClock),
            Arc::new(ventanilla_core::RandomIds),
            Arc::new(NoEvents),
            JournalCheck::Passed,
            GatewayId::ALL,
        )
    }

    #[tokio::test]
    async fn background_work_waits_for_the_outbox_backlog_to_clear() {
        let ctx = Arc::new(context());
        ctx.set_outbox_backlog(true);
        let waiting = {
            let ctx = Arc::clone(&ctx);
            tokio::spawn(async move { ctx.background_turn().await.is_some() })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "no turn while a backlog waits");
        ctx.set_outbox_backlog(false);
        assert!(waiting.await.unwrap(), "a turn once it cleared");
        // A few at once: the next waits for a turn to be given back.
        let turns: Vec<_> = take_turns(&ctx, BACKGROUND_TURNS).await;
        let more = {
            let ctx = Arc::clone(&ctx);
            tokio::spawn(async move { ctx.background_turn().await.is_some() })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!more.is_finished());
        drop(turns);
        assert!(more.await.unwrap());
        // Stopping ends every wait.
        ctx.set_outbox_backlog(true);
        let stopped = {
            let ctx = Arc::clone(&ctx);
            tokio::spawn(async move { ctx.background_turn().await.is_none() })
        };
        ctx.stop();
        assert!(stopped.await.unwrap());
    }

    async fn take_turns(ctx: &Context, n: usize) -> Vec<SemaphorePermit<'_>> {
        let mut turns = Vec::new();
        for _ in 0..n {
            turns.push(ctx.background_turn().await.unwrap());
        }
        turns
    }
}
