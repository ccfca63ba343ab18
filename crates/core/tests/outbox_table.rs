//! The sender's decisions as tables: queue state x gateway answer -> next actions.

use chrono::{DateTime, Duration as Cd, TimeZone, Utc};
use std::collections::HashSet;
use std::time::Duration;
use ventanilla_core::link::{Link, LinkPolicy, LinkState, Observation};
use ventanilla_core::outbox::{
    approach, backoff, next, pick, Approach, AttentionReason, DeliveryPolicy, Next, Outcome, Queued,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap()
}
fn q(id: i64, key: &str, created_s: i64, due_s: i64, attempts: u32) -> Queued {
    Queued {
        id,
        key: key.into(),
        created_at: t0() + Cd::seconds(created_s),
        next_attempt_at: t0() + Cd::seconds(due_s),
        attempts,
    }
}
const POLICY: DeliveryPolicy = DeliveryPolicy {
    max_attempts: 5,
    backoff_base: Duration::from_secs(1),
    backoff_max: Duration::from_secs(60),
    key_lifetime: Duration::from_secs(24 * 3600),
    concurrency: 3,
};

/// (label, queue, keys in flight, link, ids picked)
type PickRow<'a> = (
    &'a str,
    Vec<Queued>,
    &'a HashSet<String>,
    LinkState,
    Vec<i64>,
);

#[test]
fn pick_table() {
    let now = t0() + Cd::seconds(100);
    let none: HashSet<String> = HashSet::new();
    let busy_a: HashSet<String> = ["A".to_string()].into();
    #[rustfmt::skip]
    let table: Vec<PickRow> = vec![
        ("empty queue", vec![], &none, LinkState::Online, vec![]),
        ("due items go oldest first",
            vec![q(2, "B", 10, 0, 0), q(1, "A", 5, 0, 0)], &none, LinkState::Online, vec![1, 2]),
        ("not yet due waits",
            vec![q(1, "A", 5, 200, 0), q(2, "B", 10, 0, 0)], &none, LinkState::Online, vec![2]),
        ("one per key: the newer op of a key waits for the older",
            vec![q(1, "A", 5, 0, 0), q(2, "A", 6, 0, 0), q(3, "B", 7, 0, 0)], &none, LinkState::Online, vec![1, 3]),
        ("an older op of the key, not yet due, still blocks the newer one",
            vec![q(1, "A", 5, 500, 3), q(2, "A", 6, 0, 0)], &none, LinkState::Online, vec![]),
        ("a key in flight is skipped",
            vec![q(1, "A", 5, 0, 0), q(2, "B", 6, 0, 0)], &busy_a, LinkState::Online, vec![2]),
        ("bounded concurrency",
            vec![q(1, "A", 1, 0, 0), q(2, "B", 2, 0, 0), q(3, "C", 3, 0, 0), q(4, "D", 4, 0, 0)], &none, LinkState::Online, vec![1, 2, 3]),
        ("an unknown link is tried like a live one",
            vec![q(1, "A", 1, 0, 0), q(2, "B", 2, 0, 0)], &none, LinkState::Unknown, vec![1, 2]),
        ("in-flight work uses capacity",
            vec![q(2, "B", 2, 0, 0), q(3, "C", 3, 0, 0), q(4, "D", 4, 0, 0)], &busy_a, LinkState::Degraded, vec![2, 3]),
        ("offline: a single probe, the oldest",
            vec![q(2, "B", 2, 0, 0), q(1, "A", 1, 0, 0)], &none, LinkState::Offline, vec![1]),
        ("offline: the oldest is backing off, so nothing else goes either",
            vec![q(1, "A", 1, 500, 2), q(2, "B", 2, 0, 0)], &none, LinkState::Offline, vec![]),
        ("offline with the probe in flight: nothing more",
            vec![q(2, "B", 2, 0, 0)], &busy_a, LinkState::Offline, vec![]),
    ];
    for (label, queue, in_flight, link, want) in table {
        assert_eq!(pick(&queue, in_flight, link, &POLICY, now), want, "{label}");
    }
}

