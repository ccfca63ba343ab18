//! The one error shape the screen sees: a code it can branch on and a sentence for the cashier.

use serde::Serialize;
use ts_rs::TS;
use ventanilla_core::bill::AmountError;
use ventanilla_core::money::MAX_INTEGER_DIGITS;
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
        // Every refusal of typed text ends with the rule itself, in this screen's style, since
        // the usual slip is the other language's separators.
        let rule = l.pick(
            "Escriba, por ejemplo, 2.748,50 (el punto separa los miles y la coma los decimales).",
            "Type, for example, 2,748.50 (a comma groups thousands and a point marks decimals).",
        );
        let message = match e {
            MoneyError::Empty => l.pick("Escriba un importe.", "Enter an amount."),
            MoneyError::BadCharacter { position, found } if found.is_whitespace() => l.pick(
                format!("Hay un espacio en la posición {position}: un importe se escribe sin espacios entre las cifras. {rule}"),
                format!("There is a space at position {position}: an amount has no spaces between its digits. {rule}"),
            ),
            MoneyError::BadCharacter { position, found } => {
                let found = found.escape_debug();
                l.pick(
                    format!("El carácter «{found}» en la posición {position} no es válido en un importe. {rule}"),
                    format!("The character '{found}' at position {position} is not valid in an amount. {rule}"),
                )
            }
            MoneyError::Grouping { position, separator } => l.pick(
                format!("El separador de miles «{separator}» en la posición {position} no separa grupos de tres cifras. {rule}"),
                format!("The thousands separator '{separator}' at position {position} does not separate groups of three digits. {rule}"),
            ),
            MoneyError::MissingDecimals { position } => l.pick(
                format!("Faltan los decimales después de la coma de la posición {position}: escríbalos o borre la coma. {rule}"),
                format!("The decimals after the point at position {position} are missing: type them or delete the point. {rule}"),
            ),
            MoneyError::TooPrecise {
                currency,
                scale: 0,
                position,
            } => match position {
                Some(position) => l.pick(
                    format!("Los importes en {currency} no llevan decimales (posición {position}). Escriba, por ejemplo, 12.500."),
                    format!("{currency} amounts have no decimals (position {position}). Type, for example, 12,500."),
                ),
                None => l.pick(
                    format!("Los importes en {currency} no llevan decimales."),
                    format!("{currency} amounts have no decimals."),
                ),
            },
            MoneyError::TooPrecise {
                currency,
                scale,
                position,
            } => match position {
                Some(position) => l.pick(
                    format!("El importe tiene demasiados decimales: en {currency} se admiten {scale}, y la cifra de la posición {position} sobra. {rule}"),
                    format!("The amount has too many decimals: {currency} allows {scale}, so the digit at position {position} is one too many. {rule}"),
                ),
                None => l.pick(
                    format!("El importe tiene demasiados decimales: en {currency} se admiten {scale}."),
                    format!("The amount has too many decimals: {currency} allows {scale}."),
                ),
            },
            MoneyError::Negative { .. } => l.pick(
                "El importe no puede ser negativo.",
                "The amount cannot be negative.",
            ),
            MoneyError::Overflow => l.pick(
                format!("El importe es demasiado grande: como máximo {MAX_INTEGER_DIGITS} cifras antes de los decimales."),
                format!("The amount is too large: at most {MAX_INTEGER_DIGITS} digits before the decimals."),
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
            TenderError::TooMuch { due, received, max } => UiError::new(
                ErrorCode::Validation,
                l.pick(
                    format!(
                        "El efectivo recibido ({}) es demasiado para un total de {}: se aceptan como máximo {}. Revise el importe recibido; si de verdad es ese, avise al supervisor.",
                        l.money(received),
                        l.money(due),
                        l.money(max)
                    ),
                    format!(
                        "The cash received ({}) is too much for a total of {}: at most {} is accepted. Check the amount received; if it really is that, tell your supervisor.",
                        l.money(received),
                        l.money(due),
                        l.money(max)
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
            StoreError::Busy(holder) => UiError::journal_busy(holder, l),
            StoreError::Vanished { records, emptied } => UiError::untrusted_journal(
                l,
                if *emptied {
                    format!("El diario de la caja (journal.sqlite) está vacío, pero había registrado {records} movimientos de cobro. Sin ellos no se puede cobrar.")
                } else {
                    format!("Falta el diario de la caja (journal.sqlite), que había registrado {records} movimientos de cobro. Sin él no se puede cobrar.")
                },
                if *emptied {
                    format!("The counter's journal (journal.sqlite) is empty, but it had recorded {records} payment records. No payment can be taken without them.")
                } else {
                    format!("The counter's journal (journal.sqlite) is missing; it had recorded {records} payment records. No payment can be taken without it.")
                },
            ),
            StoreError::Behind { journal, remembered } => UiError::untrusted_journal(
                l,
                format!("Al diario de la caja le faltan cobros ya registrados: llega hasta el movimiento {journal}, y había llegado al {remembered}. Puede haberse dañado el archivo journal.sqlite-wal."),
                format!("The counter's journal is missing payments it had recorded: it reaches record {journal}, and it had reached {remembered}. The journal.sqlite-wal file may be damaged."),
            ),
            StoreError::Altered(what) => UiError::untrusted_journal(
                l,
                format!("El diario de la caja no es el que se registró: fue modificado o dañado ({what})."),
                format!("The counter's journal is not what was recorded: it was changed or damaged ({what})."),
            ),
            StoreError::HeadMissing { records } => UiError::untrusted_journal(
                l,
                format!("Falta el archivo de control del diario (journal.chain), o no se puede leer, y el diario tiene {records} movimientos: no se puede comprobar que esté completo."),
                format!("The journal's control file (journal.chain) is missing or unreadable, and the journal holds {records} records: it cannot be shown to be complete."),
            ),
            other => UiError::store(other, l),
        }
    }

    /// Another process owns the journal; this one must not write to it.
    pub fn journal_busy(holder: &ventanilla_store::Holder, l: Locale) -> UiError {
        // The lock file notes the time in UTC; the cashier reads the counter's own clock.
        let since = chrono::DateTime::parse_from_rfc3339(&holder.since)
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%d/%m %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|_| holder.since.clone());
        let who = match holder.pid {
            Some(pid) => l.pick(
                format!("{} (proceso {pid}, desde el {since})", holder.program),
                format!("{} (process {pid}, since {since})", holder.program),
            ),
            None => l.pick("otro programa".to_string(), "another program".to_string()),
        };
        UiError::new(
            ErrorCode::Internal,
            l.pick(
                format!("El diario de esta caja ya está abierto por {who}. Solo un programa a la vez puede cobrar con él: espere a que ese programa termine, o ciérrelo, y vuelva a intentar."),
                format!("This counter's journal is already open in {who}. Only one program at a time may take payments with it: wait for that program to finish, or close it, and try again."),
            ),
        )
    }

    /// The journal cannot be trusted as it is: say what is wrong and that nothing was touched.
    fn untrusted_journal(l: Locale, es: String, en: String) -> UiError {
        UiError::new(
            ErrorCode::Internal,
            l.pick(
                format!("{es} No borre, mueva ni reemplace ningún archivo de la carpeta de datos: se dejaron como estaban. Avise al supervisor para restaurar el diario desde una copia y conciliar con el sistema de cobro."),
                format!("{en} Do not delete, move or replace any file in the data folder: they were left as they were. Tell your supervisor to restore the journal from a copy and reconcile with the payment system."),
            ),
        )
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
