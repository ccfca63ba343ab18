//! The one error shape the screen sees: a code it can branch on and a sentence for the cashier.

use serde::Serialize;
use ts_rs::TS;
use ventanilla_core::bill::AmountError;
use ventanilla_core::{BarcodeError, MoneyError, TenderError};
use ventanilla_gateways::GatewayError;
use ventanilla_store::StoreError;

use crate::i18n::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub enum ErrorCode {
    Validation,
    NotFound,
    Offline,
    Declined,
    Duplicate,
    Expired,
    Unauthorized,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct UiError {
    pub code: ErrorCode,
    pub message: String,
}

impl UiError {
    pub fn new(code: ErrorCode, message: String) -> UiError {
        UiError { code, message }
    }

    pub fn barcode(e: &BarcodeError, l: Locale) -> UiError {
        let message = match e {
            BarcodeError::Empty => l.pick(
                "No se leyó ningún código. Vuelva a escanear la factura.",
                "No barcode was read. Scan the bill again.",
            ),
            BarcodeError::TooShort { len } => l.pick(
                format!("El código leído tiene {len} dígitos: es demasiado corto para una factura. Vuelva a escanearla o búsquela por datos del cliente (F2)."),
                format!("The code read has {len} digits: too short for a bill. Scan it again or search by customer data (F2)."),
            ),
            BarcodeError::TooLong { len } => l.pick(
                format!("El código leído tiene {len} caracteres: es demasiado largo para una factura. Vuelva a escanearla."),
                format!("The code read has {len} characters: too long for a bill. Scan it again."),
            ),
            BarcodeError::NotADigit { ch, position } => l.pick(
                format!("El código tiene un carácter no válido («{ch}» en la posición {position}); las facturas solo llevan números. Vuelva a escanearla o escriba solo los dígitos."),
                format!("The code has an invalid character ('{ch}' at position {position}); bills carry digits only. Scan again or type just the digits."),
            ),
        };
        UiError::new(ErrorCode::Validation, message)
    }

    pub fn money(e: &MoneyError, l: Locale) -> UiError {
        let message = match e {
            MoneyError::Empty => l.pick("Escriba un importe.", "Enter an amount."),
            MoneyError::NotANumber(t) => l.pick(
                format!("«{t}» no es un importe. Escriba solo números, por ejemplo 2748,50."),
                format!("'{t}' is not an amount. Type digits only, for example 2748.50."),
            ),
            MoneyError::TooPrecise { scale, .. } => l.pick(
                format!("El importe tiene demasiados decimales: se admiten {scale}."),
                format!("The amount has too many decimals: {scale} are allowed."),
            ),
            MoneyError::Negative => l.pick(
                "El importe no puede ser negativo.",
                "The amount cannot be negative.",
            ),
            MoneyError::Overflow => l.pick(
                "El importe es demasiado grande.",
                "The amount is too large.",
            ),
            MoneyError::CurrencyMismatch(..) => l.pick(
                "El importe está en otra moneda que la factura.",
                "The amount is in a different currency from the bill.",
            ),
        };
        UiError::new(ErrorCode::Validation, message)
    }

    pub fn amount(e: &AmountError, l: Locale) -> UiError {
        let message = match e {
            AmountError::MustBeExact { expected } => l.pick(
                format!(
                    "Esta factura se paga completa: {}. No admite otro importe.",
                    l.money(expected)
                ),
                format!(
                    "This bill must be paid in full: {}. No other amount is accepted.",
                    l.money(expected)
                ),
            ),
            AmountError::BelowMin { min } => l.pick(
                format!(
                    "El importe es menor que el mínimo que acepta la empresa ({}).",
                    l.money(min)
                ),
                format!(
                    "The amount is below the company's minimum ({}).",
                    l.money(min)
                ),
            ),
            AmountError::AboveMax { max } => l.pick(
                format!(
                    "El importe supera el máximo que acepta la empresa ({}).",
                    l.money(max)
                ),
                format!(
                    "The amount is above the company's maximum ({}).",
                    l.money(max)
                ),
            ),
            AmountError::WrongCurrency { expected, .. } => l.pick(
                format!("La factura está en {expected}."),
                format!("The bill is in {expected}."),
            ),
            AmountError::NotPositive => l.pick(
                "El importe debe ser mayor que cero.",
                "The amount must be greater than zero.",
            ),
        };
        UiError::new(ErrorCode::Validation, message)
    }

    pub fn tender(e: &TenderError, l: Locale) -> UiError {
        match e {
            TenderError::NotEnough { due, received } => UiError::new(
                ErrorCode::Validation,
                l.pick(
                    format!(
                        "El efectivo recibido ({}) no alcanza para el total ({}).",
                        l.money(received),
                        l.money(due)
                    ),
                    format!(
                        "The cash received ({}) is less than the total ({}).",
                        l.money(received),
                        l.money(due)
                    ),
                ),
            ),
            TenderError::Money(m) => UiError::money(m, l),
        }
    }

    pub fn gateway(e: &GatewayError, l: Locale) -> UiError {
        match e {
            GatewayError::Timeout
            | GatewayError::Unreachable(_)
            | GatewayError::NotDelivered(_) => UiError::new(
                ErrorCode::Offline,
                l.pick(
                    "No hay conexión con el sistema de cobro de facturas. Intente de nuevo en unos segundos; si sigue igual, avise al supervisor.",
                    "The bill-payment system cannot be reached. Try again in a few seconds; if it persists, tell your supervisor.",
                ),
            ),
            GatewayError::Server { .. } => UiError::new(
                ErrorCode::Offline,
                l.pick(
                    "El sistema de cobro de facturas tiene un problema y no pudo responder. Intente de nuevo en unos segundos.",
                    "The bill-payment system has a problem and could not answer. Try again in a few seconds.",
                ),
            ),
            GatewayError::BadAnswer(_) => UiError::new(
                ErrorCode::Offline,
                l.pick(
                    "El sistema de cobro respondió algo que no se pudo interpretar. No se registró nada; intente de nuevo.",
                    "The bill-payment system sent an answer that could not be read. Nothing was recorded; try again.",
                ),
            ),
            GatewayError::Refused { message, .. } => UiError::new(
                ErrorCode::Declined,
                l.pick(
                    format!("El sistema de cobro rechazó la operación: {message}"),
                    format!("The bill-payment system refused the operation: {message}"),
                ),
            ),
            GatewayError::Unauthorized => UiError::new(
                ErrorCode::Unauthorized,
                l.pick(
                    "El sistema de cobro no aceptó las credenciales de esta caja. Avise al supervisor.",
                    "The bill-payment system rejected this counter's credentials. Tell your supervisor.",
                ),
            ),
            GatewayError::NotFound => UiError::not_found_sale(l),
        }
    }

    pub fn store(e: &StoreError, l: Locale) -> UiError {
        match e {
            StoreError::BillBusy(id) => UiError::new(
                ErrorCode::Duplicate,
                l.pick(
                    format!("Esta factura ya tiene un pago en curso (operación {id}). Espere su resultado en «Pagos en curso» antes de cobrarla de nuevo."),
                    format!("This bill already has a payment in progress (operation {id}). Wait for its result under 'Payments in progress' before charging it again."),
                ),
            ),
            StoreError::NotFound => UiError::not_found_sale(l),
            StoreError::Full => UiError::new(
                ErrorCode::Internal,
                l.pick(
                    "El disco de la caja está lleno: no se pudo registrar el cobro, así que no se cobró nada. No entregue comprobante ni acepte el dinero; avise al supervisor para liberar espacio.",
                    "The counter's disk is full: the payment could not be recorded, so nothing was charged. Do not take the money or hand a receipt; tell your supervisor to free space.",
                ),
            ),
            other => UiError::new(
                ErrorCode::Internal,
                l.pick(
                    format!("No se pudo guardar en el diario local de la caja, así que no se cobró nada. No entregue dinero ni comprobante y avise al supervisor. ({other})"),
                    format!("The counter's local journal could not be written, so nothing was charged. Do not hand over money or a receipt; tell your supervisor. ({other})"),
                ),
            ),
        }
    }

    /// The journal could not be opened at start-up: without it the counter takes no money.
    pub fn journal_open(e: &StoreError, l: Locale) -> UiError {
        match e {
            StoreError::Corrupt(detail) => UiError::new(
                ErrorCode::Internal,
                l.pick(
                    format!("El diario de la caja (journal.sqlite) está dañado o incompleto, y sin él no se puede cobrar. No lo borre ni lo reemplace: avise al supervisor para restaurarlo. ({detail})"),
                    format!("The counter's journal (journal.sqlite) is damaged or incomplete, and no payment can be taken without it. Do not delete or replace it: tell your supervisor to restore it. ({detail})"),
                ),
            ),
            other => UiError::store(other, l),
        }
    }

    pub fn not_found_sale(l: Locale) -> UiError {
        UiError::new(
            ErrorCode::NotFound,
            l.pick(
                "No se encontró esa operación.",
                "That operation was not found.",
            ),
        )
    }

    pub fn bill_not_found(l: Locale) -> UiError {
        UiError::new(
            ErrorCode::NotFound,
            l.pick(
                "No se encontró ninguna factura pendiente con esos datos. Verifique el código o búsquela por datos del cliente (F2).",
                "No unpaid bill matches. Check the code or search by customer data (F2).",
            ),
        )
    }

    pub fn lookup_expired(l: Locale) -> UiError {
        UiError::new(
            ErrorCode::Expired,
            l.pick(
                "La factura buscada ya no está disponible en pantalla. Vuelva a escanearla.",
                "The bill is no longer on screen. Scan it again.",
            ),
        )
    }

    pub fn validation(l: Locale, es: impl Into<String>, en: impl Into<String>) -> UiError {
        UiError::new(ErrorCode::Validation, l.pick(es, en))
    }

    pub fn internal(l: Locale, detail: impl std::fmt::Display) -> UiError {
        UiError::new(
            ErrorCode::Internal,
            l.pick(
                format!("Ocurrió un error interno de la caja. Avise al supervisor. ({detail})"),
                format!("An internal error occurred. Tell your supervisor. ({detail})"),
            ),
        )
    }
}
