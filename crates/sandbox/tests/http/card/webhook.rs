//! The document's `card_captured` body as the counter's listener receives it: every field of
//! the document's example, the subscription's bearer token, masked card data only, retried
//! until a 2xx, queued without a subscription, and delivered again as the same capture.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use ventanilla_sandbox::FaultPlan;

use super::listener::{Delivery, Listener};
use super::{refusal, start, TOKEN};

/// The document's example body (Intermediate proxy pull -> Checkout), verbatim.
const DOCUMENT_EXAMPLE: &str = r#"{
  "capture": "CREDIT_CARD",
  "capture_method": "TOKENIZATION",
  "application": "acb361cc-e4e7-24fb-d4e2-17bb3aa74066",
  "cardholder": {
    "reference_id": "Merchant_id_reference",
    "name": "Jhon Doe",
    "email": "jhondoe@gmail.com",
    "country": "CL"
  },
  "billing": {
    "line1": "Miraflores 222",
    "city": "Santiago",
    "state": "Region Metropolitana",
    "country": "CL"
  },
  "id": "71230785-c66e-4c96-b2d9-658bfd41235b",
  "create_time": "2017-09-01T04:41:22.220Z",
  "update_time": "2017-09-01T04:41:31.458Z",
  "state": "captured",
  "capture_number": "INCA-0000000432",
  "gateway": {
    "utf8": "✓",
    "req_card_number": "xxxxxxxxxxxx1111",
    "payment_token": "5042408910336785404106",
    "req_bill_to_surname": "Doe",
    "req_bill_to_address_city": "Santiago",
    "req_card_expiry_date": "02-2018",
    "reason_code": "100",
    "req_bill_to_forename": "Jhon",
    "req_payment_method": "card",
    "request_token": "AhjzbwSTEVl7HB+4nFDKigFP5x2KJkiYAOJcMmkmW6QHAX2gJgAAJQ9A",
    "req_amount": "0",
    "req_bill_to_email": "jhondoe@gmail.com",
    "transaction_id": "5042408910336785404106",
    "req_currency": "CLP",
    "req_card_type": "001",
    "decision": "ACCEPT",
    "message": "Request was processed successfully.",
    "req_transaction_uuid": "INCA-0000000432",
    "req_bill_to_address_country": "CL",
    "req_profile_id": "5D5F2A29-2428-4E8B-BFCE-D55043704C90",
    "req_reference_number": "Merchant_id_reference",
    "req_bill_to_address_state": "Region Metropolitana",
    "signed_date_time": "2017-09-01T04:41:31Z",
    "req_bill_to_address_line1": "Miraflores 222",
    "panLast4": "1111"
  }
}"#;

/// Every `a.b.c` path of a JSON object with the kind of its value.
fn paths(value: &Value, prefix: &str, out: &mut Vec<(String, &'static str)>) {
    if let Value::Object(map) = value {
        for (k, v) in map {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            let kind = match v {
                Value::Object(_) => "object",
                Value::String(_) => "string",
                Value::Number(_) => "number",
                Value::Bool(_) => "bool",
                Value::Array(_) => "array",
                Value::Null => "null",
            };
            out.push((path.clone(), kind));
            paths(v, &path, out);
        }
    }
}

fn string_paths(value: &Value, prefix: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                string_paths(v, &path, out);
            }
        }
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        Value::Number(n) => out.push((prefix.to_owned(), n.to_string())),
        _ => {}
    }
}

/// The lengths of the maximal runs of digits in `text`.
fn digit_runs(text: &str) -> Vec<usize> {
    let mut runs = Vec::new();
    let mut run = 0;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run += 1;
        } else if run > 0 {
            runs.push(run);
            run = 0;
        }
    }
    runs
}

