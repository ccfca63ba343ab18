//! The desktop shell: one `ipc` command over [`ventanilla_app::Ventanilla`], the window, and the
//! `sale-changed` and `status-changed` events. Everything the cashier's screen does is decided in
//! `ventanilla-app`; nothing here computes money or state.
//!
//! When Ventanilla cannot start (a damaged journal, a bad configuration), the window opens anyway
//! and every command answers with that error, so the screen can say what happened and what to do
//! instead of the program vanishing.

mod webview_tuning;

use std::path::PathBuf;
use std::sync::Arc;

use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ventanilla_app::ipc::Event;
use ventanilla_app::{AppConfig, AppEvents, ErrorCode, UiError, Ventanilla};

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

/// The one command the screen calls: it names a command declared in `ventanilla_app::ipc` and
/// passes its arguments, so this shell never changes when a command is added.
#[tauri::command]
async fn ipc<R: Runtime>(
    window: tauri::Window<R>,
    counter: State<'_, Counter>,
    command: String,
    args: serde_json::Value,
) -> Result<serde_json::Value, UiError> {
    if window.label() == CUSTOMER_WINDOW && !CUSTOMER_READS.contains(&command.as_str()) {
        // The customer's screen faces the customer: it shows the ticket, it changes nothing.
        return Err(UiError::new(
            ErrorCode::Unauthorized,
            "La pantalla del cliente solo muestra el ticket.".to_string(),
        ));
    }
    ventanilla_app::ipc::dispatch(counter.app()?, &command, args).await
}

/// The customer's screen (a second window the cashier's opens) and the only commands it may
/// call: reads of what it shows.
const CUSTOMER_WINDOW: &str = "customer";
const CUSTOMER_READS: &[&str] = &["app_info", "ticket", "paid_ticket", "status"];

/// Forwards the app's background news to every webview.
struct WebviewEvents<R: Runtime>(AppHandle<R>);

impl<R: Runtime> AppEvents for WebviewEvents<R> {
    fn emit(&self, event: Event) {
        if let Err(e) = self.0.emit(event.name(), &event) {
            tracing::warn!(error = %e, event = event.name(), "could not tell the window");
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
        .invoke_handler(tauri::generate_handler![ipc])
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
    webview_tuning::apply();
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
