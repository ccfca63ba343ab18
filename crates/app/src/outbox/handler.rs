//! The one trait through which the sender knows an operation kind.

use std::future::Future;
use std::pin::Pin;

use ventanilla_core::outbox::{AttentionReason, Outcome};
use ventanilla_store::{OutboxKind, OutboxRow};

use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::views::AttentionView;

/// One attempt under way.
pub(crate) type Attempt<'a> = Pin<Box<dyn Future<Output = Outcome> + Send + 'a>>;

/// What a gateway's folder gives the sender for each of its operation kinds.
pub(crate) trait OutboxHandler: Send + Sync + 'static {
    /// The operation kind this handler attempts.
    fn kind(&self) -> OutboxKind;

    /// The gateway its calls go to: that gateway's link decides whether the kind's queue flows
    /// or only probes.
    fn gateway(&self) -> GatewayId;

    /// One attempt at one queued operation: calls the gateway, records what it answered in the
    /// journal, and says what the outbox should do next. Never panics on a gateway's answer.
    fn attempt(&self, row: OutboxRow) -> Attempt<'_>;

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
