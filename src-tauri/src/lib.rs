//! The desktop shell: one-line commands over [`ventanilla_app::Ventanilla`], the window, and the
//! `sale-changed` event. Everything the cashier's screen does is decided in `ventanilla-app`;
//! nothing here computes money or state.

use std::path::PathBuf;
use std::sync::Arc;

use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ventanilla_app::views::{
    AppInfo, BarcodeLookup, BillView, CashQuote, CompanyView, ParamValue, ReceiptFile, SaleView,
    StatusView,
};
use ventanilla_app::{AppConfig, AppEvents, UiError, Ventanilla};

/// The event the webview hears whenever a sale changes state; its payload is a `SaleView`.
pub const SALE_CHANGED: &str = "sale-changed";
/// The event the webview hears when the link, the queue or the contingency state changes; its
/// payload is a `StatusView`.
pub const STATUS_CHANGED: &str = "status-changed";

#[tauri::command]
async fn app_info(app: State<'_, Ventanilla>) -> Result<AppInfo, UiError> {
    Ok(app.info())
}

#[tauri::command]
async fn find_by_barcode(
    app: State<'_, Ventanilla>,
    raw: String,
) -> Result<BarcodeLookup, UiError> {
    app.find_by_barcode(&raw).await
}

#[tauri::command]
async fn find_by_barcode_for_company(
    app: State<'_, Ventanilla>,
    raw: String,
    company_code: String,
) -> Result<Vec<BillView>, UiError> {
    app.find_by_barcode_for_company(&raw, &company_code).await
}

#[tauri::command]
async fn companies(
    app: State<'_, Ventanilla>,
    filter: String,
) -> Result<Vec<CompanyView>, UiError> {
    app.companies(&filter).await
}

#[tauri::command]
async fn find_by_customer_data(
    app: State<'_, Ventanilla>,
    company_code: String,
    mode_id: String,
    values: Vec<ParamValue>,
) -> Result<Vec<BillView>, UiError> {
    app.find_by_customer_data(&company_code, &mode_id, &values)
        .await
}

#[tauri::command]
async fn quote_cash(
    app: State<'_, Ventanilla>,
    bill_key: i64,
    amount: String,
    received: String,
) -> Result<CashQuote, UiError> {
    app.quote_cash(bill_key, &amount, &received)
}

#[tauri::command]
async fn pay_cash(
    app: State<'_, Ventanilla>,
    bill_key: i64,
    amount: String,
    received: String,
) -> Result<SaleView, UiError> {
    app.pay_cash(bill_key, &amount, &received)
}

#[tauri::command]
async fn sale(app: State<'_, Ventanilla>, id: i64) -> Result<SaleView, UiError> {
    app.sale(id)
}

#[tauri::command]
async fn sales_in_flight(app: State<'_, Ventanilla>) -> Result<Vec<SaleView>, UiError> {
    app.sales_in_flight()
}

#[tauri::command]
async fn history(app: State<'_, Ventanilla>, limit: u32) -> Result<Vec<SaleView>, UiError> {
    app.history(limit)
}

#[tauri::command]
async fn receipt_pdf(
    app: State<'_, Ventanilla>,
    sale_id: i64,
    copy: bool,
) -> Result<ReceiptFile, UiError> {
    app.receipt_pdf(sale_id, copy)
}

#[tauri::command]
async fn status(app: State<'_, Ventanilla>) -> Result<StatusView, UiError> {
    app.status()
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
}

/// The application's context (config, embedded UI, capabilities), for any runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Where the configuration comes from, given the platform's app data dir.
pub type ConfigSource = Box<dyn FnOnce(PathBuf) -> Result<AppConfig, String> + Send>;

/// Registers the commands and starts [`Ventanilla`] (configured by `config`) before the window
/// loads. [`run`] uses `AppConfig::from_env`: the data dir is `VENTANILLA_DATA_DIR` or the
/// platform's app data dir.
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
        ])
        .setup(move |app| {
            let default_dir = app
                .path()
                .app_data_dir()
                .unwrap_or_else(|_| PathBuf::from("ventanilla-data"));
            let cfg = config(default_dir)?;
            let events = Arc::new(WebviewEvents(app.handle().clone()));
            let ventanilla = tauri::async_runtime::block_on(Ventanilla::start(cfg, events))?;
            tracing::info!(hub = ventanilla.hub_url(), "ventanilla started");
            app.manage(ventanilla);
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
            if let Some(v) = handle.try_state::<Ventanilla>() {
                tauri::async_runtime::block_on(v.shutdown());
            }
        }
    });
}
