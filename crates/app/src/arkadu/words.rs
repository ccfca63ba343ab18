//! The tax platform's refusals and states in the cashier's words.

use ventanilla_core::arkadu::{DocIdError, DocKind, ItemStatus, OrderPhase, Refusal};
use ventanilla_gateways::GatewayError;

use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;

const FORMAT_HINT_ES: &str =
    "Escríbalo con su letra, por ejemplo V-12345678 (cédula) o J-40157748-2 (RIF con su dígito verificador).";
const FORMAT_HINT_EN: &str =
    "Type it with its letter, for example V-12345678 (cédula) or J-40157748-2 (RIF with its check digit).";

pub(crate) fn doc_id(e: &DocIdError, l: Locale) -> UiError {
    let kind = |k: &DocKind| match k {
        DocKind::Cedula => l.pick("una cédula", "a cédula"),
        DocKind::Rif => l.pick("un RIF", "a RIF"),
    };
    let (es, en) = match e {
        DocIdError::Empty => (
            "Escriba el documento del contribuyente.".to_string(),
            "Type the taxpayer's document id.".to_string(),
        ),
        DocIdError::TooLong { length, max } => (
            format!("El documento tiene {length} caracteres; ninguno tiene más de {max}."),
            format!("The document id has {length} characters; none has more than {max}."),
        ),
        DocIdError::MissingPrefix => (
            "Falta la letra del documento (V, E, J, G o P).".to_string(),
            "The document's letter is missing (V, E, J, G or P).".to_string(),
        ),
        DocIdError::UnknownPrefix { position, found } => (
            format!("«{found}» (posición {position}) no es una letra de documento: use V, E, J, G o P."),
            format!("'{found}' (position {position}) is not a document letter: use V, E, J, G or P."),
        ),
        DocIdError::NotDigits { position, found } => (
            format!("«{found}» (posición {position}) no va en el número del documento."),
            format!("'{found}' (position {position}) does not belong in the document number."),
        ),
        DocIdError::WrongLength {
            kind: k,
            min,
            max,
            found,
        } => (
            format!("{} lleva de {min} a {max} dígitos y se escribieron {found}.", capital(&kind(k))),
            format!("{} has {min} to {max} digits and {found} were typed.", capital(&kind(k))),
        ),
        DocIdError::Zero => (
            "El número del documento no puede ser cero.".to_string(),
            "The document number cannot be zero.".to_string(),
        ),
        DocIdError::WrongCheckDigit { expected, found } => (
            format!("El dígito verificador del RIF no corresponde: termina en {found} y debería ser {expected}. Revíselo en el documento del contribuyente."),
            format!("The RIF's check digit does not match: it ends in {found} and should be {expected}. Check it on the taxpayer's document."),
        ),
    };
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            format!("{es} {FORMAT_HINT_ES}"),
            format!("{en} {FORMAT_HINT_EN}"),
        ),
    )
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A platform error in the tax platform's name (the hub's words name the hub).
pub(crate) fn gateway(e: &GatewayError, l: Locale) -> UiError {
    match e {
        GatewayError::Timeout
        | GatewayError::Unreachable(_)
        | GatewayError::NotDelivered(_)
        | GatewayError::Server { .. } => offline(l),
        GatewayError::BadAnswer(_) => UiError::new(
            ErrorCode::Offline,
            l.pick(
                "La plataforma de impuestos respondió algo que no se pudo interpretar. No se registró nada; intente de nuevo.",
                "The tax platform sent an answer that could not be read. Nothing was recorded; try again.",
            ),
        ),
        GatewayError::Refused { code, message } => refused(code, message, l),
        GatewayError::Unauthorized => UiError::new(
            ErrorCode::Unauthorized,
            l.pick(
                "La plataforma de impuestos no aceptó las credenciales de esta caja. Avise al supervisor.",
                "The tax platform rejected this counter's credentials. Tell your supervisor.",
            ),
        ),
        GatewayError::NotFound => UiError::new(
            ErrorCode::NotFound,
            l.pick(
                "La plataforma de impuestos no encontró lo pedido.",
                "The tax platform did not find what was asked for.",
            ),
        ),
    }
}

