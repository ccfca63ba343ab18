//! Following a wallet payment's txid until the gateway says it is in a block. The charge counts
//! from `pay`'s answer; this records its finality, and a txid the gateway does not know (`data:
//! undefined`) is logged for a person: it should never happen to one `pay` gave.

use std::time::Duration;

use ventanilla_core::pennymatic::Confirmation;

use crate::pennymatic::gateway::{Pennymatic, GATEWAY};

/// How often, and how many times, a txid is asked about.
const EVERY: Duration = Duration::from_secs(2);
const TRIES: u32 = 900;

pub(crate) fn follow(w: &Pennymatic, reference: &str) {
    let (ctx, client, reference) = (w.ctx.clone(), w.client.clone(), reference.to_string());
    let context = w.ctx.clone();
    context.spawn(async move {
        let Ok(Some(record)) = ctx.read(|s| s.wallet_charge(&reference)) else {
            return;
        };
        let Some(txid) = record.txid else {
            return;
        };
        let mut stop = ctx.stopping();
        for _ in 0..TRIES {
            match ctx.call(GATEWAY, client.is_confirmed(&txid)).await {
                Ok(Confirmation::Confirmed) => {
                    if let Err(e) = ctx.store().wallet_confirmed(&reference) {
                        tracing::warn!(error = %e, "wallet confirmation not recorded");
                    }
                    ctx.status_changed();
                    return;
                }
                Ok(Confirmation::Unknown) => {
                    tracing::error!(txid = %txid, "the wallet gateway does not know a txid it gave");
                    return;
                }
                Ok(Confirmation::Unconfirmed) | Err(_) => {}
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = stop.changed() => return,
            }
        }
    });
}
