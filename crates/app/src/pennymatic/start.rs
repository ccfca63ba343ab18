//! Showing the wallet-connect QR code for what the ticket still owes (or part of it),
//! cancelling it, and giving up the wallet charges of a ticket that is dropped.

use ventanilla_core::ledger::{Tender, WalletRef};
use ventanilla_core::pennymatic::WalletPhase;
use ventanilla_core::quickpay::TenderRef;
use ventanilla_core::{Money, Secret};
use ventanilla_store::NewWalletCharge;

use crate::error::UiError;
use crate::pennymatic::gateway::{Pennymatic, GATEWAY};
use crate::pennymatic::words;
use crate::ticket::announce;
use crate::ticket::charges::{ChargeGateway, Charges, PendingCharge};
use crate::ticket::pay::{charge_waiting, check_items};
use crate::ticket::words::{ledger_error, ticket_error};
use crate::views::TicketView;

/// Asks the gateway for a wallet-connect session for `amount` as typed (empty: all that is
/// still owed); its URL is the QR code the customer scans. Refused before the gateway is asked
/// when the amount is more than what is owed or another charge is waiting.
pub(crate) async fn start(w: &Pennymatic, amount: &str) -> Result<TicketView, UiError> {
    let l = w.locale();
    let base = w
        .consent_url
        .get()
        .cloned()
        .ok_or_else(|| UiError::internal(l, "the webhook listener is not up"))?;
    let (reference, amount) = {
        let draft = w.desk.draft();
        let charges = w.desk.charges();
        if charges.pending().is_some() {
            return Err(charge_waiting(l));
        }
        let total = draft.total().map_err(|e| ticket_error(&e, l))?;
        let payment = charges
            .payment(total, w.ctx.now())
            .map_err(|e| ledger_error(&e, l))?;
        let owed = payment.owed().map_err(|e| ledger_error(&e, l))?;
        let amount = if amount.trim().is_empty() {
            owed
        } else {
            Money::parse_input(amount, owed.currency(), l.number_style())
                .map_err(|e| UiError::money(&e, l))?
        };
        let reference = TenderRef::generate(&*w.ctx.ids);
        payment
            .check_charge(&wallet_tender(reference.as_str(), &"0".repeat(64)), amount)
            .map_err(|e| ledger_error(&e, l))?;
        check_items(&w.traxion, &draft, false)?;
        (reference, amount)
    };
    // The gateway's coins, asked once: the counter charges in BSV (the MVP's one coin).
    if w.takes_bsv.get().is_none() {
        let coins = w
            .ctx
            .call(GATEWAY, w.client.coins())
            .await
            .map_err(|e| words::not_connected(&e, l))?;
        let _ = w.takes_bsv.set(coins.iter().any(|c| c == "bsv"));
    }
    if w.takes_bsv.get() == Some(&false) {
        return Err(words::no_bsv(l));
    }
    // A URL only this session is given: a consent can come from nowhere else.
    let secret = Secret::new(format!(
        "{}{}",
        w.ctx.ids.client_transaction_id().as_str(),
        w.ctx.ids.client_transaction_id().as_str()
    ));
    let digest = w
        .secrets
        .add(&secret)
        .map_err(|e| UiError::internal(l, e))?;
    let webhook = format!("{base}/{}", secret.expose());
    let (session, url) = w
        .ctx
        .call(GATEWAY, w.client.connect(&webhook))
        .await
        .map_err(|e| words::not_connected(&e, l))?;
    let now = w.ctx.now();
    let ttl = chrono::Duration::from_std(w.ctx.cfg.wallet_session_ttl)
        .unwrap_or(chrono::Duration::minutes(10));
    let expires_at = now + ttl;
    {
        let _draft = w.desk.draft();
        let mut charges = w.desk.charges();
        if charges.pending().is_some() {
            return Err(charge_waiting(l));
        }
        w.ctx
            .store()
            .wallet_start(
                &NewWalletCharge {
                    reference: reference.as_str(),
                    session_id: &session,
                    consent_digest: &digest,
                    amount,
                    expires_at,
                },
                now,
            )
            .map_err(|e| UiError::store(&e, l))?;
        w.sessions.add(session.as_str());
        let begun = charges.begin(PendingCharge {
            gateway: ChargeGateway::Wallet,
            reference: reference.as_str().to_string(),
            amount,
            deadline: expires_at,
            qr_url: Some(url),
        });
        if begun.is_err() {
            return Err(charge_waiting(l));
        }
    }
    w.ctx.status_changed();
    Ok(announce::current(&w.ctx, &w.desk))
}

/// The cashier stops waiting for the wallet; a consent that still comes charges nothing.
pub(crate) fn cancel(w: &Pennymatic) -> Result<TicketView, UiError> {
    let l = w.locale();
    let reference = w
        .desk
        .charges()
        .pending()
        .filter(|p| p.gateway == ChargeGateway::Wallet)
        .map(|p| p.reference.clone())
        .ok_or_else(|| words::no_wallet_waiting(l))?;
    let moved = w.ctx.store().wallet_advance(
        &reference,
        WalletPhase::AwaitingConsent,
        WalletPhase::Abandoned,
        None,
        None,
        w.ctx.now(),
    );
    match moved {
        // The consent came first and the charge is under way: its outcome decides.
        Ok(false) => return Err(words::charge_under_way(l)),
        Ok(true) => {}
        Err(e) => return Err(UiError::store(&e, l)),
    }
    w.desk.charges().fail(&reference, words::cancelled(l));
    Ok(announce::current(&w.ctx, &w.desk))
}

/// Settles the wallet charges of a ticket that was dropped: the waiting QR code is given up
/// (a charge already under way becomes, once charged, money to hand back), and each charged
/// payment is money to hand back.
pub(crate) fn release(w: &Pennymatic, charges: &Charges) {
    let now = w.ctx.now();
    if let Some(p) = charges
        .pending()
        .filter(|p| p.gateway == ChargeGateway::Wallet)
    {
        let _ = w.ctx.store().wallet_advance(
            &p.reference,
            WalletPhase::AwaitingConsent,
            WalletPhase::Abandoned,
            None,
            None,
            now,
        );
    }
    for charge in charges.accepted() {
        if let Tender::Wallet(wallet) = &charge.tender {
            if let Err(e) = w.ctx.store().wallet_stray(&wallet.reference, now) {
                tracing::error!(error = %e, "wallet money of a dropped ticket not kept for refund");
            }
        }
    }
    w.ctx.status_changed();
}

pub(crate) fn wallet_tender(reference: &str, txid: &str) -> Tender {
    Tender::Wallet(WalletRef {
        reference: reference.to_string(),
        txid: txid.to_string(),
    })
}
