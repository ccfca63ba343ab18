//! The payment protocol as a table: (state, event) -> (state, effects).

use std::time::Duration;
use ventanilla_core::payment::{
    step, Effect, HubAnswer, HubRef, HubVerdict, PollPolicy, SaleEvent as E, SaleState as S,
};

fn hub() -> HubRef {
    HubRef {
        id: "2C497E4E3265307AC61A".into(),
        number: Some(743698523),
        confirmation_id: None,
    }
}
fn answer(verdict: HubVerdict) -> HubAnswer {
    HubAnswer {
        hub: hub(),
        verdict,
    }
}
fn approved() -> HubAnswer {
    answer(HubVerdict::Approved)
}
fn pending() -> HubAnswer {
    answer(HubVerdict::Pending)
}
fn rejected(msg: &str) -> HubAnswer {
    answer(HubVerdict::Rejected {
        message: Some(msg.into()),
    })
}
fn q(queries: u32, not_found: u32, hub: Option<HubRef>) -> S {
    S::Querying {
        queries,
        not_found,
        hub,
    }
}

const POLICY: PollPolicy = PollPolicy {
    first: Duration::from_secs(5),
    max: Duration::from_secs(9),
    resend_after_not_found: 2,
};
fn after(secs: u64) -> Effect {
    Effect::QueryAfter(Duration::from_secs(secs))
}

