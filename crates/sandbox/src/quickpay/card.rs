//! The card presented at the terminal, as far as the sandbox keeps it: the full number is read,
//! checked and masked here, and never leaves this file. Only the masked form (`x` for every
//! digit but the last four), the last four and the card type are kept, logged or sent.

use super::ids;

/// The card of the document's example (Visa's test number).
pub const DEFAULT_CARD_NUMBER: &str = "4111111111111111";
/// CyberSource's card type code for Visa, as in the document's example.
pub const DEFAULT_CARD_TYPE: &str = "001";

/// What is kept of a presented card.
#[derive(Clone, PartialEq, Eq)]
pub struct Card {
    /// `xxxxxxxxxxxx1111`: the document's `req_card_number`.
    pub masked: String,
    /// The document's `panLast4`.
    pub last4: String,
    /// The document's `req_card_type` (`001` Visa, `002` Mastercard, ...).
    pub card_type: String,
    /// The document's `payment_token` and `transaction_id`: digit tokens that are not the
    /// card number and do not contain it.
    pub payment_token: String,
    pub transaction_id: String,
}

impl std::fmt::Debug for Card {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Card")
            .field("masked", &self.masked)
            .field("card_type", &self.card_type)
            .finish()
    }
}

impl Card {
    /// Reads a card number (12 to 19 digits; spaces and dashes between them are ignored) and a
    /// card type (1 to 3 digits), and keeps only what may be kept.
    pub fn read(number: &str, card_type: &str) -> Result<Card, String> {
        let digits: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if !(12..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            // The number itself is not repeated in the message: it may be a real card's.
            return Err("card_number must be 12 to 19 digits".to_owned());
        }
        let card_type = card_type.trim();
        if card_type.is_empty()
            || card_type.len() > 3
            || !card_type.bytes().all(|b| b.is_ascii_digit())
        {
            return Err("card_type must be 1 to 3 digits, e.g. \"001\"".to_owned());
        }
        let last4 = digits[digits.len() - 4..].to_owned();
        let token = || loop {
            // 22 digits as in the document; never the card number, never containing it.
            let t = ids::digits(22);
            if !t.contains(&digits) {
                return t;
            }
        };
        Ok(Card {
            masked: format!("{}{last4}", "x".repeat(digits.len() - 4)),
            last4,
            card_type: card_type.to_owned(),
            payment_token: token(),
            transaction_id: token(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Card;

    #[test]
    fn keeps_only_the_masked_number() {
        let card = Card::read("4111 1111-1111 1111", "001").unwrap();
        assert_eq!(card.masked, "xxxxxxxxxxxx1111");
        assert_eq!(card.last4, "1111");
        assert!(!card.payment_token.contains("4111111111111111"));
        assert_ne!(card.payment_token, card.transaction_id);
        assert!(!format!("{card:?}").contains("41111"));
        assert!(Card::read("4111", "001").is_err());
        assert!(Card::read("41111111111111112222", "001").is_err());
        assert!(Card::read("4111x11111111111", "001").is_err());
        assert!(Card::read("4111111111111111", "visa").is_err());
        assert_eq!(Card::read("5555555555554444", "002").unwrap().last4, "4444");
    }
}
