//! Creating, changing and canceling a tax order: each needs the platform to answer, so none is
//! queued; offline, the cashier is told so at once. An order the platform created is journaled
//! at once (a crash must not leave its debts held by an order nobody can find), and its debts
//! join the ticket being built.

use std::sync::Arc;

use ventanilla_core::arkadu::{
    item_key, step, DebtId, Effect, ItemAction, OrderEvent, OrderState, Refusal, TaxOrder,
};
use ventanilla_core::ticket::TicketError;
use ventanilla_gateways::GatewayError;

use crate::arkadu::gateway::{Arkadu, GATEWAY};
use crate::arkadu::lookup::read_doc_id;
use crate::arkadu::view::order_view;
use crate::arkadu::words;
use crate::error::UiError;
use crate::ticket::desk::TicketDesk;
use crate::ticket::item::ItemDetail;
use crate::ticket::words::ticket_error;
use crate::views::TaxOrderView;

/// The first refusal among `effects`, in the cashier's words.
fn refused(effects: &[Effect], l: crate::i18n::Locale) -> Option<UiError> {
    effects.iter().find_map(|e| match e {
        Effect::Refused(r) => Some(words::refusal(r, l)),
        _ => None,
    })
}

fn ids(typed: &[String]) -> Vec<DebtId> {
    typed.iter().filter_map(|id| DebtId::new(id)).collect()
}

/// Creates an order of the debts `debt_ids` of the taxpayer `doc`, and adds its debts to the
/// ticket being built.
pub(crate) async fn create(
    t: &Arkadu,
    desk: &TicketDesk,
    doc: &str,
    debt_ids: &[String],
) -> Result<TaxOrderView, UiError> {
    let l = t.locale();
    let doc = read_doc_id(t, doc)?.to_string();
    let wanted = ids(debt_ids);
    if wanted.is_empty() {
        return Err(words::nothing_selected(l));
    }
    // A ticket holds one currency: say so before the platform holds the debts for nothing.
    if let Some(ticket) = desk.editable(l)?.currency() {
        if ticket != t.currency {
            return Err(ticket_error(
                &TicketError::CurrencyMismatch {
                    ticket,
                    item: t.currency,
                },
                l,
            ));
        }
    }
    t.ctx.ensure_journal_trusted()?;
    let _one = t.changing.lock().await;
    let order = t
        .call(t.client.create_order(&wanted))
        .await
        .map_err(|e| create_failed(&e, l))?;
    let (state, effects) = step(
        &OrderState::Creating { items: Vec::new() },
        OrderEvent::Created(order.clone()),
    );
    if let Some(e) = refused(&effects, l) {
        return Err(e);
    }
    let id = t.save(&doc, &state)?;
    if let Err(e) = join_ticket(desk, id, &doc, &order, l) {
        // The ticket cannot take it: let the platform free the debts again.
        cancel_quietly(t, id).await;
        return Err(e);
    }
    view(t, id)
}

/// Adds or removes debts of the open order `id`; the ticket being built follows.
pub(crate) async fn change(
    t: &Arkadu,
    desk: &TicketDesk,
    id: i64,
    action: ItemAction,
    debt_ids: &[String],
) -> Result<TaxOrderView, UiError> {
    let l = t.locale();
    let wanted = ids(debt_ids);
    if wanted.is_empty() {
        return Err(words::nothing_selected(l));
    }
    drop(desk.editable(l)?);
    let _one = t.changing.lock().await;
    let record = t.current(id)?;
    if let OrderState::Expired { .. } = record.state {
        // Past its expiry the order can only leave the ticket: say so, not "no longer possible".
        return Err(words::expired(l));
    }
    let now = t.ctx.now();
    let event = match action {
        ItemAction::Remove => OrderEvent::Remove { ids: wanted, now },
        ItemAction::Add => {
            // The debts' amounts and words are the platform's: look them up again.
            let doc = read_doc_id(t, &record.doc_id)?;
            let owed = t
                .call(t.client.pending_debts(&doc))
                .await
                .map_err(|e| words::gateway(&e, l))?;
            let mut items = Vec::new();
            for id in &wanted {
                let debt =
                    owed.iter().find(|d| &d.id == id).cloned().ok_or_else(|| {
                        words::refusal(&Refusal::UnknownItem { id: id.clone() }, l)
                    })?;
                items.push(debt);
            }
            OrderEvent::Add { items, now }
        }
    };
    let (changing, effects) = step(&record.state, event);
    if let Some(e) = refused(&effects, l) {
        if changing != record.state {
            t.save(&record.doc_id, &changing)?;
        }
        return Err(e);
    }
    let Some(Effect::ChangeItems {
        order_id,
        action,
        pending_ids,
    }) = effects.into_iter().next()
    else {
        return view(t, id);
    };
    let answer = t
        .call(t.client.change_items(&order_id, action, &pending_ids))
        .await;
    let order = match answer {
        Ok(order) => order,
        Err(e) => return Err(words::gateway(&e, l)),
    };
    let (state, effects) = step(&changing, OrderEvent::Updated(order.clone()));
    if let Some(e) = refused(&effects, l) {
        return Err(e);
    }
    t.save(&record.doc_id, &state)?;
    take_off_ticket(desk, id);
    join_ticket(desk, id, &record.doc_id, &order, l)?;
    view(t, id)
}