#[test]
fn protocol_table() {
    let paid = "409_BILL_ALREADY_PAID - Factura ya pagada";
    #[rustfmt::skip]
    let table: Vec<(S, E, S, Vec<Effect>)> = vec![
        // The cashier confirms: the journaled sale is posted.
        (S::Journaled, E::Submit, S::Sending, vec![Effect::PostSale]),
        // The hub answers the POST.
        (S::Sending, E::Answered(approved()), S::Approved { hub: hub() }, vec![Effect::FetchReceipt]),
        (S::Sending, E::Answered(rejected(paid)), S::Rejected { hub: Some(hub()), reason: paid.into() }, vec![]),
        (S::Sending, E::Answered(pending()), q(0, 0, Some(hub())), vec![after(5)]),
        // A platform error is not a verdict: the hub may have recorded the sale before failing.
        (S::Sending, E::Refused { message: "monto".into() },
            S::Confirming { reason: "monto".into() }, vec![Effect::QueryAfter(Duration::ZERO)]),
        // Timeout, reset, 5xx or garbage: ask the hub, never assume.
        (S::Sending, E::Lost, q(0, 0, None), vec![after(5)]),
        // Could not even connect: back to journaled, to be sent as it is.
        (S::Sending, E::NotSent, S::Journaled, vec![]),
        (q(1, 0, None), E::NotSent, q(1, 0, None), vec![]),
        // Queries.
        (q(0, 0, None), E::Found(approved()), S::Approved { hub: hub() }, vec![Effect::FetchReceipt]),
        (q(3, 0, Some(hub())), E::Found(rejected(paid)), S::Rejected { hub: Some(hub()), reason: paid.into() }, vec![]),
        (q(0, 0, Some(hub())), E::Found(pending()), q(1, 0, Some(hub())), vec![after(6)]),
        (q(7, 0, Some(hub())), E::Found(pending()), q(8, 0, Some(hub())), vec![after(9)]),
        (q(0, 0, None), E::QueryFailed, q(1, 0, None), vec![after(6)]),
        (q(2, 1, None), E::QueryFailed, q(3, 1, None), vec![after(8)]),
        // Not found once: maybe still in flight. Twice: the POST never arrived; resend, same id.
        (q(0, 0, None), E::NotFound, q(1, 1, None), vec![after(6)]),
        (q(1, 1, None), E::NotFound, S::Resending, vec![Effect::PostSale]),
        // The resend is answered like any POST...
        (S::Resending, E::Answered(approved()), S::Approved { hub: hub() }, vec![Effect::FetchReceipt]),
        (S::Resending, E::Lost, q(0, 0, None), vec![after(5)]),
        (S::Resending, E::NotSent, q(0, 0, None), vec![after(5)]),
        // ...but a refusal of the resend is checked: the first POST may have been recorded.
        (S::Resending, E::Refused { message: "duplicado".into() },
            S::Confirming { reason: "duplicado".into() }, vec![Effect::QueryAfter(Duration::ZERO)]),
        (S::Confirming { reason: "duplicado".into() }, E::Found(approved()), S::Approved { hub: hub() }, vec![Effect::FetchReceipt]),
        (S::Confirming { reason: "duplicado".into() }, E::NotFound,
            S::Rejected { hub: None, reason: "duplicado".into() }, vec![]),
        (S::Confirming { reason: "d".into() }, E::QueryFailed, S::Confirming { reason: "d".into() }, vec![after(6)]),
        (S::Confirming { reason: "d".into() }, E::Resume, q(0, 0, None), vec![Effect::QueryAfter(Duration::ZERO)]),
        (S::Resending, E::Resume, q(0, 0, None), vec![Effect::QueryAfter(Duration::ZERO)]),
        // A sale the hub already told us about is never resent, whatever a query says.
        (q(4, 0, Some(hub())), E::NotFound, q(5, 0, Some(hub())), vec![after(9)]),
        // Restart: whatever was in flight is asked about first, immediately.
        (S::Journaled, E::Resume, q(0, 0, None), vec![Effect::QueryAfter(Duration::ZERO)]),
        (S::Sending, E::Resume, q(0, 0, None), vec![Effect::QueryAfter(Duration::ZERO)]),
        (q(9, 1, Some(hub())), E::Resume, q(0, 0, Some(hub())), vec![Effect::QueryAfter(Duration::ZERO)]),
        // Final states are final: late or duplicate events change nothing.
        (S::Approved { hub: hub() }, E::Answered(rejected(paid)), S::Approved { hub: hub() }, vec![]),
        (S::Approved { hub: hub() }, E::Resume, S::Approved { hub: hub() }, vec![]),
        (S::Rejected { hub: None, reason: "x".into() }, E::Found(approved()), S::Rejected { hub: None, reason: "x".into() }, vec![]),
        // Out-of-order events are ignored.
        (S::Journaled, E::Answered(approved()), S::Journaled, vec![]),
        (S::Journaled, E::Lost, S::Journaled, vec![]),
        (S::Sending, E::Submit, S::Sending, vec![]),
        (q(0, 0, None), E::Answered(approved()), q(0, 0, None), vec![]),
    ];
    for (i, (state, event, want_state, want_effects)) in table.into_iter().enumerate() {
        let label = format!("row {i}: {state:?} + {event:?}");
        let (got_state, got_effects) = step(&state, event, &POLICY);
        assert_eq!(got_state, want_state, "{label}");
        assert_eq!(got_effects, want_effects, "{label}");
    }
}

#[test]
fn only_the_hub_makes_a_sale_final() {
    // Walk every event that carries no verdict from every unresolved state: none reaches a
    // final state. ("Not found" is the hub's word, but only settles a refused resend.)
    let unresolved = [
        S::Journaled,
        S::Sending,
        S::Resending,
        S::Confirming { reason: "x".into() },
        q(0, 0, None),
        q(3, 1, None),
        q(2, 0, Some(hub())),
    ];
    let local = [
        E::Submit,
        E::Resume,
        E::Lost,
        E::NotSent,
        E::NotFound,
        E::QueryFailed,
    ];
    for s in &unresolved {
        for e in &local {
            let (next, _) = step(s, e.clone(), &POLICY);
            let refused_resend = matches!(s, S::Confirming { .. }) && *e == E::NotFound;
            assert_eq!(
                next.is_final(),
                refused_resend,
                "{s:?} + {e:?} became final without the hub"
            );
        }
    }
}

#[test]
fn delay_grows_to_the_configured_maximum() {
    let p = PollPolicy::default();
    assert_eq!(p.delay(0), Duration::from_secs(5));
    assert_eq!(p.delay(100), Duration::from_secs(10));
}
