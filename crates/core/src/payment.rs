//! The life of one bill sale, as a pure function of (state, event) -> (state, effects).
//!
//! The hub alone decides whether a sale is approved or rejected. Ventanilla only knows that it
//! wrote the sale to its journal, tried to send it, and what the hub answered, so every state
//! short of a final one resolves by asking the hub (by `clientTransactionId`), never by guessing.
//!
//! Every text here (`message`, `reason`) is the hub's own words, carried verbatim as data for
//! support staff; the app says what they mean in the cashier's words.

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// What Ventanilla knows of the sale at the hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubRef {
    pub id: String,
    pub number: Option<i64>,
    pub confirmation_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HubVerdict {
    Pending,
    Approved,
    /// `message`: the hub's own words, verbatim; none when it gave no reason (the app says so
    /// in the cashier's words).
    Rejected {
        message: Option<String>,
    },
}

/// A sale as reported by the hub, either in answer to the POST or to a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubAnswer {
    pub hub: HubRef,
    pub verdict: HubVerdict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum SaleState {
    /// In the journal; nothing sent yet (or the process died before it could know).
    Journaled,
    /// The POST is on its way.
    Sending,
    /// The POST is on its way again, with the same `clientTransactionId`, after queries found
    /// nothing: the first one may still surface at the hub, so a refusal now proves nothing.
    Resending,
    /// The hub answered the POST with a platform error. Such an error does not prove that no
    /// sale was recorded (the hub may have committed it and failed afterwards, and on a resend
    /// the first POST may still surface), so one more query decides between the hub's record
    /// and the refusal.
    Confirming {
        /// The hub's refusal, verbatim.
        reason: String,
    },
    /// The outcome is not known; asking the hub by `clientTransactionId`.
    Querying {
        queries: u32,
        not_found: u32,
        hub: Option<HubRef>,
    },
    Approved {
        hub: HubRef,
    },
    Rejected {
        hub: Option<HubRef>,
        /// The hub's rejection, verbatim.
        reason: String,
    },
}

impl SaleState {
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            SaleState::Approved { .. } | SaleState::Rejected { .. }
        )
    }

    /// Name stored in the journal and shown (translated) to the cashier.
    pub fn phase_name(&self) -> &'static str {
        match self {
            SaleState::Journaled => "journaled",
            SaleState::Sending | SaleState::Resending => "sending",
            SaleState::Confirming { .. } => "querying",
            SaleState::Querying { .. } => "querying",
            SaleState::Approved { .. } => "approved",
            SaleState::Rejected { .. } => "rejected",
        }
    }

    pub fn hub(&self) -> Option<&HubRef> {
        match self {
            SaleState::Approved { hub } => Some(hub),
            SaleState::Querying { hub, .. } | SaleState::Rejected { hub, .. } => hub.as_ref(),
            SaleState::Journaled
            | SaleState::Sending
            | SaleState::Resending
            | SaleState::Confirming { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaleEvent {
    /// The cashier confirmed the sale (it is already in the journal).
    Submit,
    /// The app started with this sale unresolved in the journal.
    Resume,
    /// The hub answered the POST.
    Answered(HubAnswer),
    /// The hub answered with a platform error instead of a sale. It says what went wrong, not
    /// that nothing was recorded: only a query by `clientTransactionId` can say that.
    Refused { message: String },
    /// No usable answer to the POST: timeout, transport error, 5xx or a body we cannot read.
    Lost,
    /// The POST never left (no connection could be made): the hub cannot have the sale.
    NotSent,
    /// A query by `clientTransactionId` found the sale.
    Found(HubAnswer),
    /// A query by `clientTransactionId` found nothing.
    NotFound,
    /// A query failed (timeout, transport error, unreadable answer).
    QueryFailed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// POST the sale with its original `clientTransactionId`.
    PostSale,
    /// Ask the hub for the sale by `clientTransactionId` after this delay.
    QueryAfter(Duration),
    /// Fetch and keep the hub's receipt text.
    FetchReceipt,
}

/// How persistently the app asks the hub about an unresolved sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollPolicy {
    /// Delay before the first query after a lost or pending answer.
    pub first: Duration,
    /// Upper bound the delay grows to on later queries.
    pub max: Duration,
    /// After this many consecutive "not found" answers the sale is posted again with the same
    /// `clientTransactionId` (the hub returns the original sale for a repeated id, so this can
    /// never create a second sale); covers a POST that never reached the hub.
    pub resend_after_not_found: u32,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            first: Duration::from_secs(5),
            max: Duration::from_secs(10),
            resend_after_not_found: 2,
        }
    }
}

