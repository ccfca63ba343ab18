//! The QR code's expiry: a session nobody consented to in time ends, the cashier is told, and a
//! consent that still comes charges nothing.

use std::sync::Arc;
use std::time::Duration;

use ventanilla_core::pennymatic::WalletPhase;

use crate::pennymatic::gateway::Pennymatic;
use crate::pennymatic::words;
use crate::ticket::announce;
use crate::ticket::charges::ChargeGateway;

const TICK: Duration = Duration::from_millis(500);

pub(crate) fn start(w: Arc<Pennymatic>) {
    let ctx = Arc::clone(&w.ctx);
    ctx.spawn(async move {
        let mut stop = w.ctx.stopping();
        while !*stop.borrow() {
            tokio::select! {
                _ = tokio::time::sleep(TICK) => {}
                _ = stop.changed() => continue,
            }
            tick(&w);
        }
    });
}

pub(crate) fn tick(w: &Pennymatic) {
    let now = w.ctx.now();
    let due = w
        .desk
        .charges()
        .pending()
        .filter(|p| p.gateway == ChargeGateway::Wallet && p.deadline <= now)
        .map(|p| p.reference.clone());
    let Some(reference) = due else {
        return;
    };
    let l = w.locale();
    match w.ctx.store().wallet_advance(
        &reference,
        WalletPhase::AwaitingConsent,
        WalletPhase::Expired,
        Some(&words::expired(l)),
        None,
        now,
    ) {
        Ok(true) => {
            w.desk.charges().fail(&reference, words::expired(l));
            announce::draft(&w.ctx, &w.desk);
        }
        // The consent came in time and the charge is under way: its outcome decides.
        Ok(false) => {}
        Err(e) => tracing::error!(error = %e, "wallet expiry not written"),
    }
}
