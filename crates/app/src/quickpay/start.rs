//! Starting a card tender for what the ticket still owes (or part of it), cancelling the one
//! waiting, and giving up every card charge of a ticket that is dropped.
//!
//! The attempt is journaled, and the desk told, before the terminal is asked: a capture that
//! arrives however fast finds its tender, and one that arrives after a crash finds its record.

use ventanilla_core::ledger::{CardRef, Tender};
use ventanilla_core::quickpay::{step, CardAttempt, CardEvent, TenderRef};
use ventanilla_core::Money;
use ventanilla_gateways::GatewayError;
use ventanilla_store::{NewStray, StrayCause};

use crate::error::UiError;
use crate::quickpay::gateway::{Quickpay, GATEWAY};
use crate::quickpay::words;
use crate::ticket::charges::{ChargeGateway, Charges, PendingCharge};
use crate::ticket::pay::{charge_waiting, check_items};
use crate::ticket::words::{ledger_error, ticket_error};
use crate::views::TicketView;

/// How many times a start the terminal may not have received is sent again (it is idempotent
/// by reference, so a repeat never starts a second capture).
const START_TRIES: usize = 3;
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// Asks the terminal to capture `amount` as typed (empty: all that is still owed) for the
/// ticket being built. Refused before anything is written when the amount is more than what is
/// owed, another charge is waiting, or the ticket's items cannot be paid now.
pub(crate) async fn start(q: &Quickpay, amount: &str) -> Result<TicketView, UiError> {
    let l = q.locale();
    let (reference, amount) = {
        let _one = q.changing();
        let draft = q.desk.draft();
        let mut charges = q.desk.charges();
        if charges.pending().is_some() {
            return Err(charge_waiting(l));
        }
        let now = q.ctx.now();
        let total = draft.total().map_err(|e| ticket_error(&e, l))?;
        let payment = charges
            .payment(total, now)
            .map_err(|e| ledger_error(&e, l))?;
        let owed = payment.owed().map_err(|e| ledger_error(&e, l))?;
        let amount = if amount.trim().is_empty() {
            owed
        } else {
            Money::parse_input(amount, owed.currency(), l.number_style())
                .map_err(|e| UiError::money(&e, l))?
        };
        let reference = TenderRef::generate(&*q.ctx.ids);
        payment
            .check_charge(&card_tender(&reference, "", "0000"), amount)
            .map_err(|e| ledger_error(&e, l))?;
        check_items(&q.traxion, &draft, false)?;
        let timeout = chrono::Duration::from_std(q.ctx.cfg.card_timeout)
            .unwrap_or(ventanilla_core::quickpay::DEFAULT_CARD_TIMEOUT);
        let attempt = CardAttempt::start(reference.clone(), amount, now, timeout);
        q.ctx
            .store()
            .card_start(&attempt, now)
            .map_err(|e| UiError::store(&e, l))?;
        q.known.add(reference.as_str());
        let begun = charges.begin(PendingCharge {
            gateway: ChargeGateway::Card,
            reference: reference.as_str().to_string(),
            amount,
            deadline: now + timeout,
            qr_url: None,
        });
        if begun.is_err() {
            return Err(charge_waiting(l));
        }
        (reference, amount)
    };
    let mut last = None;
    for _ in 0..START_TRIES {
        match q
            .ctx
            .call(GATEWAY, q.terminal.start_capture(&reference, amount))
            .await
        {
            Ok(()) => {
                q.ctx.status_changed();
                return Ok(crate::ticket::announce::current(&q.ctx, &q.desk));
            }
            Err(e) if e.is_transient() => {
                last = Some(e);
                // A moment for a link that blinked; the cashier waits for this call.
                tokio::time::sleep(RETRY_PAUSE).await;
            }
            Err(e) => {
                last = Some(e);
                break;
            }
        }
    }
    let e = last.unwrap_or(GatewayError::Timeout);
    // Every answer lost: ask the terminal whether it holds the capture before giving it up (it
    // may have started it, and the customer may be at it now).
    if e.is_transient() {
        let asked = q
            .ctx
            .call(GATEWAY, q.terminal.has_capture(&reference))
            .await;
        if let Ok(true) = asked {
            q.ctx.status_changed();
            return Ok(crate::ticket::announce::current(&q.ctx, &q.desk));
        }
    }
    // Not started, as far as anyone knows: the attempt is given up, so a capture that still
    // comes is kept for a refund, never counted.
    give_up(q, reference.as_str(), words::not_started(&e, l).message);
    Err(words::not_started(&e, l))
}

/// The cashier stops waiting for the card (the customer changed their mind, or pays otherwise).
pub(crate) fn cancel(q: &Quickpay) -> Result<TicketView, UiError> {
    let l = q.locale();
    let reference = q
        .desk
        .charges()
        .pending()
        .filter(|p| p.gateway == ChargeGateway::Card)
        .map(|p| p.reference.clone())
        .ok_or_else(|| words::no_card_waiting(l))?;
    give_up(q, &reference, words::cancelled(l));
    Ok(crate::ticket::announce::current(&q.ctx, &q.desk))
}

/// Gives up the waiting attempt `reference`: journaled as abandoned, and the desk told with
/// `message`. An attempt decided meanwhile is left as its capture decided it.
pub(crate) fn give_up(q: &Quickpay, reference: &str, message: String) {
    let _one = q.changing();
    let now = q.ctx.now();
    let found = q.ctx.store().card_attempt(reference);
    if let Ok(Some(record)) = found {
        let (state, _) = step(&record.attempt, CardEvent::Abandon);
        if state != record.attempt {
            if let Err(e) = q.ctx.store().card_write(Some(&state), &[], None, now) {
                tracing::error!(error = %e, "card attempt not marked abandoned");
            }
        }
    }
    q.desk.charges().fail(reference, message);
    q.ctx.status_changed();
}

/// Settles the card charges of a ticket that was dropped: the waiting one is given up, and the
/// money of each accepted one is kept for a refund. The caller holds [`Quickpay::changing`].
pub(crate) fn release(q: &Quickpay, charges: &Charges) {
    let now = q.ctx.now();
    if let Some(p) = charges
        .pending()
        .filter(|p| p.gateway == ChargeGateway::Card)
    {
        if let Ok(Some(record)) = q.ctx.store().card_attempt(&p.reference) {
            let (state, _) = step(&record.attempt, CardEvent::Abandon);
            if let Err(e) = q.ctx.store().card_write(Some(&state), &[], None, now) {
                tracing::error!(error = %e, "card attempt not marked abandoned");
            }
        }
    }
    for charge in charges.accepted() {
        let Tender::Card(card) = &charge.tender else {
            continue;
        };
        let Ok(Some(record)) = q.ctx.store().card_attempt(&card.reference) else {
            continue;
        };
        if record.ticket_id.is_some() {
            continue;
        }
        if let Some(capture) = record.attempt.capture() {
            let stray = NewStray {
                capture,
                amount: charge.amount,
                cause: StrayCause::TicketDropped,
            };
            if let Err(e) = q.ctx.store().card_write(None, &[stray], None, now) {
                tracing::error!(error = %e, "card money of a dropped ticket not kept for refund");
            }
        }
    }
    q.ctx.status_changed();
}

/// The ledger's tender for an approved capture.
pub(crate) fn card_tender(reference: &TenderRef, capture_number: &str, last4: &str) -> Tender {
    Tender::Card(CardRef {
        reference: reference.as_str().to_string(),
        capture_number: capture_number.to_string(),
        last4: last4.to_string(),
    })
}
