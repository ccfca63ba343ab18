//! The desktop shell: one-line commands over [`ventanilla_app::Ventanilla`], the window, and the
//! `sale-changed` and `status-changed` events. Everything the cashier's screen does is decided in
//! `ventanilla-app`; nothing here computes money or state.
//!
//! When Ventanilla cannot start (a damaged journal, a bad configuration), the window opens anyway
//! and every command answers with that error, so the screen can say what happened and what to do
//! instead of the program vanishing.

use std::path::PathBuf;
use std::sync::Arc;

use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ventanilla_app::views::{
    AppInfo, AttentionView, BarcodeLookup, BillView, CashQuote, CompanyView, ContingencyView,
    ParamValue, ProvisionalSale, ReceiptFile, SaleView, StatusView,
};
use ventanilla_app::{AppConfig, AppEvents, ErrorCode, UiError, Ventanilla};

/// The event the webview hears whenever a sale changes state; its payload is a `SaleView`.
pub const SALE_CHANGED: &str = "sale-changed";
/// The event the webview hears when the link, the queue or the contingency state changes; its
/// payload is a `StatusView`.
pub const STATUS_CHANGED: &str = "status-changed";

/// Ventanilla as started, or why it could not start (then every command answers that error).
pub struct Counter(Result<Ventanilla, UiError>);

impl Counter {
    /// The running app, or the start-up error for the screen.
    pub fn app(&self) -> Result<&Ventanilla, UiError> {
        self.0.as_ref().map_err(Clone::clone)
    }
}

/// A configuration that cannot be used, in the cashier's words (the detail is for support).
fn config_error(detail: &str) -> UiError {
    UiError::new(
        ErrorCode::Internal,
        format!(
            "La configuración de esta caja no es válida, así que no se puede cobrar. Avise al supervisor para corregirla y después vuelva a abrir Ventanilla. ({detail})"
        ),
    )
}

#[tauri::command]
async fn app_info(counter: State<'_, Counter>) -> Result<AppInfo, UiError> {
    Ok(counter.app()?.info())
}

#[tauri::command]
async fn find_by_barcode(
    counter: State<'_, Counter>,
    raw: String,
) -> Result<BarcodeLookup, UiError> {
    counter.app()?.find_by_barcode(&raw).await
}

#[tauri::command]
async fn find_by_barcode_for_company(
    counter: State<'_, Counter>,
    raw: String,
    company_code: String,
) -> Result<Vec<BillView>, UiError> {
    counter
        .app()?
        .find_by_barcode_for_company(&raw, &company_code)
        .await
}

#[tauri::command]
async fn companies(
    counter: State<'_, Counter>,
    filter: String,
) -> Result<Vec<CompanyView>, UiError> {
    counter.app()?.companies(&filter).await
}

#[tauri::command]
async fn find_by_customer_data(
    counter: State<'_, Counter>,
    company_code: String,
    mode_id: String,
    values: Vec<ParamValue>,
) -> Result<Vec<BillView>, UiError> {
    counter
        .app()?
        .find_by_customer_data(&company_code, &mode_id, &values)
        .await
}

#[tauri::command]
async fn quote_cash(
    counter: State<'_, Counter>,
    bill_key: i64,
    amount: String,
    received: String,
) -> Result<CashQuote, UiError> {
    counter.app()?.quote_cash(bill_key, &amount, &received)
}

#[tauri::command]
async fn pay_cash(
    counter: State<'_, Counter>,
    bill_key: i64,
    amount: String,
    received: String,
) -> Result<SaleView, UiError> {
    counter.app()?.pay_cash(bill_key, &amount, &received)
}

#[tauri::command]
async fn sale(counter: State<'_, Counter>, id: i64) -> Result<SaleView, UiError> {
    counter.app()?.sale(id)
}

#[tauri::command]
async fn sales_in_flight(counter: State<'_, Counter>) -> Result<Vec<SaleView>, UiError> {
    counter.app()?.sales_in_flight()
}

#[tauri::command]
async fn history(counter: State<'_, Counter>, limit: u32) -> Result<Vec<SaleView>, UiError> {
    counter.app()?.history(limit)
}

#[tauri::command]
async fn receipt_pdf(
    counter: State<'_, Counter>,
    sale_id: i64,
    copy: bool,
) -> Result<ReceiptFile, UiError> {
    counter.app()?.receipt_pdf(sale_id, copy)
}

#[tauri::command]
async fn status(counter: State<'_, Counter>) -> Result<StatusView, UiError> {
    counter.app()?.status()
}

#[tauri::command]
async fn set_contingency(
    counter: State<'_, Counter>,
    enabled: bool,
    per_payment_cap: String,
    total_cap: String,
    window_hours: u32,
) -> Result<ContingencyView, UiError> {
    counter
        .app()?
        .set_contingency(enabled, &per_payment_cap, &total_cap, window_hours)
}

