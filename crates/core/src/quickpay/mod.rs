//! Card tenders through the semi-integrated terminal and its tokenization webhook
//! (`specs/quickpay-tokenization-webhook.md`): our tender reference, the non-sensitive capture
//! result the webhook brings, and one card attempt's life, as pure functions. A full card
//! number never exists in Ventanilla: every text kept here is checked for one.
//!
//! - `reference`: [`TenderRef`], the `cardholder.reference_id` we send and get back;
//! - `capture_id`, `decision`, `last4`: the capture's id, verdict and last four digits;
//! - `card_number` and `field_text`: spotting and removing card numbers, the rules for text;
//! - `capture` and `capture_error`: [`CardCapture`], checked, and why one is refused;
//! - `attempt` and `machine`: the card attempt's state machine.

mod attempt;
mod capture;
mod capture_error;
mod capture_id;
mod card_number;
mod decision;
mod field_text;
mod last4;
mod machine;
mod reference;

#[cfg(test)]
mod machine_tests;

pub use attempt::{
    CardAttempt, CardEffect, CardEvent, CardPhase, CardRefusal, DEFAULT_CARD_TIMEOUT,
};
pub use capture::{
    CardCapture, CardCaptureParts, CAPTURE_NUMBER_MAX, CARD_TYPE_MAX, PAYMENT_TOKEN_MAX,
    REASON_CODE_MAX,
};
pub use capture_error::{CaptureError, CaptureField};
pub use capture_id::{CaptureId, CAPTURE_ID_MAX};
pub use card_number::{
    card_number_ending_in, contains_card_number, longest_digit_run, redact_card_numbers,
    CARD_NUMBER_PLACEHOLDER,
};
pub use decision::CardDecision;
pub use last4::Last4;
pub use machine::step;
pub use reference::{TenderRef, TENDER_REF_MAX};
