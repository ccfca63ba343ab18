//! Writing a paid ticket: the ledger payment (opened, then covered by the cash), and for each
//! item its sale and outbox row, all in one durable commit before anything is sent.

use ventanilla_core::ledger::{LedgerPayment, PaymentStatus};
use ventanilla_core::ticket::DraftItem;
use ventanilla_core::{ClientTransactionId, Money};
use ventanilla_store::{NewSale, NewTicket, Tender};

use crate::context::Context;
use crate::error::UiError;
use crate::ticket::item::ItemDetail;

/// Writes the ticket of `items`, paid with `received` in cash (at least their total; the
/// caller has checked it), and wakes the sender. Returns the ticket's id.
pub(crate) fn journal_cash_ticket(
    ctx: &Context,
    items: &[DraftItem<ItemDetail>],
    received: Money,
    provisional: bool,
) -> Result<i64, UiError> {
    let l = ctx.locale();
    let now = ctx.now();
    let first = items
        .first()
        .ok_or_else(|| crate::ticket::words::empty_ticket(l))?;
    let mut total = Money::zero(first.amount.currency());
    for item in items {
        total = total
            .checked_add(item.amount)
            .map_err(|e| UiError::money(&e, l))?;
    }
    let mut payment =
        LedgerPayment::open(total, now).map_err(|e| crate::ticket::words::ledger_error(&e, l))?;
    let appended = payment
        .take_cash(received, now)
        .map_err(|e| crate::ticket::words::ledger_error(&e, l))?;
    if payment.status() != PaymentStatus::Completed {
        return Err(UiError::internal(l, "the cash does not cover the ticket"));
    }
    let change = appended
        .transactions
        .iter()
        .find_map(|t| match t {
            ventanilla_core::ledger::Transaction::Tender(t) => Some(t.change()),
            ventanilla_core::ledger::Transaction::Refund(_) => None,
        })
        .unwrap_or(Money::zero(total.currency()));
    let ids: Vec<ClientTransactionId> = items
        .iter()
        .map(|_| ctx.ids.client_transaction_id())
        .collect();
    let cfg = &ctx.cfg;
    let taxes = crate::arkadu::pay::reported_orders(ctx, items)?;
    let bills = items
        .iter()
        .zip(&ids)
        .filter_map(|(item, ctid)| {
            let ItemDetail::Bill { lookup_id, bill } = &item.detail else {
                return None;
            };
            Some(NewSale {
                client_transaction_id: ctid,
                lookup_id: *lookup_id,
                bill,
                amount: item.amount,
                tender: sale_tender(items.len(), item.amount, received, change),
                counter: &cfg.counter,
                cashier: &cfg.cashier,
                at: now,
                provisional,
            })
        })
        .collect();
    let inserted = ctx.store().insert_ticket(&NewTicket {
        taxes: taxes
            .iter()
            .map(|(doc_id, state)| ventanilla_store::TaxPayment { doc_id, state })
            .collect(),
        bills,
        payment: &payment,
        counter: &cfg.counter,
        cashier: &cfg.cashier,
        at: now,
    });
    // The journal lock is released above: a refused write also pauses the sender, whose
    // answers could not be recorded either.
    let id = inserted.map_err(|e| {
        ctx.journal_refused(&e);
        UiError::store(&e, l)
    })?;
    ctx.wake_sender();
    ctx.status_changed();
    Ok(id)
}

/// The cash a sale records as its own. A bill paid alone took the whole handful and gave the
/// change; an item of a larger ticket took its share (its amount, no change), the handful and
/// the change being the ticket's, in its ledger.
fn sale_tender(items: usize, amount: Money, received: Money, change: Money) -> Tender {
    if items == 1 {
        Tender::Cash { received, change }
    } else {
        Tender::Cash {
            received: amount,
            change: Money::zero(amount.currency()),
        }
    }
}
