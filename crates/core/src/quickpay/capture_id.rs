//! The capture intent's id at the tokenizer (the document's `id`, a GUID in its example). The
//! sender retries until answered 2xx, so the same id arrives again: it is what makes handling
//! a capture once possible.

use serde::{Deserialize, Serialize};

use super::capture_error::{CaptureError, CaptureField};
use super::card_number::contains_card_number;
use super::field_text;

/// Opaque: 1 to [`CAPTURE_ID_MAX`] characters, as sent (spaces around it aside), never a card
/// number. Unlike the capture's text fields, long runs of digits are allowed: a tokenizer may
/// number its intents (the document's `transaction_id` has 22 digits), and refusing such an id
/// would lose a capture whose money was taken.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaptureId(String);

pub const CAPTURE_ID_MAX: usize = 100;

impl CaptureId {
    pub fn new(text: &str) -> Result<CaptureId, CaptureError> {
        let field = CaptureField::Id;
        let text = field_text::bounded(field, text, CAPTURE_ID_MAX)?;
        if text.is_empty() {
            return Err(CaptureError::Missing { field });
        }
        // A GUID (the document's example) is never taken for a card number (see
        // `contains_card_number`): refusing one would lose a capture whose money was taken.
        if contains_card_number(text) {
            return Err(CaptureError::CardNumber { field });
        }
        Ok(CaptureId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CaptureId {
    type Error = CaptureError;

    fn try_from(text: String) -> Result<CaptureId, CaptureError> {
        CaptureId::new(&text)
    }
}

impl From<CaptureId> for String {
    fn from(id: CaptureId) -> String {
        id.0
    }
}

impl std::fmt::Display for CaptureId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opaque_bounded_and_never_a_card_number() {
        let id = CaptureId::new(" 71230785-c66e-4c96-b2d9-658bfd41235b ").unwrap();
        assert_eq!(id.as_str(), "71230785-c66e-4c96-b2d9-658bfd41235b");
        let field = CaptureField::Id;
        assert_eq!(CaptureId::new(""), Err(CaptureError::Missing { field }));
        assert_eq!(
            CaptureId::new(&"a".repeat(100)).unwrap().as_str().len(),
            100
        );
        assert_eq!(
            CaptureId::new(&"a".repeat(101)),
            Err(CaptureError::TooLong { field, max: 100 })
        );
        assert_eq!(
            CaptureId::new("4111111111111111"),
            Err(CaptureError::CardNumber { field })
        );
        assert!(
            CaptureId::new("5042408910336785404106").is_ok(),
            "a long number"
        );
        assert!(
            CaptureId::new("4111111111111112").is_ok(),
            "not a card number"
        );
        // A GUID whose digits across its dashes pass for a card number is still a GUID.
        let guid = "d7c5441c-803f-4187-8100-938786de05c7";
        assert!(!crate::quickpay::contains_card_number(guid));
        assert_eq!(CaptureId::new(guid).unwrap().as_str(), guid);
        // A card number shaped nearly like one is not.
        assert!(CaptureId::new("4111-1111-1111-1111-abcdefabcdef").is_err());
        let err = CaptureId::new("4111111111111111").unwrap_err().to_string();
        assert!(!err.contains("4111"), "{err}");
    }
}
