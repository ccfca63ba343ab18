//! The `card_captured` body of quickpay-tokenization-webhook.md, field for field and nested as
//! in the document's example (the proxy -> checkout hop, which the sandbox plays). Only the
//! masked card number and its last four digits appear in it.

use chrono::{DateTime, Datelike, SecondsFormat, Utc};
use serde::Serialize;

use super::capture::{Capture, CaptureState};
use super::card::Card;
use super::ids;

/// The commerce application that asked for the captures: one, fixed, the sandbox's.
pub const APPLICATION: &str = "5b1c6e0a-3f2d-4c8e-9a71-2d4e6f8a0b3c";
/// The tokenizer profile (`req_profile_id`), fixed like the application.
pub const PROFILE_ID: &str = "9C3E1A7B-5D2F-4B8E-A6C0-3F1D2E4B5A69";

/// The sandbox's cardholder: every capture is hers (the document's example has one too).
const NAME: &str = "Juana Pérez";
const FORENAME: &str = "Juana";
const SURNAME: &str = "Pérez";
const EMAIL: &str = "juana.perez@example.cl";
const COUNTRY: &str = "CL";
const LINE1: &str = "Miraflores 222";
const CITY: &str = "Santiago";
const STATE: &str = "Region Metropolitana";

#[derive(Serialize)]
struct Body<'a> {
    capture: &'static str,
    capture_method: &'static str,
    application: &'static str,
    cardholder: Cardholder<'a>,
    billing: Billing,
    id: &'a str,
    create_time: String,
    update_time: String,
    state: &'static str,
    capture_number: &'a str,
    redirect_urls: RedirectUrls,
    gateway: Gateway<'a>,
}

#[derive(Serialize)]
struct Cardholder<'a> {
    reference_id: &'a str,
    name: &'static str,
    email: &'static str,
    country: &'static str,
}

#[derive(Serialize)]
struct Billing {
    line1: &'static str,
    city: &'static str,
    state: &'static str,
    country: &'static str,
}

#[derive(Serialize)]
struct RedirectUrls {
    return_url: String,
    cancel_url: String,
}

/// The document's `gateway` object, in the document's order.
#[derive(Serialize)]
struct Gateway<'a> {
    utf8: &'static str,
    req_card_number: &'a str,
    payment_token: &'a str,
    req_bill_to_surname: &'static str,
    req_bill_to_address_city: &'static str,
    req_card_expiry_date: String,
    reason_code: &'static str,
    req_bill_to_forename: &'static str,
    req_payment_method: &'static str,
    request_token: String,
    req_amount: String,
    req_bill_to_email: &'static str,
    transaction_id: &'a str,
    req_currency: &'static str,
    req_card_type: &'a str,
    decision: &'static str,
    message: &'static str,
    req_transaction_uuid: &'a str,
    req_bill_to_address_country: &'static str,
    req_profile_id: &'static str,
    req_reference_number: &'a str,
    req_bill_to_address_state: &'static str,
    signed_date_time: String,
    req_bill_to_address_line1: &'static str,
    #[serde(rename = "panLast4")]
    pan_last4: &'a str,
}

/// The tokenizer's verdict for a capture's state: decision, reason code and message.
/// Reason codes are CyberSource's, whose Secure Acceptance fields the document's `gateway`
/// carries: `100` successful, `481` rejected (declined), and `102` for the customer's cancel
/// (CyberSource ends a cancelled form that way; the document only shows `100`).
fn verdict(state: CaptureState) -> (&'static str, &'static str, &'static str) {
    match state {
        CaptureState::Approved | CaptureState::Waiting => {
            ("ACCEPT", "100", "Request was processed successfully.")
        }
        CaptureState::Declined => ("DECLINE", "481", "Decline - The order has been rejected."),
        CaptureState::Cancelled => (
            "CANCEL",
            "102",
            "The customer cancelled the capture at the terminal.",
        ),
    }
}

fn iso_millis(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The body delivered for `capture`, presented with `card` at `now`. `page_url` is the
/// terminal page, where the redirect URLs point.
pub fn card_captured(capture: &Capture, card: &Card, now: DateTime<Utc>, page_url: &str) -> String {
    let (decision, reason_code, message) = verdict(capture.state);
    let body = Body {
        capture: "CREDIT_CARD",
        capture_method: "TOKENIZATION",
        application: APPLICATION,
        cardholder: Cardholder {
            reference_id: &capture.reference_id,
            name: NAME,
            email: EMAIL,
            country: COUNTRY,
        },
        billing: Billing {
            line1: LINE1,
            city: CITY,
            state: STATE,
            country: COUNTRY,
        },
        id: &capture.id,
        create_time: iso_millis(capture.created),
        update_time: iso_millis(now),
        state: if capture.state == CaptureState::Approved {
            "captured"
        } else {
            "cancel"
        },
        capture_number: &capture.capture_number,
        redirect_urls: RedirectUrls {
            return_url: format!("{page_url}?result=return"),
            cancel_url: format!("{page_url}?result=cancel"),
        },
        gateway: Gateway {
            utf8: "✓",
            req_card_number: &card.masked,
            payment_token: &card.payment_token,
            req_bill_to_surname: SURNAME,
            req_bill_to_address_city: CITY,
            // A card that expires three years from now, in the document's `MM-YYYY`.
            req_card_expiry_date: format!("{:02}-{}", now.month(), now.year() + 3),
            reason_code,
            req_bill_to_forename: FORENAME,
            req_payment_method: "card",
            request_token: ids::request_token(),
            req_amount: capture.amount.to_string(),
            req_bill_to_email: EMAIL,
            transaction_id: &card.transaction_id,
            req_currency: capture.currency.iso(),
            req_card_type: &card.card_type,
            decision,
            message,
            req_transaction_uuid: &capture.capture_number,
            req_bill_to_address_country: COUNTRY,
            req_profile_id: PROFILE_ID,
            req_reference_number: &capture.reference_id,
            req_bill_to_address_state: STATE,
            signed_date_time: now.to_rfc3339_opts(SecondsFormat::Secs, true),
            req_bill_to_address_line1: LINE1,
            pan_last4: &card.last4,
        },
    };
    serde_json::to_string(&body).expect("a body of strings serializes")
}
