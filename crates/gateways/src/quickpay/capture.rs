//! Reading the `card_captured` body the tokenizer posts (through its proxy) into the core's
//! [`CardCapture`], taking only the non-sensitive fields `specs/README.md` lists. The listener
//! (in `app`) checks who may post and answers; this only reads the body.
//!
//! A card number anywhere in the body does not stop the reading: the customer's money was
//! taken, so the capture must reach its tender. Nothing of the number is kept, and the result
//! says one was there, so the app can warn. Errors name fields, never quote the body.

use serde_json::{Map, Value};
use ventanilla_core::quickpay::{
    card_number_ending_in, redact_card_numbers, CaptureError, CaptureId, CardCapture,
    CardCaptureParts, CardDecision, Last4, TenderRef, CAPTURE_NUMBER_MAX, CARD_NUMBER_PLACEHOLDER,
    CARD_TYPE_MAX, PAYMENT_TOKEN_MAX, REASON_CODE_MAX,
};
use ventanilla_core::{parse_plain_decimal, Currency, Money};

use super::scan::card_number_anywhere;
use crate::error::GatewayError;

/// A capture read from a webhook body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadCapture {
    pub capture: CardCapture,
    /// The body held a full card number somewhere (none of it is in `capture`): the sender
    /// must be fixed.
    pub had_card_number: bool,
}

fn bad(reason: impl Into<String>) -> GatewayError {
    GatewayError::BadAnswer(reason.into())
}

/// The capture in `body`.
pub fn read_capture(body: &[u8]) -> Result<ReadCapture, GatewayError> {
    let root = parse(body)?;
    let Value::Object(top) = &root else {
        return Err(bad("the capture is not a JSON object"));
    };
    let gateway = match top.get("gateway") {
        Some(Value::Object(g)) => g,
        _ => return Err(bad("the capture has no gateway object")),
    };
    let mut had_card_number = card_number_anywhere(&root, &["gateway", "payment_token"]);

    let last4 = last4(gateway)?;
    let mut payment_token = text(gateway.get("payment_token")).unwrap_or_default();
    if payment_token.trim().chars().count() > PAYMENT_TOKEN_MAX
        || payment_token.chars().any(char::is_control)
    {
        // Not a token anyone issued: dropped, the capture kept.
        payment_token.clear();
    }
    if card_number_ending_in(&payment_token, &last4) {
        // The card's own number in place of a token: useless as a token, and never kept.
        payment_token = CARD_NUMBER_PLACEHOLDER.to_string();
        had_card_number = true;
    }
    let cardholder = top.get("cardholder").and_then(Value::as_object);
    let reference = cardholder
        .and_then(|c| text(c.get("reference_id")))
        .unwrap_or_default();
    let id = text(top.get("id")).unwrap_or_default();
    let id = match CaptureId::new(&id) {
        Ok(id) => id,
        // A card number in the id: the capture is kept under the id without it (the same for
        // every resend, so it is still handled once), and the sender must be fixed.
        Err(CaptureError::CardNumber { .. }) => {
            had_card_number = true;
            CaptureId::new(&redact_card_numbers(&id)).map_err(refused)?
        }
        Err(e) => return Err(refused(e)),
    };
    let parts = CardCaptureParts {
        id,
        reference: TenderRef::new(reference.trim()).map_err(refused)?,
        decision: CardDecision::parse(&text(gateway.get("decision")).unwrap_or_default())
            .map_err(refused)?,
        reason_code: kept(gateway.get("reason_code"), REASON_CODE_MAX),
        last4,
        card_type: kept(gateway.get("req_card_type"), CARD_TYPE_MAX),
        payment_token,
        capture_number: kept(top.get("capture_number"), CAPTURE_NUMBER_MAX),
        amount: amount(gateway),
    };
    let capture = CardCapture::new(parts).map_err(refused)?;
    Ok(ReadCapture {
        capture,
        had_card_number,
    })
}

/// The body as JSON; the reasons given never quote it.
fn parse(body: &[u8]) -> Result<Value, GatewayError> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(bad("an empty capture"));
    }
    if text.starts_with('<') {
        return Err(bad("an HTML page instead of a capture"));
    }
    serde_json::from_str(text).map_err(|_| bad("the capture is not JSON"))
}

/// Why the core refused a field; its message names the field only.
fn refused(e: ventanilla_core::quickpay::CaptureError) -> GatewayError {
    bad(format!("the capture cannot be kept: {e}"))
}

/// A text or number field as text.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A field that is kept: without any card number or long run of digits (which could be one a
/// typo spoiled), without control characters, and cut to `max` characters. A field that cannot
/// be kept as sent is kept as it can be: the capture itself must never be lost over it.
fn kept(v: Option<&Value>, max: usize) -> String {
    let text = redact_card_numbers(&text(v).unwrap_or_default());
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |out: &mut String, digits: &mut String| {
        if digits.len() >= 13 {
            out.push_str(CARD_NUMBER_PLACEHOLDER);
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        flush(&mut out, &mut digits);
        if !c.is_control() {
            out.push(c);
        }
    }
    flush(&mut out, &mut digits);
    out.chars().take(max).collect()
}

/// `panLast4`, checked against the last four of `req_card_number` (masked, `xxxx...1111`) when
/// that ends in four digits; taken from it when `panLast4` is missing.
fn last4(gateway: &Map<String, Value>) -> Result<Last4, GatewayError> {
    let from_mask = gateway
        .get("req_card_number")
        .and_then(Value::as_str)
        .map(str::trim)
        .and_then(|masked| masked.get(masked.len().checked_sub(4)?..))
        .and_then(|tail| Last4::new(tail).ok());
    let stated = match gateway.get("panLast4") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(Last4::new(s.trim()).map_err(refused)?),
        Some(_) => return Err(bad("gateway.panLast4 is not text")),
    };
    match (stated, from_mask) {
        (Some(stated), Some(mask)) if stated != mask => Err(bad(
            "gateway.panLast4 does not match the masked card number's last four digits",
        )),
        (Some(last4), _) | (None, Some(last4)) => Ok(last4),
        (None, None) => Err(bad(
            "the capture has neither gateway.panLast4 nor a masked card number",
        )),
    }
}

/// `req_amount` in `req_currency`, when both are there and meaningful: an exact plain decimal
/// above zero, in a currency we know at its scale. The document's example is `"0"` CLP, which
/// says nothing about what was charged.
fn amount(gateway: &Map<String, Value>) -> Option<Money> {
    let value = parse_plain_decimal(text(gateway.get("req_amount"))?.trim())?;
    let currency = Currency::from_iso(gateway.get("req_currency")?.as_str()?)?;
    Money::new(value, currency)
        .ok()
        .filter(|m| m.amount().is_sign_positive() && !m.amount().is_zero())
}
