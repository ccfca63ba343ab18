//! `ventanilla chaos --damage` end to end: every kill is followed by damage to the journal (a
//! flipped or cut WAL, an emptied or deleted journal, a deleted head file). The counter must
//! refuse to start on it, leaving the files as they were, or start having lost no sale; and
//! after the harness restores each refused journal the run still loses and doubles nothing.

mod common;

use common::chaos::{count, run};

#[test]
fn a_damaged_journal_is_refused_untouched_or_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    #[rustfmt::skip]
    let ran = run(dir.path(), &[
        "--payments", "40", "--kills", "6", "--seed", "4242",
        "--damage", "--damage-kills", "6", "--max-secs", "120",
    ]);
    let (stdout, summary) = (&ran.stdout, &ran.summary);
    assert!(
        summary.contains(" tickets, 40 bills, 6 kills, 0 duplicates, 0 lost,"),
        "{summary}"
    );
    assert!(summary.contains(", ledger ok ("), "{summary}");
    assert!(summary.ends_with("-> PASS"), "{summary}");

    let damage = summary
        .split("damage: ")
        .nth(1)
        .and_then(|d| d.split(" -> ").next())
        .unwrap_or_else(|| panic!("no damage in {summary}"));
    let events = count(damage, "events");
    let refused = count(damage, "refused");
    assert_eq!(events, 6, "every kill damaged the journal: {damage}");
    assert!(refused >= 1, "no damage was refused: {damage}");
    assert_eq!(refused + count(damage, "absorbed"), events, "{damage}");
    assert_eq!(count(damage, "silent losses"), 0, "{damage}");
    assert_eq!(count(damage, "refusals that changed files"), 0, "{damage}");

    // Each refusal is the counter's own, in its log, in the cashier's words.
    let log = std::fs::read_to_string(dir.path().join("counter.log")).unwrap();
    let refusals: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("error: ") && l.contains("diario"))
        .collect();
    assert!(refusals.len() >= refused, "{refusals:#?}");
    let said: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("refused to start"))
        .collect();
    assert_eq!(said.len(), refused, "{stdout}");
    assert!(
        said.iter().all(|l| l.contains("files untouched")),
        "{said:#?}"
    );
}
