//! What every use case and outbox handler works with: the journal, the clock, the links, the
//! screen's listener and the runtime. Handed over explicitly, so each part of the app names
//! what it depends on instead of reaching into one object that knows everything.

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use tokio::sync::{broadcast, watch, Notify};
use ventanilla_core::{Clock, IdGen};
use ventanilla_store::{SaleRow, Store};

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
}

impl Context {
    /// Must be called on the runtime the app runs on.
    pub fn new(
        cfg: AppConfig,
        store: Store,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGen>,
        events: Arc<dyn AppEvents>,
        check: JournalCheck,
        gateways: &[GatewayId],
    ) -> Context {
        Context {
            cfg,
            store: Mutex::new(store),
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
