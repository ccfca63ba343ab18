//! Why a queued operation waits for a person: the sender's own reasons, as data. The app puts
//! them into the cashier's words; the journal keeps them by [`AttentionReason::code`], a stable
//! text that never changes with the wording.

/// Why the sender stopped retrying an operation and handed it to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttentionReason {
    /// No usable answer from the gateway after this many attempts in a row.
    NoAnswer { attempts: u32 },
    /// The gateway's answer is final, but money must go back: it rejected an operation taken
    /// while it was unreachable, whose customer already left with a provisional receipt.
    RefundDue,
    /// The gateway refused the operation itself. `message` is the gateway's own text, verbatim:
    /// data to show beside our words, never parsed.
    Refused { message: String },
    /// The operation's own record is missing from the journal, so there is nothing to send.
    MissingRecord,
}

const NO_ANSWER: &str = "no_answer:";
const REFUND_DUE: &str = "refund_due";
const REFUSED: &str = "refused:";
const MISSING_RECORD: &str = "missing_record";

impl AttentionReason {
    /// The form kept in the journal: an identifier, then the reason's data.
    pub fn code(&self) -> String {
        match self {
            AttentionReason::NoAnswer { attempts } => format!("{NO_ANSWER}{attempts}"),
            AttentionReason::RefundDue => REFUND_DUE.to_string(),
            AttentionReason::Refused { message } => format!("{REFUSED}{message}"),
            AttentionReason::MissingRecord => MISSING_RECORD.to_string(),
        }
    }

    /// Reads what [`Self::code`] wrote; `None` for anything else (such as a reason written by an
    /// older version, which the caller may know how to read).
    pub fn from_code(code: &str) -> Option<AttentionReason> {
        if let Some(n) = code.strip_prefix(NO_ANSWER) {
            return n
                .parse()
                .ok()
                .map(|attempts| AttentionReason::NoAnswer { attempts });
        }
        if let Some(message) = code.strip_prefix(REFUSED) {
            return Some(AttentionReason::Refused {
                message: message.to_string(),
            });
        }
        match code {
            REFUND_DUE => Some(AttentionReason::RefundDue),
            MISSING_RECORD => Some(AttentionReason::MissingRecord),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_back_from_its_code() {
        let reasons = [
            AttentionReason::NoAnswer { attempts: 30 },
            AttentionReason::RefundDue,
            AttentionReason::Refused {
                message: "INVALID_AMOUNT - el monto: no es válido".into(),
            },
            AttentionReason::Refused {
                message: String::new(),
            },
            AttentionReason::MissingRecord,
        ];
        for r in reasons {
            assert_eq!(
                AttentionReason::from_code(&r.code()),
                Some(r.clone()),
                "{r:?}"
            );
        }
        assert_eq!(AttentionReason::from_code("no_answer:x"), None);
        assert_eq!(
            AttentionReason::from_code("sin respuesta tras 5 intentos: reset"),
            None
        );
    }
}
