//! Each kind of failure, shown to be caught.

use rust_decimal::Decimal;

use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn ticket(received: &str, bills: &[(&str, &str)]) -> PlannedTicket {
    PlannedTicket {
        bills: bills
            .iter()
            .map(|(b, a)| PlannedPayment {
                barcode: b.to_string(),
                amount: d(a),
            })
            .collect(),
        received: Some(d(received)),
    }
}

fn local(id: i64, ctid: &str, barcode: &str, amount: &str, phase: LocalPhase) -> LocalSale {
    LocalSale {
        id,
        client_transaction_id: ctid.into(),
        bill: format!("ext-{barcode}"),
        barcode: Some(barcode.into()),
        amount: d(amount),
        phase,
    }
}

fn hub(ctid: &str, barcode: &str, amount: &str, state: HubState) -> HubSale {
    HubSale {
        client_transaction_id: ctid.into(),
        bill: format!("ext-{barcode}"),
        barcode: barcode.into(),
        amount: d(amount),
        state,
    }
}

/// A paid ticket of `sales`: `refunds` are (barcode, amount).
fn paid(
    id: i64,
    sales: &[i64],
    total: &str,
    received: &str,
    change: &str,
    refunds: &[(&str, &str)],
) -> LocalTicket {
    LocalTicket {
        id,
        sales: sales.to_vec(),
        payment: Ok(TicketPayment {
            total: d(total),
            received: d(received),
            change: d(change),
            refunds: refunds
                .iter()
                .map(|(b, a)| (format!("ext-{b}"), d(a)))
                .collect(),
        }),
    }
}

/// The run as the checks see it.
struct Run {
    plan: Vec<PlannedTicket>,
    local: Vec<LocalSale>,
    paid: Vec<LocalTicket>,
    hub: Vec<HubSale>,
}

impl Run {
    fn compare(&self) -> Findings {
        compare(&self.plan, &self.local, &self.paid, &self.hub)
    }

    fn payment(&mut self, ticket: usize) -> &mut TicketPayment {
        self.paid[ticket].payment.as_mut().unwrap()
    }
}

/// Two planned tickets: the first of two bills with change, one approved and one rejected by
/// the hub and refunded; the second of one bill in exact cash, refused outright and
/// refunded.
fn healthy() -> Run {
    Run {
        plan: vec![
            ticket("40.00", &[("111", "10.00"), ("222", "20.50")]),
            ticket("7.00", &[("333", "7.00")]),
        ],
        local: vec![
            local(1, "c1", "111", "10.00", LocalPhase::Approved),
            local(2, "c2", "222", "20.50", LocalPhase::Rejected),
            local(3, "c3", "333", "7.00", LocalPhase::Rejected),
        ],
        paid: vec![
            paid(1, &[1, 2], "30.50", "40.00", "9.50", &[("222", "20.50")]),
            paid(2, &[3], "7.00", "7.00", "0.00", &[("333", "7.00")]),
        ],
        hub: vec![
            hub("c1", "111", "10.00", HubState::Approved),
            hub("c2", "222", "20.50", HubState::Rejected),
        ],
    }
}

#[test]
fn a_consistent_run_has_no_problems() {
    let f = healthy().compare();
    assert_eq!(f.problems(), Vec::<String>::new());
    assert_eq!((f.cash_local, f.cash_hub), (d("10.00"), d("10.00")));
    assert_eq!((f.tickets, f.refunds, f.never_taken), (2, 2, 0));
}

#[test]
fn a_ticket_killed_before_its_commit_is_fine_if_the_hub_never_saw_it() {
    let mut r = healthy();
    r.plan
        .push(ticket("3.00", &[("444", "1.00"), ("555", "2.00")]));
    let f = r.compare();
    assert!(f.problems().is_empty(), "{:?}", f.problems());
    assert_eq!(f.never_taken, 1);
}

#[test]
fn a_bill_paid_twice_is_a_duplicate() {
    let mut r = healthy();
    r.local
        .push(local(4, "c4", "111", "10.00", LocalPhase::Approved));
    r.paid.push(paid(3, &[4], "10.00", "10.00", "0.00", &[]));
    r.hub.push(hub("c4", "111", "10.00", HubState::Approved));
    let f = r.compare();
    assert!(f.duplicates.iter().any(|d| d.contains("approved 2 times")));
    assert!(f
        .duplicates
        .iter()
        .any(|d| d.contains("in the journal 2 times")));
}

