//! Starting, reading and presenting captures through the sandbox's API: idempotent starts,
//! conflicts, and the refusals a client can meet.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{refusal, start};

#[tokio::test]
async fn a_capture_starts_waiting_with_its_amount_exact() {
    let card = start(None).await;
    let body = card.start_capture("T-100", "1500.00", "ARS").await;
    assert_eq!(body["reference_id"], "T-100");
    assert_eq!(body["state"], "waiting");
    assert_eq!(body["amount"], "1500.00");
    assert_eq!(body["currency"], "ARS");
    assert_eq!(
        body["page_url"],
        card.url("/_sandbox/quickpay/terminal/T-100").as_str()
    );
    assert!(body["capture_number"]
        .as_str()
        .unwrap()
        .starts_with("INCA-"));

    // A JSON number is read exactly, never through a float, and shown at the currency's scale.
    let (status, body) = card
        .start_raw(json!({"reference_id": "T-101", "amount": serde_json::from_str::<serde_json::Value>("1234567890123.10").unwrap(), "currency": "ars"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["amount"], "1234567890123.10");
    let (status, body) = card
        .start_raw(json!({"reference_id": "T-102", "amount": 990, "currency": "CLP"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["amount"], "990");

    let (status, list) = card
        .send(Method::GET, "/_sandbox/quickpay/captures", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let refs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference_id"].as_str().unwrap())
        .collect();
    assert_eq!(refs, ["T-100", "T-101", "T-102"]);
    let (status, one) = card.capture("T-102").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["state"], "waiting");
    assert_eq!(
        one["deliveries"],
        json!({"attempted": 0, "acknowledged": 0, "queued": 0})
    );
    let (status, body) = card.capture("T-999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    refusal(&body);
}

#[tokio::test]
async fn starting_again_is_the_same_capture_and_another_amount_is_a_conflict() {
    let card = start(None).await;
    let first = card.start_capture("T-200", "1500.00", "ARS").await;
    // The client whose answer was lost asks again, with the amount written either way.
    for amount in [json!("1500.00"), json!(1500), json!("1500")] {
        let (status, again) = card
            .start_raw(json!({"reference_id": "T-200", "amount": amount, "currency": "ARS"}))
            .await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(again["id"], first["id"]);
        assert_eq!(again["capture_number"], first["capture_number"]);
    }
    for (amount, currency) in [("1500.01", "ARS"), ("1500", "EUR")] {
        let (status, body) = card
            .start_raw(json!({"reference_id": "T-200", "amount": amount, "currency": currency}))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(refusal(&body).contains("T-200"), "{body}");
    }
    let (_, list) = card
        .send(Method::GET, "/_sandbox/quickpay/captures", None)
        .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_starts_are_refused_with_a_reason() {
    let card = start(None).await;
    let long = "R".repeat(65);
    let cases = [
        (
            json!({"reference_id": "", "amount": "1", "currency": "ARS"}),
            "reference_id",
        ),
        (
            json!({"reference_id": "  ", "amount": "1", "currency": "ARS"}),
            "reference_id",
        ),
        (
            json!({"reference_id": long, "amount": "1", "currency": "ARS"}),
            "64",
        ),
        (json!({"amount": "1", "currency": "ARS"}), "reference_id"),
        (
            json!({"reference_id": "T", "amount": "0", "currency": "ARS"}),
            "greater than zero",
        ),
        (
            json!({"reference_id": "T", "amount": -5, "currency": "ARS"}),
            "greater than zero",
        ),
        (
            json!({"reference_id": "T", "amount": "10.001", "currency": "ARS"}),
            "decimals",
        ),
        (
            json!({"reference_id": "T", "amount": "10.5", "currency": "CLP"}),
            "decimals",
        ),
        (
            json!({"reference_id": "T", "amount": "1e3", "currency": "ARS"}),
            "amount",
        ),
        (
            json!({"reference_id": "T", "amount": "diez", "currency": "ARS"}),
            "amount",
        ),
        (json!({"reference_id": "T", "currency": "ARS"}), "amount"),
        (
            json!({"reference_id": "T", "amount": "1", "currency": "XYZ"}),
            "currency",
        ),
        (json!({"reference_id": "T", "amount": "1"}), "currency"),
        (json!(["not", "an", "object"]), "reference_id"),
    ];
    for (body, needle) in cases {
        let (status, answer) = card.start_raw(body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body} -> {answer}");
        let msg = refusal(&answer);
        assert!(msg.contains(needle), "{body}: {msg}");
    }
    // Exactly 64 characters is fine.
    card.start_capture(&"R".repeat(64), "0.01", "EUR").await;
    let resp = card
        .http
        .post(card.url("/_sandbox/quickpay/captures"))
        .header("content-type", "application/json")
        .body("{broken")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_capture_is_presented_once() {
    let card = start(None).await;
    card.start_capture("T-300", "10.00", "EUR").await;
    let (status, body) = card.present("T-300", json!({"outcome": "refund"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(refusal(&body).contains("outcome"));
    let (status, body) = card
        .present(
            "T-300",
            json!({"outcome": "approve", "card_number": "4111"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        !body.to_string().contains("4111\""),
        "the number is not echoed"
    );
    let (status, body) = card.present("T-301", json!({"outcome": "approve"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");

    let (status, body) = card.present("T-300", json!({"outcome": "approve"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "approved");
    assert_eq!(body["card"]["panLast4"], "1111");
    assert_eq!(body["card"]["req_card_number"], "xxxxxxxxxxxx1111");
    let (status, body) = card.present("T-300", json!({"outcome": "decline"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(refusal(&body).contains("approved"));
    let (_, view) = card.capture("T-300").await;
    assert_eq!(view["state"], "approved");
}
