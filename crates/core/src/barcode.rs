use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A utility-bill barcode as the hub expects it: digits only, of a plausible length.
///
/// Scanners add noise (a stray CR, a GS separator, a leading AIM prefix such as `]C0`); those are
/// stripped. Anything else that is not a digit is refused, so a mistyped letter never reaches
/// the hub as a "not found".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Barcode(String);

pub const MIN_BARCODE_LEN: usize = 8;
pub const MAX_BARCODE_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BarcodeError {
    #[error("the barcode is empty")]
    Empty,
    #[error("the barcode has {len} digits; at least {MIN_BARCODE_LEN} are needed")]
    TooShort { len: usize },
    #[error("the barcode has {len} characters; at most {MAX_BARCODE_LEN} are allowed")]
    TooLong { len: usize },
    #[error("the barcode has '{ch}' at position {position}; only digits are allowed")]
    NotADigit { ch: char, position: usize },
}

impl Barcode {
    pub fn parse(raw: &str) -> Result<Barcode, BarcodeError> {
        let without_aim = strip_aim_prefix(raw.trim());
        let cleaned: String = without_aim
            .chars()
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .collect();
        let len = cleaned.chars().count();
        if len == 0 {
            return Err(BarcodeError::Empty);
        }
        if len > MAX_BARCODE_LEN {
            return Err(BarcodeError::TooLong { len });
        }
        if let Some((i, ch)) = cleaned
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(BarcodeError::NotADigit {
                ch,
                position: i + 1,
            });
        }
        if len < MIN_BARCODE_LEN {
            return Err(BarcodeError::TooShort { len });
        }
        Ok(Barcode(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Some scanners send an AIM symbology identifier (`]` + letter + digit) before the data.
fn strip_aim_prefix(s: &str) -> &str {
    let b = s.as_bytes();
    if b.len() >= 3 && b[0] == b']' && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphanumeric() {
        &s[3..]
    } else {
        s
    }
}

impl TryFrom<String> for Barcode {
    type Error = BarcodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Barcode::parse(&s)
    }
}

impl From<Barcode> for String {
    fn from(b: Barcode) -> String {
        b.0
    }
}

impl std::fmt::Display for Barcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_document_barcodes_and_strips_scanner_noise() {
        for (raw, want) in [
            ("0052256037008554", "0052256037008554"),
            (
                "05700861082790003832152882102060000027480005\r",
                "05700861082790003832152882102060000027480005",
            ),
            (
                "\u{1d}579201910127747008036409003400000101000004270050\n",
                "579201910127747008036409003400000101000004270050",
            ),
            ("]C00052256037008554", "0052256037008554"),
            ("  0053354037000554  ", "0053354037000554"),
        ] {
            assert_eq!(Barcode::parse(raw).unwrap().as_str(), want, "{raw:?}");
        }
    }

    #[test]
    fn refuses_bad_barcodes_with_the_reason() {
        assert_eq!(Barcode::parse(""), Err(BarcodeError::Empty));
        assert_eq!(Barcode::parse("\r\n\t"), Err(BarcodeError::Empty));
        assert_eq!(
            Barcode::parse("12345"),
            Err(BarcodeError::TooShort { len: 5 })
        );
        assert_eq!(
            Barcode::parse(&"1".repeat(65)),
            Err(BarcodeError::TooLong { len: 65 })
        );
        assert_eq!(
            Barcode::parse("00522560370O8554"),
            Err(BarcodeError::NotADigit {
                ch: 'O',
                position: 12
            })
        );
        assert_eq!(
            Barcode::parse("0052-256037008554"),
            Err(BarcodeError::NotADigit {
                ch: '-',
                position: 5
            })
        );
    }

    #[test]
    fn deserializing_validates() {
        assert!(serde_json::from_str::<Barcode>("\"0052256037008554\"").is_ok());
        assert!(serde_json::from_str::<Barcode>("\"abc\"").is_err());
    }
}