impl PollPolicy {
    /// Grows linearly from `first` to `max` over four queries.
    pub fn delay(&self, queries: u32) -> Duration {
        let span = self.max.saturating_sub(self.first);
        let step = queries.min(4);
        self.first + span.saturating_mul(step) / 4
    }
}

/// The whole payment protocol. Events that make no sense in a state (a late answer for a sale
/// already final, say) change nothing: final states are never left.
pub fn step(state: &SaleState, event: SaleEvent, policy: &PollPolicy) -> (SaleState, Vec<Effect>) {
    use SaleEvent as E;
    use SaleState as S;

    if state.is_final() {
        return (state.clone(), vec![]);
    }
    let querying = |queries: u32, not_found: u32, hub: Option<HubRef>| {
        (
            S::Querying {
                queries,
                not_found,
                hub,
            },
            vec![Effect::QueryAfter(policy.delay(queries))],
        )
    };
    let known_hub = state.hub().cloned();
    let (queries, not_found) = match state {
        S::Querying {
            queries, not_found, ..
        } => (*queries, *not_found),
        _ => (0, 0),
    };

    match (state, event) {
        (S::Journaled, E::Submit) => (S::Sending, vec![Effect::PostSale]),
        // After a restart nobody knows whether the POST left: ask before sending anything.
        (_, E::Resume) => (
            S::Querying {
                queries: 0,
                not_found: 0,
                hub: known_hub,
            },
            vec![Effect::QueryAfter(Duration::ZERO)],
        ),
        (S::Sending | S::Resending, E::Answered(answer)) => settle(answer, querying),
        // Only a sale body saying `rejected` is final without a query (see specs/README.md).
        (S::Sending | S::Resending, E::Refused { message }) => (
            S::Confirming { reason: message },
            vec![Effect::QueryAfter(Duration::ZERO)],
        ),
        (S::Sending | S::Resending, E::Lost) => querying(0, 0, None),
        // Nothing reached the hub: the sale is exactly as journaled, and is sent again later.
        (S::Sending, E::NotSent) => (S::Journaled, vec![]),
        (S::Resending, E::NotSent) => querying(0, 0, None),
        (S::Confirming { .. }, E::Found(answer)) => settle(answer, querying),
        (S::Confirming { reason }, E::NotFound) => (
            S::Rejected {
                hub: None,
                reason: reason.clone(),
            },
            vec![],
        ),
        (S::Confirming { .. }, E::QueryFailed) => {
            (state.clone(), vec![Effect::QueryAfter(policy.delay(1))])
        }
        (S::Querying { .. }, E::Found(answer)) => {
            let HubAnswer { hub, verdict } = answer;
            match verdict {
                HubVerdict::Pending => querying(queries + 1, 0, Some(hub)),
                verdict => settle(HubAnswer { hub, verdict }, querying),
            }
        }
        (S::Querying { hub: Some(hub), .. }, E::NotFound) => {
            // The hub told us of this sale before; a miss now is the hub's hiccup, not proof
            // that it does not exist. Keep asking, never resend.
            querying(queries + 1, 0, Some(hub.clone()))
        }
        (S::Querying { hub: None, .. }, E::NotFound) => {
            if not_found + 1 >= policy.resend_after_not_found {
                (S::Resending, vec![Effect::PostSale])
            } else {
                querying(queries + 1, not_found + 1, None)
            }
        }
        (S::Querying { .. }, E::QueryFailed) => querying(queries + 1, not_found, known_hub),
        // Anything else is out of order (a duplicate event, a late answer): ignore it.
        (s, _) => (s.clone(), vec![]),
    }
}

fn settle(
    answer: HubAnswer,
    querying: impl Fn(u32, u32, Option<HubRef>) -> (SaleState, Vec<Effect>),
) -> (SaleState, Vec<Effect>) {
    match answer.verdict {
        HubVerdict::Pending => querying(0, 0, Some(answer.hub)),
        HubVerdict::Approved => (
            SaleState::Approved { hub: answer.hub },
            vec![Effect::FetchReceipt],
        ),
        HubVerdict::Rejected { message } => (
            SaleState::Rejected {
                hub: Some(answer.hub),
                // Journaled as the hub's words; empty when it gave none.
                reason: message.unwrap_or_default(),
            },
            vec![],
        ),
    }
}
