//! A card capture as Ventanilla keeps it: only the non-sensitive result the tokenization
//! webhook sends (`specs/README.md`: token, last four digits, card type, decision, reason code,
//! capture number), checked so that no field can carry a card number to disk or to a log.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::capture_error::{CaptureError, CaptureField};
use super::capture_id::CaptureId;
use super::card_number::card_number_ending_in;
use super::decision::CardDecision;
use super::field_text;
use super::last4::Last4;
use super::reference::TenderRef;
use crate::money::Money;

pub const REASON_CODE_MAX: usize = 32;
pub const CARD_TYPE_MAX: usize = 32;
pub const PAYMENT_TOKEN_MAX: usize = 256;
pub const CAPTURE_NUMBER_MAX: usize = 64;

/// What a capture is made of, before its text fields are checked. Empty text means the sender
/// did not say (a declined capture may have no token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardCaptureParts {
    pub id: CaptureId,
    pub reference: TenderRef,
    pub decision: CardDecision,
    pub reason_code: String,
    pub last4: Last4,
    pub card_type: String,
    pub payment_token: String,
    pub capture_number: String,
    /// What the terminal charged, when it said something meaningful.
    pub amount: Option<Money>,
}

/// A checked capture. Built only by [`CardCapture::new`] (also when read back from storage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CardCaptureParts", into = "CardCaptureParts")]
pub struct CardCapture {
    id: CaptureId,
    reference: TenderRef,
    decision: CardDecision,
    reason_code: String,
    last4: Last4,
    card_type: String,
    payment_token: String,
    capture_number: String,
    amount: Option<Money>,
}

impl CardCapture {
    /// Checks every text field: trimmed, bounded, no control characters, and no card number
    /// (nor 13 digits in a row) outside the token; the token may be long digits, but never the
    /// card's own number (Luhn-valid, 13-19 digits, ending in `last4`). An amount must be
    /// positive.
    pub fn new(parts: CardCaptureParts) -> Result<CardCapture, CaptureError> {
        use field_text::optional;
        let token = field_text::bounded(
            CaptureField::PaymentToken,
            &parts.payment_token,
            PAYMENT_TOKEN_MAX,
        )?;
        if card_number_ending_in(token, &parts.last4) {
            return Err(CaptureError::CardNumber {
                field: CaptureField::PaymentToken,
            });
        }
        if parts.amount.is_some_and(|m| m.amount() <= Decimal::ZERO) {
            return Err(CaptureError::NotPositive {
                field: CaptureField::Amount,
            });
        }
        Ok(CardCapture {
            reason_code: optional(
                CaptureField::ReasonCode,
                &parts.reason_code,
                REASON_CODE_MAX,
            )?,
            card_type: optional(CaptureField::CardType, &parts.card_type, CARD_TYPE_MAX)?,
            capture_number: optional(
                CaptureField::CaptureNumber,
                &parts.capture_number,
                CAPTURE_NUMBER_MAX,
            )?,
            payment_token: token.to_string(),
            id: parts.id,
            reference: parts.reference,
            decision: parts.decision,
            last4: parts.last4,
            amount: parts.amount,
        })
    }

    pub fn id(&self) -> &CaptureId {
        &self.id
    }

    pub fn reference(&self) -> &TenderRef {
        &self.reference
    }

    pub fn decision(&self) -> CardDecision {
        self.decision
    }

    pub fn is_accept(&self) -> bool {
        self.decision.is_accept()
    }

    /// The processor's reason code (`100` is success in the document); empty when not sent.
    pub fn reason_code(&self) -> &str {
        &self.reason_code
    }

    pub fn last4(&self) -> &Last4 {
        &self.last4
    }

    /// The processor's card type code (`001` in the document); empty when not sent.
    pub fn card_type(&self) -> &str {
        &self.card_type
    }

    /// The token standing for the card at the processor; empty when not sent.
    pub fn payment_token(&self) -> &str {
        &self.payment_token
    }

    /// The intent's readable number (`INCA-0000000432`); empty when not sent.
    pub fn capture_number(&self) -> &str {
        &self.capture_number
    }

    pub fn amount(&self) -> Option<Money> {
        self.amount
    }
}

impl TryFrom<CardCaptureParts> for CardCapture {
    type Error = CaptureError;

