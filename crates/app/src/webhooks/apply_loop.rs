//! Each route's applier at work: the inbox's new entries of its source, in the order received,
//! at start-up (what the last run stored and did not apply) and whenever a delivery is stored.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::context::Context;
use crate::webhooks::applier::{ApplyOutcome, InboxApplier};

/// How long an entry its applier could not apply yet waits before it is tried again (sooner
/// when another delivery arrives).
pub(crate) const RETRY_AFTER: Duration = Duration::from_secs(5);

/// Runs `applier` over the new entries of `source` until the app stops.
pub(crate) fn start(
    ctx: Arc<Context>,
    source: &'static str,
    applier: Arc<dyn InboxApplier>,
    wake: Arc<Notify>,
) {
    let runner = Arc::clone(&ctx);
    runner.spawn(async move {
        let mut stop = ctx.stopping();
        while !*stop.borrow() {
            let retry = apply_new(&ctx, source, applier.as_ref()).await;
            let pause = async {
                match retry {
                    Some(after) => tokio::time::sleep(after).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = wake.notified() => {}
                _ = pause => {}
                _ = stop.changed() => {}
            }
        }
    });
}

/// Applies every new entry of `source`, oldest first. `Some(delay)` when some are left to try
/// again after it.
async fn apply_new(
    ctx: &Context,
    source: &'static str,
    applier: &dyn InboxApplier,
) -> Option<Duration> {
    let entries = match ctx.read(|s| s.inbox_unapplied(Some(source))) {
        Ok(entries) => entries,
        Err(e) => {
            tracing::warn!(source, error = %e, "inbox unreadable; trying again");
            return Some(RETRY_AFTER);
        }
    };
    for entry in &entries {
        if *ctx.stopping().borrow() {
            return None;
        }
        let settlement = match applier.apply(entry).await {
            ApplyOutcome::Settled(settlement) => settlement,
            ApplyOutcome::NotYet(why) => {
                tracing::info!(source, id = entry.id, why, "inbox entry not applied yet");
                return Some(RETRY_AFTER);
            }
        };
        let recorded = ctx.store().inbox_settle(entry.id, &settlement, ctx.now());
        match recorded {
            Ok(true) => tracing::info!(source, id = entry.id, ?settlement, "inbox entry settled"),
            // The applier recorded it with its effect: nothing more to write.
            Ok(false) => {}
            Err(e) => {
                // Applied again on the next pass: appliers are idempotent.
                tracing::warn!(source, id = entry.id, error = %e, "inbox settlement not recorded");
                return Some(RETRY_AFTER);
            }
        }
        ctx.status_changed();
    }
    None
}