fn refused(code: &str, message: &str, l: Locale) -> UiError {
    let (code_, es, en) = match code.split(':').next().unwrap_or("") {
        "TAXPAYER_NOT_FOUND" => (
            ErrorCode::NotFound,
            "La plataforma no tiene un contribuyente con ese documento. Revise el número con el cliente.",
            "The platform has no taxpayer with that document id. Check the number with the customer.",
        ),
        "INVALID_DOC_ID" => (
            ErrorCode::Validation,
            "La plataforma no acepta ese documento. Revise la letra, el número y el dígito verificador.",
            "The platform does not accept that document id. Check its letter, number and check digit.",
        ),
        "ITEM_IN_ORDER" => (
            ErrorCode::Duplicate,
            "Una de esas deudas ya está en otra orden abierta; se libera cuando esa orden se anula o vence.",
            "One of those debts is already in another open order; it is freed when that order is canceled or expires.",
        ),
        "ITEM_ALREADY_PAID" | "ORDER_ALREADY_PAID" => (
            ErrorCode::Duplicate,
            "Esa deuda ya fue pagada: no se cobra de nuevo.",
            "That debt was already paid: it is not charged again.",
        ),
        "ORDER_EXPIRED" => (
            ErrorCode::Expired,
            "La orden venció: la plataforma ya no acepta su pago. Cree una orden nueva.",
            "The order expired: the platform no longer takes its payment. Create a new order.",
        ),
        "ORDER_CANCELED" => (
            ErrorCode::Expired,
            "La orden fue anulada. Cree una orden nueva.",
            "The order was canceled. Create a new order.",
        ),
        _ => (
            ErrorCode::Declined,
            "La plataforma de impuestos rechazó la operación.",
            "The tax platform refused the operation.",
        ),
    };
    let message = message.trim();
    let detail = if message.is_empty() {
        String::new()
    } else {
        format!(" ({message})")
    };
    UiError::new(
        code_,
        l.pick(format!("{es}{detail}"), format!("{en}{detail}")),
    )
}

pub(crate) fn refusal(r: &Refusal, l: Locale) -> UiError {
    match r {
        Refusal::Expired => expired(l),
        Refusal::ChangeInFlight => UiError::new(
            ErrorCode::Validation,
            l.pick(
                "La orden se está modificando; espere su respuesta.",
                "The order is being changed; wait for its answer.",
            ),
        ),
        Refusal::AlreadyReported { .. } => UiError::new(
            ErrorCode::Duplicate,
            l.pick(
                "El pago de esta orden ya se informó: no se cobra de nuevo.",
                "This order's payment was already reported: it is not charged again.",
            ),
        ),
        Refusal::UnknownItem { id } => UiError::new(
            ErrorCode::NotFound,
            l.pick(
                format!("La deuda {id} no está en la orden."),
                format!("Debt {id} is not in the order."),
            ),
        ),
        Refusal::DuplicateItem { id } => UiError::new(
            ErrorCode::Duplicate,
            l.pick(
                format!("La deuda {id} ya está en la orden."),
                format!("Debt {id} is already in the order."),
            ),
        ),
        Refusal::WouldEmpty => UiError::new(
            ErrorCode::Validation,
            l.pick(
                "Una orden no puede quedar sin deudas: anúlela si el cliente no paga ninguna.",
                "An order cannot be left without debts: cancel it if the customer pays none.",
            ),
        ),
        Refusal::Invalid(ventanilla_core::arkadu::OrderError::NoItems) => nothing_selected(l),
        Refusal::Invalid(e) => UiError::new(
            ErrorCode::Validation,
            l.pick(
                format!("La orden no es válida: {e}."),
                format!("The order is not valid: {e}."),
            ),
        ),
        Refusal::Platform(p) => refused(p.code.as_deref().unwrap_or(""), &p.message, l),
        Refusal::NotNow { phase } => UiError::new(
            ErrorCode::Validation,
            l.pick(
                format!(
                    "La orden está «{}»: eso ya no se puede hacer.",
                    phase_label(*phase, l)
                ),
                format!(
                    "The order is '{}': that can no longer be done.",
                    phase_label(*phase, l)
                ),
            ),
        ),
    }
}

