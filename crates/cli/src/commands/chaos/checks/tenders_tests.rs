//! Each kind of card and wallet failure, shown to be caught by `tenders::compare`.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::tenders::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn barcodes(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|b| b.to_string()).collect()
}

fn capture(reference: &str, amount: &str, state: TerminalState) -> TerminalCapture {
    TerminalCapture {
        reference: reference.into(),
        id: format!("id-{reference}"),
        capture_number: format!("INCA-{reference}"),
        amount: d(amount),
        state,
    }
}

fn card(reference: &str, phase: &str, ticket_id: Option<i64>) -> LocalCard {
    LocalCard {
        reference: reference.into(),
        phase: phase.into(),
        ticket_id,
    }
}

fn wallet(reference: &str, phase: &str, amount: &str) -> LocalWallet {
    LocalWallet {
        reference: reference.into(),
        session_id: format!("s-{reference}"),
        phase: phase.into(),
        amount: d(amount),
        txid: None,
        ticket_id: None,
        stray: false,
    }
}

fn paid(reference: &str, txid: &str, amount: &str) -> WalletPaid {
    WalletPaid {
        txid: txid.into(),
        amount: d(amount),
        description: format!("Ventanilla caja-1 - ticket {reference}"),
        session_id: format!("s-{reference}"),
    }
}

fn tender(kind: TenderKind, applied: &str, change: &str) -> LocalTender {
    let (applied, change) = (d(applied), d(change));
    LocalTender {
        kind,
        applied,
        handed_over: applied + change,
        change,
        accepted: true,
    }
}

fn card_tender(reference: &str, applied: &str) -> LocalTender {
    tender(
        TenderKind::Card {
            reference: reference.into(),
            capture_number: format!("INCA-{reference}"),
        },
        applied,
        "0",
    )
}

fn wallet_tender(reference: &str, txid: &str, applied: &str) -> LocalTender {
    tender(
        TenderKind::Wallet {
            reference: reference.into(),
            txid: txid.into(),
        },
        applied,
        "0",
    )
}

/// Ticket 1 (bill b1, 100.00): card A 30.00, wallet W1 20.00, cash 50.00 with the planned 10.00
/// change. Ticket 2 (b2, 40.00): cash. Card B was captured for a killed counter's ticket (kept
/// for a refund), C declined, D never presented. Wallet W2's answer was lost after the charge,
/// W3 expired, W4 was charged for a dropped ticket (kept for a refund).
fn clean() -> (Vec<PlannedSplit>, TenderRecords) {
    let plan = vec![PlannedSplit {
        barcodes: barcodes(&["b1"]),
        card: Some(d("30.00")),
        wallet: Some(d("20.00")),
        extra: d("10.00"),
    }];
    let mut w1 = wallet("W1", "charged", "20.00");
    w1.txid = Some("tx1".into());
    w1.ticket_id = Some(1);
    let mut w4 = wallet("W4", "charged", "5.00");
    w4.txid = Some("tx4".into());
    w4.stray = true;
    let records = TenderRecords {
        captures: vec![
            capture("A", "30.00", TerminalState::Approved),
            capture("B", "30.00", TerminalState::Approved),
            capture("C", "30.00", TerminalState::Declined),
            capture("D", "12.00", TerminalState::Waiting),
        ],
        payments: vec![
            paid("W1", "tx1", "20.00"),
            paid("W2", "tx2", "7.00"),
            paid("W4", "tx4", "5.00"),
        ],
        cards: vec![
            card("A", "approved", Some(1)),
            card("B", "approved", None),
            card("C", "declined", None),
            card("D", "abandoned", None),
        ],
        strays: vec![LocalCardStray {
            capture_id: "id-B".into(),
            reference: "B".into(),
            amount: d("30.00"),
        }],
        wallets: vec![
            w1,
            wallet("W2", "unknown", "7.00"),
            wallet("W3", "expired", "9.00"),
            w4,
        ],
        tickets: vec![
            TenderedTicket {
                id: 1,
                barcodes: barcodes(&["b1"]),
                total: d("100.00"),
                tenders: vec![
                    card_tender("A", "30.00"),
                    wallet_tender("W1", "tx1", "20.00"),
                    tender(TenderKind::Cash, "50.00", "10.00"),
                ],
            },
            TenderedTicket {
                id: 2,
                barcodes: barcodes(&["b2"]),
                total: d("40.00"),
                tenders: vec![tender(TenderKind::Cash, "40.00", "60.00")],
            },
        ],
    };
    (plan, records)
}

fn problems(plan: &[PlannedSplit], r: &TenderRecords) -> Vec<String> {
    compare(plan, r).problems
}

#[test]
fn a_clean_run_passes_and_is_counted() {
    let (plan, r) = clean();
    let f = compare(&plan, &r);
    assert_eq!(f.problems, Vec::<String>::new());
    assert_eq!(
        f.summary(),
        "tenders: 1 split tickets, 1 cards on tickets, 1 card strays, 1 cards declined, \
         1 cards unpresented, 3 wallet payments, 1 wallets on tickets, 1 wallet strays, \
         1 wallet unknowns charged, 0 wallet unknowns uncharged, 1 wallets not charged, \
         0 problems"
    );
}

