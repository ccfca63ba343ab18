//! One wallet tender's life: the QR code waiting for consent, the charge written ahead of the
//! call, and its outcome. The user token exists only in `Consented` (and in the one effect that
//! sends it): before it came, and once it was used, no state holds it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::payment::{Confirmation, WalletCharge, WalletPayment};
use super::session::{SessionId, WalletSession};
use super::txid::TxId;
use super::user_token::UserToken;
use crate::money::Money;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalletAttempt {
    /// The QR code of `session` is on the screen.
    AwaitingConsent {
        session: WalletSession,
        amount: Money,
    },
    /// The customer connected their wallet; the charge may be made.
    Consented {
        session: WalletSession,
        amount: Money,
        user: UserToken,
    },
    /// The charge is written down and `pay` is on its way (or was, before a restart).
    Charging {
        session: SessionId,
        amount: Money,
    },
    Charged(WalletCharge),
    /// Nothing was charged.
    Failed(WalletFailure),
    /// `pay` got no usable answer: the wallet may have been charged. Never sent again on its
    /// own; a supervisor settles it with the txid the customer shows, or says nothing was taken.
    Unknown {
        session: SessionId,
        amount: Money,
    },
    /// The customer did not consent in time.
    Expired {
        session: SessionId,
        amount: Money,
    },
    /// The cashier took another tender before any charge.
    Abandoned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalletPhase {
    AwaitingConsent,
    Consented,
    Charging,
    Charged,
    Failed,
    Unknown,
    Expired,
    Abandoned,
}

/// Why nothing was charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum WalletFailure {
    /// The gateway refused the charge, in its own words.
    Refused { code: String, message: String },
    /// The charge's outcome was unknown and a supervisor found nothing taken.
    NotCharged,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalletEvent {
    /// The consent webhook: `usertoken` and `sessionid`, received at `now`.
    Consent {
        session: SessionId,
        user: UserToken,
        now: DateTime<Utc>,
    },
    /// Charge the wallet (the caller writes the new state before sending).
    Charge,
    /// `pay` answered with the payment.
    Paid(WalletPayment),
    /// `pay` was refused: nothing was charged.
    PayRefused { code: String, message: String },
    /// `pay` got no usable answer (timeout, cut connection, unreadable body, restart).
    PayLost,
    /// A supervisor checked the transaction the customer shows with `isconfirmed`.
    TxChecked {
        txid: TxId,
        confirmation: Confirmation,
    },
    /// A supervisor found that the customer's wallet was not charged.
    NotCharged,
    /// Time passes: a QR code may expire.
    Tick(DateTime<Utc>),
    /// The cashier takes another tender.
    Abandon,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalletEffect {
    /// Call `pay` for `amount` with `user`'s token, once.
    Pay {
        user: UserToken,
        amount: Money,
    },
    /// The charge's outcome is unknown: ask the supervisor to look at the customer's wallet for
    /// a payment of `amount`, and to type its txid (or say there is none).
    AskSupervisor {
        amount: Money,
    },
    /// The txid shown is not a transaction of this operator: it proves nothing.
    NotOurs {
        txid: TxId,
    },
    /// The wallet was charged another amount than the one asked.
    AmountMismatch {
        expected: Money,
        charged: Money,
    },
    Refused(WalletRefusal),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalletRefusal {
    /// A consent for another session; nothing changed.
    WrongSession {
        expected: SessionId,
        found: SessionId,
    },
    /// The consent came after the QR code expired.
    SessionExpired,
    /// A charge is on its way already.
    AlreadyCharging,
    /// The last charge's outcome is unknown: it is never sent again on its own.
    OutcomeUnknown,
    /// The command makes no sense in this phase.
    NotNow { phase: WalletPhase },
}

impl WalletAttempt {
    /// A new attempt showing `session`'s QR code for `amount`.
    pub fn start(session: WalletSession, amount: Money) -> WalletAttempt {
        WalletAttempt::AwaitingConsent { session, amount }
    }

    pub fn phase(&self) -> WalletPhase {
        match self {
            WalletAttempt::AwaitingConsent { .. } => WalletPhase::AwaitingConsent,
            WalletAttempt::Consented { .. } => WalletPhase::Consented,
            WalletAttempt::Charging { .. } => WalletPhase::Charging,
            WalletAttempt::Charged(_) => WalletPhase::Charged,
            WalletAttempt::Failed(_) => WalletPhase::Failed,
            WalletAttempt::Unknown { .. } => WalletPhase::Unknown,
            WalletAttempt::Expired { .. } => WalletPhase::Expired,
            WalletAttempt::Abandoned => WalletPhase::Abandoned,
        }
    }

    /// The session this attempt belongs to, while it is known.
    pub fn session_id(&self) -> Option<&SessionId> {
        match self {
            WalletAttempt::AwaitingConsent { session, .. }
            | WalletAttempt::Consented { session, .. } => Some(session.id()),
            WalletAttempt::Charging { session, .. }
            | WalletAttempt::Unknown { session, .. }
            | WalletAttempt::Expired { session, .. } => Some(session),
            WalletAttempt::Charged(_) | WalletAttempt::Failed(_) | WalletAttempt::Abandoned => None,
        }
    }
}