pub(crate) fn expired(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Expired,
        l.pick(
            "La orden venció: la plataforma ya no acepta su pago y no se cobró nada. Quítela del ticket (Esc) y cree una nueva.",
            "The order expired: the platform no longer takes its payment and nothing was charged. Take it off the ticket (Esc) and create a new one.",
        ),
    )
}

/// The attention's reason when the platform refused a report because the order had expired
/// before the report reached it (sent just in time, or held up on the way).
pub(crate) fn report_after_expiry(l: Locale) -> String {
    l.pick(
        "La orden venció antes de que su pago llegara a la plataforma de impuestos, que ya no lo acepta: devuelva el dinero de la orden al cliente y márquelo como resuelto. Para cobrarle, cree una orden nueva.",
        "The order expired before its payment reached the tax platform, which no longer takes it: give the order's money back to the customer and mark it resolved. To charge them, create a new order.",
    )
}

pub(crate) fn nothing_selected(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            "Elija al menos una deuda para la orden.",
            "Pick at least one debt for the order.",
        ),
    )
}

pub(crate) fn offline(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Offline,
        l.pick(
            "No hay conexión con la plataforma de impuestos: ahora no se pueden crear ni cobrar órdenes de impuestos. Las facturas se siguen cobrando.",
            "The tax platform cannot be reached: tax orders cannot be created or paid now. Bills can still be taken.",
        ),
    )
}

pub(crate) fn not_configured(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            "Esta caja no cobra impuestos municipales (no hay plataforma de impuestos configurada).",
            "This counter takes no municipal taxes (no tax platform is configured).",
        ),
    )
}

pub(crate) fn fixed_amount(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            "El importe de un impuesto lo fija la plataforma: no se puede cambiar.",
            "A tax's amount is set by the platform: it cannot be changed.",
        ),
    )
}

pub(crate) fn remove_through_order(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Validation,
        l.pick(
            "Esta deuda es parte de una orden de impuestos: quítela de la orden (F3) o anule la orden.",
            "This debt belongs to a tax order: remove it from the order (F3) or cancel the order.",
        ),
    )
}

pub(crate) fn item_status(status: ItemStatus, l: Locale) -> String {
    match status {
        ItemStatus::Pending => l.pick("Esperando a la plataforma", "Waiting for the platform"),
        ItemStatus::Success => l.pick("Pagado", "Paid"),
        ItemStatus::Error => l.pick("Rechazado: se devuelve", "Rejected: handed back"),
    }
}

pub(crate) fn phase_label(phase: OrderPhase, l: Locale) -> String {
    match phase {
        OrderPhase::Draft | OrderPhase::Creating => l.pick("En preparación", "Being built"),
        OrderPhase::Open => l.pick("Abierta, sin pagar", "Open, not paid"),
        OrderPhase::Reported => l.pick("Pago informado", "Payment reported"),
        OrderPhase::Processing => l.pick("En proceso", "Processing"),
        OrderPhase::Complete => l.pick("Completada", "Complete"),
        OrderPhase::Canceled => l.pick("Anulada", "Canceled"),
        OrderPhase::Expired => l.pick("Vencida", "Expired"),
        OrderPhase::ReportRefused => l.pick("Pago rechazado", "Payment refused"),
    }
}

pub(crate) fn phase_name(phase: OrderPhase) -> &'static str {
    match phase {
        OrderPhase::Draft => "draft",
        OrderPhase::Creating => "creating",
        OrderPhase::Open => "open",
        OrderPhase::Reported => "reported",
        OrderPhase::Processing => "processing",
        OrderPhase::Complete => "complete",
        OrderPhase::Canceled => "canceled",
        OrderPhase::Expired => "expired",
        OrderPhase::ReportRefused => "report_refused",
    }
}

pub(crate) fn status_name(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::Pending => "pending",
        ItemStatus::Success => "success",
        ItemStatus::Error => "error",
    }
}
