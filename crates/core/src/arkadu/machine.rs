//! The life of one tax order as a pure function: `step(state, event) -> (state, effects)`.
//!
//! The rules, each enforced here and nowhere else:
//! - debts are chosen in `Draft`; once created, items change only while `Open`, not expired and
//!   with no other change on its way, and the total is always the exact sum of the items;
//! - a payment is reported at most once, with one reference, and never at or after `expire_at`;
//! - callbacks are matched by order, reference and item; a callback for an item the order does
//!   not have, or with another reference, changes nothing and is reported;
//! - an item never goes back to pending, a repeated callback changes nothing, and one older
//!   than what the item already shows is ignored; a success later turned into an error
//!   (an annulment) is applied and reported, because the customer's money must go back;
//! - a `Complete` order never goes back to processing.
//!
//! Time comes in with the events that need it; nothing here reads a clock.

use chrono::{DateTime, Utc};

use super::callback::{ItemCallback, ItemResult, PlatformOrderStatus};
use super::debt::{DebtId, DebtItem};
use super::event::{Effect, ItemAction, Notice, OrderEvent, Refusal};
use super::expiry::expiry;
use super::order::{sum, OrderError, TaxOrder};
use super::state::{CancelSource, Delivery, ItemStatus, OrderState, Settlement};

type Step = (OrderState, Vec<Effect>);

pub fn step(state: &OrderState, event: OrderEvent) -> Step {
    use OrderEvent as E;
    use OrderState as S;

    let keep = |effects: Vec<Effect>| (state.clone(), effects);
    let refuse = |r: Refusal| keep(vec![Effect::Refused(r)]);
    let notice = |n: Notice| keep(vec![Effect::Noticed(n)]);
    let phase = state.phase();

    match (state, event) {
        (S::Draft { items }, E::Select(item)) => select(items, item).unwrap_or_else(refuse),
        (S::Draft { items }, E::Deselect(id)) => match items.iter().position(|i| i.id == id) {
            Some(at) => {
                let mut items = items.clone();
                items.remove(at);
                (S::Draft { items }, vec![])
            }
            None => refuse(Refusal::UnknownItem { id }),
        },
        (S::Draft { items }, E::Submit) if items.is_empty() => {
            refuse(Refusal::Invalid(OrderError::NoItems))
        }
        (S::Draft { items }, E::Submit) => (
            S::Creating {
                items: items.clone(),
            },
            vec![Effect::CreateOrder {
                pending_ids: ids(items),
            }],
        ),

        (S::Creating { .. }, E::Created(order)) => (
            S::Open {
                order,
                changing: false,
            },
            vec![],
        ),
        (S::Creating { items }, E::CreateRefused(refusal)) => (
            S::Draft {
                items: items.clone(),
            },
            vec![Effect::Refused(Refusal::Platform(refusal))],
        ),
        (S::Creating { items }, E::CreateLost) => (
            S::Draft {
                items: items.clone(),
            },
            vec![Effect::Noticed(Notice::CreateOutcomeUnknown)],
        ),

        (S::Open { order, changing }, E::Add { items, now }) => {
            open_command(order, *changing, now, |o| add(o, items))
        }
        (S::Open { order, changing }, E::Remove { ids, now }) => {
            open_command(order, *changing, now, |o| remove(o, ids))
        }
        (S::Open { order, .. }, E::Updated(updated)) if updated.id() != order.id() => {
            notice(Notice::WrongOrder {
                expected: order.id().clone(),
                found: updated.id().clone(),
            })
        }
        (S::Open { .. }, E::Updated(order)) => (
            S::Open {
                order,
                changing: false,
            },
            vec![],
        ),
        (
            S::Open {
                order,
                changing: true,
            },
            E::ChangeRefused(refusal),
        ) => (
            S::Open {
                order: order.clone(),
                changing: false,
            },
            vec![Effect::Refused(Refusal::Platform(refusal))],
        ),
        (
            S::Open {
                order,
                changing: true,
            },
            E::ChangeLost,
        ) => (
            S::Open {
                order: order.clone(),
                changing: false,
            },
            vec![Effect::Noticed(Notice::ChangeOutcomeUnknown)],
        ),
        (S::Open { order, changing }, E::ReportPayment { reference, now }) => {
            open_command(order, *changing, now, |o| {
                let settlement = Settlement::new(o, reference, now);
                let effect = Effect::SendReport {
                    order_id: o.id().clone(),
                    report: settlement.report.clone(),
                };
                Ok((
                    S::Reported {
                        order: o.clone(),
                        settlement,
                    },
                    vec![effect],
                ))
            })
        }
        // Cancelling an expired order is harmless: the platform has let it go already.
        (S::Open { order, .. }, E::Cancel) => (
            S::Canceled {
                order: order.clone(),
                by: CancelSource::Cashier,
                settlement: None,
            },
            vec![Effect::SendCancel {
                order_id: order.id().clone(),
            }],
        ),
        (S::Open { order, .. }, E::Tick { now }) if expiry(order.expire_at(), now).is_expired() => {
            (
                S::Expired {
                    order: order.clone(),
                },
                vec![],
            )
        }

        (S::Expired { .. }, E::ReportPayment { .. }) => refuse(Refusal::Expired),
        (_, E::ReportPayment { reference, .. }) => match state.settlement() {
            // The same report again (a retry from the screen): nothing new happens.
            Some(s) if s.report.reference == reference => keep(vec![]),
            Some(s) => refuse(Refusal::AlreadyReported {
                reference: s.report.reference.clone(),
            }),
            None => refuse(Refusal::NotNow { phase }),
        },
        (S::Reported { order, settlement }, E::ReportAccepted) => (
            S::Reported {
                order: order.clone(),
                settlement: Settlement {
                    delivery: Delivery::Sent,
                    ..settlement.clone()
                },
            },
            vec![],
        ),
        // Callbacks may overtake the acknowledgement, which then says nothing new.
        (S::Processing { .. } | S::Complete { .. } | S::Canceled { .. }, E::ReportAccepted) => {
            keep(vec![])
        }
        (S::Reported { order, settlement }, E::ReportRefused(refusal)) => (
            S::ReportRefused {
                order: order.clone(),
                settlement: settlement.clone(),
                refusal,
            },
            vec![],
        ),
        (_, E::Callback(callback)) => on_callback(state, callback),

        (_, E::Tick { .. }) => keep(vec![]),
        (
            _,
            E::Select(_)
            | E::Deselect(_)
            | E::Submit
            | E::Add { .. }
            | E::Remove { .. }
            | E::Cancel,
        ) => refuse(Refusal::NotNow { phase }),
        // A platform answer this phase does not wait for (late, or duplicated).
        (_, _) => notice(Notice::Unexpected { phase }),
    }
}

