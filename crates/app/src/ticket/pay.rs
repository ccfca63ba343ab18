//! Paying the ticket being built: the change the cash would give for what the card and wallet
//! charges leave owed, then the payment itself, journaled whole before any item is sent.

use ventanilla_core::ticket::Draft;
use ventanilla_core::{CashTender, Money};

use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;
use crate::ticket::charges::Charges;
use crate::ticket::desk::TicketDesk;
use crate::ticket::item::ItemDetail;
use crate::ticket::journal::journal_ticket;
use crate::ticket::words::{ledger_error, ticket_error};
use crate::traxion::gateway::Traxion;
use crate::views::{CashQuote, MoneyView, ReceiptFile};

/// What the ticket would take and give back for `received` as typed (empty: exact cash) for
/// what is still owed, without recording anything.
pub(crate) fn quote_cash(
    t: &Traxion,
    desk: &TicketDesk,
    received: &str,
) -> Result<CashQuote, UiError> {
    let l = t.locale();
    let draft = desk.draft();
    let owed = owed(t, &draft, &desk.charges())?;
    let tender = t.cash_tender(owed, received)?;
    Ok(CashQuote {
        amount: MoneyView::new(&tender.due(), l),
        received: MoneyView::new(&tender.received(), l),
        change: MoneyView::new(&tender.change(), l),
    })
}

/// Takes `received` in cash for what the ticket being built still owes. When this returns, the
/// ticket, its ledger payment and every item's sale are durably in the journal and the ticket
/// being built is empty for the next customer; each item's outcome arrives later. Returns the
/// paid ticket's id.
pub(crate) fn pay_cash(t: &Traxion, desk: &TicketDesk, received: &str) -> Result<i64, UiError> {
    let mut draft = desk.draft();
    let mut charges = desk.charges();
    let cash = checked(t, &draft, &charges, received, false)?;
    let id = journal_ticket(
        &t.ctx,
        draft.items(),
        charges.accepted(),
        cash.map(|c| c.received()),
        false,
    )?;
    *draft = Default::default();
    charges.take();
    desk.paid(id);
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
        let mut charges = desk.charges();
        let cash = checked(t, &draft, &charges, received, true)?;
        let id = journal_ticket(
            &t.ctx,
            draft.items(),
            charges.accepted(),
            cash.map(|c| c.received()),
            true,
        )?;
        *draft = Default::default();
        charges.take();
        desk.paid(id);
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

/// Journals the ticket being built once its card and wallet charges cover it all (the charge
/// that covered it was just accepted). `None` when it is not covered yet, or was paid already.
pub(crate) fn pay_by_charges(t: &Traxion, desk: &TicketDesk) -> Result<Option<i64>, UiError> {
    let mut draft = desk.draft();
    let mut charges = desk.charges();
    if draft.items().is_empty() || charges.accepted().is_empty() || charges.pending().is_some() {
        return Ok(None);
    }
    if !owed(t, &draft, &charges)?.amount().is_zero() {
        return Ok(None);
    }
    checked(t, &draft, &charges, "", false)?;
    let id = journal_ticket(&t.ctx, draft.items(), charges.accepted(), None, false)?;
    *draft = Default::default();
    charges.take();
    desk.paid(id);
    Ok(Some(id))
}

/// What the ticket still owes once its accepted charges are taken.
pub(crate) fn owed(
    t: &Traxion,
    draft: &Draft<ItemDetail>,
    charges: &Charges,
) -> Result<Money, UiError> {
    let l = t.locale();
    let total = draft.total().map_err(|e| ticket_error(&e, l))?;
    charges
        .payment(total, t.ctx.now())
        .and_then(|p| p.owed())
        .map_err(|e| ledger_error(&e, l))
}

/// Everything checked before a ticket is paid: the cash against what is owed (none when the
/// charges cover it), no charge still waiting, no bill already charged here (another window or
/// the CLI may have charged one meanwhile), the contingency's caps when offline, the clock and
/// the journal. Also what a card or wallet charge must pass before it is asked for.
pub(crate) fn checked(
    t: &Traxion,
    draft: &Draft<ItemDetail>,
    charges: &Charges,
    received: &str,
    offline: bool,
) -> Result<Option<CashTender>, UiError> {
    let l = t.locale();
    if charges.pending().is_some() {
        return Err(charge_waiting(l));
    }
    let owed = owed(t, draft, charges)?;
    let cash = if owed.amount().is_zero() {
        None
    } else {
        Some(t.cash_tender(owed, received)?)
    };
    check_items(t, draft, offline)?;
    Ok(cash)
}

/// The items' own checks, whatever the tender.
pub(crate) fn check_items(
    t: &Traxion,
    draft: &Draft<ItemDetail>,
    offline: bool,
) -> Result<(), UiError> {
    for item in draft.items() {
        match &item.detail {
            ItemDetail::Bill { bill, .. } => t.refuse_duplicate(bill)?,
            // A tax order is reported through the outbox, but only a platform that answers
            // can be trusted to hold it until then.
            ItemDetail::TaxDebt { .. } if offline => {
                return Err(crate::arkadu::words::offline(t.locale()));
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
    Ok(())
}

pub(crate) fn charge_waiting(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            "Hay un cobro con tarjeta o billetera esperando al cliente: espere su resultado o cancélelo antes de cobrar el resto.",
            "A card or wallet charge is waiting for the customer: wait for its outcome or cancel it before charging the rest.",
        ),
    )
}
