//! Reading the tokenizer's `card_captured` body: the document's example (`testdata/`), declines,
//! the last four digits and their mask, card numbers where none belongs, amounts, and bodies
//! that are not a capture. No error and no print carries a card number.

use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_core::quickpay::{CardDecision, CARD_NUMBER_PLACEHOLDER};
use ventanilla_core::{Currency, Money};

use super::capture::{read_capture, ReadCapture};
use crate::error::GatewayError;

const CARD_CAPTURED: &str = include_str!("testdata/card_captured.json");
const PAN: &str = "4111111111111111";

/// The document's example with `edit` applied.
fn edited(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(CARD_CAPTURED).unwrap();
    edit(&mut v);
    serde_json::to_vec(&v).unwrap()
}

fn read(body: &[u8]) -> Result<ReadCapture, GatewayError> {
    read_capture(body)
}

fn unreadable(body: &[u8]) -> String {
    match read(body) {
        Err(GatewayError::BadAnswer(m)) => m,
        other => panic!("expected an unreadable capture, got {other:?}"),
    }
}

/// Nothing of the card number: neither it nor a long piece of it.
fn assert_no_pan(text: &str) {
    assert!(!text.contains("41111111"), "{text}");
    assert!(!text.contains("4111 1111"), "{text}");
}

#[test]
fn the_documents_example_reads_its_non_sensitive_fields() {
    let read = read(CARD_CAPTURED.as_bytes()).unwrap();
    assert!(!read.had_card_number);
    let c = read.capture;
    assert_eq!(c.id().as_str(), "71230785-c66e-4c96-b2d9-658bfd41235b");
    assert_eq!(c.reference().as_str(), "Merchant_id_reference");
    assert_eq!(c.decision(), CardDecision::Accept);
    assert_eq!(c.reason_code(), "100");
    assert_eq!(c.last4().as_str(), "1111");
    assert_eq!(c.card_type(), "001");
    assert_eq!(c.payment_token(), "5042408910336785404106");
    assert_eq!(c.capture_number(), "INCA-0000000432");
    assert_eq!(c.amount(), None, "\"0\" CLP says nothing");
    // Nothing else of the body: no name, e-mail or address.
    let printed = format!("{c:?}");
    for personal in ["Jhon", "jhondoe", "Miraflores", "request_token", "AhjzbwST"] {
        assert!(!printed.contains(personal), "{printed}");
    }
}

#[test]
fn a_decline_without_a_token_reads() {
    let body = edited(|v| {
        let g = &mut v["gateway"];
        g["decision"] = json!("DECLINE");
        g["reason_code"] = json!(481);
        g.as_object_mut().unwrap().remove("payment_token");
    });
    let c = read(&body).unwrap().capture;
    assert_eq!(c.decision(), CardDecision::Decline);
    assert!(!c.is_accept());
    assert_eq!(c.reason_code(), "481");
    assert_eq!(c.payment_token(), "");
    let cancel = edited(|v| v["gateway"]["decision"] = json!("cancel"));
    assert_eq!(
        read(&cancel).unwrap().capture.decision(),
        CardDecision::Cancel
    );
}

#[test]
fn the_last_four_digits_and_their_mask() {
    // Missing panLast4: the mask's last four.
    let body = edited(|v| {
        v["gateway"].as_object_mut().unwrap().remove("panLast4");
    });
    assert_eq!(read(&body).unwrap().capture.last4().as_str(), "1111");
    // Missing mask: panLast4 alone.
    let body = edited(|v| {
        v["gateway"]
            .as_object_mut()
            .unwrap()
            .remove("req_card_number");
    });
    assert_eq!(read(&body).unwrap().capture.last4().as_str(), "1111");
    // Neither.
    let body = edited(|v| {
        let g = v["gateway"].as_object_mut().unwrap();
        g.remove("panLast4");
        g.remove("req_card_number");
    });
    assert!(unreadable(&body).contains("panLast4"));
    // Disagreeing.
    let body = edited(|v| v["gateway"]["panLast4"] = json!("4242"));
    let m = unreadable(&body);
    assert!(m.contains("does not match"), "{m}");
    assert!(!m.contains("4242") && !m.contains("1111"), "{m}");
    // Not four digits.
    for bad in [json!("111"), json!("11a1"), json!(1111)] {
        let body = edited(|v| v["gateway"]["panLast4"] = bad.clone());
        unreadable(&body);
    }
    // A mask without digits at its end cannot be checked; panLast4 stands.
    let body = edited(|v| v["gateway"]["req_card_number"] = json!("xxxxxxxxxxxxxxxx"));
    assert_eq!(read(&body).unwrap().capture.last4().as_str(), "1111");
}

