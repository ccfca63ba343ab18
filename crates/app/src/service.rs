//! The running counter: what the screen and the CLI call. It wires the parts together at start
//! (the journal, each gateway with its outbox handlers and link probe, the sender, the status
//! task) and hands each call to the part that does it.

use std::sync::Arc;
use std::time::Duration;

use ventanilla_core::{Clock, IdGen, RandomIds, SystemClock};
use ventanilla_sandbox::SandboxHandle;
use ventanilla_store::Store;

use crate::app_events::AppEvents;
use crate::arkadu::callback::{self, CallbackApplier, CallbackRoute};
use crate::arkadu::gateway::Arkadu;
use crate::arkadu::probe::TaxProbe;
use crate::arkadu::report::TaxReports;
use crate::config::AppConfig;
use crate::context::Context;
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::ipc::events::Event;
use crate::journal_check::{check_inline, JournalCheck};
use crate::outbox::registry::Handlers;
use crate::outbox::sender::Sender;
use crate::pennymatic::applier::ConsentApplier;
use crate::pennymatic::gateway::Pennymatic;
use crate::pennymatic::route::ConsentRoute;
use crate::quickpay::applier::CaptureApplier;
use crate::quickpay::gateway::Quickpay;
use crate::quickpay::route::CaptureRoute;
use crate::sale_view::sale_view;
use crate::ticket::desk::TicketDesk;
use crate::traxion::gateway::Traxion;
use crate::traxion::probe::HubProbe;
use crate::traxion::sale_handler::BillSales;
use crate::views::{
    AppInfo, AttentionView, BarcodeLookup, BillView, CashQuote, CompanyView, ContingencyView,
    ParamValue, ProvisionalSale, ReceiptFile, SaleView, StatusView,
};
use crate::webhooks::auth::RouteAuth;
use crate::webhooks::listener::WebhookListener;
use crate::webhooks::registry::WebhookRoutes;
use crate::{attention, contingency, history, instance, journal_trust, probe, sandbox, status};

#[derive(Clone)]
pub struct Ventanilla {
    pub(crate) ctx: Arc<Context>,
    pub(crate) traxion: Arc<Traxion>,
    /// The tax platform, when this counter takes tax orders.
    pub(crate) arkadu: Option<Arc<Arkadu>>,
    /// The card terminal, when this counter takes cards.
    pub(crate) quickpay: Option<Arc<Quickpay>>,
    /// The crypto wallet gateway, when this counter takes wallets.
    pub(crate) pennymatic: Option<Arc<Pennymatic>>,
    /// The ticket being built at this counter (its use cases are in `ticket/api.rs`).
    pub(crate) desk: Arc<TicketDesk>,
    sender: Arc<Sender>,
    sandbox: Arc<tokio::sync::Mutex<Option<SandboxHandle>>>,
    webhooks: Arc<WebhookListener>,
}

impl Ventanilla {
    pub async fn start(cfg: AppConfig, events: Arc<dyn AppEvents>) -> Result<Ventanilla, UiError> {
        Self::start_with(cfg, events, Arc::new(SystemClock), Arc::new(RandomIds)).await
    }

