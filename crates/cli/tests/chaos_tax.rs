//! `ventanilla chaos` with tax tickets end to end: orders of the platform's fixture debts paid
//! in cash among the bill tickets, under the platform's own weather (lost report answers,
//! outages, duplicated and reordered callbacks) and SIGKILLs of the counter. Every order the
//! journal holds as paid must be reported to the platform exactly once, no debt paid twice,
//! and each debt's status in the journal must be the platform's.

mod common;

use common::chaos::{count, run};

#[test]
fn tax_tickets_under_kills_and_faults_are_reported_once_and_settled_as_the_platform_says() {
    let dir = tempfile::tempdir().unwrap();
    #[rustfmt::skip]
    let ran = run(dir.path(), &[
        "--payments", "40", "--tax-tickets", "8", "--kills", "8", "--seed", "31337",
        // A failed debt in each fault period, so that a tax refund is surely handed back and
        // checked.
        "--fault", "arkadu.callback:fail_items=1,count=1",
        "--max-secs", "150",
    ]);
    let (stdout, summary) = (&ran.stdout, &ran.summary);
    assert!(summary.ends_with("-> PASS"), "{summary}");
    assert!(
        summary.contains(" bills, 8 kills, 0 duplicates, 0 lost,"),
        "{summary}"
    );

    // How many tax tickets the plan holds (8 asked; the fixtures hold enough debts).
    let planned = stdout
        .lines()
        .find_map(|l| l.split("bills, ").nth(1)?.split(" tax tickets").next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no planned tax tickets in {stdout}"));
    assert_eq!(planned, 8, "{stdout}");

    let tax = summary
        .split("tax: ")
        .nth(1)
        .and_then(|t| t.split(" -> ").next())
        .unwrap_or_else(|| panic!("no tax clause in {summary}"));
    assert_eq!(
        count(tax, "tickets"),
        planned,
        "every tax ticket paid: {tax}"
    );
    assert_eq!(
        count(tax, "orders reported"),
        planned,
        "one report per paid order at the platform: {tax}"
    );
    for zero in [
        "duplicates",
        "missing",
        "mismatched",
        "unresolved",
        "needing attention",
    ] {
        assert_eq!(count(tax, zero), 0, "{zero}: {tax}");
    }
    assert!(
        count(tax, "refunds") >= 1,
        "no failed debt was handed back: {tax}"
    );
    assert!(tax.contains("cash ok (VES "), "{tax}");
}

#[test]
fn without_tax_tickets_the_summary_holds_bills_only() {
    let dir = tempfile::tempdir().unwrap();
    #[rustfmt::skip]
    let summary = run(dir.path(), &[
        "--payments", "4", "--tax-tickets", "0", "--kills", "1", "--seed", "5", "--max-secs", "60",
    ])
    .summary;
    assert!(summary.ends_with("-> PASS"), "{summary}");
    assert!(!summary.contains("tax:"), "{summary}");
    assert!(!dir.path().join("tax-plan.txt").exists());
}
