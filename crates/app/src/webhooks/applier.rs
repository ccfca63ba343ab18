//! The one trait through which a gateway acts on what its route stored in the inbox.

use std::future::Future;
use std::pin::Pin;

use ventanilla_store::{InboxEntry, Settlement};

/// One entry being applied.
pub(crate) type Applying<'a> = Pin<Box<dyn Future<Output = ApplyOutcome> + Send + 'a>>;

/// What applying one entry came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ApplyOutcome {
    /// Done with it: applied, kept for a person, or refused. The loop records it unless the
    /// applier already did (in the transaction that applied it), in which case the record
    /// stands as the applier wrote it.
    Settled(Settlement),
    /// Not now (the journal refused a write, say): the entry stays new and is tried again
    /// later, and the entries after it wait, so they are applied in the order received.
    NotYet(&'static str),
}

/// What a gateway's folder gives the listener to apply its deliveries.
pub(crate) trait InboxApplier: Send + Sync + 'static {
    /// Applies one stored delivery (the route's `stored` bytes are in `entry.body`).
    ///
    /// Must be idempotent: an entry is applied again when the last run stopped after applying
    /// it and before recording so, and gateways repeat their calls under new keys too. The
    /// surest way is to write the effect and [`Settlement`] of the entry in one transaction
    /// (`ventanilla_store`'s `inbox::write_settlement` serves a store method that does both).
    /// Never panics on what a gateway sent: a body it cannot use is `Refused` or kept for
    /// review.
    fn apply<'a>(&'a self, entry: &'a InboxEntry) -> Applying<'a>;
}
