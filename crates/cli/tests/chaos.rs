//! `ventanilla chaos` end to end: 200 bills in tickets of 1 to 4 through a hub whose faults
//! change every second or so, the counter SIGKILLed 10 times, and the journal must match the
//! hub's ledger exactly, every ticket's money balancing to the cent with its refunds confirmed.

use std::process::Command;

mod common;

use common::chaos::{count, run};

#[test]
fn two_hundred_bills_in_tickets_and_ten_kills_lose_and_double_nothing() {
    let dir = tempfile::tempdir().unwrap();
    #[rustfmt::skip]
    let summary = run(dir.path(), &[
        "--payments", "200", "--kills", "10", "--seed", "20260",
        // Rejections on top of the weather's, so that refunds are surely handed back and checked.
        "--fault", "pay:reject_rate=0.05",
        "--max-secs", "240",
    ])
    .summary;
    let (head, ledger) = summary
        .split_once(" tickets, 200 bills, 10 kills, 0 duplicates, 0 lost,")
        .unwrap_or_else(|| panic!("{summary}"));
    let planned: usize = head.strip_prefix("chaos: ").unwrap().parse().unwrap();
    assert!((50..200).contains(&planned), "{summary}");
    let ledger = ledger
        .split_once("ledger ok (")
        .and_then(|(_, l)| l.split_once(')'))
        .unwrap_or_else(|| panic!("no `ledger ok` in {summary}"))
        .0;
    assert_eq!(
        count(ledger, "tickets"),
        planned,
        "every ticket journaled: {summary}"
    );
    assert!(
        count(ledger, "refunds") >= 1,
        "no refund was checked: {summary}"
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