#[tauri::command]
async fn pay_cash_offline(
    counter: State<'_, Counter>,
    bill_key: i64,
    amount: String,
    received: String,
) -> Result<ProvisionalSale, UiError> {
    counter
        .app()?
        .pay_cash_offline(bill_key, &amount, &received)
}

#[tauri::command]
async fn needs_attention(counter: State<'_, Counter>) -> Result<Vec<AttentionView>, UiError> {
    counter.app()?.needs_attention()
}

#[tauri::command]
async fn retry_attention(counter: State<'_, Counter>, outbox_id: i64) -> Result<(), UiError> {
    counter.app()?.retry_attention(outbox_id)
}

#[tauri::command]
async fn resolve_attention(
    counter: State<'_, Counter>,
    outbox_id: i64,
    note: String,
) -> Result<(), UiError> {
    counter.app()?.resolve_attention(outbox_id, &note)
}

/// Forwards the app's background news to every webview.
struct WebviewEvents<R: Runtime>(AppHandle<R>);

impl<R: Runtime> AppEvents for WebviewEvents<R> {
    fn sale_changed(&self, sale: &SaleView) {
        if let Err(e) = self.0.emit(SALE_CHANGED, sale) {
            tracing::warn!(error = %e, sale_id = sale.id, "could not tell the window about a sale");
        }
    }

    fn status_changed(&self, status: &StatusView) {
        if let Err(e) = self.0.emit(STATUS_CHANGED, status) {
            tracing::warn!(error = %e, "could not tell the window about the status");
        }
    }

    /// A second launch asked for this window: bring it to the cashier, whatever state it is in.
    fn focus_requested(&self) {
        if let Some(window) = self.0.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            if let Err(e) = window.set_focus() {
                tracing::warn!(error = %e, "could not bring the window to the front");
            }
        }
    }
}

/// The application's context (config, embedded UI, capabilities), for any runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Where the configuration comes from, given the platform's app data dir.
pub type ConfigSource = Box<dyn FnOnce(PathBuf) -> Result<AppConfig, String> + Send>;

/// Registers the commands and starts [`Ventanilla`] (configured by `config`) before the window
/// loads. [`run`] uses `AppConfig::from_env`: the data dir is `VENTANILLA_DATA_DIR` or the
/// platform's app data dir. A failed start is kept (see [`Counter`]), never a reason not to open
/// the window.
pub fn builder<R: Runtime>(builder: tauri::Builder<R>, config: ConfigSource) -> tauri::Builder<R> {
    builder
        .invoke_handler(tauri::generate_handler![
            app_info,
            find_by_barcode,
            find_by_barcode_for_company,
            companies,
            find_by_customer_data,
            quote_cash,
            pay_cash,
            sale,
            sales_in_flight,
            history,
            receipt_pdf,
            status,
            set_contingency,
            pay_cash_offline,
            needs_attention,
            retry_attention,
            resolve_attention,
        ])
        .setup(move |app| {
            let default_dir = app
                .path()
                .app_data_dir()
                .unwrap_or_else(|_| PathBuf::from("ventanilla-data"));
            let events = Arc::new(WebviewEvents(app.handle().clone()));
            let started = match config(default_dir) {
                Ok(cfg) => {
                    // One window per counter: a second launch brings the first one forward.
                    if ventanilla_app::ask_running_window_to_focus(&cfg.data_dir) {
                        tracing::info!("this counter's window is already open; brought it forward");
                        std::process::exit(0);
                    }
                    tauri::async_runtime::block_on(Ventanilla::start(cfg, events))
                }
                Err(e) => Err(config_error(&e)),
            };
            match &started {
                Ok(v) => {
                    tracing::info!(hub = v.hub_url(), "ventanilla started");
                    if let Err(e) = v.listen_for_focus_requests() {
                        tracing::warn!(error = %e.message, "a second launch will not find this window");
                    }
                }
                Err(e) => tracing::error!(
                    error = %e.message,
                    "ventanilla could not start; the window says why"
                ),
            }
            app.manage(Counter(started));
            Ok(())
        })
}

/// Runs the desktop app until its window closes; stops the embedded sandbox on the way out.
pub fn run() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal: a log file or a service journal gets plain
        // text. `NO_COLOR` set to anything but "" turns them off (https://no-color.org).
        .with_ansi(
            std::io::IsTerminal::is_terminal(&std::io::stderr())
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        )
        .try_init();
    let app =
        match builder(tauri::Builder::default(), Box::new(AppConfig::from_env)).build(context()) {
            Ok(app) => app,
            Err(e) => {
                eprintln!("Ventanilla could not start: {e}");
                std::process::exit(1);
            }
        };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(Ok(v)) = handle.try_state::<Counter>().map(|c| c.inner().app()) {
                tauri::async_runtime::block_on(v.shutdown());
            }
        }
    });
}