#[test]
fn a_card_number_anywhere_is_flagged_and_never_kept() {
    type Edit = fn(&mut Value);
    #[rustfmt::skip]
    let table: [(&str, Edit); 6] = [
        ("unmasked req_card_number", |v| v["gateway"]["req_card_number"] = json!(PAN)),
        ("in the cardholder's name", |v| v["cardholder"]["name"] = json!("Jhon 4111 1111 1111 1111 Doe")),
        ("as a JSON number", |v| v["gateway"]["req_card_number"] = serde_json::from_str(PAN).unwrap()),
        ("in the capture number", |v| v["capture_number"] = json!(format!("INCA-{PAN}"))),
        ("in the card type", |v| v["gateway"]["req_card_type"] = json!(format!("visa {PAN}"))),
        ("as the token", |v| v["gateway"]["payment_token"] = json!(PAN)),
    ];
    for (name, edit) in table {
        let got = read(&edited(edit)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(got.had_card_number, "{name}");
        assert_no_pan(&format!("{got:?}"));
        assert_no_pan(&serde_json::to_string(&got.capture).unwrap());
    }
    let token = read(&edited(|v| v["gateway"]["payment_token"] = json!(PAN))).unwrap();
    assert_eq!(token.capture.payment_token(), CARD_NUMBER_PLACEHOLDER);
    let number = read(&edited(|v| {
        v["capture_number"] = json!(format!("INCA-{PAN}"))
    }))
    .unwrap();
    assert_eq!(
        number.capture.capture_number(),
        "INCA-[card number removed]"
    );
}

#[test]
fn amounts_only_when_they_mean_something() {
    let with = |amount: Value, currency: &str| {
        let currency = currency.to_string();
        read(&edited(move |v| {
            v["gateway"]["req_amount"] = amount;
            v["gateway"]["req_currency"] = json!(currency);
        }))
        .unwrap()
        .capture
        .amount()
    };
    let ars = Money::new(Decimal::new(274_800, 2), Currency::Ars).unwrap();
    let clp = Money::new(Decimal::new(12_500, 0), Currency::Clp).unwrap();
    #[rustfmt::skip]
    let table = [
        (json!("2748.00"), "ARS", Some(ars)),
        (json!("2748"), "ars", Some(ars)),
        (serde_json::from_str("2748.00").unwrap(), "ARS", Some(ars)),
        (json!("12500"), "CLP", Some(clp)),
        (json!("0"), "CLP", None),
        (json!("0.00"), "ARS", None),
        (json!("-5"), "ARS", None),
        (json!("12.5"), "CLP", None),
        (json!("1e3"), "ARS", None),
        (json!("mil"), "ARS", None),
        (json!("2748.00"), "USD", None),
        (json!(null), "ARS", None),
    ];
    for (amount, currency, expected) in table {
        assert_eq!(
            with(amount.clone(), currency),
            expected,
            "{amount} {currency}"
        );
    }
}

#[test]
fn bodies_that_are_not_a_capture() {
    let secretive = format!("{{\"gateway\": \"{PAN}\"");
    for body in [
        "".as_bytes(),
        b"   ",
        b"<html><body>502 Bad Gateway</body></html>",
        b"}{ garbage",
        b"[1, 2, 3]",
        b"\"captured\"",
        br#"{"id": "x"}"#,
        br#"{"id": "x", "gateway": "ACCEPT"}"#,
        secretive.as_bytes(),
    ] {
        let m = unreadable(body);
        assert_no_pan(&m);
    }
}

#[test]
fn fields_that_cannot_be_kept_are_refused_by_name() {
    type Edit = fn(&mut Value);
    #[rustfmt::skip]
    let table: [(Edit, &str); 6] = [
        (|v| v["id"] = json!("a".repeat(101)), "id"),
        (|v| { v.as_object_mut().unwrap().remove("id"); }, "id"),
        (|v| v["cardholder"]["reference_id"] = json!("r".repeat(65)), "cardholder.reference_id"),
        (|v| { v["cardholder"].as_object_mut().unwrap().remove("reference_id"); }, "cardholder.reference_id"),
        (|v| v["cardholder"]["reference_id"] = json!("not a reference"), "cardholder.reference_id"),
        (|v| v["gateway"]["decision"] = json!("REVIEW"), "gateway.decision"),
    ];
    for (edit, field) in table {
        let m = unreadable(&edited(edit));
        assert!(m.contains(field), "{field}: {m}");
    }
}

/// The money was taken: a field too long, or with digits where none belong, is kept as it can
/// be (cut, the digits out; a token that is no token dropped) and the capture still counts.
#[test]
fn a_capture_with_unkeepable_fields_is_still_read() {
    let body = edited(|v| {
        v["capture_number"] = json!("C".repeat(65));
        v["gateway"]["req_card_type"] = json!(format!("visa{}", "9".repeat(20)));
        v["gateway"]["reason_code"] = json!("100\u{7}");
        v["gateway"]["payment_token"] = json!("t".repeat(257));
    });
    let read = read_capture(&body).expect("read anyway");
    let c = read.capture;
    assert_eq!(c.capture_number(), "C".repeat(64));
    assert!(
        !c.card_type().contains("9999999999999"),
        "{}",
        c.card_type()
    );
    assert!(c.card_type().starts_with("visa"));
    assert_eq!(
        c.payment_token(),
        "",
        "a token too long to be one is not kept"
    );
    // And a GUID id whose digits across the dashes pass for a card number is kept as it is.
    let body = edited(|v| v["id"] = json!("d7c5441c-803f-4187-8100-938786de05c7"));
    let read = read_capture(&body).unwrap();
    assert_eq!(
        read.capture.id().as_str(),
        "d7c5441c-803f-4187-8100-938786de05c7"
    );
    assert!(!read.had_card_number);
    // An id that holds a card number is kept without it.
    let body = edited(|v| v["id"] = json!("cap-4111111111111111"));
    let read = read_capture(&body).unwrap();
    assert!(!read.capture.id().as_str().contains("4111111111111111"));
    assert!(read.had_card_number);
}
