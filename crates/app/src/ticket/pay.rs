//! Paying the ticket being built in cash: the change it would give, then the payment itself,
//! journaled whole before any item is sent.

use ventanilla_core::ticket::Draft;
use ventanilla_core::CashTender;

use crate::error::UiError;
use crate::ticket::desk::TicketDesk;
use crate::ticket::item::ItemDetail;
use crate::ticket::journal::journal_cash_ticket;
use crate::ticket::words::ticket_error;
use crate::traxion::gateway::Traxion;
use crate::views::{CashQuote, MoneyView, ReceiptFile};

/// What the ticket would take and give back for `received` as typed (empty: exact cash),
/// without recording anything.
pub(crate) fn quote_cash(
    t: &Traxion,
    desk: &TicketDesk,
    received: &str,
) -> Result<CashQuote, UiError> {
    let l = t.locale();
    let total = desk.draft().total().map_err(|e| ticket_error(&e, l))?;
    let tender = t.cash_tender(total, received)?;
    Ok(CashQuote {
        amount: MoneyView::new(&tender.due(), l),
        received: MoneyView::new(&tender.received(), l),
        change: MoneyView::new(&tender.change(), l),
    })
}

/// Takes `received` in cash for the whole ticket being built. When this returns, the ticket,
/// its ledger payment and every item's sale are durably in the journal and the ticket being
/// built is empty for the next customer; each item's outcome arrives later. Returns the paid
/// ticket's id.
pub(crate) fn pay_cash(t: &Traxion, desk: &TicketDesk, received: &str) -> Result<i64, UiError> {
    let mut draft = desk.draft();
    let tender = checked(t, &draft, received, false)?;
    let id = journal_cash_ticket(&t.ctx, draft.items(), tender.received(), false)?;
    *draft = Default::default();
    Ok(id)
}

/// The same while the hub is unreachable, within the contingency's caps: the bills are
/// journaled as provisional sales, each with its provisional receipt, and reach the hub when the
/// link is back. Returns the ticket's id and the receipts.
pub(crate) fn pay_cash_offline(
    t: &Traxion,
    desk: &TicketDesk,
    received: &str,
) -> Result<(i64, Vec<ReceiptFile>), UiError> {
    let l = t.locale();
    t.check_offline_allowed()?;
    let id = {
        let mut draft = desk.draft();
        let tender = checked(t, &draft, received, true)?;
        let id = journal_cash_ticket(&t.ctx, draft.items(), tender.received(), true)?;
        *draft = Default::default();
        id
    };
    let sales: Vec<i64> = {
        let store = t.ctx.store();
        let row = store.ticket_row(id).map_err(|e| UiError::store(&e, l))?;
        store
            .ticket_items(id, row.total_amount.currency())
            .map_err(|e| UiError::store(&e, l))?
            .iter()
            .map(|i| i.ref_id)
            .collect()
    };
    let receipts = sales
        .into_iter()
        .map(|sale| t.render_receipt(sale, false))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((id, receipts))
}

/// Everything checked before a ticket is paid: the cash against the total, no bill already
/// charged here (another window or the CLI may have charged one meanwhile), the contingency's
/// caps when offline, the clock and the journal.
fn checked(
    t: &Traxion,
    draft: &Draft<ItemDetail>,
    received: &str,
    offline: bool,
) -> Result<CashTender, UiError> {
    let l = t.locale();
    let total = draft.total().map_err(|e| ticket_error(&e, l))?;
    let tender = t.cash_tender(total, received)?;
    for item in draft.items() {
        match &item.detail {
            ItemDetail::Bill { bill, .. } => t.refuse_duplicate(bill)?,
            // A tax order is reported through the outbox, but only a platform that answers
            // can be trusted to hold it until then.
            ItemDetail::TaxDebt { .. } if offline => {
                return Err(crate::arkadu::words::offline(l));
            }
            ItemDetail::TaxDebt { .. } => {}
        }
    }
    if offline {
        let amounts: Vec<_> = draft.items().iter().map(|i| i.amount).collect();
        t.check_offline_caps(&amounts)?;
    }
    t.ctx.check_clock()?;
    t.ctx.ensure_journal_trusted()?;
    Ok(tender)
}
