//! The processor's verdict on a capture (`gateway.decision`).

use serde::{Deserialize, Serialize};

use super::capture_error::{CaptureError, CaptureField};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum CardDecision {
    /// The card was charged.
    Accept,
    Decline,
    /// The customer or the terminal gave up before a charge.
    Cancel,
}

impl CardDecision {
    /// `ACCEPT`, `DECLINE` or `CANCEL`, in any case, with spaces around ignored. Anything else
    /// is refused: guessing a verdict could sell without money, or take money without a sale.
    pub fn parse(text: &str) -> Result<CardDecision, CaptureError> {
        let field = CaptureField::Decision;
        let text = text.trim();
        if text.is_empty() {
            return Err(CaptureError::Missing { field });
        }
        if text.eq_ignore_ascii_case("accept") {
            Ok(CardDecision::Accept)
        } else if text.eq_ignore_ascii_case("decline") {
            Ok(CardDecision::Decline)
        } else if text.eq_ignore_ascii_case("cancel") {
            Ok(CardDecision::Cancel)
        } else {
            Err(CaptureError::UnknownDecision { field })
        }
    }

    pub fn is_accept(self) -> bool {
        self == CardDecision::Accept
    }
}

impl std::str::FromStr for CardDecision {
    type Err = CaptureError;

    fn from_str(s: &str) -> Result<CardDecision, CaptureError> {
        CardDecision::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_verdicts_in_any_case() {
        #[rustfmt::skip]
        let table = [
            ("ACCEPT", Ok(CardDecision::Accept)),
            ("accept", Ok(CardDecision::Accept)),
            (" Accept ", Ok(CardDecision::Accept)),
            ("DECLINE", Ok(CardDecision::Decline)),
            ("decline", Ok(CardDecision::Decline)),
            ("Cancel", Ok(CardDecision::Cancel)),
            ("", Err(CaptureError::Missing { field: CaptureField::Decision })),
            ("  ", Err(CaptureError::Missing { field: CaptureField::Decision })),
            ("ERROR", Err(CaptureError::UnknownDecision { field: CaptureField::Decision })),
            ("REVIEW", Err(CaptureError::UnknownDecision { field: CaptureField::Decision })),
            ("ACCEPTED", Err(CaptureError::UnknownDecision { field: CaptureField::Decision })),
        ];
        for (text, expected) in table {
            assert_eq!(CardDecision::parse(text), expected, "{text:?}");
        }
    }
}