fn is_iso_millis(text: &str) -> bool {
    text.len() == 24
        && text.ends_with('Z')
        && text.as_bytes()[19] == b'.'
        && chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

/// Asserts the card number never shows in what the sandbox sent or shows.
fn assert_no_card_number(text: &str, number: &str) {
    assert!(
        !text.contains(number),
        "the full card number leaked: {text}"
    );
}

#[tokio::test]
async fn an_approved_capture_delivers_the_documents_body_with_the_bearer() {
    let rx = Listener::start(0).await;
    let card = start(Some(&rx.url)).await;
    let started = card.start_capture("TENDER-0042", "1500.00", "ARS").await;
    let number = "5555555555554444";
    let (status, presented) = card
        .present(
            "TENDER-0042",
            json!({"outcome": "approve", "card_number": number, "card_type": "002"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{presented}");
    let got = rx.wait_for(1).await;
    assert_eq!(got.len(), 1);
    let Delivery {
        authorization,
        content_type,
        text,
    } = &got[0];
    assert_eq!(
        authorization.as_deref(),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(content_type
        .as_deref()
        .unwrap()
        .starts_with("application/json"));
    let body: Value = serde_json::from_str(text).unwrap();

    // Every field of the document's example, with the same kind of value, plus the table's
    // redirect_urls.
    let doc: Value = serde_json::from_str(DOCUMENT_EXAMPLE).unwrap();
    let mut want = Vec::new();
    paths(&doc, "", &mut want);
    want.push(("redirect_urls".into(), "object"));
    want.push(("redirect_urls.return_url".into(), "string"));
    want.push(("redirect_urls.cancel_url".into(), "string"));
    let mut have = Vec::new();
    paths(&body, "", &mut have);
    for field in &want {
        assert!(have.contains(field), "missing {field:?} in {body}");
    }
    assert_eq!(
        have.len(),
        want.len(),
        "no field beyond the document's: {body}"
    );

    assert_eq!(body["capture"], "CREDIT_CARD");
    assert_eq!(body["capture_method"], "TOKENIZATION");
    assert_eq!(body["cardholder"]["reference_id"], "TENDER-0042");
    assert_eq!(body["cardholder"]["country"], "CL");
    assert_eq!(body["state"], "captured");
    assert_eq!(body["id"], started["id"]);
    assert_eq!(body["id"].as_str().unwrap().len(), 36);
    assert_eq!(body["capture_number"], started["capture_number"]);
    let number_text = body["capture_number"].as_str().unwrap();
    assert!(number_text.len() == 15 && number_text[5..].bytes().all(|b| b.is_ascii_digit()));
    assert!(
        is_iso_millis(body["create_time"].as_str().unwrap()),
        "{body}"
    );
    assert!(
        is_iso_millis(body["update_time"].as_str().unwrap()),
        "{body}"
    );
    let gw = &body["gateway"];
    assert_eq!(gw["utf8"], "✓");
    assert_eq!(gw["decision"], "ACCEPT");
    assert_eq!(gw["reason_code"], "100");
    assert_eq!(gw["panLast4"], "4444");
    assert_eq!(gw["req_card_number"], "xxxxxxxxxxxx4444");
    assert_eq!(gw["req_card_type"], "002");
    assert_eq!(gw["req_amount"], "1500.00");
    assert_eq!(gw["req_currency"], "ARS");
    assert_eq!(gw["req_reference_number"], "TENDER-0042");
    assert_eq!(gw["req_transaction_uuid"], body["capture_number"]);
    assert!(gw["signed_date_time"].as_str().unwrap().ends_with('Z'));
    for token in ["payment_token", "transaction_id"] {
        let t = gw[token].as_str().unwrap();
        assert!(t.bytes().all(|b| b.is_ascii_digit()), "{token}: {t}");
        assert_ne!(t, number);
        assert!(!t.contains(number), "{token} holds the card number");
    }

    // No card-number-sized run of digits anywhere else.
    let mut strings = Vec::new();
    string_paths(&body, "", &mut strings);
    for (path, value) in strings {
        if path == "gateway.payment_token" || path == "gateway.transaction_id" {
            continue;
        }
        assert!(
            digit_runs(&value).iter().all(|r| !(13..=19).contains(r)),
            "{path} = {value:?} looks like a card number"
        );
    }
    assert_no_card_number(text, number);
    assert_no_card_number(&presented.to_string(), number);
    let view = card.wait_acknowledged("TENDER-0042", 1).await;
    assert_no_card_number(&view.to_string(), number);
    let (_, list) = card
        .send(Method::GET, "/_sandbox/quickpay/captures", None)
        .await;
    assert_no_card_number(&list.to_string(), number);
    assert_eq!(view["card"]["payment_token"], gw["payment_token"]);
}

#[tokio::test]
async fn declined_and_cancelled_captures_say_so() {
    let rx = Listener::start(0).await;
    let card = start(Some(&rx.url)).await;
    card.start_capture("T-D", "20.00", "EUR").await;
    card.start_capture("T-C", "700", "CLP").await;
    let (status, view) = card.present("T-D", json!({"outcome": "decline"})).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["state"], "declined");
    let got = rx.wait_for(1).await;
    let declined = got[0].json();
    assert_eq!(declined["state"], "cancel");
    assert_eq!(declined["gateway"]["decision"], "DECLINE");
    assert_eq!(declined["gateway"]["reason_code"], "481");
    assert_eq!(declined["cardholder"]["reference_id"], "T-D");

    let (_, view) = card.present("T-C", json!({"outcome": "cancel"})).await;
    assert_eq!(view["state"], "cancelled");
    let got = rx.wait_for(2).await;
    let cancelled = got[1].json();
    assert_eq!(cancelled["state"], "cancel");
    assert_eq!(cancelled["gateway"]["decision"], "CANCEL");
    assert_eq!(cancelled["gateway"]["reason_code"], "102");
    assert_eq!(cancelled["gateway"]["req_amount"], "700");
    assert_eq!(cancelled["gateway"]["req_currency"], "CLP");
}

#[tokio::test]
async fn a_refused_delivery_is_retried_until_a_2xx() {
    let rx = Listener::start(2).await;
    let card = start(Some(&rx.url)).await;
    card.start_capture("T-R", "1.00", "ARS").await;
    card.present("T-R", json!({"outcome": "approve"})).await;
    let got = rx.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(rx.attempts(), 3, "two 500s, then the 200");
    let view = card.wait_acknowledged("T-R", 1).await;
    assert_eq!(
        view["deliveries"],
        json!({"attempted": 3, "acknowledged": 1, "queued": 0})
    );
}

#[tokio::test]
async fn a_redelivery_is_the_same_capture_again() {
    let rx = Listener::start(0).await;
    let card = start(Some(&rx.url)).await;
    card.start_capture("T-DUP", "5.00", "ARS").await;
    let (status, body) = card
        .send(
            Method::POST,
            "/_sandbox/quickpay/captures/T-DUP/redeliver",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "not presented yet: {body}");
    let (status, _) = card
        .send(
            Method::POST,
            "/_sandbox/quickpay/captures/T-NONE/redeliver",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    card.present("T-DUP", json!({"outcome": "approve"})).await;
    rx.wait_for(1).await;
    let (status, _) = card
        .send(
            Method::POST,
            "/_sandbox/quickpay/captures/T-DUP/redeliver",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let got = rx.wait_for(2).await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].json()["id"], got[1].json()["id"]);
    assert_eq!(got[0].text, got[1].text, "byte for byte the same body");
    card.wait_acknowledged("T-DUP", 2).await;

    // A fault on the webhook sends the next delivery twice.
    card.sb
        .set_faults(FaultPlan::parse_specs(&["quickpay.webhook:duplicate,count=1"]).unwrap());
    card.start_capture("T-DUP2", "5.00", "ARS").await;
    card.present("T-DUP2", json!({"outcome": "approve"})).await;
    let got = rx.wait_for(4).await;
    assert_eq!(got.len(), 4);
    assert_eq!(got[2].text, got[3].text);
    assert_eq!(got[2].json()["cardholder"]["reference_id"], "T-DUP2");
    assert!(card.sb.faults().rules.is_empty(), "the rule was spent once");
}

#[tokio::test]
async fn without_a_subscription_deliveries_wait_for_one() {
    let card = start(None).await;
    let (status, sub) = card
        .send(Method::GET, "/_sandbox/quickpay/subscription", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sub, json!({"url": null}));
    card.start_capture("T-Q", "99.90", "ARS").await;
    let (_, view) = card.present("T-Q", json!({"outcome": "approve"})).await;
    assert_eq!(view["deliveries"]["queued"], 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, view) = card.capture("T-Q").await;
    assert_eq!(
        view["deliveries"],
        json!({"attempted": 0, "acknowledged": 0, "queued": 1})
    );

    for bad in [
        json!({"url": "ftp://x/cb", "token": "t"}),
        json!({"url": "http://x/cb", "token": ""}),
        json!({"url": "http://x/cb"}),
        json!({"token": "t"}),
    ] {
        let (status, body) = card
            .send(
                Method::PUT,
                "/_sandbox/quickpay/subscription",
                Some(bad.clone()),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        refusal(&body);
    }

    let rx = Listener::start(0).await;
    let (status, sub) = card.subscribe(&rx.url, "late-token").await;
    assert_eq!(status, StatusCode::OK, "{sub}");
    let got = rx.wait_for(1).await;
    assert_eq!(got[0].authorization.as_deref(), Some("Bearer late-token"));
    assert_eq!(got[0].json()["cardholder"]["reference_id"], "T-Q");
    let (_, sub) = card
        .send(Method::GET, "/_sandbox/quickpay/subscription", None)
        .await;
    assert_eq!(sub, json!({"url": rx.url}), "never the token");
    assert!(!sub.to_string().contains("late-token"));
    card.wait_acknowledged("T-Q", 1).await;

    let (status, sub) = card
        .send(Method::DELETE, "/_sandbox/quickpay/subscription", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sub, json!({"url": null}));
    // A capture presented late, with no subscription, waits again.
    card.start_capture("T-Q2", "1.00", "ARS").await;
    card.present("T-Q2", json!({"outcome": "approve"})).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(rx.accepted().len(), 1);
}

#[tokio::test]
async fn faults_act_on_the_terminals_endpoints() {
    let rx = Listener::start(0).await;
    let card = start(Some(&rx.url)).await;
    card.sb.set_faults(
        FaultPlan::parse_specs(&[
            "quickpay.captures:http_status=503,http_body=json,count=1",
            "quickpay.present:reset,after_commit,count=1",
        ])
        .unwrap(),
    );
    let (status, body) = card
        .start_raw(json!({"reference_id": "T-F", "amount": "1", "currency": "ARS"}))
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    refusal(&body);
    card.start_capture("T-F", "1", "ARS").await;
    // The presentation is made, its answer lost: the capture was still presented once.
    let lost = card
        .http
        .post(card.url("/_sandbox/quickpay/captures/T-F/present"))
        .json(&json!({"outcome": "approve"}))
        .send()
        .await;
    assert!(lost.is_err(), "{lost:?}");
    assert_eq!(rx.wait_for(1).await.len(), 1);
    let (status, _) = card.present("T-F", json!({"outcome": "approve"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_reset_forgets_captures() {
    let card = start(None).await;
    card.start_capture("T-X", "1", "ARS").await;
    let resp = card
        .http
        .post(card.url("/_sandbox/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let (status, _) = card.capture("T-X").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let again = card.start_capture("T-X", "2", "ARS").await;
    assert_eq!(
        again["capture_number"], "INCA-0000000002",
        "numbering goes on"
    );
}

#[tokio::test]
async fn an_embedding_app_subscribes_through_the_handle() {
    let card = start(None).await;
    card.start_capture("T-H", "12.00", "ARS").await;
    card.present("T-H", json!({"outcome": "approve"})).await;
    let rx = Listener::start(0).await;
    card.sb.set_card_webhook(Some((
        rx.url.clone(),
        ventanilla_core::Secret::new("app-token"),
    )));
    assert_eq!(card.sb.card_webhook().as_deref(), Some(rx.url.as_str()));
    let got = rx.wait_for(1).await;
    assert_eq!(got[0].authorization.as_deref(), Some("Bearer app-token"));
    let captures = card.sb.card_captures();
    assert_eq!(captures.len(), 1);
    assert_eq!(captures[0].reference_id, "T-H");
    card.sb.set_card_webhook(None);
    assert_eq!(card.sb.card_webhook(), None);
}
