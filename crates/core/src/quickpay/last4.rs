//! The last four digits of a card (`gateway.panLast4`): all of a card number Ventanilla keeps.

use serde::{Deserialize, Serialize};

use super::capture_error::{CaptureError, CaptureField};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Last4(String);

impl Last4 {
    /// Exactly four ASCII digits, nothing else (not even spaces around them).
    pub fn new(text: &str) -> Result<Last4, CaptureError> {
        let field = CaptureField::Last4;
        if text.is_empty() {
            return Err(CaptureError::Missing { field });
        }
        if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CaptureError::BadCharacters { field });
        }
        Ok(Last4(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Last4 {
    type Error = CaptureError;

    fn try_from(text: String) -> Result<Last4, CaptureError> {
        Last4::new(&text)
    }
}

impl From<Last4> for String {
    fn from(l: Last4) -> String {
        l.0
    }
}

impl std::fmt::Display for Last4 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_four_digits() {
        assert_eq!(Last4::new("1111").unwrap().as_str(), "1111");
        assert_eq!(Last4::new("0042").unwrap().to_string(), "0042");
        for bad in ["111", "11111", "11a1", " 111", "١١١١", "11 1"] {
            assert_eq!(
                Last4::new(bad),
                Err(CaptureError::BadCharacters {
                    field: CaptureField::Last4
                }),
                "{bad:?}"
            );
        }
        assert!(matches!(Last4::new(""), Err(CaptureError::Missing { .. })));
    }
}
