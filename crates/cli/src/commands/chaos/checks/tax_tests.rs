//! Each kind of tax failure, shown to be caught by `tax::compare` without running anything.

use rust_decimal::Decimal;

use super::model::TicketPayment;
use super::tax::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Two planned tickets: V-12345678 pays debts 1001 and 1003 with change, J-31102468-9 pays
/// 5002 exactly.
fn plan() -> Vec<PlannedTaxTicket> {
    vec![
        PlannedTaxTicket {
            doc_id: "V-12345678".into(),
            debts: vec![("1001".into(), d("4850.00")), ("1003".into(), d("350.00"))],
            received: d("5300.00"),
        },
        PlannedTaxTicket {
            doc_id: "J-31102468-9".into(),
            debts: vec![("5002".into(), d("45.00"))],
            received: d("45.00"),
        },
    ]
}

fn debt(id: &str, amount: &str, status: DebtStatus) -> LocalDebt {
    LocalDebt {
        id: id.into(),
        amount: d(amount),
        status,
    }
}

fn local() -> Vec<LocalTaxOrder> {
    vec![
        LocalTaxOrder {
            id: 1,
            order_id: "ord-1".into(),
            doc_id: "V-12345678".into(),
            phase: "complete".into(),
            total: d("5200.00"),
            reference: Some("ref-1".into()),
            debts: vec![
                debt("1001", "4850.00", DebtStatus::Success),
                debt("1003", "350.00", DebtStatus::Success),
            ],
            parked: false,
        },
        LocalTaxOrder {
            id: 2,
            order_id: "ord-2".into(),
            doc_id: "J-31102468-9".into(),
            phase: "complete".into(),
            total: d("45.00"),
            reference: Some("ref-2".into()),
            debts: vec![debt("5002", "45.00", DebtStatus::Success)],
            parked: false,
        },
    ]
}

fn tickets() -> Vec<LocalTaxTicket> {
    vec![
        LocalTaxTicket {
            id: 7,
            items: vec![
                (1, "1001".into(), d("4850.00")),
                (1, "1003".into(), d("350.00")),
            ],
            payment: Ok(TicketPayment {
                total: d("5200.00"),
                received: d("5300.00"),
                change: d("100.00"),
                refunds: vec![],
            }),
        },
        LocalTaxTicket {
            id: 9,
            items: vec![(2, "5002".into(), d("45.00"))],
            payment: Ok(TicketPayment {
                total: d("45.00"),
                received: d("45.00"),
                change: Decimal::ZERO,
                refunds: vec![],
            }),
        },
    ]
}

fn platform() -> Vec<PlatformOrder> {
    vec![
        PlatformOrder {
            id: "ord-1".into(),
            doc_id: "V-12345678".into(),
            debts: vec!["1001".into(), "1003".into()],
            total: d("5200.00"),
            state: PlatformState::Complete,
            report: Some(("ref-1".into(), d("5200.00"))),
            results: vec![
                ("1001".into(), DebtStatus::Success, d("4850.00")),
                ("1003".into(), DebtStatus::Success, d("350.00")),
            ],
        },
        // Left open by a kill before the cash: canceled by the next start; nothing paid.
        PlatformOrder {
            id: "ord-0".into(),
            doc_id: "J-31102468-9".into(),
            debts: vec!["5002".into()],
            total: d("45.00"),
            state: PlatformState::Canceled,
            report: None,
            results: vec![],
        },
        PlatformOrder {
            id: "ord-2".into(),
            doc_id: "J-31102468-9".into(),
            debts: vec!["5002".into()],
            total: d("45.00"),
            state: PlatformState::Complete,
            report: Some(("ref-2".into(), d("45.00"))),
            results: vec![("5002".into(), DebtStatus::Success, d("45.00"))],
        },
    ]
}

#[test]
fn a_clean_run_has_no_problem_and_counts_what_it_saw() {
    let f = compare(&plan(), &local(), &tickets(), &platform());
    assert_eq!(f.problems(), Vec::<String>::new());
    assert_eq!((f.planned, f.tickets, f.paid, f.reported), (2, 2, 2, 2));
    assert_eq!((f.unpaid, f.never_taken, f.needs_attention), (1, 0, 0));
    assert_eq!(f.cash_local, d("5245.00"));
    assert!(f.cash_ok());
}

#[test]
fn an_order_reported_twice_at_the_platform_is_a_duplicate() {
    let mut platform = platform();
    platform.push(platform[0].clone());
    let f = compare(&plan(), &local(), &tickets(), &platform);
    assert!(
        f.duplicates
            .contains(&"tax order ord-1 reported 2 times at the platform".to_string()),
        "{:?}",
        f.duplicates
    );
    assert!(!f.problems().is_empty());
}

#[test]
fn a_ticket_taken_twice_is_a_duplicate_on_both_sides() {
    // The counter forgot it had paid ord-2 and paid its debt again in ord-3.
    let mut local = local();
    let mut again = local[1].clone();
    again.id = 3;
    again.order_id = "ord-3".into();
    again.reference = Some("ref-3".into());
    local.push(again);
    let mut tickets = tickets();
    let mut twice = tickets[1].clone();
    twice.id = 10;
    twice.items[0].0 = 3;
    tickets.push(twice);
    let mut platform = platform();
    let mut paid = platform[2].clone();
    paid.id = "ord-3".into();
    paid.report = Some(("ref-3".into(), d("45.00")));
    platform.push(paid);
    let f = compare(&plan(), &local, &tickets, &platform);
    assert!(
        f.duplicates
            .contains(&"debt 5002 paid 2 times at the platform: orders ord-2, ord-3".to_string()),
        "{:?}",
        f.duplicates
    );
    assert!(
        f.duplicates
            .contains(&"debt 5002 charged in 2 paid journal orders: ord-2, ord-3".to_string()),
        "{:?}",
        f.duplicates
    );
    // Cash agrees (both sides took it twice): only the duplicate checks see it.
    assert!(f.cash_ok());
}

