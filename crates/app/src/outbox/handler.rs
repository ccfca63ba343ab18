//! The one trait through which the sender knows an operation kind.

use std::future::Future;
use std::pin::Pin;

use ventanilla_core::outbox::{AttentionReason, Outcome};
use ventanilla_store::{OutboxKind, OutboxRow, SenderWrites};

use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::outbox::writer::JournalWriter;
use crate::views::AttentionView;

/// One attempt under way.
pub(crate) type Attempt<'a> = Pin<Box<dyn Future<Output = Attempted> + Send + 'a>>;

/// What an attempt came to, and what it has yet to record.
pub(crate) struct Attempted {
    pub outcome: Outcome,
    /// The gateway's last answer, not written yet: the sender commits it together with the
    /// outbox's decision about it, in one transaction, before anything acts on either.
    pub unwritten: SenderWrites,
    /// What must be seen together with that commit, run before anything else can read the
    /// journal after it (a bill settled: charging it again is refused from that moment on).
    pub on_commit: Option<Box<dyn FnOnce() + Send>>,
    /// What to do once that is on disk (tell the screen, fetch a receipt).
    pub then: Option<Box<dyn FnOnce() + Send>>,
}

impl Attempted {
    /// An outcome with nothing left to record and nothing to do after it.
    pub fn just(outcome: Outcome) -> Attempted {
        Attempted {
            outcome,
            unwritten: SenderWrites::default(),
            on_commit: None,
            then: None,
        }
    }
}

/// What a gateway's folder gives the sender for each of its operation kinds.
pub(crate) trait OutboxHandler: Send + Sync + 'static {
    /// The operation kind this handler attempts.
    fn kind(&self) -> OutboxKind;

    /// The gateway its calls go to: that gateway's link decides whether the kind's queue flows
    /// or only probes.
    fn gateway(&self) -> GatewayId;

    /// One attempt at one queued operation: calls the gateway, records each change it acts on
    /// through `journal` before acting on it, and says what the outbox should do next, with the
    /// last answer still to record. Never panics on a gateway's answer.
    fn attempt<'a>(&'a self, row: OutboxRow, journal: &'a JournalWriter) -> Attempt<'a>;

    /// Work due once at start-up, before the sender runs: whatever the last run left half done
    /// (answers known but not acted on, operations to reconcile first).
    fn reconcile_at_start(&self) -> Result<(), UiError> {
        Ok(())
    }

    /// What a person must know about one of its operations waiting for them. `reason` is the
    /// sender's, as recorded (`None` when the journal's record of it cannot be read).
    fn attention(
        &self,
        row: &OutboxRow,
        reason: Option<&AttentionReason>,
    ) -> Result<AttentionView, UiError>;
}
