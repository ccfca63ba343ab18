//! Paying a tax order with the ticket that holds it: its report is fixed here (a reference
//! chosen once) and written with the ticket, so every retry of the outbox sends exactly it.

use ventanilla_core::arkadu::{step, Effect, OrderEvent, OrderState, PaymentReference};
use ventanilla_core::ticket::DraftItem;

use crate::arkadu::words;
use crate::context::Context;
use crate::error::UiError;
use crate::ticket::item::ItemDetail;

/// Each tax order among `items`, as it stands once its payment is reported (with its
/// taxpayer's document id). Refused whole when an order expired, or when the ticket lacks one
/// of its debts (the total reported is the order's, never a part of it).
pub(crate) fn reported_orders(
    ctx: &Context,
    items: &[DraftItem<ItemDetail>],
) -> Result<Vec<(String, OrderState)>, UiError> {
    let l = ctx.locale();
    let mut orders: Vec<i64> = Vec::new();
    for item in items {
        if let ItemDetail::TaxDebt { order, .. } = item.detail {
            if !orders.contains(&order) {
                orders.push(order);
            }
        }
    }
    let now = ctx.now();
    let mut out = Vec::new();
    for id in orders {
        let record = ctx
            .read(|s| s.tax_order(id))
            .map_err(|e| UiError::store(&e, l))?;
        let in_ticket = |debt: &ventanilla_core::arkadu::DebtId| {
            items.iter().any(|i| {
                matches!(&i.detail, ItemDetail::TaxDebt { order, debt: d, .. }
                    if *order == id && &d.id == debt)
            })
        };
        if let Some(order) = record.state.order() {
            if !order.items().iter().all(|d| in_ticket(&d.id)) {
                return Err(words::remove_through_order(l));
            }
        }
        let reference = PaymentReference::new(ctx.ids.client_transaction_id().as_str())
            .ok_or_else(|| UiError::internal(l, "a blank payment reference"))?;
        let (state, effects) = step(&record.state, OrderEvent::ReportPayment { reference, now });
        match effects.first() {
            Some(Effect::SendReport { .. }) => out.push((record.doc_id, state)),
            Some(Effect::Refused(r)) => return Err(words::refusal(r, l)),
            _ => {
                return Err(words::refusal(
                    &ventanilla_core::arkadu::Refusal::NotNow {
                        phase: record.state.phase(),
                    },
                    l,
                ))
            }
        }
    }
    Ok(out)
}
