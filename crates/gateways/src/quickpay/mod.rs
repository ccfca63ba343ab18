//! Card tenders (`specs/quickpay-tokenization-webhook.md`): reading the tokenizer's
//! `card_captured` webhook body into the core's `quickpay` types, and asking the semi-integrated
//! terminal to start a capture. A full card number is never kept, logged or quoted here.
//!
//! - `capture`: [`read_capture`], the webhook body into a [`ReadCapture`];
//! - `scan`: a card number anywhere in a body;
//! - `terminal`: [`CardTerminal`], starting a capture.

mod capture;
mod scan;
mod terminal;

#[cfg(test)]
mod live_tests;
#[cfg(test)]
mod tests;

pub use capture::{read_capture, ReadCapture};
pub use terminal::{CardTerminal, DEFAULT_TERMINAL_TIMEOUT};