#[test]
fn a_paid_order_the_platform_never_got_is_missing() {
    let mut platform = platform();
    platform[2].report = None;
    platform[2].results.clear();
    platform[2].state = PlatformState::Open;
    let f = compare(&plan(), &local(), &tickets(), &platform);
    assert_eq!(f.missing.len(), 1, "{:?}", f.missing);
    assert!(
        f.missing[0].starts_with("tax order ord-2 (journal 2) was paid at the counter (ref-2)"),
        "{}",
        f.missing[0]
    );
    assert!(!f.cash_ok());
}

#[test]
fn a_report_the_journal_does_not_hold_as_paid_is_missing() {
    let mut local = local();
    local.remove(1);
    let mut tickets = tickets();
    tickets.remove(1);
    let f = compare(&plan(), &local, &tickets, &platform());
    assert!(
        f.missing
            .iter()
            .any(|m| m.contains("ord-2") && m.contains("not in the journal")),
        "{:?}",
        f.missing
    );
    // Still open in the journal (the cash never taken) while the platform was paid: the same.
    let mut local = self::local();
    local[1].reference = None;
    local[1].phase = "open".into();
    let f = compare(&plan(), &local, &self::tickets(), &platform());
    assert!(
        f.missing
            .iter()
            .any(|m| m.contains("holds open and unpaid")),
        "{:?}",
        f.missing
    );
}

#[test]
fn a_debt_whose_status_differs_from_the_platform_s_is_mismatched_and_a_pending_one_unresolved() {
    let mut local = local();
    local[0].debts[1].status = DebtStatus::Error;
    local[1].debts[0].status = DebtStatus::Pending;
    local[1].phase = "processing".into();
    let f = compare(&plan(), &local, &tickets(), &platform());
    assert!(
        f.mismatched
            .iter()
            .any(|m| m.contains("debt 1003 is Error in the journal but Success")),
        "{:?}",
        f.mismatched
    );
    assert!(
        f.unresolved
            .iter()
            .any(|m| m.contains("debt 5002 still pending in the journal")),
        "{:?}",
        f.unresolved
    );
}

#[test]
fn a_report_refused_in_the_journal_but_held_by_the_platform_is_mismatched() {
    let mut local = local();
    local[1].phase = "report_refused".into();
    local[1].debts[0].status = DebtStatus::Pending;
    let f = compare(&plan(), &local, &tickets(), &platform());
    assert_eq!(f.needs_attention, 1);
    assert!(
        f.mismatched
            .iter()
            .any(|m| m.contains("refused in the journal, but the platform holds it")),
        "{:?}",
        f.mismatched
    );
}

#[test]
fn a_failed_debt_must_be_handed_back_and_the_ticket_must_balance() {
    let mut local = local();
    local[0].debts[1].status = DebtStatus::Error;
    let mut platform = platform();
    platform[0].results[1].1 = DebtStatus::Error;
    let f = compare(&plan(), &local, &tickets(), &platform);
    assert!(
        f.ledger
            .iter()
            .any(|l| l.contains("350.00 of failed debts was never handed back")),
        "{:?}",
        f.ledger
    );
    // Handed back: balanced.
    let mut tickets = tickets();
    if let Ok(p) = tickets[0].payment.as_mut() {
        p.refunds.push(("1003".into(), d("350.00")));
    }
    let f = compare(&plan(), &local, &tickets, &platform);
    assert_eq!(f.problems(), Vec::<String>::new());
    assert_eq!(f.refunds, 1);
    // Change given twice over: it does not balance.
    if let Ok(p) = tickets[0].payment.as_mut() {
        p.change = d("200.00");
    }
    let f = compare(&plan(), &local, &tickets, &platform);
    assert!(
        f.ledger
            .iter()
            .any(|l| l.starts_with("tax ticket 7: received 5300.00")),
        "{:?}",
        f.ledger
    );
}

#[test]
fn a_paid_order_outside_one_ticket_and_a_ticket_unlike_its_plan_are_ledger_problems() {
    let mut tickets = tickets();
    tickets.remove(1);
    tickets[0].items.pop();
    let f = compare(&plan(), &local(), &tickets, &platform());
    assert!(
        f.ledger
            .contains(&"tax order ord-2 was paid in no ticket".to_string()),
        "{:?}",
        f.ledger
    );
    assert!(
        f.ledger
            .iter()
            .any(|l| l.contains("holds debts [\"1001\"] but was planned with")),
        "{:?}",
        f.ledger
    );
}

#[test]
fn a_report_parked_for_a_person_is_counted_apart_and_a_ticket_never_taken_is_counted() {
    let mut local = local();
    local[1].phase = "reported".into();
    local[1].debts[0].status = DebtStatus::Pending;
    local[1].parked = true;
    let mut platform = platform();
    platform.truncate(2);
    let f = compare(&plan(), &local, &tickets(), &platform);
    assert_eq!(f.problems(), Vec::<String>::new());
    assert_eq!(f.needs_attention, 1);

    let f = compare(&plan(), &local[..1], &tickets()[..1], &platform[..1]);
    assert_eq!(f.never_taken, 1);
}
