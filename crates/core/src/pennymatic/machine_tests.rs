//! The wallet attempt as tables: state x event -> state and effects.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rust_decimal::Decimal;

use super::attempt::{
    WalletAttempt as S, WalletEffect as Fx, WalletEvent as E, WalletFailure, WalletPhase,
    WalletRefusal,
};
use super::machine::step;
use super::payment::{Confirmation, WalletCharge, WalletPayment};
use super::session::{SessionId, WalletSession};
use super::txid::TxId;
use super::user_token::UserToken;
use crate::currency::Currency;
use crate::money::Money;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
}
fn expires_at() -> DateTime<Utc> {
    t0() + Duration::minutes(5)
}
fn eur(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), Currency::Eur).unwrap()
}
fn sid() -> SessionId {
    SessionId::new("c89d21c7-3140-4d44-adea-69e24541648d").unwrap()
}
fn other_sid() -> SessionId {
    SessionId::new("another-session").unwrap()
}
fn session() -> WalletSession {
    WalletSession::new(
        sid(),
        "https://app.handcash.io/#/authorizeApp?sessionid=c89d21c7",
        expires_at(),
    )
    .unwrap()
}
fn user() -> UserToken {
    UserToken::new("user-token").unwrap()
}
fn txid(c: char) -> TxId {
    TxId::new(&c.to_string().repeat(64)).unwrap()
}
fn payment(fiat: Money) -> WalletPayment {
    WalletPayment {
        txid: txid('a'),
        fiat,
        satoshis: 2_000,
        fee_satoshis: 50,
        rate: Decimal::new(5_000, 2),
        at: t0() + Duration::minutes(1),
    }
}
fn awaiting() -> S {
    S::start(session(), eur(1))
}
fn consented() -> S {
    S::Consented {
        session: session(),
        amount: eur(1),
        user: user(),
    }
}
fn charging() -> S {
    S::Charging {
        session: sid(),
        amount: eur(1),
    }
}
fn unknown() -> S {
    S::Unknown {
        session: sid(),
        amount: eur(1),
    }
}
fn expired() -> S {
    S::Expired {
        session: sid(),
        amount: eur(1),
    }
}
fn charged() -> S {
    S::Charged(WalletCharge::Paid(payment(eur(1))))
}
fn consent(session: SessionId, now: DateTime<Utc>) -> E {
    E::Consent {
        session,
        user: user(),
        now,
    }
}
fn refused(r: WalletRefusal) -> Vec<Fx> {
    vec![Fx::Refused(r)]
}
fn not_now(phase: WalletPhase) -> Vec<Fx> {
    refused(WalletRefusal::NotNow { phase })
}

