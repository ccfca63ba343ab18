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
    start_with(|data| Ok(AppConfig::sandbox(data)))
}

/// Fast probes and retries, so a link change shows within a second or two.
fn quick(data: std::path::PathBuf) -> Result<AppConfig, String> {
    let mut cfg = AppConfig::sandbox(data);
    cfg.probe_online = std::time::Duration::from_millis(300);
    cfg.probe_offline = std::time::Duration::from_millis(300);
    cfg.delivery.backoff_base = std::time::Duration::from_millis(300);
    cfg.delivery.backoff_max = std::time::Duration::from_secs(1);
    Ok(cfg)
}

fn start_with(
    config: impl FnOnce(std::path::PathBuf) -> Result<AppConfig, String> + Send + 'static,
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    start_in(dir, config)
}

fn start_in(
    dir: tempfile::TempDir,
    config: impl FnOnce(std::path::PathBuf) -> Result<AppConfig, String> + Send + 'static,
) -> TestApp {
    let data = dir.path().to_path_buf();
    let mut app = ventanilla_desktop::builder(mock_builder(), Box::new(move |_| config(data)))
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

/// Calls one of the app's commands the way the screen's generated functions do: through the
/// shell's one `ipc` command.
fn invoke(app: &TestApp, command: &str, args: Value) -> Result<Value, Value> {
    invoke_raw(app, "ipc", json!({ "command": command, "args": args }))
}

fn invoke_raw(app: &TestApp, cmd: &str, args: Value) -> Result<Value, Value> {
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
    app._app.listen_any("sale-changed", move |e| {
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
    // Arguments with the wrong shape are refused before reaching the use case.
    let err = invoke(&app, "history", json!({"limit": "many"})).expect_err("bad args");
    assert_eq!(err["code"], "Internal", "{err}");
    assert!(
        err["message"].as_str().unwrap_or("").contains("limit"),
        "{err}"
    );
    let err = invoke(&app, "history", json!({"limit": 5, "extra": 1})).expect_err("extra");
    assert!(
        err["message"].as_str().unwrap_or("").contains("extra"),
        "{err}"
    );
    let err = invoke(&app, "drop_journal", json!({})).expect_err("unknown command");
    assert!(
        err["message"]
            .as_str()
            .unwrap_or("")
            .contains("drop_journal"),
        "{err}"
    );
    // Anything not granted to the window (here a core plugin command) is denied.
    let denied = invoke_raw(&app, "plugin:window|close", json!({})).expect_err("denied");
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
    // The customer's screen reads the ticket and changes nothing.
    let customer = WebviewWindowBuilder::new(&elsewhere._app, "customer", Default::default())
        .build()
        .expect("the customer's screen");
    let customer = TestApp {
        window: customer,
        ..elsewhere
    };
    let ticket = invoke(&customer, "ticket", json!({})).expect("the ticket, to show");
    assert_eq!(ticket["status"], "draft", "{ticket}");
    for command in ["ticket_abandon", "ticket_pay_cash", "history"] {
        let args = match command {
            "ticket_pay_cash" => json!({"received": ""}),
            "history" => json!({"limit": 5}),
            _ => json!({}),
        };
        let refused = invoke(&customer, command, args).expect_err(command);
        assert_eq!(refused["code"], "Unauthorized", "{command}: {refused}");
    }
}

/// One HTTP request to the embedded sandbox's admin API (plain TCP: no client needed).
fn sandbox_admin(hub_url: &str, method: &str, path: &str, body: &str) {
    use std::io::{Read, Write};
    let host = hub_url.trim_start_matches("http://").trim_end_matches('/');
    let mut tcp = std::net::TcpStream::connect(host).expect("sandbox reachable");
    write!(
        tcp,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("request sent");
    let mut answer = String::new();
    let _ = tcp.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "{method} {path}: {answer}"
    );
}

fn wait_status(app: &TestApp, what: &str, ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let st = invoke(app, "status", json!({})).expect("status");
        if ok(&st) {
            return st;
        }
        assert!(std::time::Instant::now() < deadline, "{what}: {st}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn contingency_sale_while_the_hub_is_down() {
    let app = start_with(quick);
    let hub = invoke(&app, "app_info", json!({})).expect("app_info")["hubUrl"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let found = invoke(
        &app,
        "find_by_barcode",
        json!({"raw": "05700861082790003832152882102060000027480005"}),
    )
    .expect("bill found");
    let key = found["bills"][0]["key"].clone();

    // Disabled by default: the refusal is a sentence for the cashier.
    let err = invoke(
        &app,
        "pay_cash_offline",
        json!({"billKey": key, "amount": "", "received": "3000"}),
    )
    .expect_err("contingency is off");
    assert_eq!(err["code"], json!("Validation"), "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap_or("")
            .contains("desactivados"),
        "{err}"
    );

    // A supervisor's bad caps are refused with a reason; good ones are kept.
    let err = invoke(
        &app,
        "set_contingency",
        json!({"enabled": true, "perPaymentCap": "5000", "totalCap": "100", "windowHours": 24}),
    )
    .expect_err("total below per-payment");
    assert!(
        err["message"].as_str().unwrap_or("").contains("tope total"),
        "{err}"
    );
    let view = invoke(
        &app,
        "set_contingency",
        json!({"enabled": true, "perPaymentCap": "5000", "totalCap": "20000", "windowHours": 24}),
    )
    .expect("set_contingency");
    assert_eq!(view["enabled"], json!(true), "{view}");
    assert_eq!(
        view["perPaymentCap"]["display"],
        json!("$ 5.000,00"),
        "{view}"
    );
    assert_eq!(view["available"], json!(false), "online: {view}");

    // The hub goes away: the link turns offline and contingency becomes available.
    let (tx, rx) = std::sync::mpsc::channel::<Value>();
    app._app.listen_any("status-changed", move |e| {
        if let Ok(v) = serde_json::from_str::<Value>(e.payload()) {
            let _ = tx.send(v);
        }
    });
    sandbox_admin(
        &hub,
        "PUT",
        "/_sandbox/faults",
        r#"[{"endpoint":"all","reset":true}]"#,
    );
    let st = wait_status(&app, "the link to go offline", |s| {
        s["links"][0]["state"] == json!("offline")
    });
    assert_eq!(st["links"][0]["label"], json!("sin conexión"), "{st}");
    assert_eq!(st["contingency"]["available"], json!(true), "{st}");
    let heard = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("a status-changed event");
    assert!(heard["links"][0]["state"].is_string(), "{heard}");

    let taken = invoke(
        &app,
        "pay_cash_offline",
        json!({"billKey": key, "amount": "", "received": "3000"}),
    )
    .expect("pay_cash_offline");
    assert_eq!(taken["sale"]["provisional"], json!(true), "{taken}");
    assert_eq!(
        taken["sale"]["change"]["display"],
        json!("$ 252,00"),
        "{taken}"
    );
    let path = taken["receipt"]["file"].as_str().unwrap_or_default();
    assert!(std::path::Path::new(path).is_file(), "{taken}");
    assert_eq!(
        taken["receipt"]["outcome"],
        json!("savedProvisional"),
        "{taken}"
    );
    assert!(
        taken["receipt"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("PROVISORIO"),
        "{taken}"
    );
    let st = invoke(&app, "status", json!({})).expect("status");
    assert_eq!(st["provisionalPending"], json!(1), "{st}");
    assert_eq!(
        st["contingency"]["heldOffline"]["display"],
        json!("$ 2.748,00"),
        "{st}"
    );
    assert_eq!(
        invoke(&app, "needs_attention", json!({})).expect("list"),
        json!([])
    );

    // The hub returns: the sale is delivered and approved.
    sandbox_admin(&hub, "DELETE", "/_sandbox/faults", "");
    wait_status(&app, "the sale to be delivered", |s| {
        s["links"][0]["state"] == json!("online") && s["provisionalPending"] == json!(0)
    });
    let sale = invoke(&app, "sale", json!({"id": taken["sale"]["id"]})).expect("sale");
    assert_eq!(sale["state"], json!("approved"), "{sale}");
    assert_eq!(sale["provisional"], json!(true), "{sale}");
}

#[test]
fn attention_commands_answer_in_words() {
    let app = start();
    assert_eq!(
        invoke(&app, "needs_attention", json!({})).expect("list"),
        json!([])
    );
    let err = invoke(
        &app,
        "resolve_attention",
        json!({"outboxId": 99, "note": ""}),
    )
    .expect_err("a note is required");
    assert_eq!(err["code"], json!("Validation"), "{err}");
    assert!(
        err["message"].as_str().unwrap_or("").contains("Escriba"),
        "{err}"
    );
    let err = invoke(&app, "retry_attention", json!({"outboxId": 99})).expect_err("unknown");
    assert!(err["message"].is_string(), "{err}");
}

#[test]
fn a_damaged_journal_opens_the_window_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("journal.sqlite"),
        b"this is not a journal, it is garbage written over the file".repeat(200),
    )
    .expect("damage the journal");
    let app = start_in(dir, |data| Ok(AppConfig::sandbox(data)));
    // The window exists and every command answers with the start-up error, in words.
    for (cmd, args) in [
        ("app_info", json!({})),
        ("status", json!({})),
        (
            "pay_cash",
            json!({"billKey": 1, "amount": "", "received": ""}),
        ),
    ] {
        let err = invoke(&app, cmd, args).expect_err("nothing works without the journal");
        assert_eq!(err["code"], json!("Internal"), "{cmd}: {err}");
        let msg = err["message"].as_str().unwrap_or("");
        assert!(
            msg.contains("journal.sqlite") && msg.contains("supervisor"),
            "{cmd}: {msg}"
        );
    }
}

#[test]
fn a_bad_configuration_opens_the_window_with_the_reason() {
    let app = start_with(|_| Err("VENTANILLA_PAY_TIMEOUT_SECS must be a whole number".into()));
    let err = invoke(&app, "app_info", json!({})).expect_err("no app");
    let msg = err["message"].as_str().unwrap_or("");
    assert!(
        msg.contains("configuración") && msg.contains("VENTANILLA_PAY_TIMEOUT_SECS"),
        "{msg}"
    );
}