    fn try_from(parts: CardCaptureParts) -> Result<CardCapture, CaptureError> {
        CardCapture::new(parts)
    }
}

impl From<CardCapture> for CardCaptureParts {
    fn from(c: CardCapture) -> CardCaptureParts {
        CardCaptureParts {
            id: c.id,
            reference: c.reference,
            decision: c.decision,
            reason_code: c.reason_code,
            last4: c.last4,
            card_type: c.card_type,
            payment_token: c.payment_token,
            capture_number: c.capture_number,
            amount: c.amount,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::currency::Currency;

    /// The document's example, as its fields come.
    fn parts() -> CardCaptureParts {
        CardCaptureParts {
            id: CaptureId::new("71230785-c66e-4c96-b2d9-658bfd41235b").unwrap(),
            reference: TenderRef::new("Merchant_id_reference").unwrap(),
            decision: CardDecision::Accept,
            reason_code: "100".into(),
            last4: Last4::new("1111").unwrap(),
            card_type: "001".into(),
            payment_token: "5042408910336785404106".into(),
            capture_number: "INCA-0000000432".into(),
            amount: None,
        }
    }

    #[test]
    fn the_documents_capture_is_kept_as_it_came() {
        let c = CardCapture::new(parts()).unwrap();
        assert_eq!(c.payment_token(), "5042408910336785404106");
        assert_eq!(c.capture_number(), "INCA-0000000432");
        assert_eq!(c.last4().as_str(), "1111");
        assert!(c.is_accept());
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<CardCapture>(&json).unwrap(), c);
    }

    #[test]
    fn text_fields_are_trimmed_and_may_be_empty() {
        let c = CardCapture::new(CardCaptureParts {
            reason_code: " 481 ".into(),
            card_type: String::new(),
            payment_token: String::new(),
            decision: CardDecision::Decline,
            ..parts()
        })
        .unwrap();
        assert_eq!(c.reason_code(), "481");
        assert_eq!(c.card_type(), "");
        assert_eq!(c.payment_token(), "");
    }

    #[test]
    fn no_field_carries_a_card_number() {
        type Edit = fn(&mut CardCaptureParts);
        #[rustfmt::skip]
        let table: [(Edit, CaptureError); 9] = [
            (|p| p.reason_code = "4111111111111111".into(), CaptureError::CardNumber { field: CaptureField::ReasonCode }),
            (|p| p.card_type = "visa 4111 1111 1111 1111".into(), CaptureError::CardNumber { field: CaptureField::CardType }),
            (|p| p.capture_number = "INCA-4111111111111112".into(), CaptureError::CardNumber { field: CaptureField::CaptureNumber }),
            (|p| p.payment_token = "4111111111111111".into(), CaptureError::CardNumber { field: CaptureField::PaymentToken }),
            (|p| p.payment_token = "4111-1111-1111-1111".into(), CaptureError::CardNumber { field: CaptureField::PaymentToken }),
            (|p| p.reason_code = "1".repeat(33), CaptureError::TooLong { field: CaptureField::ReasonCode, max: 32 }),
            (|p| p.payment_token = "t".repeat(257), CaptureError::TooLong { field: CaptureField::PaymentToken, max: 256 }),
            (|p| p.card_type = "00\n1".into(), CaptureError::BadCharacters { field: CaptureField::CardType }),
            (|p| p.amount = Some(Money::zero(Currency::Clp)), CaptureError::NotPositive { field: CaptureField::Amount }),
        ];
        for (edit, expected) in table {
            let mut p = parts();
            edit(&mut p);
            let err = CardCapture::new(p).unwrap_err();
            assert_eq!(err, expected);
            assert!(!err.to_string().contains("1111"), "{err}");
        }
        // A token of digits that is not this card's number is a token.
        let mut p = parts();
        p.payment_token = "4012888888881881".into();
        assert!(CardCapture::new(p).is_ok());
    }

    #[test]
    fn stored_captures_are_checked_again() {
        let json = serde_json::to_string(&CardCapture::new(parts()).unwrap()).unwrap();
        let tampered = json.replace("INCA-0000000432", "4111111111111111");
        assert!(serde_json::from_str::<CardCapture>(&tampered).is_err());
    }
}