    /// Opens the journal, starts the sandbox when no real gateway is configured, and resumes
    /// every operation the journal holds unresolved before the caller can start a new one.
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
            check_inline(&store, l)?;
        }
        let sandbox = sandbox::start(&cfg).await?;
        let check = if check_behind {
            JournalCheck::Running
        } else {
            JournalCheck::Passed
        };
        let ctx = Arc::new(Context::new(
            cfg,
            store,
            clock,
            ids,
            events,
            check,
            GatewayId::ALL,
        ));
        let sandbox_url = sandbox.as_ref().map(|s| s.base_url());
        let traxion = Arc::new(Traxion::connect(Arc::clone(&ctx), sandbox_url.clone())?);
        traxion.load_earlier_sales(check_behind)?;
        let arkadu = Arkadu::connect(Arc::clone(&ctx), sandbox_url.clone())?.map(Arc::new);
        let desk = Arc::new(TicketDesk::default());
        let quickpay = Quickpay::connect(
            Arc::clone(&ctx),
            sandbox_url.as_deref(),
            Arc::clone(&desk),
            Arc::clone(&traxion),
        )?
        .map(Arc::new);
        if let Some(q) = &quickpay {
            crate::quickpay::restart::settle_leftovers(q)?;
        }
        let pennymatic = Pennymatic::connect(
            Arc::clone(&ctx),
            sandbox_url.as_deref(),
            Arc::clone(&desk),
            Arc::clone(&traxion),
        )?
        .map(Arc::new);
        if let Some(w) = &pennymatic {
            crate::pennymatic::restart::settle_leftovers(w)?;
        }

        // Each gateway's operation kinds, one line each.
        let mut handlers = Handlers::default();
        handlers.register(Arc::new(BillSales(Arc::clone(&traxion))));
        if let Some(tax) = &arkadu {
            handlers.register(Arc::new(TaxReports(Arc::clone(tax))));
        }

        // Each gateway's inbound calls, one line each (`routes.register(route, applier)`).
        let mut routes = WebhookRoutes::default();
        if let Some(tax) = &arkadu {
            let auth = callback::route_auth(&ctx.cfg).map_err(|e| UiError::internal(l, e))?;
            let route = CallbackRoute {
                auth,
                naive_offset: tax.naive_offset,
            };
            routes.register(Arc::new(route), Arc::new(CallbackApplier(Arc::clone(tax))));
        }
        if let Some(q) = &quickpay {
            let route = CaptureRoute::new(&q.webhook_token, Arc::clone(&q.known))
                .map_err(|e| UiError::internal(l, e))?;
            routes.register(Arc::new(route), Arc::new(CaptureApplier(Arc::clone(q))));
        }
        if let Some(w) = &pennymatic {
            let route = ConsentRoute {
                auth: RouteAuth::InPathAny(Arc::clone(&w.secrets)),
                sessions: Arc::clone(&w.sessions),
                tokens: Arc::clone(&w.tokens),
            };
            routes.register(Arc::new(route), Arc::new(ConsentApplier(Arc::clone(w))));
        }
        let webhooks = WebhookListener::start(Arc::clone(&ctx), ctx.cfg.webhook_bind, &routes)
            .await
            .map_err(|e| UiError::internal(l, format!("webhooks {}: {e}", ctx.cfg.webhook_bind)))?;
        // The embedded platform calls this counter's own listener.
        if let (Some(handle), Some(url)) = (&sandbox, webhooks.callback_url(callback::SOURCE)) {
            handle.set_tax_callback(Some(url.expose().to_string()));
        }
        if let (Some(handle), Some(q), Some(url)) = (
            &sandbox,
            &quickpay,
            webhooks.callback_url(crate::quickpay::route::SOURCE),
        ) {
            handle.set_card_webhook(Some((url.expose().to_string(), q.webhook_token.clone())));
        }
        if let (Some(w), Some(url)) = (
            &pennymatic,
            webhooks.callback_url(crate::pennymatic::route::SOURCE),
        ) {
            let _ = w.consent_url.set(url.expose().to_string());
        }

        let app = Ventanilla {
            sender: Arc::new(Sender::new(Arc::clone(&ctx), handlers)),
            ctx,
            traxion,
            arkadu,
            quickpay,
            pennymatic,
            desk,
            sandbox: Arc::new(tokio::sync::Mutex::new(sandbox)),
            webhooks: Arc::new(webhooks),
        };
        if check_behind {
            journal_trust::check_behind(Arc::clone(&app.ctx), app.ctx.cfg.journal_path());
        }
        app.start_status_task();
        crate::ticket::settle::start_watch(Arc::clone(&app.ctx));
        app.sender.start()?;
        probe::start(
            Arc::clone(&app.ctx),
            Arc::new(HubProbe(Arc::clone(&app.traxion))),
        );
        if let Some(q) = &app.quickpay {
            crate::quickpay::deadline::start(Arc::clone(q));
            probe::start(
                Arc::clone(&app.ctx),
                Arc::new(crate::quickpay::probe::TerminalProbe(Arc::clone(q))),
            );
        }
        if let Some(w) = &app.pennymatic {
            crate::pennymatic::deadline::start(Arc::clone(w));
            probe::start(
                Arc::clone(&app.ctx),
                Arc::new(crate::pennymatic::probe::WalletProbe(Arc::clone(w))),
            );
        }
        if let Some(tax) = &app.arkadu {
            probe::start(Arc::clone(&app.ctx), Arc::new(TaxProbe(Arc::clone(tax))));
            crate::arkadu::orders::cancel_orphans(tax)?;
        }
        Ok(app)
    }

    /// Tells the screen the status bar whenever something on it may have changed.
    fn start_status_task(&self) {
        let app = self.clone();
        self.ctx.spawn(async move {
            let mut stop = app.ctx.stopping();
            while !*stop.borrow() {
                tokio::select! {
                    _ = app.ctx.status_dirty() => {}
                    _ = stop.changed() => continue,
                }
                match app.status() {
                    Ok(status) => app.ctx.events.emit(Event::StatusChanged(status)),
                    Err(e) => tracing::warn!(error = %e.message, "status unavailable"),
                }
            }
        });
    }

    pub fn info(&self) -> AppInfo {
        let cfg = &self.ctx.cfg;
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            sandbox: cfg.is_sandbox(),
            mode_label: cfg.is_sandbox().then(|| cfg.locale.sandbox_mode()),
            hub_url: self.traxion.base_url.clone(),
            counter: cfg.counter.clone(),
            cashier: cfg.cashier.clone(),
            locale: cfg.locale,
            scan_gap_ms: cfg.scan_gap_ms,
            pay_timeout_secs: cfg.pay_timeout.as_secs(),
            data_dir: cfg.data_dir.display().to_string(),
        }
    }

    /// The bill-payment hub's base URL (the sandbox's, when running against it).
    pub fn hub_url(&self) -> &str {
        &self.traxion.base_url
    }

    /// Where gateways reach this counter (`http://127.0.0.1:PORT`): the embedded sandbox is
    /// told to call here.
    pub fn webhook_url(&self) -> &str {
        self.webhooks.base_url()
    }

    /// Stops the sender and the probes, lets go of the journal (so another process may own it)
    /// and stops the embedded sandbox, if any. Operations still unresolved stay in the journal
    /// and are resumed by the next start.
    pub async fn shutdown(&self) {
        self.ctx.stop();
        // Deliveries under way are stored (or refused) before the journal is let go.
        self.webhooks.stopped().await;
        self.ctx.store().close();
        if let Some(handle) = self.sandbox.lock().await.take() {
            handle.shutdown().await;
        }
    }

    // --- Bills (the bill-payment hub) ---

    /// What a scan (or a typed barcode) finds.
    pub async fn find_by_barcode(&self, raw: &str) -> Result<BarcodeLookup, UiError> {
        self.traxion.find_by_barcode(raw).await
    }

    /// The barcode again, now with the company the cashier picked.
    pub async fn find_by_barcode_for_company(
        &self,
        raw: &str,
        company_code: &str,
    ) -> Result<Vec<BillView>, UiError> {
        self.traxion
            .find_by_barcode_for_company(raw, company_code)
            .await
    }

    /// Companies whose name or code contains `filter` (all when empty).
    pub async fn companies(&self, filter: &str) -> Result<Vec<CompanyView>, UiError> {
        self.traxion.companies(filter).await
    }

    /// Finds bills by the fields of one of the company's bill modes.
    pub async fn find_by_customer_data(
        &self,
        company_code: &str,
        mode_id: &str,
        values: &[ParamValue],
    ) -> Result<Vec<BillView>, UiError> {
        self.traxion
            .find_by_customer_data(company_code, mode_id, values)
            .await
    }

    /// What the cashier would charge and give back, without recording anything.
    /// `amount` empty means the bill's total; `received` empty means exact cash.
    pub fn quote_cash(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<CashQuote, UiError> {
        self.traxion.quote_cash(bill_key, amount, received)
    }

    /// Charges the bill in cash. The sale is durably in the journal when this returns; its
    /// outcome arrives later through [`AppEvents`] (or [`Ventanilla::sale`]). A bill this
    /// counter already charged is refused (`Duplicate`) unless that sale was rejected.
    pub fn pay_cash(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<SaleView, UiError> {
        self.traxion.pay_cash(bill_key, amount, received)
    }

    /// Charges a bill in cash while the hub is unreachable, on a provisional receipt.
    pub fn pay_cash_offline(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<ProvisionalSale, UiError> {
        self.traxion.pay_cash_offline(bill_key, amount, received)
    }

    /// The receipt of a sale: the original as already rendered (rendered now if missing), or,
    /// with `copy`, a new reprint marked as a copy (and logged).
    pub fn receipt_pdf(&self, sale_id: i64, copy: bool) -> Result<ReceiptFile, UiError> {
        self.traxion.receipt_pdf(sale_id, copy)
    }

    // --- Sales in the journal ---

    pub fn sale(&self, id: i64) -> Result<SaleView, UiError> {
        history::sale(&self.ctx, id)
    }

    /// Sales still waiting for the hub, oldest first.
    pub fn sales_in_flight(&self) -> Result<Vec<SaleView>, UiError> {
        history::sales_in_flight(&self.ctx)
    }

    /// The most recent sales, newest first.
    pub fn history(&self, limit: u32) -> Result<Vec<SaleView>, UiError> {
        history::history(&self.ctx, limit)
    }

    /// Waits until the sale is final (or the time runs out) and returns it as it stands.
    pub async fn wait_final(&self, sale_id: i64, limit: Duration) -> Result<SaleView, UiError> {
        history::wait_final(&self.ctx, sale_id, limit).await
    }

    /// Sales the last run left unresolved (it crashed, or the power went) that have been
    /// settled since this start, approved or rejected, in the order they were settled: the
    /// cashier must hear how each ended.
    pub fn settled_at_start(&self) -> Result<Vec<SaleView>, UiError> {
        let l = self.ctx.locale();
        let ids = self.traxion.restart.settled_ids();
        let store = self.ctx.store();
        let now = self.ctx.now();
        ids.into_iter()
            .map(|id| {
                let row = store.sale(id).map_err(|e| UiError::store(&e, l))?;
                Ok(sale_view(&row, &self.ctx.cfg, now))
            })
            .collect()
    }

    // --- The status bar, contingency, the supervisor ---

    pub fn status(&self) -> Result<StatusView, UiError> {
        status::status(&self.ctx, self.traxion.restart.settled_count())
    }

    pub fn contingency_view(&self) -> Result<ContingencyView, UiError> {
        contingency::view(&self.ctx, &contingency::offline_held(&self.ctx)?)
    }

    /// A supervisor's change of the contingency settings. Caps are amounts as typed.
    pub fn set_contingency(
        &self,
        enabled: bool,
        per_payment_cap: &str,
        total_cap: &str,
        window_hours: u32,
    ) -> Result<ContingencyView, UiError> {
        contingency::set(&self.ctx, enabled, per_payment_cap, total_cap, window_hours)
    }

    /// Operations waiting for a person, oldest first.
    pub fn needs_attention(&self) -> Result<Vec<AttentionView>, UiError> {
        attention::needs_attention(&self.ctx, self.sender.handlers())
    }

    /// Puts the operation back in the queue, due now.
    pub fn retry_attention(&self, outbox_id: i64) -> Result<(), UiError> {
        attention::retry(&self.ctx, outbox_id)
    }

    /// Settles the operation by hand (e.g. the customer was refunded), with a note.
    pub fn resolve_attention(&self, outbox_id: i64, note: &str) -> Result<(), UiError> {
        attention::resolve(&self.ctx, outbox_id, note)
    }

    /// Serves focus requests for as long as the app runs; each one reaches
    /// [`AppEvents::focus_requested`]. Only the desktop window calls this.
    pub fn listen_for_focus_requests(&self) -> Result<(), UiError> {
        instance::listen_for_focus_requests(&self.ctx)
    }

    /// Caps the journal at `pages` pages, as `journal_max_pages` does at start-up (never below
    /// its current size: SQLite's rule). A larger number lifts the cap. Support uses it to
    /// reproduce a full journal on a counter, and tests to fill it up and free it again.
    #[doc(hidden)]
    pub fn limit_journal_pages(&self, pages: u32) -> Result<(), UiError> {
        self.ctx.limit_journal_pages(pages)
    }
}
