//! The card tender's messages in the cashier's words.

use ventanilla_core::quickpay::CardCapture;
use ventanilla_gateways::GatewayError;

use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;

pub(crate) fn declined(capture: &CardCapture, l: Locale) -> String {
    use ventanilla_core::quickpay::CardDecision;
    match capture.decision() {
        CardDecision::Cancel => l.pick(
            "El cliente canceló el pago en el terminal: no se cobró. Elija otro medio o intente de nuevo.".to_string(),
            "The customer cancelled at the terminal: nothing was charged. Pick another tender or try again.".to_string(),
        ),
        _ => l.pick(
            format!("La tarjeta terminada en {} fue rechazada (código {}): no se cobró. Elija otro medio o pruebe otra tarjeta.", capture.last4().as_str(), capture.reason_code()),
            format!("The card ending in {} was declined (code {}): nothing was charged. Pick another tender or try another card.", capture.last4().as_str(), capture.reason_code()),
        ),
    }
}

pub(crate) fn timed_out(l: Locale) -> String {
    l.pick(
        "El terminal no respondió a tiempo: no se cobró. Intente de nuevo o elija otro medio; si el cliente ya pasó la tarjeta, el cobro queda para devolver.",
        "The terminal did not answer in time: nothing was charged. Try again or pick another tender; if the customer did present the card, that charge is kept for a refund.",
    )
}

pub(crate) fn cancelled(l: Locale) -> String {
    l.pick(
        "Cobro con tarjeta cancelado: no se cobró.",
        "Card charge cancelled: nothing was charged.",
    )
}

pub(crate) fn not_started(e: &GatewayError, l: Locale) -> UiError {
    tracing::warn!(error = %e, "card capture not started");
    let (code, message) = match e {
        GatewayError::Refused { .. } => (
            ErrorCode::Declined,
            l.pick(
                "El terminal de tarjetas no aceptó el cobro: no se cobró. Elija otro medio.",
                "The card terminal did not take the charge: nothing was charged. Pick another tender.",
            ),
        ),
        _ => (
            ErrorCode::Offline,
            l.pick(
                "No hay conexión con el terminal de tarjetas: no se cobró. Revise el terminal o elija otro medio.",
                "The card terminal cannot be reached: nothing was charged. Check the terminal or pick another tender.",
            ),
        ),
    };
    UiError::new(code, message)
}

pub(crate) fn no_card_waiting(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::NotFound,
        l.pick(
            "No hay un cobro con tarjeta esperando.",
            "No card charge is waiting.",
        ),
    )
}

pub(crate) fn cards_off(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            "Esta caja no tiene terminal de tarjetas configurado.",
            "This counter has no card terminal configured.",
        ),
    )
}

pub(crate) fn no_refund_owed(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::NotFound,
        l.pick(
            "Ese cobro con tarjeta no tiene devolución pendiente.",
            "That card charge has no refund owed.",
        ),
    )
}

/// Card money without a sale, as the supervisor's list shows it.
pub(crate) fn stray_view(
    s: &ventanilla_store::CardStray,
    l: Locale,
) -> crate::views::CardStrayView {
    use ventanilla_store::StrayCause;
    let why = match s.cause {
        StrayCause::Late => l.pick(
            "llegó después de que el cobro venció o se canceló",
            "arrived after the charge timed out or was cancelled",
        ),
        StrayCause::SecondCharge => l.pick(
            "segundo cobro para el mismo pago",
            "a second charge for the same payment",
        ),
        StrayCause::TicketDropped => l.pick(
            "el ticket se anuló o la caja se cerró antes de cobrarlo entero",
            "the ticket was dropped, or the counter closed, before it was paid in full",
        ),
    };
    crate::views::CardStrayView {
        capture_id: s.capture_id.clone(),
        amount: crate::views::MoneyView::new(&s.amount, l),
        label: l.pick(
            format!("Tarjeta •••• {} ({}): {why}", s.last4, s.capture_number),
            format!("Card •••• {} ({}): {why}", s.last4, s.capture_number),
        ),
        found_at: s.found_at.to_rfc3339(),
        refunded_by: s.refunded.as_ref().map(|(_, by)| by.clone()),
    }
}
