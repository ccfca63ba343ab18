//! The wallet tender's messages in the cashier's words.

use ventanilla_gateways::GatewayError;
use ventanilla_store::WalletRecord;

use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;

/// What the customer's wallet shows for the charge: the counter and our tender's reference.
pub(crate) fn description(record: &WalletRecord, counter: &str) -> String {
    format!("Ventanilla {counter} - ticket {}", record.reference)
}

pub(crate) fn not_connected(e: &GatewayError, l: Locale) -> UiError {
    tracing::warn!(error = %e, "wallet session not created");
    UiError::new(
        ErrorCode::Offline,
        l.pick(
            "No hay conexión con la billetera cripto: no se cobró. Intente de nuevo o elija otro medio.",
            "The crypto wallet gateway cannot be reached: nothing was charged. Try again or pick another tender.",
        ),
    )
}

pub(crate) fn no_bsv(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Declined,
        l.pick(
            "La billetera cripto no ofrece BSV, la moneda con que cobra esta caja: no se cobró. Elija otro medio y avise al supervisor.",
            "The crypto wallet gateway does not offer BSV, the coin this counter charges in: nothing was charged. Pick another tender and tell the supervisor.",
        ),
    )
}

pub(crate) fn expired(l: Locale) -> String {
    l.pick(
        "El código QR venció sin que el cliente conectara su billetera: no se cobró. Muestre uno nuevo o elija otro medio.",
        "The QR code expired before the customer connected their wallet: nothing was charged. Show a new one or pick another tender.",
    )
}

pub(crate) fn cancelled(l: Locale) -> String {
    l.pick(
        "Cobro con billetera cancelado: no se cobró.",
        "Wallet charge cancelled: nothing was charged.",
    )
}

pub(crate) fn consent_lost(l: Locale) -> String {
    l.pick(
        "La conexión de la billetera se perdió al reiniciar la caja: no se cobró. Pida al cliente que escanee un código nuevo.",
        "The wallet's connection was lost when the counter restarted: nothing was charged. Ask the customer to scan a new code.",
    )
}

pub(crate) fn not_connected_any_more(l: Locale) -> String {
    l.pick(
        "La billetera del cliente ya no permite cobros (retiró el permiso): no se cobró. Pida que se conecte de nuevo o elija otro medio.",
        "The customer's wallet no longer allows charges (permission withdrawn): nothing was charged. Ask them to connect again or pick another tender.",
    )
}

pub(crate) fn refused(message: &str, l: Locale) -> String {
    // The gateway's own words, cut short: they are not ours and may be long.
    let said: String = message.chars().take(120).collect();
    l.pick(
        format!("La billetera rechazó el cobro ({said}): no se cobró. Elija otro medio."),
        format!(
            "The wallet refused the charge ({said}): nothing was charged. Pick another tender."
        ),
    )
}

pub(crate) fn unknown(l: Locale) -> String {
    l.pick(
        "No llegó la respuesta del cobro con billetera: puede que se haya cobrado. NO cobre de nuevo con billetera; avise al supervisor, que lo resuelve con el comprobante (txid) que muestra la billetera del cliente.",
        "The wallet charge's answer never came: it may have been charged. Do NOT charge the wallet again; tell the supervisor, who settles it with the receipt (txid) the customer's wallet shows.",
    )
}

pub(crate) fn no_wallet_waiting(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::NotFound,
        l.pick(
            "No hay un cobro con billetera esperando.",
            "No wallet charge is waiting.",
        ),
    )
}

pub(crate) fn charge_under_way(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            "El cliente ya conectó su billetera y el cobro está en curso: espere su resultado.",
            "The customer already connected their wallet and the charge is under way: wait for its outcome.",
        ),
    )
}

pub(crate) fn wallets_off(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            "Esta caja no tiene billetera cripto configurada.",
            "This counter has no crypto wallet configured.",
        ),
    )
}

pub(crate) fn not_ours(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::NotFound,
        l.pick(
            "La billetera no reconoce esa transacción como un cobro de esta caja: revise el txid.",
            "The wallet gateway does not know that transaction as a charge of this counter: check the txid.",
        ),
    )
}

pub(crate) fn nothing_to_settle(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::NotFound,
        l.pick(
            "Ese cobro con billetera no tiene nada pendiente.",
            "That wallet charge has nothing pending.",
        ),
    )
}