fn ids(items: &[DebtItem]) -> Vec<DebtId> {
    items.iter().map(|i| i.id.clone()).collect()
}

fn select(items: &[DebtItem], item: DebtItem) -> Result<Step, Refusal> {
    if items.iter().any(|i| i.id == item.id) {
        return Err(Refusal::DuplicateItem { id: item.id });
    }
    let mut items = items.to_vec();
    items.push(item);
    sum(&items).map_err(Refusal::Invalid)?;
    Ok((OrderState::Draft { items }, vec![]))
}

/// A cashier's command on an open order: refused once expired (which the order then is) or
/// while a change is on its way; otherwise `command` decides.
fn open_command(
    order: &TaxOrder,
    changing: bool,
    now: DateTime<Utc>,
    command: impl FnOnce(&TaxOrder) -> Result<Step, Refusal>,
) -> Step {
    if expiry(order.expire_at(), now).is_expired() {
        let expired = OrderState::Expired {
            order: order.clone(),
        };
        return (expired, vec![Effect::Refused(Refusal::Expired)]);
    }
    let unchanged = || OrderState::Open {
        order: order.clone(),
        changing,
    };
    if changing {
        return (unchanged(), vec![Effect::Refused(Refusal::ChangeInFlight)]);
    }
    command(order).unwrap_or_else(|r| (unchanged(), vec![Effect::Refused(r)]))
}

fn changing(order: &TaxOrder, action: ItemAction, pending_ids: Vec<DebtId>) -> Step {
    let effect = Effect::ChangeItems {
        order_id: order.id().clone(),
        action,
        pending_ids,
    };
    let state = OrderState::Open {
        order: order.clone(),
        changing: true,
    };
    (state, vec![effect])
}

