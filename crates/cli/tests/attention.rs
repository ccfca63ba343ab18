//! `ventanilla attention`: sales the hub never answered land in the supervisor's list after the
//! configured number of attempts; from the shell they are listed, one is resolved by hand and
//! the other retried until the hub approves it. The hub is the sandbox in its own process, as a
//! remote hub would be, so its faults and ledger are seen from outside the counter.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{counter, sandbox, Sandbox};
use serde_json::Value;
use ventanilla_sandbox::fixtures::DTV_BARCODES;

/// The counter's CLI pointed at the sandbox as a real hub. One failed attempt is enough to
/// hand a sale to a person, so the test does not wait through thirty.
fn run(sb: &Sandbox, data: &Path, args: &[&str]) -> Output {
    counter(sb, data, args)
        .env("VENTANILLA_OUTBOX_MAX_ATTEMPTS", "1")
        .env("VENTANILLA_BACKOFF_FIRST_SECS", "1")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}stderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", text(&out));
    stdout(&out)
}

/// `attention list`, the lines of the items only.
fn list(sb: &Sandbox, data: &Path) -> Vec<String> {
    ok(run(sb, data, &["attention", "list"]))
        .lines()
        .filter(|l| l.starts_with("attention "))
        .map(str::to_string)
        .collect()
}

/// The id in "attention ID sale=...".
fn id(line: &str) -> String {
    line.split_whitespace().nth(1).unwrap().to_string()
}

fn faults(sb: &Sandbox, specs: &[&str]) {
    let status = reqwest::blocking::Client::new()
        .put(format!("{}/_sandbox/faults", sb.url))
        .json(&specs)
        .send()
        .unwrap()
        .status();
    assert!(status.is_success(), "{status}");
}

fn clear_faults(sb: &Sandbox) {
    let status = reqwest::blocking::Client::new()
        .delete(format!("{}/_sandbox/faults", sb.url))
        .send()
        .unwrap()
        .status();
    assert!(status.is_success(), "{status}");
}

fn ledger(sb: &Sandbox) -> Vec<Value> {
    reqwest::blocking::get(format!("{}/_sandbox/ledger", sb.url))
        .unwrap()
        .json::<Value>()
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn operations_the_hub_never_answered_are_listed_resolved_and_retried_from_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("counter");
    let sb = sandbox(&dir.path().join("hub.json"), &[]);

    // Nothing yet: the list says so.
    let empty = ok(run(&sb, &data, &["attention", "list"]));
    assert!(empty.contains("no operation needs attention"), "{empty}");

    // Bills are found, but every payment call dies: the hub never sees a sale.
    faults(&sb, &["pay:reset", "sale:reset", "sales_query:reset"]);
    for barcode in &DTV_BARCODES[..2] {
        // Not final while it waits for a person: `pay` gives up waiting and says so.
        let out = run(&sb, &data, &["pay", barcode, "--wait-secs", "3"]);
        assert!(stdout(&out).contains("sale "), "{}", text(&out));
    }

    let deadline = Instant::now() + Duration::from_secs(60);
    let items = loop {
        let items = list(&sb, &data);
        if items.len() == 2 || Instant::now() > deadline {
            break items;
        }
        std::thread::sleep(Duration::from_millis(300));
    };
    assert_eq!(items.len(), 2, "both sales wait for a person: {items:#?}");
    for item in &items {
        assert!(item.contains("company=\"DIRECT TV\""), "{item}");
        assert!(item.contains("amount=\"$ "), "formatted money: {item}");
        assert!(item.contains(" age="), "{item}");
        assert!(!item.contains("customer=\"\""), "{item}");
        assert!(
            item.contains("reason=\"Sin respuesta del sistema de cobro tras 1 intentos"),
            "why, in the operator's language: {item}"
        );
        assert!(!item.contains("last_error=\"-\""), "the last error: {item}");
    }
    let (resolved, retried) = (id(&items[0]), id(&items[1]));
    assert_ne!(resolved, retried);

    // A resolution must say what was done.
    let out = run(
        &sb,
        &data,
        &["attention", "resolve", &resolved, "--note", "   "],
    );
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        stderr(&out).contains("Escriba qué se hizo"),
        "{}",
        text(&out)
    );
    assert_eq!(list(&sb, &data).len(), 2, "nothing resolved");

    // An id that is not in the list.
    for action in [
        vec!["attention", "resolve", "987654", "--note", "reintegro"],
        vec!["attention", "retry", "987654"],
    ] {
        let out = run(&sb, &data, &action);
        assert!(!out.status.success(), "{}", text(&out));
        assert!(
            stderr(&out).contains("no operation 987654 needs attention"),
            "{}",
            text(&out)
        );
    }

    // Resolved by hand: gone from the list, the other one still there.
    let out = ok(run(
        &sb,
        &data,
        &[
            "attention",
            "resolve",
            &resolved,
            "--note",
            "reintegro entregado al cliente",
        ],
    ));
    assert!(
        out.contains(&format!("operation {resolved} "))
            && out.contains("resolved: reintegro entregado al cliente"),
        "{out}"
    );
    let items = list(&sb, &data);
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(id(&items[0]), retried);

    // The hub is back; the retried sale goes out again and is approved.
    clear_faults(&sb);
    let out = ok(run(
        &sb,
        &data,
        &["attention", "retry", &retried, "--wait-secs", "60"],
    ));
    assert!(out.contains("is back in the queue"), "{out}");
    assert!(out.contains(" approved "), "the hub's answer: {out}");
    let after = ok(run(&sb, &data, &["attention", "list"]));
    assert!(after.contains("no operation needs attention"), "{after}");

    // Only the retried sale ever reached the hub, once; the resolved one cannot be retried.
    assert_eq!(ledger(&sb).len(), 1);
    let out = run(&sb, &data, &["attention", "retry", &resolved]);
    assert!(!out.status.success(), "{}", text(&out));
}
