//! The running counter: its journal, its hub client, and the tasks that see each sale through.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::broadcast;
use ventanilla_core::{Clock, IdGen, RandomIds, Secret, SystemClock};
use ventanilla_gateways::traxion::{TraxionClient, TraxionConfig};
use ventanilla_sandbox::{SandboxConfig, SandboxHandle};
use ventanilla_store::Store;

use crate::config::{AppConfig, HubTarget};
use crate::error::UiError;
use crate::views::{AppInfo, SaleView, StatusView};

/// Where the screen (or the CLI) hears about sales changing state in the background.
pub trait AppEvents: Send + Sync + 'static {
    fn sale_changed(&self, sale: &SaleView);
    /// The link, the queue or the contingency state changed (status bar).
    fn status_changed(&self, _status: &StatusView) {}
    /// Another launch of the app asked the window that owns the journal to come forward.
    fn focus_requested(&self) {}
}

/// For callers that poll instead of listening.
pub struct NoEvents;

impl AppEvents for NoEvents {
    fn sale_changed(&self, _: &SaleView) {}
}

#[derive(Clone)]
pub struct Ventanilla {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub cfg: AppConfig,
    store: Mutex<Store>,
    pub hub: TraxionClient,
    pub hub_url: String,
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGen>,
    pub events: Arc<dyn AppEvents>,
    /// Outbox keys with an attempt under way: one at a time per bill.
    pub in_flight: Mutex<HashSet<String>>,
    /// Wakes the sender when something is queued or the link comes back.
    pub wake: tokio::sync::Notify,
    pub link: Mutex<ventanilla_core::link::Link>,
    /// The hub's company catalogue, kept a few minutes: the customer-data form asks for it on
    /// every keystroke pause.
    pub companies: Mutex<Option<(std::time::Instant, Vec<ventanilla_core::Company>)>>,
    /// When the hub was last called, to probe only when nothing else tells the link's state.
    pub last_call: Mutex<Option<std::time::Instant>>,
    /// The runtime the app was started on. Sales are driven there even when a synchronous
    /// call (such as `pay_cash` from a desktop command on the UI thread) starts them.
    pub runtime: tokio::runtime::Handle,
    /// Tells waiters that a sale changed (carries its id).
    pub changes: broadcast::Sender<i64>,
    /// Set once by `shutdown`: the background loops end and the journal is let go.
    pub stop: tokio::sync::watch::Sender<bool>,
    /// Whether the journal passed its full integrity check (money waits until it has).
    pub journal_trust: crate::journal_check::JournalTrust,
    /// Whether the journal refuses writes (full disk): the sender waits while it does.
    pub journal_health: crate::journal_health::JournalHealth,
    sandbox: tokio::sync::Mutex<Option<SandboxHandle>>,
}

impl Inner {
    /// The journal. Held only for synchronous SQLite work, never across an `.await`.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Ventanilla {
    pub async fn start(cfg: AppConfig, events: Arc<dyn AppEvents>) -> Result<Ventanilla, UiError> {
        Self::start_with(cfg, events, Arc::new(SystemClock), Arc::new(RandomIds)).await
    }