/// Cancels the open order `id` at the platform and takes its debts off the ticket being built.
/// An expired order is only taken off: the platform let its debts go at its expiry.
pub(crate) async fn cancel(
    t: &Arkadu,
    desk: &TicketDesk,
    id: i64,
) -> Result<TaxOrderView, UiError> {
    let l = t.locale();
    drop(desk.editable(l)?);
    let _one = t.changing.lock().await;
    let record = t.current(id)?;
    if let OrderState::Expired { order } = &record.state {
        // Not waited for, so an expired order leaves the ticket even offline; it still goes
        // because this PC's clock may run ahead of the platform's, whose order would otherwise
        // hold the debts a little longer. Any answer is fine: the order is over either way.
        let (ctx, client, order_id) = (Arc::clone(&t.ctx), t.client.clone(), order.id().clone());
        t.ctx.spawn(async move {
            if let Err(e) = ctx.call(GATEWAY, client.cancel(&order_id)).await {
                tracing::debug!(order = %order_id, error = %e, "expired tax order not canceled");
            }
        });
        take_off_ticket(desk, id);
        return view(t, id);
    }
    let (state, effects) = step(&record.state, OrderEvent::Cancel);
    if let Some(e) = refused(&effects, l) {
        return Err(e);
    }
    if let Some(Effect::SendCancel { order_id }) = effects.first() {
        match t.call(t.client.cancel(order_id)).await {
            Ok(()) => {}
            // Gone already at the platform (expired, canceled there): nothing holds the debts.
            Err(GatewayError::Refused { .. }) | Err(GatewayError::NotFound) => {}
            Err(e) => return Err(words::gateway(&e, l)),
        }
    }
    t.save(&record.doc_id, &state)?;
    take_off_ticket(desk, id);
    view(t, id)
}

/// Takes the debts of the order `id` off the ticket being built.
fn take_off_ticket(desk: &TicketDesk, id: i64) {
    let mut draft = desk.draft();
    let keys: Vec<_> = draft
        .items()
        .iter()
        .filter(|i| matches!(i.detail, ItemDetail::TaxDebt { order, .. } if order == id))
        .map(|i| i.key.clone())
        .collect();
    for key in keys {
        let _ = draft.remove(&key);
    }
}

/// Cancels each of `orders` without a ticket (abandoned with the ticket, or left open by a
/// crash); a failure leaves the order to expire at the platform.
pub(crate) async fn cancel_quietly(t: &Arkadu, id: i64) {
    let desk = TicketDesk::default();
    let _ = cancel(t, &desk, id).await.map_err(|e| {
        tracing::warn!(order = id, error = %e.message, "tax order not canceled; it will expire")
    });
}

impl Arkadu {
    pub fn cancel_in_background(self: &Arc<Self>, orders: Vec<i64>) {
        if orders.is_empty() {
            return;
        }
        let t = Arc::clone(self);
        self.ctx.spawn(async move {
            for id in orders {
                cancel_quietly(&t, id).await;
            }
        });
    }
}

pub(crate) fn view(t: &Arkadu, id: i64) -> Result<TaxOrderView, UiError> {
    let record = t.order(id)?;
    order_view(&record, t.ctx.now(), t.locale())
        .ok_or_else(|| UiError::internal(t.locale(), "a journaled tax order without its order"))
}

fn create_failed(e: &GatewayError, l: crate::i18n::Locale) -> UiError {
    tracing::warn!(error = %e, "tax order not created");
    if e.is_transient() {
        // The platform may have created it: its debts may be held until it expires.
        let base = words::gateway(e, l);
        return UiError::new(
            base.code,
            l.pick(
                format!("{} Si al reintentar dice que las deudas ya están en otra orden, esa orden vence sola en unas horas.", base.message),
                format!("{} If a retry says the debts are in another order, that order expires by itself within hours.", base.message),
            ),
        );
    }
    words::gateway(e, l)
}

/// Adds the order's debts to the ticket being built, all or none.
fn join_ticket(
    desk: &TicketDesk,
    id: i64,
    doc: &str,
    order: &TaxOrder,
    l: crate::i18n::Locale,
) -> Result<(), UiError> {
    let mut draft = desk.draft();
    let before = draft.clone();
    for debt in order.items() {
        let added = draft.add(
            item_key(&debt.id),
            debt.amount,
            ItemDetail::TaxDebt {
                order: id,
                order_id: order.id().clone(),
                doc_id: doc.to_string(),
                debt: debt.clone(),
            },
        );
        if let Err(e) = added {
            *draft = before;
            return Err(ticket_error(&e, l));
        }
    }
    Ok(())
}

/// At start: orders the last run created and never got paid (the ticket that held them was
/// lost with it) are canceled, so the platform frees their debts now instead of in hours.
pub(crate) fn cancel_orphans(t: &Arc<Arkadu>) -> Result<(), UiError> {
    let l = t.locale();
    let open = t
        .ctx
        .read(|s| s.tax_orders_in(&[ventanilla_core::arkadu::OrderPhase::Open]))
        .map_err(|e| UiError::store(&e, l))?;
    t.cancel_in_background(open.into_iter().map(|r| r.id).collect());
    Ok(())
}
