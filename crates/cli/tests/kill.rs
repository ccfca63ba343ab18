//! A real process, really killed (SIGKILL) with a sale in flight; then `ventanilla reconcile`
//! settles it with the hub. The sandbox runs as its own process with its state in a file, as a
//! remote hub would, so it outlives the counter.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{counter, sandbox, Sandbox};
use serde_json::Value;

const DTV_BARCODE: &str = "05700861082790003832152882102060000027480005";

fn get(url: String) -> Value {
    reqwest::blocking::get(url).unwrap().json().unwrap()
}

/// Starts `ventanilla pay`, waits until its POST has reached the sandbox (the one-shot fault is
/// used up), and kills it with SIGKILL.
fn pay_and_kill(sb: &Sandbox, data: &Path) {
    let mut pay = counter(sb, data, &["pay", DTV_BARCODE, "--received", "3000"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while get(format!("{}/_sandbox/faults", sb.url))["rules"]
        .as_array()
        .is_some_and(|r| !r.is_empty())
    {
        assert!(Instant::now() < deadline, "the sale never reached the hub");
        assert!(
            pay.try_wait().unwrap().is_none(),
            "pay ended before being killed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    pay.kill().unwrap(); // SIGKILL
    pay.wait().unwrap();
}

fn reconcile(sb: &Sandbox, data: &Path) -> String {
    let out = counter(sb, data, &["reconcile", "--wait-secs", "60"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn killed_while_the_post_hangs_before_the_hub_saw_it() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("hub.json"), &["pay:no_answer,count=1"]);
    pay_and_kill(&sb, &dir.path().join("counter"));
    assert_eq!(
        get(format!("{}/_sandbox/ledger", sb.url))
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let out = reconcile(&sb, &dir.path().join("counter"));
    assert!(out.contains("1 unresolved sale(s)"), "{out}");
    assert!(out.contains(" approved 2748.00 ARS DIRECT TV"), "{out}");
    let ledger = get(format!("{}/_sandbox/ledger", sb.url));
    assert_eq!(
        ledger.as_array().unwrap().len(),
        1,
        "sent once after the restart: {ledger}"
    );
}

#[test]
fn killed_after_the_hub_recorded_the_sale_but_before_its_answer() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(
        &dir.path().join("hub.json"),
        &["pay:no_answer,after_commit,count=1"],
    );
    pay_and_kill(&sb, &dir.path().join("counter"));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        get(format!("{}/_sandbox/ledger", sb.url))
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let out = reconcile(&sb, &dir.path().join("counter"));
    assert!(out.contains(" approved "), "{out}");
    let ledger = get(format!("{}/_sandbox/ledger", sb.url));
    assert_eq!(
        ledger.as_array().unwrap().len(),
        1,
        "found by asking, never paid twice: {ledger}"
    );

    let history = counter(&sb, &dir.path().join("counter"), &["history"])
        .output()
        .unwrap();
    let history = String::from_utf8_lossy(&history.stdout);
    assert_eq!(history.lines().count(), 1, "{history}");
    assert!(history.contains("approved"), "{history}");
}
