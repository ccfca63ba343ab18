//! The ticket's and the ledger's refusals in the cashier's words.

use ventanilla_core::ledger::LedgerError;
use ventanilla_core::ticket::TicketError;

use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;

pub(crate) fn empty_ticket(l: Locale) -> UiError {
    ticket_error(&TicketError::Empty, l)
}

/// A refused change to the ticket, in the cashier's words.
pub(crate) fn ticket_error(e: &TicketError, l: Locale) -> UiError {
    let (code, message) = match e {
        TicketError::Duplicate { position } => (
            ErrorCode::Duplicate,
            l.pick(
                format!("Esta factura ya está en el ticket (renglón {position}): no se agregó de nuevo."),
                format!("This bill is already in the ticket (line {position}): it was not added again."),
            ),
        ),
        TicketError::CurrencyMismatch { ticket, item } => (
            ErrorCode::Validation,
            l.pick(
                format!("El ticket es en {ticket} y esta deuda es en {item}: cóbrela en un ticket aparte, después de este."),
                format!("The ticket is in {ticket} and this debt is in {item}: charge it on a ticket of its own, after this one."),
            ),
        ),
        TicketError::NotPositive => (
            ErrorCode::Validation,
            l.pick(
                "El importe de cada renglón debe ser mayor que cero.",
                "Each line's amount must be more than zero.",
            ),
        ),
        TicketError::Full => (
            ErrorCode::Validation,
            l.pick(
                format!("El ticket ya tiene {} renglones, el máximo: cobre este y siga con otro ticket.", ventanilla_core::ticket::MAX_ITEMS),
                format!("The ticket already has {} lines, the most it takes: charge it and go on with another ticket.", ventanilla_core::ticket::MAX_ITEMS),
            ),
        ),
        TicketError::NotInTicket => (
            ErrorCode::NotFound,
            l.pick(
                "Ese renglón ya no está en el ticket.",
                "That line is no longer in the ticket.",
            ),
        ),
        TicketError::Empty => (
            ErrorCode::Validation,
            l.pick(
                "El ticket está vacío: escanee o busque una factura antes de cobrar.",
                "The ticket is empty: scan or search for a bill before charging.",
            ),
        ),
        TicketError::Money(e) => return UiError::money(e, l),
    };
    UiError::new(code, message)
}

/// A change the ticket's ledger refused, in the cashier's words.
pub(crate) fn ledger_error(e: &LedgerError, l: Locale) -> UiError {
    let (code, message) = match e {
        LedgerError::Closed(_) | LedgerError::AlreadyCovered => (
            ErrorCode::Validation,
            l.pick(
                "Este ticket ya está pagado: no se cobra de nuevo.",
                "This ticket is already paid: it is not charged again.",
            ),
        ),
        LedgerError::NotPositive => (
            ErrorCode::Validation,
            l.pick(
                "El importe debe ser mayor que cero.",
                "The amount must be more than zero.",
            ),
        ),
        LedgerError::MoreThanOwed { offered, owed } => (
            ErrorCode::Validation,
            l.pick(
                format!("Solo el efectivo da vuelto: {} es más de lo que falta pagar ({}).", l.money(offered), l.money(owed)),
                format!("Only cash gives change: {} is more than what is still owed ({}).", l.money(offered), l.money(owed)),
            ),
        ),
        LedgerError::PaidSomething { paid } => (
            ErrorCode::Validation,
            l.pick(
                format!("Ya se cobró {} de este ticket: no se puede anular.", l.money(paid)),
                format!("{} of this ticket is already paid: it cannot be cancelled.", l.money(paid)),
            ),
        ),
        LedgerError::NoRefundDue => (
            ErrorCode::Validation,
            l.pick(
                "Ese renglón no tiene dinero para devolver: no fue rechazado, o su devolución ya se registró.",
                "That line has no money to hand back: it was not rejected, or its refund is already recorded.",
            ),
        ),
        LedgerError::ItemsDoNotMatch { .. } | LedgerError::Corrupt => {
            return UiError::internal(l, e)
        }
        LedgerError::Money(e) => return UiError::money(e, l),
    };
    UiError::new(code, message)
}
