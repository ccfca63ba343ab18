//! The counter's cashier handing back the money of rejected items. Each planned ticket says how
//! many tickets later this happens (`refund_lag`), so refunds land at seeded moments: right
//! away, a few customers later, across a kill, or only when the counter settles at the end.
//! What is still due is read from the app (the journal) each time, never remembered: a refund
//! confirmed before a kill is not confirmed again.

use std::collections::HashMap;

use ventanilla_app::views::{RefundState, TicketView};
use ventanilla_app::{UiError, Ventanilla};

use super::plan::Ticket;

/// Confirms the refunds due whose moment has come when the counter is about to take the
/// planned ticket `turn` (`None`: settling, every refund's moment has come). Returns how many
/// it confirmed.
pub fn confirm_due(
    app: &Ventanilla,
    plan: &[Ticket],
    turn: Option<usize>,
) -> Result<usize, UiError> {
    let turn_of: HashMap<&str, usize> = plan
        .iter()
        .enumerate()
        .flat_map(|(n, t)| t.bills.iter().map(move |b| (b.barcode.as_str(), n)))
        .collect();
    let mut confirmed = 0;
    for ticket in app.tickets_in_flight()? {
        let Some(id) = ticket.id else { continue };
        if !due_now(&ticket, plan, &turn_of, turn) {
            continue;
        }
        for item in ticket.items.iter().filter(|i| i.refund == RefundState::Due) {
            app.confirm_refund(id, item.position)?;
            println!("refunded {id} {}", item.position);
            confirmed += 1;
        }
    }
    Ok(confirmed)
}

/// Whether the ticket's refunds are to be handed back now. A ticket the plan does not know (it
/// cannot happen, but the checks would say so) is refunded at once, as a cashier would.
fn due_now(
    ticket: &TicketView,
    plan: &[Ticket],
    turn_of: &HashMap<&str, usize>,
    turn: Option<usize>,
) -> bool {
    let Some(turn) = turn else { return true };
    let planned = ticket
        .items
        .iter()
        .filter_map(|i| i.sale.as_ref()?.barcode.as_deref())
        .find_map(|b| turn_of.get(b).copied());
    match planned {
        Some(n) => n + plan[n].refund_lag < turn,
        None => true,
    }
}
