//! The end of a card's wait: once its deadline passes with no capture, the attempt times out,
//! the cashier is told, and a capture that still comes is money without a sale.

use std::sync::Arc;
use std::time::Duration;

use ventanilla_core::quickpay::{step, CardEvent, CardPhase};

use crate::quickpay::gateway::Quickpay;
use crate::quickpay::words;
use crate::ticket::charges::ChargeGateway;

/// How often the waiting card's deadline is looked at.
const TICK: Duration = Duration::from_millis(500);

pub(crate) fn start(q: Arc<Quickpay>) {
    let ctx = Arc::clone(&q.ctx);
    ctx.spawn(async move {
        let mut stop = q.ctx.stopping();
        while !*stop.borrow() {
            tokio::select! {
                _ = tokio::time::sleep(TICK) => {}
                _ = stop.changed() => continue,
            }
            tick(&q);
        }
    });
}

/// Times out the waiting card once its deadline passed.
pub(crate) fn tick(q: &Quickpay) {
    let now = q.ctx.now();
    let due = q
        .desk
        .charges()
        .pending()
        .filter(|p| p.gateway == ChargeGateway::Card && p.deadline <= now)
        .map(|p| p.reference.clone());
    let Some(reference) = due else {
        return;
    };
    let _one = q.changing();
    let Ok(Some(record)) = q.ctx.store().card_attempt(&reference) else {
        return;
    };
    let (state, _) = step(&record.attempt, CardEvent::Tick(now));
    if state.phase() != CardPhase::TimedOut {
        return;
    }
    if let Err(e) = q.ctx.store().card_write(Some(&state), &[], None, now) {
        // Not written: the next tick tries again, and meanwhile the card still waits.
        tracing::error!(error = %e, "card timeout not written");
        return;
    }
    q.desk
        .charges()
        .fail(&reference, words::timed_out(q.locale()));
    crate::ticket::announce::draft(&q.ctx, &q.desk);
}
