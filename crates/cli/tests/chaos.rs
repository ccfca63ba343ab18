//! `ventanilla chaos` end to end: 200 payments through a hub whose faults change every second or
//! so, the counter SIGKILLed 10 times, and the journal must match the hub's ledger exactly.

use std::process::Command;

#[test]
fn two_hundred_payments_and_ten_kills_lose_and_double_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ventanilla"))
        .args([
            "chaos",
            "--payments",
            "200",
            "--kills",
            "10",
            "--seed",
            "20260",
        ])
        .args(["--max-secs", "240", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let summary = stdout.lines().last().unwrap_or_default();
    let log = std::fs::read_to_string(dir.path().join("counter.log")).unwrap_or_default();
    let tail: Vec<&str> = log.lines().rev().take(30).collect();
    assert!(
        out.status.success(),
        "{stdout}\n{stderr}\ncounter log (last lines, newest first):\n{}",
        tail.join("\n")
    );
    assert!(
        summary.starts_with("chaos: 200 payments, 10 kills, 0 duplicates, 0 lost,"),
        "{summary}"
    );
    assert!(summary.ends_with("-> PASS"), "{summary}");
}

#[test]
fn a_data_dir_that_holds_a_journal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("counter")).unwrap();
    std::fs::write(dir.path().join("counter/journal.sqlite"), b"").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ventanilla"))
        .args(["chaos", "--payments", "1", "--kills", "0", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds a journal"));
}
