//! `ventanilla chaos --split-tickets` end to end: bill tickets paid part by card and part by a
//! crypto wallet at the hub's terminal and wallet, the rest in cash, each customer approving,
//! declining, too late or walking away, under the terminal's and the wallet's own faults (pay
//! answers lost after the charge) and SIGKILLs of the counter, some while a charge waits. Every
//! capture the terminal approved must be on exactly one ticket or kept once for a refund, every
//! wallet payment on one ticket, kept for a refund or unknown (never charged twice), and every
//! ticket's tenders must pay its total with change only from cash.

mod common;

use common::chaos::{count, run};

#[test]
fn split_tickets_under_kills_and_faults_account_for_every_card_and_wallet_payment() {
    let dir = tempfile::tempdir().unwrap();
    #[rustfmt::skip]
    let ran = run(dir.path(), &[
        "--payments", "30", "--split-tickets", "12", "--tax-tickets", "0", "--kills", "5",
        "--seed", "31", "--max-secs", "120",
    ]);
    let (stdout, summary) = (&ran.stdout, &ran.summary);
    assert!(summary.ends_with("-> PASS"), "{summary}");
    assert!(
        summary.contains(" bills, 5 kills, 0 duplicates, 0 lost, 0 mismatched, 0 unresolved,"),
        "{summary}"
    );
    assert!(
        stdout.contains("after a charge was asked"),
        "no kill landed on a charge: {stdout}"
    );

    let tenders = summary
        .split("tenders: ")
        .nth(1)
        .and_then(|t| t.split(" -> ").next())
        .unwrap_or_else(|| panic!("no tenders clause in {summary}"));
    assert_eq!(count(tenders, "problems"), 0, "{tenders}");
    assert!(count(tenders, "split tickets") >= 6, "{tenders}");
    assert!(count(tenders, "cards on tickets") >= 1, "{tenders}");
    assert!(count(tenders, "wallets on tickets") >= 1, "{tenders}");

    // Every capture and every wallet payment at the sandbox is accounted for exactly once.
    let (captures, approved) = stdout
        .lines()
        .find_map(|l| {
            let t = l.split("terminal: ").nth(1)?;
            let (captures, rest) = t.split_once(" capture(s), ")?;
            let approved = rest.split_once(" approved")?.0;
            Some((
                captures.parse::<usize>().ok()?,
                approved.parse::<usize>().ok()?,
            ))
        })
        .unwrap_or_else(|| panic!("no terminal figures in {stdout}"));
    let (on_tickets, strays) = (
        count(tenders, "cards on tickets"),
        count(tenders, "card strays"),
    );
    assert_eq!(on_tickets + strays, approved, "{tenders}");
    assert_eq!(
        approved + count(tenders, "cards declined") + count(tenders, "cards unpresented"),
        captures,
        "{tenders}"
    );
    assert_eq!(
        count(tenders, "wallets on tickets")
            + count(tenders, "wallet strays")
            + count(tenders, "wallet unknowns charged"),
        count(tenders, "wallet payments"),
        "{tenders}"
    );

    // The plan has a customer who presents the card after the counter stopped waiting: that
    // card's money is kept for a refund, never taken by a ticket.
    let plan = std::fs::read_to_string(dir.path().join("split-plan.txt")).unwrap();
    let late_card = plan.lines().any(|l| {
        l.split(' ')
            .nth(3)
            .is_some_and(|card| card.contains(":late:"))
    });
    if late_card {
        assert!(
            strays >= 1,
            "a late card was not kept for a refund: {tenders}"
        );
    }
}
