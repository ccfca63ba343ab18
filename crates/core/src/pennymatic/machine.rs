//! The wallet attempt as a pure function: `step(state, event) -> (state, effects)`.
//!
//! The rules, each enforced here and nowhere else:
//! - a consent counts only for this attempt's session, and only before the session expires;
//!   the same consent again changes nothing;
//! - `pay` is sent once: `Charge` moves to `Charging` (which the caller writes down before the
//!   call) and hands the user token to the one `Pay` effect; no later state holds the token;
//! - a lost answer is `Unknown`, and is never charged again automatically: a supervisor settles
//!   it with the customer's txid (ours, confirmed or not: charged; not ours: still unknown) or
//!   by finding nothing taken;
//! - once charged, nothing undoes it (the blockchain cannot either).

use super::attempt::{WalletAttempt, WalletEffect, WalletEvent, WalletFailure, WalletRefusal};
use super::payment::{Confirmation, WalletCharge, WalletPayment};
use super::session::SessionId;
use super::user_token::UserToken;
use crate::money::Money;
use chrono::{DateTime, Utc};

type Step = (WalletAttempt, Vec<WalletEffect>);

pub fn step(state: &WalletAttempt, event: WalletEvent) -> Step {
    use WalletAttempt as S;
    use WalletEvent as E;
    let keep = |effects: Vec<WalletEffect>| (state.clone(), effects);
    let refuse = |r: WalletRefusal| keep(vec![WalletEffect::Refused(r)]);
    let not_now = || {
        refuse(WalletRefusal::NotNow {
            phase: state.phase(),
        })
    };

    match (state, event) {
        (_, E::Consent { session, user, now }) => consent(state, session, user, now),

        (
            S::Consented {
                session,
                amount,
                user,
            },
            E::Charge,
        ) => (
            S::Charging {
                session: session.id().clone(),
                amount: *amount,
            },
            vec![WalletEffect::Pay {
                user: user.clone(),
                amount: *amount,
            }],
        ),
        (S::Charging { .. }, E::Charge) => refuse(WalletRefusal::AlreadyCharging),
        (S::Unknown { .. }, E::Charge) => refuse(WalletRefusal::OutcomeUnknown),

        (S::Charging { amount, .. }, E::Paid(payment)) => paid(*amount, payment),
        (S::Charging { .. }, E::PayRefused { code, message }) => {
            (S::Failed(WalletFailure::Refused { code, message }), vec![])
        }
        (S::Charging { session, amount }, E::PayLost) => (
            S::Unknown {
                session: session.clone(),
                amount: *amount,
            },
            vec![WalletEffect::AskSupervisor { amount: *amount }],
        ),

        (S::Unknown { amount, .. }, E::TxChecked { txid, confirmation }) => match confirmation {
            Confirmation::Confirmed | Confirmation::Unconfirmed => (
                S::Charged(WalletCharge::Shown {
                    txid,
                    fiat: *amount,
                    confirmed: confirmation == Confirmation::Confirmed,
                }),
                vec![],
            ),
            Confirmation::Unknown => keep(vec![WalletEffect::NotOurs { txid }]),
        },
        (S::Unknown { .. }, E::NotCharged) => (S::Failed(WalletFailure::NotCharged), vec![]),

        (S::AwaitingConsent { session, amount }, E::Tick(now)) if session.is_expired(now) => (
            S::Expired {
                session: session.id().clone(),
                amount: *amount,
            },
            vec![],
        ),
        (_, E::Tick(_)) => keep(vec![]),

        // Dropping the state drops the user token with it.
        (S::AwaitingConsent { .. } | S::Consented { .. }, E::Abandon) => (S::Abandoned, vec![]),

        (_, _) => not_now(),
    }
}

fn consent(state: &WalletAttempt, found: SessionId, user: UserToken, now: DateTime<Utc>) -> Step {
    use WalletAttempt as S;
    let keep = |effects: Vec<WalletEffect>| (state.clone(), effects);
    let refuse = |r: WalletRefusal| keep(vec![WalletEffect::Refused(r)]);
    let Some(expected) = state.session_id() else {
        return refuse(WalletRefusal::NotNow {
            phase: state.phase(),
        });
    };
    if *expected != found {
        return refuse(WalletRefusal::WrongSession {
            expected: expected.clone(),
            found,
        });
    }
    match state {
        S::AwaitingConsent { session, amount } if session.is_expired(now) => (
            S::Expired {
                session: session.id().clone(),
                amount: *amount,
            },
            vec![WalletEffect::Refused(WalletRefusal::SessionExpired)],
        ),
        S::AwaitingConsent { session, amount } => (
            S::Consented {
                session: session.clone(),
                amount: *amount,
                user,
            },
            vec![],
        ),
        S::Expired { .. } => refuse(WalletRefusal::SessionExpired),
        // The webhook again (its sender retries): the consent is already in.
        _ => keep(vec![]),
    }
}

fn paid(asked: Money, payment: WalletPayment) -> Step {
    let effects = if payment.fiat == asked {
        vec![]
    } else {
        vec![WalletEffect::AmountMismatch {
            expected: asked,
            charged: payment.fiat,
        }]
    };
    (WalletAttempt::Charged(WalletCharge::Paid(payment)), effects)
}