#[test]
fn transitions() {
    let before = expires_at() - Duration::seconds(1);
    let wrong = refused(WalletRefusal::WrongSession {
        expected: sid(),
        found: other_sid(),
    });
    let refusal = WalletFailure::Refused {
        code: "3".into(),
        message: "saldo insuficiente".into(),
    };
    #[rustfmt::skip]
    let table: Vec<(&str, S, E, S, Vec<Fx>)> = vec![
        // Consent.
        ("consent", awaiting(), consent(sid(), before), consented(), vec![]),
        ("consent for another session", awaiting(), consent(other_sid(), before), awaiting(), wrong.clone()),
        ("consent too late", awaiting(), consent(sid(), expires_at()), expired(), refused(WalletRefusal::SessionExpired)),
        ("consent after expiry", expired(), consent(sid(), before), expired(), refused(WalletRefusal::SessionExpired)),
        ("the webhook again", consented(), consent(sid(), before), consented(), vec![]),
        ("the webhook while charging", charging(), consent(sid(), before), charging(), vec![]),
        ("another session while consented", consented(), consent(other_sid(), before), consented(), wrong),
        ("a consent after abandoning", S::Abandoned, consent(sid(), before), S::Abandoned, not_now(WalletPhase::Abandoned)),
        // Expiry.
        ("tick before expiry", awaiting(), E::Tick(before), awaiting(), vec![]),
        ("tick at expiry", awaiting(), E::Tick(expires_at()), expired(), vec![]),
        ("a consented wallet does not expire", consented(), E::Tick(expires_at()), consented(), vec![]),
        // The charge.
        ("charge", consented(), E::Charge, charging(), vec![Fx::Pay { user: user(), amount: eur(1) }]),
        ("charge before consent", awaiting(), E::Charge, awaiting(), not_now(WalletPhase::AwaitingConsent)),
        ("charge twice", charging(), E::Charge, charging(), refused(WalletRefusal::AlreadyCharging)),
        ("charged", charging(), E::Paid(payment(eur(1))), charged(), vec![]),
        ("refused", charging(), E::PayRefused { code: "3".into(), message: "saldo insuficiente".into() }, S::Failed(refusal), vec![]),
        ("lost", charging(), E::PayLost, unknown(), vec![Fx::AskSupervisor { amount: eur(1) }]),
        ("never resent", unknown(), E::Charge, unknown(), refused(WalletRefusal::OutcomeUnknown)),
        ("no second charge", charged(), E::Charge, charged(), not_now(WalletPhase::Charged)),
        ("a late answer is not news", charged(), E::Paid(payment(eur(1))), charged(), not_now(WalletPhase::Charged)),
        // The supervisor settles an unknown outcome.
        ("shown and confirmed", unknown(), E::TxChecked { txid: txid('b'), confirmation: Confirmation::Confirmed },
            S::Charged(WalletCharge::Shown { txid: txid('b'), fiat: eur(1), confirmed: true }), vec![]),
        ("shown, not yet in a block", unknown(), E::TxChecked { txid: txid('b'), confirmation: Confirmation::Unconfirmed },
            S::Charged(WalletCharge::Shown { txid: txid('b'), fiat: eur(1), confirmed: false }), vec![]),
        ("shown, not ours", unknown(), E::TxChecked { txid: txid('c'), confirmation: Confirmation::Unknown },
            unknown(), vec![Fx::NotOurs { txid: txid('c') }]),
        ("nothing taken", unknown(), E::NotCharged, S::Failed(WalletFailure::NotCharged), vec![]),
        ("a txid only settles an unknown outcome", charged(), E::TxChecked { txid: txid('b'), confirmation: Confirmation::Confirmed },
            charged(), not_now(WalletPhase::Charged)),
        // Abandoning.
        ("abandon the QR code", awaiting(), E::Abandon, S::Abandoned, vec![]),
        ("abandon a connected wallet", consented(), E::Abandon, S::Abandoned, vec![]),
        ("a charge on its way cannot be abandoned", charging(), E::Abandon, charging(), not_now(WalletPhase::Charging)),
        ("an unknown outcome cannot be abandoned", unknown(), E::Abandon, unknown(), not_now(WalletPhase::Unknown)),
    ];
    for (name, state, event, next, effects) in table {
        assert_eq!(step(&state, event), (next, effects), "{name}");
    }
}

#[test]
fn another_amount_charged_is_kept_and_reported() {
    let (next, effects) = step(&charging(), E::Paid(payment(eur(2))));
    assert_eq!(next, S::Charged(WalletCharge::Paid(payment(eur(2)))));
    assert_eq!(
        effects,
        vec![Fx::AmountMismatch {
            expected: eur(1),
            charged: eur(2)
        }]
    );
}

#[test]
fn the_user_token_leaves_no_state_after_the_charge() {
    let (next, effects) = step(&consented(), E::Charge);
    let printed = format!("{next:?} {effects:?}");
    assert!(!printed.contains("user-token"), "{printed}");
    for (state, event) in [
        (charging(), E::PayLost),
        (charging(), E::Paid(payment(eur(1)))),
        (consented(), E::Abandon),
    ] {
        let (next, _) = step(&state, event);
        assert!(
            !matches!(next, S::Consented { .. }),
            "{:?} keeps no token",
            next.phase()
        );
    }
}

#[test]
fn charges_read_back_from_json() {
    for charge in [
        WalletCharge::Paid(payment(eur(1))),
        WalletCharge::Shown {
            txid: txid('b'),
            fiat: eur(1),
            confirmed: false,
        },
    ] {
        let json = serde_json::to_string(&charge).unwrap();
        assert_eq!(serde_json::from_str::<WalletCharge>(&json).unwrap(), charge);
    }
    assert_eq!(WalletCharge::Paid(payment(eur(1))).txid(), &txid('a'));
}