#[test]
fn an_approved_capture_on_no_ticket_and_not_kept_is_money_lost() {
    let (plan, mut r) = clean();
    r.strays.clear();
    let p = problems(&plan, &r);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("on no ticket and not kept for a refund"),
        "{p:?}"
    );
}

#[test]
fn an_approved_capture_both_on_a_ticket_and_kept_for_a_refund_is_counted_twice() {
    let (plan, mut r) = clean();
    r.strays.push(LocalCardStray {
        capture_id: "id-A".into(),
        reference: "A".into(),
        amount: d("30.00"),
    });
    let p = problems(&plan, &r);
    assert!(
        p.iter()
            .any(|l| l.contains("is on 1 ticket(s) and kept 1 time(s)")),
        "{p:?}"
    );
}

#[test]
fn a_declined_capture_on_a_ticket_is_caught() {
    let (plan, mut r) = clean();
    r.tickets[0].tenders[0] = card_tender("C", "30.00");
    let p = problems(&plan, &r);
    assert!(p.iter().any(|l| l.contains("charged nothing")), "{p:?}");
    assert!(
        p.iter()
            .any(|l| l.contains("approved at the terminal is on no ticket")),
        "A is then lost: {p:?}"
    );
}

#[test]
fn a_wallet_charged_twice_is_caught() {
    let (plan, mut r) = clean();
    r.payments.push(paid("W1", "tx1b", "20.00"));
    let p = problems(&plan, &r);
    assert!(
        p.iter()
            .any(|l| l.contains("was charged 2 times at the wallet")),
        "{p:?}"
    );
}

#[test]
fn a_payment_for_a_charge_the_journal_holds_as_failed_or_unknown_to_it_is_caught() {
    let (plan, mut r) = clean();
    r.payments.push(paid("W3", "tx3", "9.00"));
    r.payments.push(paid("W9", "tx9", "1.00"));
    let p = problems(&plan, &r);
    assert!(
        p.iter()
            .any(|l| l.contains("W3") && l.contains("the wallet was charged")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|l| l.contains("which the journal does not know")),
        "{p:?}"
    );
}

#[test]
fn a_charged_wallet_on_no_ticket_and_not_kept_or_with_another_txid_is_caught() {
    let (plan, mut r) = clean();
    r.wallets[3].stray = false;
    r.wallets[0].txid = Some("tx-other".into());
    let p = problems(&plan, &r);
    assert!(
        p.iter()
            .any(|l| l.contains("W4") && l.contains("on no ticket and not kept")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|l| l.contains("which the wallet never paid")),
        "{p:?}"
    );
}

#[test]
fn tenders_that_do_not_pay_the_total_or_give_change_from_a_card_are_caught() {
    let (plan, mut r) = clean();
    r.tickets[0].tenders[2] = tender(TenderKind::Cash, "49.00", "11.00");
    r.tickets[0].tenders[0].change = d("1.00");
    r.tickets[0].tenders[0].handed_over = d("31.00");
    let p = problems(&plan, &r);
    assert!(
        p.iter()
            .any(|l| l.contains("its tenders pay 99.00 of its total 100.00")),
        "{p:?}"
    );
    assert!(p.iter().any(|l| l.contains("gives 1.00 change")), "{p:?}");
    assert!(
        p.iter()
            .any(|l| l.contains("gave 11.00 change where the plan")),
        "{p:?}"
    );
}

#[test]
fn a_card_on_a_cash_ticket_or_of_another_amount_than_planned_is_caught() {
    let (mut plan, mut r) = clean();
    plan[0].card = Some(d("31.00"));
    r.tickets[1].tenders = vec![
        card_tender("B", "30.00"),
        tender(TenderKind::Cash, "10.00", "0"),
    ];
    r.strays.clear();
    r.cards[1].ticket_id = Some(2);
    let p = problems(&plan, &r);
    assert!(
        p.iter().any(|l| l.contains("planned for cash only")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|l| l.contains("card tender(s) of [30.00] where the plan charged Some(31.00)")),
        "{p:?}"
    );
}

#[test]
fn a_card_still_waiting_or_a_wallet_still_charging_after_the_reconcile_is_caught() {
    let (plan, mut r) = clean();
    r.cards[3].phase = "waiting".into();
    r.wallets[2].phase = "charging".into();
    let p = problems(&plan, &r);
    assert!(p.iter().any(|l| l.contains("still waits")), "{p:?}");
    assert!(p.iter().any(|l| l.contains("still under way")), "{p:?}");
}

#[test]
fn a_card_tender_no_capture_stands_behind_is_caught() {
    let (plan, mut r) = clean();
    r.captures.remove(0);
    let p = problems(&plan, &r);
    assert!(
        p.iter()
            .any(|l| l.contains("the terminal approved no capture for it")),
        "{p:?}"
    );
}
