//! The commands through Tauri's real IPC path (mock runtime, no display): the request is checked
//! against the app's capabilities for the `main` window at `tauri://localhost`, deserialized,
//! run, and its answer serialized as the webview would receive it.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Listener, Manager, WebviewWindow, WebviewWindowBuilder};
use ventanilla_app::AppConfig;

struct TestApp {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

fn start() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().to_path_buf();
    let mut app = ventanilla_desktop::builder(
        mock_builder(),
        Box::new(move |_| Ok(AppConfig::sandbox(data))),
    )
    .build(ventanilla_desktop::context())
    .expect("app builds");
    // One turn of the (mock) event loop runs the app's setup: the config's `main` window is
    // created and Ventanilla is started and managed, as in the real binary.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window"),
    };
    TestApp {
        _app: app,
        window,
        _dir: dir,
    }
}

fn invoke(app: &TestApp, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        &app.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("json answer"))
}

#[test]
fn commands_answer_through_ipc() {
    let app = start();

    let info = invoke(&app, "app_info", json!({})).expect("app_info");
    assert_eq!(info["sandbox"], json!(true), "{info}");
    assert_eq!(info["locale"], json!("es"));
    assert_eq!(info["scanGapMs"], json!(50));
    assert!(
        info["hubUrl"]
            .as_str()
            .unwrap_or("")
            .starts_with("http://127.0.0.1:"),
        "{info}"
    );

    // Letters are no barcode: a Validation error with a sentence for the cashier, in Spanish.
    let err = invoke(&app, "find_by_barcode", json!({"raw": "ABC123"})).expect_err("letters");
    assert_eq!(err["code"], json!("Validation"), "{err}");
    let msg = err["message"].as_str().unwrap_or("");
    assert!(
        msg.contains("carácter no válido") && msg.contains("escanear"),
        "{msg}"
    );

    // A real bill through the embedded sandbox, then the cash quote (money comes formatted).
    let found = invoke(
        &app,
        "find_by_barcode",
        json!({"raw": "05700861082790003832152882102060000027480005"}),
    )
    .expect("bill found");
    assert_eq!(found["kind"], json!("bills"), "{found}");
    let bill = &found["bills"][0];
    assert_eq!(bill["companyName"], json!("DIRECT TV"));
    assert_eq!(bill["total"]["display"], json!("$ 2.748,00"));
    let quote = invoke(
        &app,
        "quote_cash",
        json!({"billKey": bill["key"], "amount": "", "received": "3000"}),
    )
    .expect("quote");
    assert_eq!(quote["change"]["display"], json!("$ 252,00"), "{quote}");

    let status = invoke(&app, "status", json!({})).expect("status");
    assert_eq!(status["links"][0]["gateway"], json!("traxion"), "{status}");
    assert_eq!(status["queueDepth"], json!(0), "{status}");

    let none = invoke(&app, "sales_in_flight", json!({})).expect("in flight");
    assert_eq!(none, json!([]));

    // Paying returns at once (journaled); the outcome arrives as `sale-changed` events.
    let (tx, rx) = std::sync::mpsc::channel::<Value>();
    app._app
        .listen_any(ventanilla_desktop::SALE_CHANGED, move |e| {
            if let Ok(v) = serde_json::from_str::<Value>(e.payload()) {
                let _ = tx.send(v);
            }
        });
    let sale = invoke(
        &app,
        "pay_cash",
        json!({"billKey": bill["key"], "amount": "", "received": "3000"}),
    )
    .expect("pay_cash");
    assert_eq!(sale["change"]["display"], json!("$ 252,00"), "{sale}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let ev = rx
            .recv_timeout(left)
            .expect("a sale-changed event with the final state");
        if ev["id"] == sale["id"] && ev["state"] == json!("approved") {
            assert_eq!(ev["stateLabel"], json!("Aprobado"));
            break;
        }
    }
}

#[test]
fn commands_outside_the_capability_are_refused() {
    let app = start();
    // Arguments with the wrong shape are refused before reaching the app.
    let err = invoke(&app, "history", json!({"limit": "many"})).expect_err("bad args");
    assert!(err.as_str().unwrap_or("").contains("limit"), "{err}");
    // Anything not granted to the window (here a core plugin command) is denied.
    let denied = invoke(&app, "plugin:window|close", json!({})).expect_err("denied");
    assert!(denied.to_string().contains("not allowed"), "{denied}");
    // Ventanilla's own commands are granted to the `main` window only.
    let other = WebviewWindowBuilder::new(&app._app, "other", Default::default())
        .build()
        .expect("second window");
    let elsewhere = TestApp {
        window: other,
        ..app
    };
    let denied = invoke(&elsewhere, "app_info", json!({})).expect_err("not for other windows");
    assert!(denied.to_string().contains("not allowed"), "{denied}");
}
