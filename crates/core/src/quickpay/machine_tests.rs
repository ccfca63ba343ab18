//! The card attempt as tables: state x event -> state and effects.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rust_decimal::Decimal;

use super::attempt::{CardAttempt as S, CardEffect, CardEvent as E, CardPhase, CardRefusal};
use super::capture::{CardCapture, CardCaptureParts};
use super::capture_id::CaptureId;
use super::decision::CardDecision;
use super::last4::Last4;
use super::machine::step;
use super::reference::TenderRef;
use crate::currency::Currency;
use crate::money::Money;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
}
fn ars(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), Currency::Ars).unwrap()
}
fn reference() -> TenderRef {
    TenderRef::new("vt-card-1").unwrap()
}
fn capture(id: &str, decision: CardDecision) -> CardCapture {
    capture_for(id, decision, reference(), None)
}
fn capture_for(
    id: &str,
    decision: CardDecision,
    reference: TenderRef,
    amount: Option<Money>,
) -> CardCapture {
    CardCapture::new(CardCaptureParts {
        id: CaptureId::new(id).unwrap(),
        reference,
        decision,
        reason_code: "100".into(),
        last4: Last4::new("1111").unwrap(),
        card_type: "001".into(),
        payment_token: "5042408910336785404106".into(),
        capture_number: "INCA-0000000432".into(),
        amount,
    })
    .unwrap()
}
fn waiting() -> S {
    S::start(reference(), ars(274_800), t0(), Duration::minutes(3))
}
fn approved(c: CardCapture) -> S {
    S::Approved {
        capture: c,
        strays: vec![],
    }
}
fn declined(c: CardCapture) -> S {
    S::Declined {
        capture: c,
        strays: vec![],
    }
}
fn timed_out(strays: &[&str]) -> S {
    S::TimedOut {
        reference: reference(),
        amount: ars(274_800),
        strays: ids(strays),
    }
}
fn abandoned(strays: &[&str]) -> S {
    S::Abandoned {
        reference: reference(),
        amount: ars(274_800),
        strays: ids(strays),
    }
}
fn ids(list: &[&str]) -> Vec<CaptureId> {
    list.iter().map(|i| CaptureId::new(i).unwrap()).collect()
}

use CardDecision::{Accept, Cancel, Decline};

#[test]
fn start_sets_the_deadline() {
    assert_eq!(
        waiting(),
        S::Waiting {
            reference: reference(),
            amount: ars(274_800),
            started_at: t0(),
            deadline: t0() + Duration::minutes(3),
        }
    );
    assert_eq!(waiting().phase(), CardPhase::Waiting);
}

