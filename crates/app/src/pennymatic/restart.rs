//! At start: a QR code the last run showed is given up (its ticket went with that run); a
//! charge it had under way is `unknown` (the wallet may have been charged: a person settles it
//! with the customer's txid, and nothing is charged again); a charged payment no ticket took is
//! money to hand back.

use ventanilla_core::pennymatic::WalletPhase;

use crate::error::UiError;
use crate::pennymatic::gateway::Pennymatic;

pub(crate) fn settle_leftovers(w: &Pennymatic) -> Result<(), UiError> {
    let l = w.locale();
    let now = w.ctx.now();
    let store_err = |e: ventanilla_store::StoreError| UiError::store(&e, l);
    let mut store = w.ctx.store();
    for (from, to) in [
        (WalletPhase::AwaitingConsent, WalletPhase::Abandoned),
        (WalletPhase::Charging, WalletPhase::Unknown),
    ] {
        for r in store.wallet_in_phase(from).map_err(store_err)? {
            store
                .wallet_advance(&r.reference, from, to, None, None, now)
                .map_err(store_err)?;
        }
    }
    for r in store
        .wallet_in_phase(WalletPhase::Charged)
        .map_err(store_err)?
    {
        if r.ticket_id.is_none() && r.stray_at.is_none() {
            store.wallet_stray(&r.reference, now).map_err(store_err)?;
        }
    }
    Ok(())
}