#[test]
fn a_client_transaction_id_recorded_twice_at_the_hub_is_a_duplicate() {
    let mut r = healthy();
    r.hub.push(hub("c2", "222", "20.50", HubState::Rejected));
    let f = r.compare();
    assert_eq!(f.duplicates.len(), 1, "{:?}", f.duplicates);
    assert!(f.duplicates[0].contains("c2 recorded 2 times"));
}

#[test]
fn a_hub_sale_the_journal_forgot_is_lost_and_breaks_the_cash() {
    let mut r = healthy();
    r.hub.push(hub("c9", "333", "7.00", HubState::Approved));
    let f = r.compare();
    assert_eq!(f.lost.len(), 1, "{:?}", f.lost);
    assert!(f.lost[0].contains("c9"));
    assert!(!f.cash_ok());
    // The ticket of bill 333 notices too: the hub approved what it calls rejected.
    assert_eq!(f.ledger.len(), 1, "{:?}", f.ledger);
    assert!(f.ledger[0].starts_with("ticket 2: 0 approved in the journal, the hub approved 7.00"));
    assert_eq!(f.problems().len(), 3);
}

#[test]
fn a_journal_approval_the_hub_never_recorded_is_lost() {
    let mut r = healthy();
    r.hub.remove(0);
    let f = r.compare();
    assert_eq!(f.lost.len(), 1, "{:?}", f.lost);
    assert!(f.lost[0].contains("journal sale 1"));
    assert!(!f.cash_ok());
}

#[test]
fn a_sale_left_unresolved_is_reported_but_attention_is_allowed() {
    let mut r = healthy();
    r.local[2].phase = LocalPhase::Unresolved("querying".into());
    r.paid[1] = paid(2, &[3], "7.00", "7.00", "0.00", &[]);
    let f = r.compare();
    assert_eq!(f.unresolved.len(), 1);
    assert!(f.unresolved[0].contains("still querying"));

    // Parked with its hub sale approved: the money waits for a person, not a mismatch.
    let mut r = healthy();
    r.local[0].phase = LocalPhase::NeedsAttention;
    let f = r.compare();
    assert!(f.problems().is_empty(), "{:?}", f.problems());
    assert_eq!(f.needs_attention, 1);
    assert_eq!(f.cash_hub, Decimal::ZERO);
}

#[test]
fn a_hub_sale_still_pending_is_unresolved() {
    let mut r = healthy();
    r.hub[1].state = HubState::Pending;
    let f = r.compare();
    assert!(f
        .unresolved
        .iter()
        .any(|u| u.contains("c2 is still pending")));
    assert!(f
        .mismatched
        .iter()
        .any(|m| m.contains("Pending at the hub")));
}

#[test]
fn states_and_amounts_that_disagree_are_mismatches() {
    let mut r = healthy();
    r.hub[1].state = HubState::Approved; // the hub took money the journal calls rejected
    let f = r.compare();
    assert!(f.mismatched[0].contains("rejected in the journal but Approved"));
    assert!(!f.cash_ok());

    let mut r = healthy();
    r.hub[0].amount = d("10.01");
    let f = r.compare();
    assert!(f.mismatched[0].contains("hub recorded 10.01"));
    assert_eq!(f.cash_hub - f.cash_local, d("0.01"));
}

#[test]
fn a_cash_mismatch_alone_is_caught() {
    let mut r = healthy();
    // The journal's amount drifts from both the plan and the hub: every check notices.
    r.local[0].amount = d("10.10");
    let f = r.compare();
    assert!(!f.cash_ok());
    assert!(f
        .problems()
        .iter()
        .any(|p| p.starts_with("cash differs: 10.10 approved in the journal, 10.00")));
}

#[test]
fn a_payment_that_does_not_replay_is_caught() {
    let mut r = healthy();
    r.paid[0].payment = Err("Altered: ticket 1: the stored payment breaks the rules".into());
    let f = r.compare();
    assert_eq!(f.ledger.len(), 1, "{:?}", f.ledger);
    assert!(f.ledger[0].starts_with("ticket 1: its payment does not replay: Altered"));
}

