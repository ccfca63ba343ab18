//! Applies the consents the webhook stored: the session's charge is marked `charging` (in the
//! transaction that settles the consent) before `pay` is called, so a consent applied twice, or
//! a run that stops mid-call, never charges twice; `pay`'s answer is the charge's outcome, and
//! a lost one is `unknown` for a person to settle, never sent again.

use std::sync::Arc;

use ventanilla_core::pennymatic::{SessionId, WalletPhase};
use ventanilla_gateways::GatewayError;
use ventanilla_store::{InboxEntry, Settlement, WalletRecord};

use crate::pennymatic::gateway::{Pennymatic, GATEWAY};
use crate::pennymatic::start::wallet_tender;
use crate::pennymatic::words;
use crate::ticket::announce;
use crate::webhooks::applier::{ApplyOutcome, Applying, InboxApplier};

pub(crate) struct ConsentApplier(pub Arc<Pennymatic>);

impl InboxApplier for ConsentApplier {
    fn apply<'a>(&'a self, entry: &'a InboxEntry) -> Applying<'a> {
        Box::pin(apply(&self.0, entry))
    }
}

async fn apply(w: &Pennymatic, entry: &InboxEntry) -> ApplyOutcome {
    let l = w.locale();
    let session = serde_json::from_slice::<serde_json::Value>(&entry.body)
        .ok()
        .and_then(|v| v["sessionid"].as_str().map(str::to_string))
        .and_then(|s| SessionId::new(&s).ok());
    let Some(session) = session else {
        return ApplyOutcome::Settled(Settlement::Refused("not a wallet consent".into()));
    };
    let found = w.ctx.read(|s| s.wallet_by_session(session.as_str()));
    let record = match found {
        Ok(Some(r)) => r,
        Ok(None) => {
            w.tokens.take(session.as_str());
            return ApplyOutcome::Settled(Settlement::KeptForReview(format!(
                "a wallet consent for session {}, which this counter does not have",
                session.as_str()
            )));
        }
        Err(_) => return ApplyOutcome::NotYet("the journal could not be read"),
    };
    let now = w.ctx.now();
    if record.phase != WalletPhase::AwaitingConsent {
        // Late (expired, cancelled) or repeated: nothing is charged, and the token goes.
        w.tokens.take(session.as_str());
        return ApplyOutcome::Settled(Settlement::Applied);
    }
    if record.expires_at <= now {
        w.tokens.take(session.as_str());
        return settle_without_charge(w, &record, WalletPhase::Expired, words::expired(l), entry);
    }
    let Some(user) = w.tokens.take(session.as_str()) else {
        // Stored by an earlier run, whose memory held the token: the customer connects again.
        return settle_without_charge(
            w,
            &record,
            WalletPhase::Failed,
            words::consent_lost(l),
            entry,
        );
    };
    match w.ctx.call(GATEWAY, w.client.connected(&user)).await {
        Ok(true) => {}
        Ok(false) => {
            return settle_without_charge(
                w,
                &record,
                WalletPhase::Failed,
                words::not_connected_any_more(l),
                entry,
            )
        }
        Err(_) => {
            // Nothing was charged: try this consent again later, with its token.
            w.tokens.put(session.as_str(), user);
            return ApplyOutcome::NotYet("the wallet gateway did not answer");
        }
    }
    // Written ahead: from here a restart finds `charging` and never calls `pay` again.
    let marked = w.ctx.store().wallet_advance(
        &record.reference,
        WalletPhase::AwaitingConsent,
        WalletPhase::Charging,
        None,
        Some((entry.id, &Settlement::Applied)),
        now,
    );
    match marked {
        Ok(true) => {}
        // The cashier gave it up first: nothing is charged.
        Ok(false) => return ApplyOutcome::Settled(Settlement::Applied),
        Err(e) => {
            w.ctx.journal_refused(&e);
            w.tokens.put(session.as_str(), user);
            return ApplyOutcome::NotYet("the journal refused the charge");
        }
    }
    let description = words::description(&record, &w.ctx.cfg.counter);
    let paid = w
        .ctx
        .call(GATEWAY, w.client.pay(&user, record.amount, &description))
        .await;
    drop(user);
    let now = w.ctx.now();
    match paid {
        Ok(payment) => {
            if let Err(e) =
                w.ctx
                    .store()
                    .wallet_charged(&record.reference, &payment.txid, Some(&payment), now)
            {
                // The money was taken and the journal did not record it: the charge stays
                // `charging`, which the next start turns into one for a person to settle.
                tracing::error!(error = %e, txid = %payment.txid, "wallet charge not recorded");
                w.ctx.journal_refused(&e);
                w.desk.charges().fail(&record.reference, words::unknown(l));
                announce::draft(&w.ctx, &w.desk);
                return ApplyOutcome::Settled(Settlement::Applied);
            }
            let tender = wallet_tender(&record.reference, payment.txid.as_str());
            let taken = w.desk.charges().accept(&record.reference, tender, now);
            if !taken {
                let _ = w.ctx.store().wallet_stray(&record.reference, now);
            } else {
                match crate::ticket::pay::pay_by_charges(&w.traxion, &w.desk) {
                    Ok(Some(id)) => announce::paid(&w.ctx, id),
                    Ok(None) => {}
                    Err(e) => {
                        tracing::warn!(error = %e.message, "ticket covered by wallet not paid yet")
                    }
                }
            }
            crate::pennymatic::confirm::follow(w, &record.reference);
        }
        Err(GatewayError::Refused { message, .. }) => {
            let said = words::refused(&message, l);
            let _ = w.ctx.store().wallet_advance(
                &record.reference,
                WalletPhase::Charging,
                WalletPhase::Failed,
                Some(&said),
                None,
                now,
            );
            w.desk.charges().fail(&record.reference, said);
        }
        Err(e) => {
            tracing::warn!(error = %e, "wallet charge's answer lost: a person settles it");
            let _ = w.ctx.store().wallet_advance(
                &record.reference,
                WalletPhase::Charging,
                WalletPhase::Unknown,
                None,
                None,
                now,
            );
            w.desk.charges().fail(&record.reference, words::unknown(l));
        }
    }
    w.ctx.status_changed();
    announce::draft(&w.ctx, &w.desk);
    ApplyOutcome::Settled(Settlement::Applied)
}

/// The consent leads to no charge: the session ends as `to`, the cashier is told `message`.
fn settle_without_charge(
    w: &Pennymatic,
    record: &WalletRecord,
    to: WalletPhase,
    message: String,
    entry: &InboxEntry,
) -> ApplyOutcome {
    let moved = w.ctx.store().wallet_advance(
        &record.reference,
        WalletPhase::AwaitingConsent,
        to,
        Some(&message),
        Some((entry.id, &Settlement::Applied)),
        w.ctx.now(),
    );
    match moved {
        Ok(true) => {
            w.desk.charges().fail(&record.reference, message);
            announce::draft(&w.ctx, &w.desk);
            ApplyOutcome::Settled(Settlement::Applied)
        }
        Ok(false) => ApplyOutcome::Settled(Settlement::Applied),
        Err(e) => {
            w.ctx.journal_refused(&e);
            ApplyOutcome::NotYet("the journal refused the consent")
        }
    }
}
