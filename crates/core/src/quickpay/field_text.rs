//! The rules every text field of a capture follows: bounded, printable, and never a card
//! number or a run of digits long enough to be one (13, the shortest card number).

use super::capture_error::{CaptureError, CaptureField};
use super::card_number::{contains_card_number, longest_digit_run};

/// The shortest card number; a run of this many digits is refused outside a token.
const CARD_DIGITS: usize = 13;

/// `text` trimmed, at most `max` characters, no control characters, no card number. May be
/// empty: the sender did not say.
pub fn optional(field: CaptureField, text: &str, max: usize) -> Result<String, CaptureError> {
    let text = bounded(field, text, max)?;
    no_card_number(field, text)?;
    Ok(text.to_string())
}

/// `text` trimmed, at most `max` characters, no control characters.
pub fn bounded(field: CaptureField, text: &str, max: usize) -> Result<&str, CaptureError> {
    let text = text.trim();
    if text.chars().count() > max {
        return Err(CaptureError::TooLong { field, max });
    }
    if text.chars().any(char::is_control) {
        return Err(CaptureError::BadCharacters { field });
    }
    Ok(text)
}

/// Refuses a card number, or 13 digits in a row (which could be one that fails Luhn by a typo,
/// and has no business in these fields anyway).
pub fn no_card_number(field: CaptureField, text: &str) -> Result<(), CaptureError> {
    if longest_digit_run(text) >= CARD_DIGITS || contains_card_number(text) {
        return Err(CaptureError::CardNumber { field });
    }
    Ok(())
}
