//! Why a card capture (or one of its parts) was refused. Messages name the field and never
//! repeat its text: a sender that put a card number in a field must not see it printed back,
//! in a log or anywhere else.

use serde::Serialize;
use thiserror::Error;

/// The capture's fields, named as the tokenization webhook's document names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptureField {
    Id,
    Reference,
    Decision,
    ReasonCode,
    Last4,
    CardType,
    PaymentToken,
    CaptureNumber,
    Amount,
}

impl CaptureField {
    pub const fn wire_name(self) -> &'static str {
        match self {
            CaptureField::Id => "id",
            CaptureField::Reference => "cardholder.reference_id",
            CaptureField::Decision => "gateway.decision",
            CaptureField::ReasonCode => "gateway.reason_code",
            CaptureField::Last4 => "gateway.panLast4",
            CaptureField::CardType => "gateway.req_card_type",
            CaptureField::PaymentToken => "gateway.payment_token",
            CaptureField::CaptureNumber => "capture_number",
            CaptureField::Amount => "gateway.req_amount",
        }
    }
}

impl std::fmt::Display for CaptureField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.wire_name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CaptureError {
    #[error("{field} is missing or blank")]
    Missing { field: CaptureField },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: CaptureField, max: usize },
    #[error("{field} has characters it cannot have")]
    BadCharacters { field: CaptureField },
    /// A full card number, or a run of digits long enough to be one.
    #[error("{field} holds what looks like a card number; it was not kept")]
    CardNumber { field: CaptureField },
    #[error("{field} is not ACCEPT, DECLINE or CANCEL")]
    UnknownDecision { field: CaptureField },
    #[error("{field} is zero or negative")]
    NotPositive { field: CaptureField },
}
