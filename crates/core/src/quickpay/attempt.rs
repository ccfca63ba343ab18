//! One card tender's life, from asking the terminal for a capture to its verdict (or to the
//! cashier giving up on it): the states, what can happen, and what the machine asks for.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::capture::CardCapture;
use super::capture_id::CaptureId;
use super::reference::TenderRef;
use crate::money::Money;

/// How long a customer has at the terminal unless configured otherwise.
pub const DEFAULT_CARD_TIMEOUT: Duration = Duration::minutes(3);

/// `strays`: other accepted captures that arrived for this reference once it had its outcome;
/// each was reported once as money without a sale, and is remembered so a resend is not
/// reported again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum CardAttempt {
    /// The terminal was asked for `amount`; no verdict yet.
    Waiting {
        reference: TenderRef,
        amount: Money,
        started_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
    },
    /// The card was charged: the tender is paid.
    Approved {
        capture: CardCapture,
        strays: Vec<CaptureId>,
    },
    /// Declined or canceled at the terminal: nothing was charged.
    Declined {
        capture: CardCapture,
        strays: Vec<CaptureId>,
    },
    /// No verdict before the deadline; the cashier takes another tender.
    TimedOut {
        reference: TenderRef,
        amount: Money,
        strays: Vec<CaptureId>,
    },
    /// The cashier changed the tender before a verdict.
    Abandoned {
        reference: TenderRef,
        amount: Money,
        strays: Vec<CaptureId>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardPhase {
    Waiting,
    Approved,
    Declined,
    TimedOut,
    Abandoned,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardEvent {
    /// The tokenization webhook delivered a capture.
    Captured(CardCapture),
    /// Time passes: a waiting attempt may time out.
    Tick(DateTime<Utc>),
    /// The cashier takes another tender.
    Abandon,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardEffect {
    /// A card was charged and no sale stands behind it (it arrived after the attempt timed out
    /// or was abandoned, or is a second charge): the supervisor must refund it.
    MoneyWithoutSale(CardCapture),
    /// The terminal charged another amount than the one asked; the capture was taken as it is.
    AmountMismatch {
        expected: Money,
        charged: Money,
    },
    /// A capture with an id already handled but different content: kept as first received,
    /// for the supervisor to look at.
    ConflictingCapture(CardCapture),
    Refused(CardRefusal),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardRefusal {
    /// A capture for another tender; nothing changed.
    WrongReference {
        expected: TenderRef,
        found: TenderRef,
    },
    /// The command makes no sense in this phase (abandoning a charged card, for one).
    NotWaiting { phase: CardPhase },
}

impl CardAttempt {
    /// A new attempt for `amount`, started at `now`, waiting at most `timeout`. The caller then
    /// asks the terminal for the capture with `reference`.
    pub fn start(
        reference: TenderRef,
        amount: Money,
        now: DateTime<Utc>,
        timeout: Duration,
    ) -> CardAttempt {
        CardAttempt::Waiting {
            reference,
            amount,
            started_at: now,
            deadline: now + timeout,
        }
    }

    pub fn phase(&self) -> CardPhase {
        match self {
            CardAttempt::Waiting { .. } => CardPhase::Waiting,
            CardAttempt::Approved { .. } => CardPhase::Approved,
            CardAttempt::Declined { .. } => CardPhase::Declined,
            CardAttempt::TimedOut { .. } => CardPhase::TimedOut,
            CardAttempt::Abandoned { .. } => CardPhase::Abandoned,
        }
    }

    /// The reference every capture for this attempt must carry.
    pub fn reference(&self) -> &TenderRef {
        match self {
            CardAttempt::Waiting { reference, .. }
            | CardAttempt::TimedOut { reference, .. }
            | CardAttempt::Abandoned { reference, .. } => reference,
            CardAttempt::Approved { capture, .. } | CardAttempt::Declined { capture, .. } => {
                capture.reference()
            }
        }
    }

    /// The capture that decided the attempt, once there is one.
    pub fn capture(&self) -> Option<&CardCapture> {
        match self {
            CardAttempt::Approved { capture, .. } | CardAttempt::Declined { capture, .. } => {
                Some(capture)
            }
            _ => None,
        }
    }
}
