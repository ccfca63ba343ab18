//! Applies the captures the webhook stored, in the order received, idempotently: the first
//! verdict decides a waiting card; the same capture again changes nothing; an accepted capture
//! no sale can use (late, after the cashier gave up, a second charge) is kept as money without
//! a sale, for a refund. An approved card joins the ticket being built, and a ticket it covers
//! is paid at once.

use std::sync::Arc;

use ventanilla_core::quickpay::{step, CardAttempt, CardCapture, CardEffect, CardEvent, CardPhase};
use ventanilla_store::{InboxEntry, NewStray, Settlement, StrayCause};

use crate::quickpay::gateway::Quickpay;
use crate::quickpay::start::card_tender;
use crate::quickpay::words;
use crate::webhooks::applier::{ApplyOutcome, Applying, InboxApplier};

pub(crate) struct CaptureApplier(pub Arc<Quickpay>);

impl InboxApplier for CaptureApplier {
    fn apply<'a>(&'a self, entry: &'a InboxEntry) -> Applying<'a> {
        Box::pin(async move { apply(&self.0, entry) })
    }
}

fn apply(q: &Quickpay, entry: &InboxEntry) -> ApplyOutcome {
    let Ok(capture) = serde_json::from_slice::<CardCapture>(&entry.body) else {
        return ApplyOutcome::Settled(Settlement::Refused("not a card capture".into()));
    };
    let reference = capture.reference().as_str().to_string();
    let one = q.changing();
    let found = q.ctx.read(|s| s.card_attempt(&reference));
    let (attempt, asked) = match found {
        Ok(Some(record)) => (record.attempt, record.asked),
        Ok(None) => {
            return ApplyOutcome::Settled(Settlement::KeptForReview(format!(
                "a card capture for tender {reference}, which this counter does not have"
            )))
        }
        Err(_) => return ApplyOutcome::NotYet("the journal could not be read"),
    };
    let (state, effects) = step(&attempt, CardEvent::Captured(capture));
    let (strays, review) = what_effects_leave(&attempt, asked, &effects);
    let settlement = match review {
        Some(why) => Settlement::KeptForReview(why),
        None => Settlement::Applied,
    };
    let changed = state != attempt;
    let now = q.ctx.now();
    let written = q.ctx.store().card_write(
        changed.then_some(&state),
        &strays,
        Some((entry.id, &settlement)),
        now,
    );
    match written {
        Ok(true) => {}
        // Settled by an earlier run, with its effect: nothing more to do.
        Ok(false) => return ApplyOutcome::Settled(settlement),
        Err(e) => {
            q.ctx.journal_refused(&e);
            return ApplyOutcome::NotYet("the journal refused the capture");
        }
    }
    if changed {
        tell_desk(q, &attempt, &state, asked);
    }
    drop(one);
    if !strays.is_empty() {
        q.ctx.status_changed();
    }
    ApplyOutcome::Settled(settlement)
}

/// The strays to keep and what the supervisor should look at, from the machine's effects.
fn what_effects_leave<'a>(
    before: &CardAttempt,
    asked: ventanilla_core::Money,
    effects: &'a [CardEffect],
) -> (Vec<NewStray<'a>>, Option<String>) {
    let mut strays = Vec::new();
    let mut review = None;
    for effect in effects {
        match effect {
            CardEffect::MoneyWithoutSale(c) => {
                let cause = if before.phase() == CardPhase::Approved {
                    StrayCause::SecondCharge
                } else {
                    StrayCause::Late
                };
                strays.push(NewStray {
                    capture: c,
                    amount: c.amount().unwrap_or(asked),
                    cause,
                });
            }
            CardEffect::AmountMismatch { expected, charged } => {
                review = Some(format!(
                    "the terminal charged {charged} where {expected} was asked"
                ))
            }
            CardEffect::ConflictingCapture(c) => {
                review = Some(format!(
                    "capture {} came again with other content",
                    c.id().as_str()
                ))
            }
            CardEffect::Refused(r) => review = Some(format!("capture refused: {r:?}")),
        }
    }
    (strays, review)
}

/// An attempt was decided: the ticket being built takes the card, or hears why not. A ticket
/// the card covers is paid at once.
fn tell_desk(
    q: &Quickpay,
    before: &CardAttempt,
    after: &CardAttempt,
    asked: ventanilla_core::Money,
) {
    let reference = after.reference().as_str().to_string();
    let now = q.ctx.now();
    match after {
        CardAttempt::Approved { capture, .. } if before.phase() == CardPhase::Waiting => {
            let tender = card_tender(
                capture.reference(),
                capture.capture_number(),
                capture.last4().as_str(),
            );
            let taken = q.desk.charges().accept(&reference, tender, now);
            if !taken {
                // Journaled as approved and no ticket will take it: the card's money goes back.
                let stray = NewStray {
                    capture,
                    amount: capture.amount().unwrap_or(asked),
                    cause: StrayCause::TicketDropped,
                };
                if let Err(e) = q.ctx.store().card_write(None, &[stray], None, now) {
                    tracing::error!(error = %e, "card money without a ticket not kept for refund");
                }
                return;
            }
            match crate::ticket::pay::pay_by_charges(&q.traxion, &q.desk) {
                Ok(Some(id)) => crate::ticket::announce::paid(&q.ctx, id),
                Ok(None) => {}
                // The card stays on the ticket; the cashier sees the message on Cobrar.
                Err(e) => tracing::warn!(error = %e.message, "ticket covered by card not paid yet"),
            }
        }
        CardAttempt::Declined { capture, .. } => {
            q.desk
                .charges()
                .fail(&reference, words::declined(capture, q.locale()));
        }
        _ => {}
    }
    crate::ticket::announce::draft(&q.ctx, &q.desk);
}