#[test]
fn transitions() {
    let a = capture("a", Accept);
    let d = capture("d", Decline);
    let c = capture("c", Cancel);
    let b = capture("b", Accept);
    let deadline = t0() + Duration::minutes(3);
    let money = CardEffect::MoneyWithoutSale;
    let not_waiting = |phase| CardEffect::Refused(CardRefusal::NotWaiting { phase });
    #[rustfmt::skip]
    let table: Vec<(&str, S, E, S, Vec<CardEffect>)> = vec![
        ("accepted", waiting(), E::Captured(a.clone()), approved(a.clone()), vec![]),
        ("declined", waiting(), E::Captured(d.clone()), declined(d.clone()), vec![]),
        ("canceled at the terminal", waiting(), E::Captured(c.clone()), declined(c.clone()), vec![]),
        ("before the deadline", waiting(), E::Tick(deadline - Duration::seconds(1)), waiting(), vec![]),
        ("at the deadline", waiting(), E::Tick(deadline), timed_out(&[]), vec![]),
        ("abandoned", waiting(), E::Abandon, abandoned(&[]), vec![]),
        // The same capture again, as the sender retries.
        ("approved, same id", approved(a.clone()), E::Captured(a.clone()), approved(a.clone()), vec![]),
        ("declined, same id", declined(d.clone()), E::Captured(d.clone()), declined(d.clone()), vec![]),
        // Money that no sale stands behind.
        ("late accept", timed_out(&[]), E::Captured(a.clone()), timed_out(&["a"]), vec![money(a.clone())]),
        ("late accept again", timed_out(&["a"]), E::Captured(a.clone()), timed_out(&["a"]), vec![]),
        ("accept after abandoning", abandoned(&[]), E::Captured(a.clone()), abandoned(&["a"]), vec![money(a.clone())]),
        ("a second charge", approved(a.clone()), E::Captured(b.clone()),
            S::Approved { capture: a.clone(), strays: ids(&["b"]) }, vec![money(b.clone())]),
        ("an accept after a decline", declined(d.clone()), E::Captured(a.clone()),
            S::Declined { capture: d.clone(), strays: ids(&["a"]) }, vec![money(a.clone())]),
        // No money, nothing to do.
        ("late decline", timed_out(&[]), E::Captured(d.clone()), timed_out(&[]), vec![]),
        ("decline after abandoning", abandoned(&[]), E::Captured(c.clone()), abandoned(&[]), vec![]),
        // Ticks and abandons outside waiting.
        ("tick when approved", approved(a.clone()), E::Tick(deadline), approved(a.clone()), vec![]),
        ("tick when timed out", timed_out(&[]), E::Tick(deadline), timed_out(&[]), vec![]),
        ("abandon a charged card", approved(a.clone()), E::Abandon, approved(a.clone()), vec![not_waiting(CardPhase::Approved)]),
        ("abandon twice", abandoned(&[]), E::Abandon, abandoned(&[]), vec![not_waiting(CardPhase::Abandoned)]),
        ("abandon after timing out", timed_out(&[]), E::Abandon, timed_out(&[]), vec![not_waiting(CardPhase::TimedOut)]),
    ];
    for (name, state, event, next, effects) in table {
        assert_eq!(step(&state, event), (next, effects), "{name}");
    }
}

#[test]
fn a_capture_for_another_tender_changes_nothing() {
    let other = TenderRef::new("vt-card-2").unwrap();
    let refused = CardEffect::Refused(CardRefusal::WrongReference {
        expected: reference(),
        found: other.clone(),
    });
    let a = capture("a", Accept);
    for state in [
        waiting(),
        approved(a.clone()),
        timed_out(&[]),
        abandoned(&[]),
    ] {
        let stranger = capture_for("z", Accept, other.clone(), None);
        assert_eq!(
            step(&state, E::Captured(stranger)),
            (state.clone(), vec![refused.clone()]),
            "{:?}",
            state.phase()
        );
    }
}

#[test]
fn a_capture_past_the_deadline_still_decides_before_the_tick() {
    // The tick has not come yet: the card was charged, so the sale goes on.
    let a = capture("a", Accept);
    assert_eq!(
        step(&waiting(), E::Captured(a.clone())),
        (approved(a), vec![])
    );
}

#[test]
fn another_amount_is_taken_and_reported() {
    let charged = ars(274_000);
    let a = capture_for("a", Accept, reference(), Some(charged));
    assert_eq!(
        step(&waiting(), E::Captured(a.clone())),
        (
            approved(a),
            vec![CardEffect::AmountMismatch {
                expected: ars(274_800),
                charged
            }]
        )
    );
    let same = capture_for("s", Accept, reference(), Some(ars(274_800)));
    assert_eq!(step(&waiting(), E::Captured(same)).1, vec![]);
}

#[test]
fn the_same_id_with_other_content_keeps_the_first() {
    let d = capture("a", Decline);
    let a = capture("a", Accept);
    assert_eq!(
        step(&declined(d.clone()), E::Captured(a.clone())),
        (declined(d), vec![CardEffect::ConflictingCapture(a)])
    );
}

#[test]
fn states_round_trip_through_json() {
    let a = capture("a", Accept);
    for state in [
        waiting(),
        approved(a.clone()),
        timed_out(&["x"]),
        abandoned(&[]),
    ] {
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(serde_json::from_str::<S>(&json).unwrap(), state, "{json}");
    }
}
