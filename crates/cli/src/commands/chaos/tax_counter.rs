//! The counter's cashier taking the planned tax tickets, as the screen does (F3): an order of
//! the taxpayer's debts created at the platform (its debts join a fresh ticket), then the whole
//! handful of cash taken; the report and the callbacks follow in the background.
//!
//! Which planned tax tickets are already taken is read from the journal (an order paid at the
//! counter holds its debts), never remembered: a ticket killed before its cash is taken again,
//! one killed after it is not.

use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;

use tokio::time::Instant;
use ventanilla_app::{ErrorCode, UiError, Ventanilla};

use super::tax_journal;
use super::tax_tickets::TaxTicket;
use super::typed_amount::typed;

/// How long the chaos platform keeps an unpaid order: the real four hours compressed, as every
/// other wait of the harness is. An order created but never journaled (its answer lost to a
/// kill) holds its debts this long, and a report must reach the platform within it.
pub const ORDER_TTL: Duration = Duration::from_secs(20);
/// Debts held by another order are waited for this long before the counter gives up: past the
/// order lifetime they can only be held by a payment the journal lost.
const HOLD_WAIT: Duration = Duration::from_secs(ORDER_TTL.as_secs() + 10);
const RETRY: Duration = Duration::from_millis(300);

/// The planned tax tickets not yet taken, in turn order, and how many are.
pub fn todo<'a>(
    plan: &'a [TaxTicket],
    journal: &Path,
) -> Result<(usize, VecDeque<&'a TaxTicket>), String> {
    let paid = tax_journal::paid_debts(journal)?;
    let (done, todo): (Vec<&TaxTicket>, Vec<&TaxTicket>) = plan
        .iter()
        .partition(|t| t.debts.iter().any(|d| paid.contains(&d.id)));
    Ok((done.len(), todo.into()))
}

/// Takes every waiting tax ticket whose turn has come before the bill ticket `turn` (all of
/// them with `usize::MAX`), telling the controller each as a bill ticket is told.
pub async fn take_due(
    app: &Ventanilla,
    todo: &mut VecDeque<&TaxTicket>,
    turn: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    while let Some(t) = todo.front().copied().filter(|t| t.turn <= turn) {
        let id = take(app, t).await?;
        todo.pop_front();
        println!("journaled {id} {}", t.debts.len());
    }
    Ok(())
}

/// One taxpayer: the order created, then the cash for the whole ticket. Returns the paid
/// ticket's id, durably in the journal with the order's report queued.
async fn take(app: &Ventanilla, t: &TaxTicket) -> Result<i64, Box<dyn std::error::Error>> {
    app.ticket_abandon();
    tokio::time::sleep(Duration::from_millis(t.pause_ms)).await;
    let order = create(app, t).await?;
    tokio::time::sleep(Duration::from_millis(t.count_ms)).await;
    match app.ticket_pay_cash(&typed(app, t.received)) {
        Ok(paid) => Ok(paid.id.ok_or("a paid ticket without an id")?),
        Err(e) => {
            // Nothing was paid: free the debts at the platform now.
            let _ = app.tax_cancel_order(order.id).await;
            Err(format!("tax ticket of {}: {}", t.doc_id, e.message).into())
        }
    }
}

/// The order, asking again while the platform is unreachable (nothing is held then, or the
/// order is lost with its answer and expires) and while its debts are held by another order:
/// one this counter left open before a kill is canceled by the next start, in the
/// background, and one whose answer was lost expires within [`ORDER_TTL`].
async fn create(
    app: &Ventanilla,
    t: &TaxTicket,
) -> Result<ventanilla_app::views::TaxOrderView, UiError> {
    let ids: Vec<String> = t.debts.iter().map(|d| d.id.clone()).collect();
    let give_up = Instant::now() + HOLD_WAIT;
    loop {
        match app.tax_create_order(&t.doc_id, &ids).await {
            Ok(order) => return Ok(order),
            Err(e) if e.code == ErrorCode::Offline => {}
            Err(e) if e.code == ErrorCode::Duplicate && Instant::now() < give_up => {}
            Err(e) => return Err(e),
        }
        tokio::time::sleep(RETRY).await;
    }
}

/// Tax orders still waiting for the platform (their report or callbacks), but for those whose
/// report is parked for a person.
pub fn in_flight(app: &Ventanilla, journal: &Path) -> Result<usize, UiError> {
    let parked = tax_journal::attention_ids(journal);
    Ok(app
        .tax_orders_in_flight()?
        .iter()
        .filter(|o| !parked.contains(&o.id))
        .count())
}
