//! Our reference for one card or wallet tender: what we send as `cardholder.reference_id` and
//! what the capture brings back, so a capture finds its tender.

use serde::{Deserialize, Serialize};

use super::capture_error::{CaptureError, CaptureField};
use super::field_text::no_card_number;
use crate::ids::IdGen;

/// 1 to [`TENDER_REF_MAX`] characters of `[A-Za-z0-9_-]`, never a card number. Generated ones
/// are `vt-`, then 128 random bits as 22 base62 characters in two halves split by a dash
/// (26 in all): short enough for any terminal's field, and with at most 11 digits in a row and
/// 22 across the dash, so no generated reference can ever look like a card number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TenderRef(String);

pub const TENDER_REF_MAX: usize = 64;
const PREFIX: &str = "vt-";
/// Base62 digits of a `u128` (62^22 > 2^128), in two halves.
const WIDTH: usize = 22;
const HALF: usize = WIDTH / 2;
/// Letters first, so the zero padding of small numbers is letters too.
const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// How `ClientTransactionId` writes its base62 (`ids.rs`).
const ID_ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl TenderRef {
    /// Reads a reference (ours, or one a capture brought back); nothing is trimmed.
    pub fn new(text: &str) -> Result<TenderRef, CaptureError> {
        let field = CaptureField::Reference;
        if text.is_empty() {
            return Err(CaptureError::Missing { field });
        }
        if text.len() > TENDER_REF_MAX {
            return Err(CaptureError::TooLong {
                field,
                max: TENDER_REF_MAX,
            });
        }
        if !text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(CaptureError::BadCharacters { field });
        }
        no_card_number(field, text)?;
        Ok(TenderRef(text.to_string()))
    }

    /// A reference from 128 random bits; different bits, different references.
    pub fn from_u128(mut n: u128) -> TenderRef {
        let mut digits = [ALPHABET[0]; WIDTH];
        for slot in digits.iter_mut().rev() {
            *slot = ALPHABET[(n % 62) as usize];
            n /= 62;
        }
        let mut text = String::with_capacity(PREFIX.len() + WIDTH + 1);
        text.push_str(PREFIX);
        for (i, &b) in digits.iter().enumerate() {
            if i == HALF {
                text.push('-');
            }
            text.push(char::from(b));
        }
        TenderRef(text)
    }

    /// A new reference from the passed-in id source (its ids are base62 `u128`s).
    pub fn generate(ids: &(impl IdGen + ?Sized)) -> TenderRef {
        let id = ids.client_transaction_id();
        let n = id.as_str().bytes().fold(0u128, |n, b| {
            let digit = ID_ALPHABET.iter().position(|&d| d == b).unwrap_or(0) as u128;
            n.wrapping_mul(62).wrapping_add(digit)
        });
        TenderRef::from_u128(n)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TenderRef {
    type Error = CaptureError;

    fn try_from(text: String) -> Result<TenderRef, CaptureError> {
        TenderRef::new(&text)
    }
}

impl From<TenderRef> for String {
    fn from(r: TenderRef) -> String {
        r.0
    }
}

impl std::fmt::Display for TenderRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ClientTransactionId, RandomIds};
    use crate::quickpay::card_number::contains_card_number;

    struct Fixed(u128);

    impl IdGen for Fixed {
        fn client_transaction_id(&self) -> ClientTransactionId {
            ClientTransactionId::from_u128(self.0)
        }
    }

    #[test]
    fn generated_references_have_one_width_and_read_back() {
        assert_eq!(
            TenderRef::from_u128(0).as_str(),
            "vt-AAAAAAAAAAA-AAAAAAAAAAA"
        );
        assert_eq!(
            TenderRef::from_u128(61).as_str(),
            "vt-AAAAAAAAAAA-AAAAAAAAAA9"
        );
        let mut seen = std::collections::HashSet::new();
        for n in [
            0,
            1,
            61,
            62,
            62 * 62,
            u128::MAX / 3,
            u128::MAX - 1,
            u128::MAX,
        ] {
            let r = TenderRef::from_u128(n);
            assert_eq!(r.as_str().len(), 26);
            assert!(seen.insert(r.clone()), "{r} is new");
            assert_eq!(
                TenderRef::generate(&Fixed(n)),
                r,
                "the same bits, the same reference"
            );
            assert_eq!(TenderRef::new(r.as_str()), Ok(r));
        }
        for _ in 0..1000 {
            let r = TenderRef::generate(&RandomIds);
            assert_eq!(TenderRef::new(r.as_str()), Ok(r.clone()));
            assert!(seen.insert(r));
        }
    }

    #[test]
    fn a_generated_reference_never_looks_like_a_card_number() {
        // The most digits a reference can have: 21 of its 22 characters.
        let n = (0..21u32).fold(0u128, |n, i| n * 62 + 52 + u128::from(i % 10));
        let r = TenderRef::from_u128(n);
        assert_eq!(r.as_str(), "vt-A0123456789-01234567890");
        assert!(!contains_card_number(r.as_str()));
        assert_eq!(TenderRef::new(r.as_str()), Ok(r));
    }

    #[test]
    fn references_are_checked() {
        let field = CaptureField::Reference;
        #[rustfmt::skip]
        let table = [
            ("Merchant_id_reference", Ok(())),
            ("a", Ok(())),
            ("A-b_9", Ok(())),
            ("", Err(CaptureError::Missing { field })),
            (" vt-1", Err(CaptureError::BadCharacters { field })),
            ("vt 1", Err(CaptureError::BadCharacters { field })),
            ("vt.1", Err(CaptureError::BadCharacters { field })),
            ("ñ", Err(CaptureError::BadCharacters { field })),
            ("4111111111111111", Err(CaptureError::CardNumber { field })),
            ("ref-4111-1111-1111-1111", Err(CaptureError::CardNumber { field })),
            ("1234567890123", Err(CaptureError::CardNumber { field })),
        ];
        for (text, expected) in table {
            assert_eq!(TenderRef::new(text).map(drop), expected, "{text:?}");
        }
        assert!(TenderRef::new(&"a".repeat(64)).is_ok());
        assert_eq!(
            TenderRef::new(&"a".repeat(65)),
            Err(CaptureError::TooLong { field, max: 64 })
        );
        let err = TenderRef::new("4111111111111111").unwrap_err().to_string();
        assert!(!err.contains("4111"), "{err}");
    }
}
