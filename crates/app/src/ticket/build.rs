//! Building the ticket: adding bills, changing an open amount, removing an item, abandoning it.
//! Each change is checked whole and refused whole: a refused change leaves the ticket as it was.

use ventanilla_core::ticket::TicketError;

use crate::context::Context;
use crate::error::UiError;
use crate::i18n::Locale;
use crate::ticket::charges::Charges;
use crate::ticket::desk::TicketDesk;
use crate::ticket::item::{bill_key, ItemDetail};
use crate::ticket::tender_view::desk_view;
use crate::ticket::view::draft_view;
use crate::ticket::words::ticket_error;
use crate::traxion::gateway::Traxion;
use crate::views::TicketView;

/// Adds the bill looked up as `bill_key`, charging `amount` as typed (empty: its total). A bill
/// already in the ticket, or already charged at this counter, is refused.
pub(crate) fn add_bill(
    t: &Traxion,
    desk: &TicketDesk,
    bill_key_: i64,
    amount: &str,
) -> Result<TicketView, UiError> {
    let l = t.locale();
    let (bill, due) = t.bill_to_charge(bill_key_, amount)?;
    let mut draft = desk.editable(l)?;
    let key = bill_key(&bill);
    // The ticket's own refusal comes first: "already in this ticket" is the likelier news.
    if let Some(at) = draft.items().iter().position(|i| i.key == key) {
        return Err(ticket_error(
            &TicketError::Duplicate { position: at + 1 },
            l,
        ));
    }
    t.refuse_duplicate(&bill)?;
    draft
        .add(
            key,
            due,
            ItemDetail::Bill {
                lookup_id: bill_key_,
                bill: Box::new(bill),
            },
        )
        .map_err(|e| ticket_error(&e, l))?;
    Ok(draft_view(&draft, l))
}

/// Changes what is charged for the item at `position` (an open-amount bill), checked against
/// its own limits.
pub(crate) fn set_amount(
    t: &Traxion,
    desk: &TicketDesk,
    position: u32,
    amount: &str,
) -> Result<TicketView, UiError> {
    let l = t.locale();
    let mut draft = desk.editable(l)?;
    let item = item_at(&draft, position, l)?;
    let ItemDetail::Bill { bill, .. } = &item.detail else {
        return Err(crate::arkadu::words::fixed_amount(l));
    };
    let due = t.amount_for(bill, amount)?;
    let key = item.key.clone();
    draft
        .set_amount(&key, due)
        .map_err(|e| ticket_error(&e, l))?;
    Ok(draft_view(&draft, l))
}

/// Takes the item at `position` out of the ticket.
pub(crate) fn remove(
    ctx: &Context,
    desk: &TicketDesk,
    position: u32,
) -> Result<TicketView, UiError> {
    let l = ctx.locale();
    let mut draft = desk.editable(l)?;
    let item = item_at(&draft, position, l)?;
    // A tax debt leaves its order at the platform first (`tax_change_order`).
    if let ItemDetail::TaxDebt { .. } = item.detail {
        return Err(crate::arkadu::words::remove_through_order(l));
    }
    let key = item.key.clone();
    draft.remove(&key).map_err(|e| ticket_error(&e, l))?;
    Ok(draft_view(&draft, l))
}

/// Drops the whole ticket before it is covered. Returns the journal rows of the tax orders it
/// held, which the caller cancels at the platform so their debts are free, and the charges
/// taken for it, which the caller gives up or keeps for a refund.
pub(crate) fn abandon(ctx: &Context, desk: &TicketDesk) -> (TicketView, Vec<i64>, Charges) {
    let mut draft = desk.draft();
    let charges = desk.charges().take();
    let mut orders: Vec<i64> = Vec::new();
    for item in draft.items() {
        if let ItemDetail::TaxDebt { order, .. } = item.detail {
            if !orders.contains(&order) {
                orders.push(order);
            }
        }
    }
    *draft = Default::default();
    (draft_view(&draft, ctx.locale()), orders, charges)
}

/// The ticket being built, as it stands, with its charges.
pub(crate) fn current(ctx: &Context, desk: &TicketDesk) -> TicketView {
    let draft = desk.draft();
    desk_view(&draft, &desk.charges(), ctx.now(), ctx.locale())
}

fn item_at(
    draft: &ventanilla_core::ticket::Draft<ItemDetail>,
    position: u32,
    l: Locale,
) -> Result<&ventanilla_core::ticket::DraftItem<ItemDetail>, UiError> {
    (position as usize)
        .checked_sub(1)
        .and_then(|i| draft.items().get(i))
        .ok_or_else(|| ticket_error(&TicketError::NotInTicket, l))
}