#[test]
fn next_table() {
    let now = t0() + Cd::seconds(100);
    let at = |s: i64| now + Cd::seconds(s);
    #[rustfmt::skip]
    let table: Vec<(&str, Queued, Outcome, u16, Next)> = vec![
        ("final answer", q(1, "A", 0, 0, 3), Outcome::Final, 0, Next::Done),
        ("rejected offline sale needs a person",
            q(1, "A", 0, 0, 0), Outcome::FinalNeedsAttention(AttentionReason::RefundDue), 0, Next::Attention { reason: AttentionReason::RefundDue, attempts: 0 }),
        ("refusal, in the gateway's words", q(1, "A", 0, 0, 0), Outcome::Refused("monto".into()), 0,
            Next::Attention { reason: AttentionReason::Refused { message: "monto".into() }, attempts: 0 }),
        ("nothing to attempt goes to a person at once",
            q(1, "A", 0, 0, 2), Outcome::CannotAttempt(AttentionReason::MissingRecord), 0, Next::Attention { reason: AttentionReason::MissingRecord, attempts: 2 }),
        ("pending: ask again, failures forgotten",
            q(1, "A", 0, 0, 3), Outcome::Progress(Duration::from_secs(5)), 0, Next::Retry { at: at(5), attempts: 0 }),
        ("first failure, no jitter: half of 1 s",
            q(1, "A", 0, 0, 0), Outcome::Failed("timeout".into()), 0, Next::Retry { at: now + Cd::milliseconds(500), attempts: 1 }),
        ("first failure, full jitter: 1 s",
            q(1, "A", 0, 0, 0), Outcome::Failed("timeout".into()), 1000, Next::Retry { at: at(1), attempts: 1 }),
        ("third failure: 4 s window",
            q(1, "A", 0, 0, 2), Outcome::Failed("reset".into()), 500, Next::Retry { at: at(3), attempts: 3 }),
        ("last allowed failure goes to a person",
            q(1, "A", 0, 0, 4), Outcome::Failed("reset".into()), 0,
            Next::Attention { reason: AttentionReason::NoAnswer { attempts: 5 }, attempts: 5 }),
    ];
    for (label, item, outcome, jitter, want) in table {
        assert_eq!(next(&item, outcome, &POLICY, now, jitter), want, "{label}");
    }
}

#[test]
fn backoff_doubles_up_to_its_cap() {
    let full = |n| backoff(n, &POLICY, 1000).as_secs();
    assert_eq!(
        [
            full(1),
            full(2),
            full(3),
            full(4),
            full(7),
            full(8),
            full(40)
        ],
        [1, 2, 4, 8, 60, 60, 60]
    );
    for n in 1..30 {
        let lo = backoff(n, &POLICY, 0);
        let hi = backoff(n, &POLICY, 1000);
        assert!(
            lo * 2 >= hi && lo <= hi,
            "jitter stays within half the delay"
        );
    }
}

#[test]
fn old_operations_are_looked_up_before_any_resend() {
    let item = q(1, "A", 0, 0, 0);
    let young = t0() + Cd::hours(23);
    let old = t0() + Cd::hours(24);
    assert_eq!(approach(&item, true, &POLICY, young), Approach::Send);
    assert_eq!(approach(&item, true, &POLICY, old), Approach::LookUp);
    assert_eq!(approach(&item, false, &POLICY, young), Approach::LookUp);
}

#[test]
fn link_table() {
    let p = LinkPolicy {
        offline_after: 2,
        slow: Duration::from_secs(3),
    };
    let fast = Observation::Answered {
        took: Duration::from_millis(80),
    };
    let slow = Observation::Answered {
        took: Duration::from_secs(4),
    };
    #[rustfmt::skip]
    let table: Vec<(Vec<Observation>, LinkState)> = vec![
        (vec![], LinkState::Unknown),
        (vec![fast], LinkState::Online),
        (vec![slow], LinkState::Degraded),
        (vec![Observation::Failed], LinkState::Degraded),
        (vec![Observation::Failed, Observation::Failed], LinkState::Offline),
        (vec![Observation::Failed, Observation::Failed, fast], LinkState::Online),
        (vec![Observation::Failed, fast, Observation::Failed], LinkState::Degraded),
    ];
    for (obs, want) in table {
        let mut link = Link::default();
        for o in &obs {
            link.observe(*o, &p, t0());
        }
        assert_eq!(link.state, want, "{obs:?}");
    }
    let mut link = Link::default();
    assert!(
        link.observe(fast, &p, t0()),
        "unknown -> online is a change"
    );
    assert!(!link.observe(fast, &p, t0()));
    assert_eq!(link.last_success, Some(t0()));
    link.observe(Observation::Failed, &p, t0());
    assert!(link.observe(Observation::Failed, &p, t0() + Cd::seconds(1)));
    assert_eq!(link.last_change, Some(t0() + Cd::seconds(1)));
    assert_eq!(
        link.last_success,
        Some(t0()),
        "a failure keeps the last success"
    );
}
