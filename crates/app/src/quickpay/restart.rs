//! At start: a card the last run was waiting for is given up (its ticket was lost with that
//! run; a capture that still comes is kept for a refund), and a card it approved that no ticket
//! took is money without a sale.

use ventanilla_core::quickpay::{step, CardEvent, CardPhase};
use ventanilla_store::{NewStray, StrayCause};

use crate::error::UiError;
use crate::quickpay::gateway::Quickpay;

pub(crate) fn settle_leftovers(q: &Quickpay) -> Result<(), UiError> {
    let l = q.locale();
    let _one = q.changing();
    let now = q.ctx.now();
    let waiting = q
        .ctx
        .store()
        .card_untaken(CardPhase::Waiting)
        .map_err(|e| UiError::store(&e, l))?;
    for record in waiting {
        let (state, _) = step(&record.attempt, CardEvent::Abandon);
        q.ctx
            .store()
            .card_write(Some(&state), &[], None, now)
            .map_err(|e| UiError::store(&e, l))?;
    }
    let approved = q
        .ctx
        .store()
        .card_untaken(CardPhase::Approved)
        .map_err(|e| UiError::store(&e, l))?;
    for record in &approved {
        let Some(capture) = record.attempt.capture() else {
            continue;
        };
        let stray = NewStray {
            capture,
            amount: capture.amount().unwrap_or(record.asked),
            cause: StrayCause::TicketDropped,
        };
        q.ctx
            .store()
            .card_write(None, &[stray], None, now)
            .map_err(|e| UiError::store(&e, l))?;
    }
    Ok(())
}
