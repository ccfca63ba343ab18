//! Writing a paid ticket: the ledger payment (opened, then covered by its card and wallet
//! charges and the cash), and for each item its sale and outbox row, all in one durable commit
//! before anything is sent.

use ventanilla_core::ledger::{LedgerPayment, PaymentStatus};
use ventanilla_core::ticket::DraftItem;
use ventanilla_core::{ClientTransactionId, Money};
use ventanilla_store::{NewSale, NewTicket, Tender};

use crate::context::Context;
use crate::error::UiError;
use crate::ticket::charges::AcceptedCharge;
use crate::ticket::item::ItemDetail;

/// Writes the ticket of `items`, paid with the accepted `charges` and `cash` (at least what the
/// charges leave owed; none when they cover it all: the caller has checked it), and wakes the
/// sender. Returns the ticket's id.
pub(crate) fn journal_ticket(
    ctx: &Context,
    items: &[DraftItem<ItemDetail>],
    charges: &[AcceptedCharge],
    cash: Option<Money>,
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
    let ledger =
        |e: ventanilla_core::ledger::LedgerError| crate::ticket::words::ledger_error(&e, l);
    let mut payment = LedgerPayment::open(total, now).map_err(ledger)?;
    for c in charges {
        payment
            .take_charge(c.tender.clone(), c.amount, c.at)
            .map_err(ledger)?;
    }
    let (received, change) = match cash {
        Some(received) => {
            let appended = payment.take_cash(received, now).map_err(ledger)?;
            let change = appended
                .transactions
                .iter()
                .find_map(|t| match t {
                    ventanilla_core::ledger::Transaction::Tender(t) => Some(t.change()),
                    ventanilla_core::ledger::Transaction::Refund(_) => None,
                })
                .unwrap_or(Money::zero(total.currency()));
            (received, change)
        }
        None => (Money::zero(total.currency()), Money::zero(total.currency())),
    };
    if payment.status() != PaymentStatus::Completed {
        return Err(UiError::internal(l, "the tenders do not cover the ticket"));
    }
    // A bill paid alone in cash records the handful and the change as its own; any other
    // bill records its share, the tenders being the ticket's.
    let alone_in_cash = items.len() == 1 && charges.is_empty();
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
                tender: sale_tender(alone_in_cash, item.amount, received, change),
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

/// The cash a sale records as its own. A bill paid alone in cash took the whole handful and
/// gave the change; any other item took its share (its amount, no change), the tenders and the
/// change being the ticket's, in its ledger.
fn sale_tender(alone_in_cash: bool, amount: Money, received: Money, change: Money) -> Tender {
    if alone_in_cash {
        Tender::Cash { received, change }
    } else {
        Tender::Cash {
            received: amount,
            change: Money::zero(amount.currency()),
        }
    }
}
