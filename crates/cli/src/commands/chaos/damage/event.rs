//! A damage done to the journal, and how the first start after it went.

use std::time::Duration;

use super::files::Kind;

/// How the first start after a damage went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It exited non-zero without starting. `reason`: the `error:` line of its log (empty when
    /// it said nothing); `changed`: the journal's files that differ from right after the damage.
    Refused {
        reason: String,
        changed: Vec<String>,
        after: Duration,
    },
    /// It started on the damaged journal; whether that lost anything is known at the end.
    Started,
    /// Neither within `ANSWER_WITHIN`, or an end that is neither (said how).
    NoAnswer(String),
}

/// How a first start after a damage ended without starting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// Exited non-zero; `reason` is the `error:` line of its log (empty if none).
    Refused { reason: String, after: Duration },
    /// No answer within `ANSWER_WITHIN`, or an exit that is no refusal (said how).
    NoAnswer(String),
}

/// One damage and what came of it.
#[derive(Debug, Clone)]
pub struct Event {
    pub number: usize,
    pub kill: usize,
    pub kind: Kind,
    pub what: String,
    /// The `clientTransactionId` of every sale the journal held right before the damage.
    pub before: Vec<String>,
    pub outcome: Outcome,
}
