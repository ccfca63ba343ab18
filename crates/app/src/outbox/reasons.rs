//! Reading the reason the journal keeps for an operation waiting for a person. Reasons are
//! written by their code; journals from before that keep the sentence the sender wrote then,
//! which is read back into the same reasons, so old entries explain themselves as new ones do.

use ventanilla_core::outbox::AttentionReason;

/// The reason as recorded, in either form; `None` when there is none or it cannot be read.
pub(crate) fn read_reason(stored: Option<&str>) -> Option<AttentionReason> {
    let stored = stored?;
    AttentionReason::from_code(stored).or_else(|| legacy(stored))
}

/// The sentences written by earlier versions (always Spanish).
fn legacy(stored: &str) -> Option<AttentionReason> {
    if let Some(rest) = stored.strip_prefix("sin respuesta tras ") {
        let attempts = rest.split(' ').next()?.parse().ok()?;
        return Some(AttentionReason::NoAnswer { attempts });
    }
    if stored.starts_with("venta sin conexión rechazada") {
        return Some(AttentionReason::RefundDue);
    }
    if stored.starts_with("la venta ") && stored.ends_with("no está en el diario") {
        return Some(AttentionReason::MissingRecord);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_sentences_read_as_today_s_reasons() {
        assert_eq!(
            read_reason(Some(
                "sin respuesta tras 30 intentos: the gateway did not answer in time"
            )),
            Some(AttentionReason::NoAnswer { attempts: 30 })
        );
        assert_eq!(
            read_reason(Some("venta sin conexión rechazada: devolver $ 2.748,00 a DIRECT TV (cliente 1): 409_BILL_ALREADY_PAID - ya pagada")),
            Some(AttentionReason::RefundDue)
        );
        assert_eq!(
            read_reason(Some("la venta 7 no está en el diario")),
            Some(AttentionReason::MissingRecord)
        );
        assert_eq!(
            read_reason(Some("no_answer:3")),
            Some(AttentionReason::NoAnswer { attempts: 3 })
        );
        assert_eq!(read_reason(Some("algo que nadie escribió")), None);
        assert_eq!(read_reason(None), None);
    }
}
