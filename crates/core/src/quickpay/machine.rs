//! The card attempt as a pure function: `step(state, event) -> (state, effects)`.
//!
//! The rules, each enforced here and nowhere else:
//! - a capture counts only for its own reference; one for another tender changes nothing;
//! - the first capture decides a waiting attempt, even one past its deadline that has not yet
//!   seen the tick: the customer's card was charged, selling beats refunding;
//! - the same capture id again changes nothing (the sender retries until answered 2xx);
//! - an accepted capture that no sale can use (late, after abandoning, or a second charge) is
//!   reported once as money without a sale, for a refund; a late decline is nothing;
//! - a charged attempt cannot be abandoned: its money is there.

use chrono::{DateTime, Utc};

use super::attempt::{CardAttempt, CardEffect, CardEvent, CardRefusal};
use super::capture::CardCapture;
use super::capture_id::CaptureId;

type Step = (CardAttempt, Vec<CardEffect>);

pub fn step(state: &CardAttempt, event: CardEvent) -> Step {
    use CardAttempt as S;
    let keep = |effects: Vec<CardEffect>| (state.clone(), effects);

    match event {
        CardEvent::Captured(capture) if capture.reference() != state.reference() => {
            keep(vec![CardEffect::Refused(CardRefusal::WrongReference {
                expected: state.reference().clone(),
                found: capture.reference().clone(),
            })])
        }
        CardEvent::Captured(capture) => captured(state, capture),
        CardEvent::Tick(now) => (tick(state, now), vec![]),
        CardEvent::Abandon => match state {
            S::Waiting {
                reference, amount, ..
            } => (
                S::Abandoned {
                    reference: reference.clone(),
                    amount: *amount,
                    strays: vec![],
                },
                vec![],
            ),
            _ => keep(vec![CardEffect::Refused(CardRefusal::NotWaiting {
                phase: state.phase(),
            })]),
        },
    }
}

fn tick(state: &CardAttempt, now: DateTime<Utc>) -> CardAttempt {
    match state {
        CardAttempt::Waiting {
            reference,
            amount,
            deadline,
            ..
        } if now >= *deadline => CardAttempt::TimedOut {
            reference: reference.clone(),
            amount: *amount,
            strays: vec![],
        },
        _ => state.clone(),
    }
}

/// A capture for this attempt's reference.
fn captured(state: &CardAttempt, capture: CardCapture) -> Step {
    use CardAttempt as S;
    if let S::Waiting { amount, .. } = state {
        let mut effects = Vec::new();
        if let Some(charged) = capture.amount().filter(|c| c != amount) {
            effects.push(CardEffect::AmountMismatch {
                expected: *amount,
                charged,
            });
        }
        let strays = vec![];
        let next = if capture.is_accept() {
            S::Approved { capture, strays }
        } else {
            S::Declined { capture, strays }
        };
        return (next, effects);
    }

    if let Some(decided) = state.capture().filter(|d| d.id() == capture.id()) {
        let effects = if *decided == capture {
            vec![]
        } else {
            vec![CardEffect::ConflictingCapture(capture)]
        };
        return (state.clone(), effects);
    }
    let strays = strays(state);
    if strays.contains(capture.id()) {
        return (state.clone(), vec![]);
    }
    if !capture.is_accept() {
        // No money moved; nothing to do.
        return (state.clone(), vec![]);
    }
    let mut next = state.clone();
    push_stray(&mut next, capture.id().clone());
    (next, vec![CardEffect::MoneyWithoutSale(capture)])
}

fn strays(state: &CardAttempt) -> &[CaptureId] {
    match state {
        CardAttempt::Waiting { .. } => &[],
        CardAttempt::Approved { strays, .. }
        | CardAttempt::Declined { strays, .. }
        | CardAttempt::TimedOut { strays, .. }
        | CardAttempt::Abandoned { strays, .. } => strays,
    }
}

fn push_stray(state: &mut CardAttempt, id: CaptureId) {
    match state {
        CardAttempt::Waiting { .. } => {}
        CardAttempt::Approved { strays, .. }
        | CardAttempt::Declined { strays, .. }
        | CardAttempt::TimedOut { strays, .. }
        | CardAttempt::Abandoned { strays, .. } => strays.push(id),
    }
}