#[test]
fn a_ticket_with_an_item_not_final_is_caught() {
    let mut r = healthy();
    r.local[0].phase = LocalPhase::Unresolved("sending".into());
    let f = r.compare();
    assert!(
        f.ledger
            .contains(&"ticket 1 is not final: item 1 (sale 1) is still sending".to_string()),
        "{:?}",
        f.ledger
    );
}

#[test]
fn money_in_must_be_approved_plus_change_plus_refunds_to_the_cent() {
    let mut r = healthy();
    r.payment(0).change = d("9.49");
    let f = r.compare();
    assert_eq!(
        f.ledger,
        ["ticket 1: received 40.00 but approved 10.00 + change 9.49 + refunded 20.50 = 39.99"]
    );
    // Trailing zeros are no difference: Decimal compares values, not texts.
    let mut r = healthy();
    r.payment(0).change = d("9.5000");
    assert!(r.compare().ledger.is_empty());
}

#[test]
fn a_refund_never_confirmed_is_caught() {
    let mut r = healthy();
    r.payment(0).refunds.clear();
    let f = r.compare();
    assert_eq!(
        f.ledger,
        ["ticket 1: 20.50 of rejected items was never handed back (refund not confirmed)"]
    );
    assert_eq!(f.refunds, 1);
}

#[test]
fn a_refund_of_an_item_the_hub_took_is_caught() {
    let mut r = healthy();
    r.payment(0).refunds.push(("ext-111".into(), d("10.00")));
    let f = r.compare();
    assert!(f
        .ledger
        .iter()
        .any(|l| l.starts_with("ticket 1 handed back 10.00 for sale 1 (Approved")));
    assert!(f
        .ledger
        .iter()
        .any(|l| l.starts_with("ticket 1: received 40.00 but")));
}

#[test]
fn a_ticket_journaled_with_a_bill_missing_is_a_torn_commit() {
    // As if the commit had written the first item of ticket 1 and not the second.
    let mut r = healthy();
    r.local.remove(1);
    r.hub.remove(1);
    r.paid[0] = paid(1, &[1], "10.00", "40.00", "30.00", &[]);
    let f = r.compare();
    assert_eq!(
        f.ledger,
        ["ticket 1 holds bills 111 but was planned with 111, 222"]
    );
    assert_eq!(
        f.never_taken, 0,
        "a torn ticket is not a ticket never taken"
    );
}

#[test]
fn bills_of_two_planned_tickets_in_one_are_caught_and_so_is_the_cash() {
    let mut r = healthy();
    r.paid = vec![paid(
        1,
        &[1, 2, 3],
        "37.50",
        "47.00",
        "9.50",
        &[("222", "20.50"), ("333", "7.00")],
    )];
    let f = r.compare();
    assert!(f.ledger[0].starts_with("ticket 1 holds bills 111, 222, 333 but was planned"));

    let mut r = healthy();
    r.payment(1).received = d("8.00");
    r.payment(1).change = d("1.00");
    let f = r.compare();
    assert_eq!(
        f.ledger,
        ["ticket 2 received 8.00 where the plan handed over 7.00"]
    );
}

#[test]
fn a_sale_outside_exactly_one_ticket_is_caught() {
    let mut r = healthy();
    r.paid.pop();
    let f = r.compare();
    assert_eq!(f.ledger, ["journal sale 3 (c3) belongs to no ticket"]);

    let mut r = healthy();
    r.paid[1].sales.push(2);
    let f = r.compare();
    assert!(f.ledger[0].starts_with("journal sale 2 (c2) is an item of 2 tickets"));
}

#[test]
fn what_a_ticket_calls_approved_must_be_what_the_hub_approved() {
    let mut r = healthy();
    r.hub[0].amount = d("10.01");
    let f = r.compare();
    assert_eq!(
        f.ledger,
        ["ticket 1: 10.00 approved in the journal, the hub approved 10.01 for its bills"]
    );
}

#[test]
fn items_that_do_not_add_up_to_the_payment_are_caught() {
    let mut r = healthy();
    r.payment(1).total = d("7.01");
    let f = r.compare();
    assert_eq!(
        f.ledger,
        ["ticket 2: its items add up to 7.00, its payment is for 7.01"]
    );
}
