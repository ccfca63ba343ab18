//! One process owns a journal. Six `ventanilla pay` started at once on one data folder: one
//! takes the sale, the others are refused at once, each told which process holds the journal;
//! none is half-written, and the hub gets one sale. `history` reads beside the owner.

mod common;

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use common::{counter, sandbox, Sandbox};
use std::time::Duration;

use serde_json::Value;

const DTV_BARCODE: &str = "05700861082790003832152882102060000027480005";

/// Each sale stays `pending` a few seconds at the hub, so the first counter holds the journal
/// while the others try.
fn writer(sb: &Sandbox, data: &Path, args: &[&str]) -> Command {
    let mut cmd = counter(sb, data, args);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

#[test]
fn one_process_owns_the_journal_and_the_others_are_told_who() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("hub.json"), &["pay:pending_secs=3"]);
    let data = dir.path().join("counter");
    let owner = writer(&sb, &data, &["pay", DTV_BARCODE, "--received", "3000"])
        .spawn()
        .unwrap();
    let owner_pid = owner.id();
    // Until the owner has the journal open.
    for _ in 0..100 {
        if data.join("journal.lock").exists() && data.join("journal.sqlite").exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let others: Vec<Child> = (0..5)
        .map(|_| {
            writer(&sb, &data, &["pay", DTV_BARCODE, "--received", "3000"])
                .spawn()
                .unwrap()
        })
        .collect();
    let refusals: Vec<Output> = others
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let history = writer(&sb, &data, &["history"]).output().unwrap();
    let owner = owner.wait_with_output().unwrap();
    assert!(
        owner.status.success(),
        "{}",
        String::from_utf8_lossy(&owner.stderr)
    );
    for out in &refusals {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "a second writer went ahead: {err}");
        assert!(err.contains("ya está abierto"), "{err}");
        assert!(
            err.contains(&format!("proceso {owner_pid}")),
            "the holder is named: {err}"
        );
        assert!(!err.contains("No se pudo guardar"), "{err}");
    }
    assert!(
        history.status.success(),
        "history reads beside the owner: {}",
        String::from_utf8_lossy(&history.stderr)
    );
    let ledger: Vec<Value> = reqwest::blocking::get(format!("{}/_sandbox/ledger", sb.url))
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(ledger.len(), 1, "one sale at the hub: {ledger:?}");
    let after = writer(&sb, &data, &["history"]).output().unwrap();
    let lines = String::from_utf8_lossy(&after.stdout);
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(lines.contains("approved"), "{lines}");
}