    /// Opens the journal, starts the sandbox when no real hub is configured, and resumes every
    /// sale the journal holds unresolved before the caller can start a new one.
    pub async fn start_with(
        cfg: AppConfig,
        events: Arc<dyn AppEvents>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdGen>,
    ) -> Result<Ventanilla, UiError> {
        let l = cfg.locale;
        std::fs::create_dir_all(cfg.receipts_dir())
            .map_err(|e| UiError::internal(l, format!("{}: {e}", cfg.receipts_dir().display())))?;
        let store = Store::open(&cfg.journal_path()).map_err(|e| UiError::journal_open(&e, l))?;
        if let Some(pages) = cfg.journal_max_pages {
            store
                .limit_pages(pages)
                .map_err(|e| UiError::store(&e, l))?;
        }
        let size = store.size_bytes().map_err(|e| UiError::store(&e, l))?;
        let check_behind = size > cfg.inline_check_max_bytes;
        if !check_behind {
            crate::journal_check::check_inline(&store, l)?;
        }

        let (sandbox, traxion) = match &cfg.hub {
            HubTarget::Sandbox { port } => {
                let sandbox_cfg = SandboxConfig {
                    state_file: Some(cfg.sandbox_state_path()),
                    ..SandboxConfig::default()
                };
                let addr = SocketAddr::from(([127, 0, 0, 1], *port));
                let handle = ventanilla_sandbox::spawn(addr, sandbox_cfg)
                    .await
                    .map_err(|e| UiError::internal(l, format!("sandbox: {e}")))?;
                let traxion = TraxionConfig {
                    base_url: handle.base_url(),
                    user_id: "sandbox".into(),
                    password: Secret::new("sandbox"),
                    application_id: "ventanilla".into(),
                    device_id: cfg.counter.clone(),
                    pay_timeout: cfg.pay_timeout,
                    call_timeout: cfg.call_timeout,
                };
                (Some(handle), traxion)
            }
            HubTarget::Real {
                base_url,
                user_id,
                password,
                application_id,
                device_id,
            } => (
                None,
                TraxionConfig {
                    base_url: base_url.clone(),
                    user_id: user_id.clone(),
                    password: password.clone(),
                    application_id: application_id.clone(),
                    device_id: device_id.clone(),
                    pay_timeout: cfg.pay_timeout,
                    call_timeout: cfg.call_timeout,
                },
            ),
        };
        let hub_url = traxion.base_url.clone();
        let hub = TraxionClient::new(traxion).map_err(|e| UiError::gateway(&e, l))?;
        let (changes, _) = broadcast::channel(256);
        let app = Ventanilla {
            inner: Arc::new(Inner {
                cfg,
                store: Mutex::new(store),
                hub,
                hub_url,
                clock,
                ids,
                events,
                in_flight: Mutex::new(HashSet::new()),
                wake: tokio::sync::Notify::new(),
                link: Mutex::new(ventanilla_core::link::Link::default()),
                last_call: Mutex::new(None),
                companies: Mutex::new(None),
                runtime: tokio::runtime::Handle::current(),
                changes,
                stop: tokio::sync::watch::channel(false).0,
                journal_trust: crate::journal_check::JournalTrust::new(if check_behind {
                    crate::journal_check::JournalCheck::Running
                } else {
                    crate::journal_check::JournalCheck::Passed
                }),
                journal_health: Default::default(),
                sandbox: tokio::sync::Mutex::new(sandbox),
            }),
        };
        if check_behind {
            app.check_journal_behind(app.inner.cfg.journal_path());
        }
        app.start_sender()?;
        app.start_probe();
        Ok(app)
    }

    pub fn info(&self) -> AppInfo {
        let cfg = &self.inner.cfg;
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            sandbox: cfg.is_sandbox(),
            hub_url: self.inner.hub_url.clone(),
            counter: cfg.counter.clone(),
            cashier: cfg.cashier.clone(),
            locale: cfg.locale,
            scan_gap_ms: cfg.scan_gap_ms,
            pay_timeout_secs: cfg.pay_timeout.as_secs(),
            data_dir: cfg.data_dir.display().to_string(),
        }
    }

    /// The hub's base URL (the sandbox's, when running against it).
    pub fn hub_url(&self) -> &str {
        &self.inner.hub_url
    }

    /// Stops the sender and the probe, lets go of the journal (so another process may own it)
    /// and stops the embedded sandbox, if any. Sales still unresolved stay in the journal and
    /// are resumed by the next start.
    pub async fn shutdown(&self) {
        self.inner.stop.send_replace(true);
        self.inner.store().close();
        if let Some(handle) = self.inner.sandbox.lock().await.take() {
            handle.shutdown().await;
        }
    }
}