fn add(order: &TaxOrder, items: Vec<DebtItem>) -> Result<Step, Refusal> {
    if items.is_empty() {
        return Err(Refusal::Invalid(OrderError::NoItems));
    }
    if let Some(dup) = items.iter().find(|i| order.item(&i.id).is_some()) {
        return Err(Refusal::DuplicateItem { id: dup.id.clone() });
    }
    let new_ids = ids(&items);
    let mut all = order.items().to_vec();
    all.extend(items);
    // The order as it would be must still have an exact total in one currency.
    sum(&all).map_err(Refusal::Invalid)?;
    Ok(changing(order, ItemAction::Add, new_ids))
}

fn remove(order: &TaxOrder, mut ids: Vec<DebtId>) -> Result<Step, Refusal> {
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Err(Refusal::Invalid(OrderError::NoItems));
    }
    if let Some(unknown) = ids.iter().find(|id| order.item(id).is_none()) {
        return Err(Refusal::UnknownItem {
            id: unknown.clone(),
        });
    }
    if ids.len() == order.items().len() {
        return Err(Refusal::WouldEmpty);
    }
    Ok(changing(order, ItemAction::Remove, ids))
}

fn on_callback(state: &OrderState, cb: ItemCallback) -> Step {
    use OrderState as S;
    let keep = |effects: Vec<Effect>| (state.clone(), effects);
    let notice = |n: Notice| keep(vec![Effect::Noticed(n)]);
    let phase = state.phase();

    let Some(order) = state.order() else {
        return notice(Notice::Unexpected { phase });
    };
    if &cb.order_id != order.id() {
        return notice(Notice::WrongOrder {
            expected: order.id().clone(),
            found: cb.order_id,
        });
    }
    let settlement = match state {
        S::Reported { settlement, .. }
        | S::Processing { settlement, .. }
        | S::Complete { settlement, .. }
        | S::Canceled {
            settlement: Some(settlement),
            ..
        } => settlement,
        // The platform confirming the cashier's own cancel.
        S::Canceled {
            settlement: None, ..
        } if cb.order_status == PlatformOrderStatus::Canceled => return keep(vec![]),
        _ => return notice(Notice::Unexpected { phase }),
    };
    if cb.reference != settlement.report.reference {
        return notice(Notice::WrongReference {
            expected: settlement.report.reference.clone(),
            found: cb.reference,
        });
    }
    let Some(at) = settlement.items.iter().position(|p| p.id == cb.item_id) else {
        return notice(Notice::UnknownItem { id: cb.item_id });
    };

    let mut settlement = settlement.clone();
    // A callback proves the platform has the report, acknowledged or not.
    settlement.delivery = Delivery::Sent;
    let mut effects = Vec::new();
    let item = &mut settlement.items[at];
    let status = match cb.status {
        ItemResult::Success => ItemStatus::Success,
        ItemResult::Error => ItemStatus::Error,
    };
    if item.status != status {
        if item.decided_at.is_some_and(|t| cb.created <= t) {
            // Older news about an item than what it shows: neither it nor its order status
            // may undo what a later callback said.
            return notice(Notice::StaleCallback { id: cb.item_id });
        }
        if item.status == ItemStatus::Success {
            effects.push(Effect::Noticed(Notice::ItemAnnulled {
                id: cb.item_id.clone(),
            }));
        }
        item.status = status;
        item.decided_at = Some(cb.created);
    }

    let order = order.clone();
    let next = match (state, cb.order_status) {
        (S::Canceled { by, .. }, _) => S::Canceled {
            order,
            by: *by,
            settlement: Some(settlement),
        },
        (_, PlatformOrderStatus::Canceled) => {
            effects.push(Effect::Noticed(Notice::CanceledAfterPayment));
            S::Canceled {
                order,
                by: CancelSource::Platform,
                settlement: Some(settlement),
            }
        }
        (S::Complete { .. }, _) | (_, PlatformOrderStatus::Complete) => {
            S::Complete { order, settlement }
        }
        (_, PlatformOrderStatus::Processing) => S::Processing { order, settlement },
    };
    (next, effects)
}
