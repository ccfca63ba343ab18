//! A paid ticket after payment: its items' outcomes, the refunds the cashier confirms, and the
//! tickets still in flight. A ticket is settled once every item is final and every refund handed
//! back; the journal marks it so, and the list of tickets in flight no longer shows it.

use std::sync::Arc;

use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use ventanilla_store::{StoreError, BILL_GATEWAY};

use crate::context::Context;
use crate::error::UiError;
use crate::ipc::events::Event;
use crate::ticket::loaded::load;
use crate::ticket::view::paid_view;
use crate::ticket::words::{ledger_error, ticket_error};
use crate::views::TicketView;

/// A paid ticket as it stands; marks it settled in the journal when it just became so.
pub(crate) fn view(ctx: &Context, id: i64) -> Result<TicketView, UiError> {
    let l = ctx.locale();
    let t = ctx
        .read(|store| store.in_one_snapshot(|store| load(store, id)))
        .map_err(|e| UiError::store(&e, l))?;
    let s = t
        .record
        .payment
        .settle(&t.outcomes)
        .map_err(|e| ledger_error(&e, l))?;
    if s.is_settled() && t.record.ticket.settled_at.is_none() {
        // Bookkeeping for the list of tickets in flight, not money: a journal refusing writes
        // just lists it again next time, and the ticket is still shown as it stands.
        if let Err(e) = ctx.store().mark_ticket_settled(id, ctx.now()) {
            tracing::warn!(error = %e, ticket = id, "could not mark the ticket settled");
        }
    }
    Ok(paid_view(&t, &s, &ctx.cfg, ctx.now()))
}

/// The cashier confirms that the rejected item at `position` was handed back to the customer.
pub(crate) fn confirm_refund(
    ctx: &Context,
    ticket_id: i64,
    position: u32,
) -> Result<TicketView, UiError> {
    let l = ctx.locale();
    ctx.ensure_journal_trusted()?;
    {
        let mut store = ctx.store();
        let mut t = load(&store, ticket_id).map_err(|e| UiError::store(&e, l))?;
        let key = t
            .record
            .items
            .iter()
            .find(|i| i.position == position)
            .map(|i| i.key.clone())
            .ok_or_else(|| ticket_error(&ventanilla_core::ticket::TicketError::NotInTicket, l))?;
        let appended = t
            .record
            .payment
            .refund(&t.outcomes, &key, ctx.now())
            .map_err(|e| ledger_error(&e, l))?;
        let written = store.append_payment(ticket_id, &appended);
        drop(store);
        written.map_err(|e| {
            ctx.journal_refused(&e);
            UiError::store(&e, l)
        })?;
    }
    ctx.status_changed();
    let v = view(ctx, ticket_id)?;
    ctx.events.emit(Event::TicketChanged(v.clone()));
    Ok(v)
}

/// Tickets with an item not final or a refund not confirmed, oldest first.
pub(crate) fn in_flight(ctx: &Context) -> Result<Vec<TicketView>, UiError> {
    let l = ctx.locale();
    let ids: Vec<i64> = ctx
        .store()
        .unsettled_tickets()
        .map_err(|e| UiError::store(&e, l))?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let mut out = Vec::new();
    for id in ids {
        let v = view(ctx, id)?;
        if !v.settled {
            out.push(v);
        }
    }
    Ok(out)
}

/// Tells the screen about the ticket of every sale that changes, for as long as the app runs.
/// Changes heard together are taken together: a ticket is read once for all of its own.
pub(crate) fn start_watch(ctx: Arc<Context>) {
    let mut changes = ctx.sale_changes();
    let task_ctx = Arc::clone(&ctx);
    ctx.spawn(async move {
        let ctx = task_ctx;
        let mut stop = ctx.stopping();
        let mut told = Told::default();
        while !*stop.borrow() {
            let first = tokio::select! {
                changed = changes.recv() => match changed {
                    Ok(id) => id,
                    // Missed some: the screen re-reads what it shows on the next change.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => break,
                },
                _ = stop.changed() => continue,
            };
            let mut sales = vec![first];
            loop {
                match changes.try_recv() {
                    Ok(id) if !sales.contains(&id) => sales.push(id),
                    Ok(_) | Err(TryRecvError::Lagged(_)) => {}
                    Err(_) => break,
                }
            }
            let mut tickets = Vec::new();
            for sale_id in sales {
                match worth_a_look(&ctx, sale_id) {
                    Ok(Some(id)) if !tickets.contains(&id) => tickets.push(id),
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, sale = sale_id, "ticket of a sale unavailable")
                    }
                }
            }
            for id in tickets {
                match view(&ctx, id) {
                    Ok(v) if told.is_news(&v) => ctx.events.emit(Event::TicketChanged(v)),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e.message, ticket = id, "ticket unavailable"),
                }
            }
        }
    });
}

/// The ticket to look at after a change of `sale_id`. None for a sale of no ticket, and for
/// one still on its way in a ticket of that bill alone: such a ticket is neither news (its
/// sale's own event tells the screen, see [`Told`]) nor settled, and reading it whole for
/// each step of a backlog being drained would cost more than sending the sales.
fn worth_a_look(ctx: &Context, sale_id: i64) -> Result<Option<i64>, StoreError> {
    ctx.read(|store| {
        let Some((ticket, items)) = store.ticket_and_size_of(BILL_GATEWAY, sale_id)? else {
            return Ok(None);
        };
        if items == 1 && !store.sale(sale_id)?.state.is_final() {
            return Ok(None);
        }
        Ok(Some(ticket))
    })
}

/// The phase last told for recent tickets of one bill. Each event is a script run in the web
/// view, so one that says nothing new is not sent: a ticket of one bill is news only when its
/// phase moves (the bill's own `sale-changed` tells the rest), while a ticket of several bills
/// is news on every change (its lines and sums move).
#[derive(Default)]
struct Told {
    phases: std::collections::VecDeque<(i64, String)>,
}

/// Enough for every ticket a counter can have in flight at once.
const TOLD_KEPT: usize = 256;

impl Told {
    fn is_news(&mut self, ticket: &TicketView) -> bool {
        let Some(id) = ticket.id else { return true };
        if ticket.items.len() > 1 {
            return true;
        }
        if let Some(at) = self.phases.iter().position(|(t, _)| *t == id) {
            if self.phases[at].1 == ticket.phase {
                return false;
            }
            self.phases.remove(at);
        } else if ticket.phase == "waiting" {
            // A bill still on its way: its sale's own events say so.
            return false;
        }
        if self.phases.len() == TOLD_KEPT {
            self.phases.pop_front();
        }
        self.phases.push_back((id, ticket.phase.clone()));
        true
    }
}
