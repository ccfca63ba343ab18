//! One process owns a journal. Six `ventanilla pay` started at once on one data folder: one
//! takes the sale, the others are refused at once, each told which process holds the journal;
//! none is half-written, and the hub gets one sale. `history` reads beside the owner.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

const DTV_BARCODE: &str = "05700861082790003832152882102060000027480005";

struct Sandbox {
    child: Child,
    url: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The hub as its own process; each sale stays `pending` a few seconds, so the first counter
/// holds the journal while the others try.
fn sandbox(state: &Path) -> Sandbox {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ventanilla"))
        .args([
            "sandbox",
            "--port",
            "0",
            "--fault",
            "pay:pending_secs=3",
            "--state",
        ])
        .arg(state)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("sandbox listening on ")
        .unwrap()
        .to_string();
    Sandbox { child, url }
}

fn counter(sb: &Sandbox, data: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ventanilla"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(data)
        .env("VENTANILLA_HUB_URL", &sb.url)
        .env("VENTANILLA_HUB_USER", "sandbox")
        .env("VENTANILLA_HUB_PASSWORD", "sandbox")
        .env("VENTANILLA_HUB_APPLICATION_ID", "ventanilla-test")
        .env("VENTANILLA_HUB_DEVICE_ID", "caja-1")
        .env("VENTANILLA_POLL_FIRST_SECS", "1")
        .env("VENTANILLA_POLL_MAX_SECS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn one_process_owns_the_journal_and_the_others_are_told_who() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("hub.json"));
    let data = dir.path().join("counter");
    let owner = counter(&sb, &data, &["pay", DTV_BARCODE, "--received", "3000"])
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
            counter(&sb, &data, &["pay", DTV_BARCODE, "--received", "3000"])
                .spawn()
                .unwrap()
        })
        .collect();
    let refusals: Vec<Output> = others
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let history = counter(&sb, &data, &["history"]).output().unwrap();
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
    let after = counter(&sb, &data, &["history"]).output().unwrap();
    let lines = String::from_utf8_lossy(&after.stdout);
    assert_eq!(lines.lines().count(), 1, "{lines}");
    assert!(lines.contains("approved"), "{lines}");
}
