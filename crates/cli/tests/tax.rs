//! `ventanilla tax` against the tax platform as its own process: debts by document id, an
//! order paid in cash and settled by the platform's callbacks to the counter's listener, and a
//! counter killed (SIGKILL) after the report and before any callback, settled on restart.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{counter, free_port, sandbox, Sandbox};
use serde_json::{json, Value};

/// Each test's own callback secret (from its counter's own data folder), so that were two
/// tests' counters ever on one port, a callback meant for the other would be refused (401)
/// and sent again rather than stored by the wrong counter.
fn secret(data: &Path) -> String {
    let own: String = data
        .to_string_lossy()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("cli-test-callback-secret-{own}")
}

/// The counter's CLI with the sandbox as its real tax platform, its listener on `port`, and
/// the platform told to call it there.
fn tax_counter(sb: &Sandbox, data: &Path, port: u16, args: &[&str]) -> Command {
    let callback = format!("http://127.0.0.1:{port}/arkadu/callback/{}", secret(data));
    let res = reqwest::blocking::Client::new()
        .put(format!("{}/_sandbox/arkadu/callback", sb.url))
        .json(&json!({ "url": callback }))
        .send()
        .unwrap();
    assert!(res.status().is_success());
    let mut cmd = counter(sb, data, args);
    cmd.env("VENTANILLA_TAX_URL", &sb.url)
        .env("VENTANILLA_TAX_CLIENT_ID", "sandbox")
        .env("VENTANILLA_TAX_CLIENT_SECRET", "sandbox")
        .env("VENTANILLA_WEBHOOK_BIND", format!("127.0.0.1:{port}"))
        .env("VENTANILLA_TAX_CALLBACK_SECRET", secret(data));
    cmd
}

fn run_ok(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn orders(sb: &Sandbox) -> Vec<Value> {
    let v: Value = reqwest::blocking::get(format!("{}/_sandbox/arkadu/orders", sb.url))
        .unwrap()
        .json()
        .unwrap();
    v.as_array()
        .cloned()
        .unwrap_or_else(|| panic!("not a list: {v}"))
}

fn debt_ids(sb: &Sandbox, data: &Path, port: u16, doc: &str) -> Vec<String> {
    let out = run_ok(tax_counter(
        sb,
        data,
        port,
        &["tax", "debts", doc, "--json"],
    ));
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["docId"], doc);
    assert_eq!(v["currency"], "VES");
    v["debts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn debts_then_two_of_them_paid_and_settled_by_callback() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("sandbox.json"), &[]);
    let data = dir.path().join("counter");
    let port = free_port();
    let ids = debt_ids(&sb, &data, port, "V-12345678");
    assert!(ids.len() >= 3, "{ids:?}");

    let items = ids[..2].join(",");
    let out = run_ok(tax_counter(
        &sb,
        &data,
        port,
        &[
            "tax",
            "pay",
            "V-12345678",
            "--items",
            &items,
            "--received",
            "10000",
            "--json",
        ],
    ));
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["phase"], "complete", "{v:#}");
    let statuses: Vec<_> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].clone())
        .collect();
    assert_eq!(statuses, vec![json!("success"), json!("success")]);
    let total: rust_decimal::Decimal = v["total"].as_str().unwrap().parse().unwrap();
    let change: rust_decimal::Decimal = v["change"].as_str().unwrap().parse().unwrap();
    assert_eq!(total + change, rust_decimal::Decimal::from(10000), "{v:#}");
    let reported: Vec<_> = orders(&sb)
        .into_iter()
        .filter(|o| o["report"].is_object())
        .collect();
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0]["id"], v["orderId"]);

    // What is left to pay no longer lists them.
    let left = debt_ids(&sb, &data, port, "V-12345678");
    assert_eq!(left.len(), ids.len() - 2);
}

#[test]
fn a_wrong_check_digit_is_told_in_spanish_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("sandbox.json"), &[]);
    let data = dir.path().join("counter");
    let out = tax_counter(&sb, &data, free_port(), &["tax", "debts", "J-40157748-9"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dígito verificador"), "{err}");
    let out = tax_counter(
        &sb,
        &data,
        free_port(),
        &["tax", "pay", "V-12345678", "--items", " "],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert!(orders(&sb).is_empty());
}

#[test]
fn killed_after_the_report_and_before_the_callbacks_is_settled_once_by_reconcile() {
    let dir = tempfile::tempdir().unwrap();
    // Each callback waits long enough for the counter to be killed before it is sent.
    let sb = sandbox(
        &dir.path().join("sandbox.json"),
        &["arkadu.callback:latency_ms=2500,count=1"],
    );
    let data = dir.path().join("counter");
    let port = free_port();
    let ids = debt_ids(&sb, &data, port, "J-40157748-2");
    let items = ids[..2].join(",");
    let mut pay = tax_counter(
        &sb,
        &data,
        port,
        &["tax", "pay", "J-40157748-2", "--items", &items],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !orders(&sb).iter().any(|o| o["report"].is_object()) {
        assert!(
            Instant::now() < deadline,
            "the report never reached the platform"
        );
        assert!(
            pay.try_wait().unwrap().is_none(),
            "pay ended before being killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    pay.kill().unwrap(); // SIGKILL
    pay.wait().unwrap();

    let out = run_ok(tax_counter(
        &sb,
        &data,
        port,
        &["reconcile", "--wait-secs", "60"],
    ));
    assert!(out.contains("1 tax order(s) waiting"), "{out}");
    assert!(out.contains(" complete "), "{out}");
    let reported: Vec<_> = orders(&sb)
        .into_iter()
        .filter(|o| o["report"].is_object())
        .collect();
    assert_eq!(reported.len(), 1, "one report, never a second");
    assert!(
        reported[0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "Success"),
        "{:#}",
        reported[0]
    );
    // Nothing is left waiting.
    let again = run_ok(tax_counter(
        &sb,
        &data,
        port,
        &["reconcile", "--wait-secs", "5"],
    ));
    assert!(again.contains("0 tax order(s) waiting"), "{again}");
}
