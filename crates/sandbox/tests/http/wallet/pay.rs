//! Charging a connected wallet: HandCash's payment result, amounts exact, each payment
//! recorded once (also when its answer is lost), refusals, and confirmations, with the
//! document's literal `"data": undefined` for a transaction the gateway never made.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::FaultPlan;

use super::listener::Listener;
use super::{refusal, start};

/// The document's pay example, with the sandbox's secret and a user token.
fn document_example(usertoken: &str) -> Value {
    let text = r#"{   "secret": "sandbox",
            "usertoken": "USERTOKEN",
            "currency": "EUR",
            "amount": 0.01,
            "description": "descripción servicio"
        }"#
    .replace("USERTOKEN", usertoken);
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn paying_answers_handcashs_result_and_records_the_payment_once() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    let session = wallet.connected_wallet(&rx, "tok-pay").await;
    let before = chrono::Utc::now().timestamp_millis();
    let resp = wallet
        .http
        .post(wallet.url("/bsv/pay?token=sandbox"))
        .header("content-type", "application/json")
        .body(document_example("tok-pay").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let text = resp.text().await.unwrap();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["status"], "success", "{body}");
    assert_eq!(body["code"], 0);
    let data = &body["data"];
    let txid = data["transactionId"].as_str().unwrap();
    assert!(txid.len() == 64 && txid.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(data["note"], "descripción servicio");
    let time = data["time"].as_i64().unwrap();
    assert!(time >= before && time <= chrono::Utc::now().timestamp_millis());
    // 0.01 EUR at 42.50 EUR per BSV: 23529.41... satoshis.
    assert_eq!(data["satoshiAmount"], json!(23_529));
    assert!(data["satoshiAmount"].is_u64() && data["satoshiFees"].is_u64());
    assert!(text.contains("\"fiatExchangeRate\":42.50"), "exact: {text}");
    assert_eq!(data["fiatCurrencyCode"], "EUR");

    let payments = wallet.payments().await;
    assert_eq!(payments.len(), 1);
    let p = &payments[0];
    assert_eq!(p["transaction_id"], txid);
    assert_eq!(p["amount"], "0.01");
    assert_eq!(p["currency"], "EUR");
    assert_eq!(p["description"], "descripción servicio");
    assert_eq!(p["time"], time);
    assert_eq!(p["session_id"], session.as_str());
    assert!(p["confirmed_at"].as_i64().unwrap() >= time);
    assert!(
        !payments[0].to_string().contains("tok-pay"),
        "never the user token"
    );

    // An amount as a string, read exactly.
    let (status, body) = wallet
        .pay(
            json!({"secret": "sandbox", "usertoken": "tok-pay", "currency": "ars",
            "amount": "1500.00", "description": "Factura EPEC"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // 1500 / 42000 BSV = 3571428.57 satoshis.
    assert_eq!(body["data"]["satoshiAmount"], json!(3_571_429));
    assert_eq!(body["data"]["fiatCurrencyCode"], "ARS");
    let payments = wallet.payments().await;
    assert_eq!(payments.len(), 2);
    assert_eq!(payments[1]["amount"], "1500.00");
}

#[tokio::test]
async fn refused_payments_charge_nothing() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    let session = wallet.connected_wallet(&rx, "tok-refuse").await;
    let base = json!({"secret": "sandbox", "usertoken": "tok-refuse", "currency": "EUR",
        "amount": "1.00", "description": "x"});
    let with = |key: &str, value: Value| {
        let mut b = base.clone();
        b[key] = value;
        b
    };
    let cases = [
        (with("secret", json!("wrong")), StatusCode::UNAUTHORIZED, 1),
        (with("secret", Value::Null), StatusCode::UNAUTHORIZED, 1),
        (with("currency", json!("JPY")), StatusCode::BAD_REQUEST, 4),
        (with("currency", json!("EURO")), StatusCode::BAD_REQUEST, 2),
        (with("currency", Value::Null), StatusCode::BAD_REQUEST, 2),
        (with("amount", json!(0)), StatusCode::BAD_REQUEST, 2),
        (with("amount", json!("-1.00")), StatusCode::BAD_REQUEST, 2),
        (with("amount", json!("1.001")), StatusCode::BAD_REQUEST, 2),
        (with("amount", json!("1e2")), StatusCode::BAD_REQUEST, 2),
        (with("amount", Value::Null), StatusCode::BAD_REQUEST, 2),
        (with("usertoken", Value::Null), StatusCode::BAD_REQUEST, 2),
        (
            with("usertoken", json!("never-given")),
            StatusCode::BAD_REQUEST,
            3,
        ),
        (json!("not an object"), StatusCode::BAD_REQUEST, 2),
    ];
    for (body, status, code) in cases {
        let (got, answer) = wallet.pay(body.clone()).await;
        assert_eq!(got, status, "{body} -> {answer}");
        assert_eq!(refusal(&answer), code, "{body} -> {answer}");
    }
    // CLP has no decimals: whole pesos only.
    let (status, _) = wallet.pay(with("currency", json!("CLP"))).await;
    assert_eq!(status, StatusCode::OK, "1.00 CLP is one peso");
    let mut clp = with("currency", json!("CLP"));
    clp["amount"] = json!("1.5");
    let (status, answer) = wallet.pay(clp).await;
    assert_eq!((status, refusal(&answer)), (StatusCode::BAD_REQUEST, 2));
    assert_eq!(wallet.payments().await.len(), 1);

    // The customer disconnected the app: the token no longer pays.
    wallet
        .post(
            &format!("/_sandbox/pennymatic/sessions/{session}/revoke"),
            None,
        )
        .await;
    let (status, answer) = wallet.pay(base.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&answer), 3);
    assert_eq!(wallet.payments().await.len(), 1);
}

#[tokio::test]
async fn a_payment_is_confirmed_after_the_delay() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    wallet.connected_wallet(&rx, "tok-conf").await;
    let (_, body) = wallet.pay(document_example("tok-conf")).await;
    let txid = body["data"]["transactionId"].as_str().unwrap().to_owned();
    let path = format!("/bsv/isconfirmed?token=sandbox&txhash={txid}");
    let (status, body) = wallet.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"status": "success", "code": 0, "data": false}));
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (_, body) = wallet.get(&path).await;
    assert_eq!(body, json!({"status": "success", "code": 0, "data": true}));

    // A transaction that is not the operator's: the document's literal, which is not JSON.
    let (status, text) = wallet
        .get_text(&format!(
            "/bsv/isconfirmed?token=sandbox&txhash={}",
            "0".repeat(64)
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text, r#"{"status":"success","code":0,"data": undefined}"#);
    assert!(serde_json::from_str::<Value>(&text).is_err());
    let (status, body) = wallet.get("/bsv/isconfirmed?token=sandbox").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), 2);
}

#[tokio::test]
async fn a_pay_whose_answer_is_lost_charged_once() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    wallet.connected_wallet(&rx, "tok-lost").await;
    wallet.sb.set_faults(
        FaultPlan::parse_specs(&["pennymatic.pay:reset,after_commit,count=1"]).unwrap(),
    );
    let lost = wallet
        .http
        .post(wallet.url("/bsv/pay?token=sandbox"))
        .json(&document_example("tok-lost"))
        .send()
        .await;
    let err = lost.expect_err("the connection is reset");
    assert!(!err.is_timeout(), "{err:?}");
    let payments = wallet.payments().await;
    assert_eq!(payments.len(), 1, "charged, then the answer was lost");
    assert_eq!(wallet.sb.wallet_payments().len(), 1);
    assert_eq!(payments[0]["amount"], "0.01");
    assert!(wallet.sb.faults().rules.is_empty(), "the rule was spent");
    // The confirmation of what was charged is there to ask for.
    let txid = payments[0]["transaction_id"].as_str().unwrap();
    let (status, body) = wallet
        .get(&format!("/bsv/isconfirmed?token=sandbox&txhash={txid}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"], false);
}

#[tokio::test]
async fn faults_act_on_the_gateways_endpoints_only() {
    let wallet = start().await;
    wallet.sb.set_faults(
        FaultPlan::parse_specs(&[
            "pennymatic.isconfirmed:http_status=503,http_body=json,count=1",
            "pennymatic.coins:garbage,count=1",
        ])
        .unwrap(),
    );
    let (status, body) = wallet.get("/bsv/isconfirmed?token=sandbox&txhash=ab").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refusal(&body), 5);
    let (status, text) = wallet.get_text("/coins?token=sandbox").await;
    assert_eq!(status, StatusCode::OK);
    assert!(serde_json::from_str::<Value>(&text).is_err());
    let (_, body) = wallet.get("/coins?token=sandbox").await;
    assert_eq!(body["data"]["coins"], json!(["bsv"]));
    // Traxion's rules never touch the wallet, and the wallet's never touch Traxion's.
    wallet.sb.set_faults(
        FaultPlan::parse_specs(&["all:http_status=500", "pennymatic.all:latency_ms=1"]).unwrap(),
    );
    let (status, _) = wallet.get("/coins?token=sandbox").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_reset_forgets_sessions_and_payments() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    wallet.connected_wallet(&rx, "tok-reset").await;
    let (status, _) = wallet.pay(document_example("tok-reset")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = wallet.post("/_sandbox/reset", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(wallet.payments().await.is_empty());
    assert!(!wallet.is_connected("authtoken", "tok-reset").await);
    let (_, sessions) = wallet.get("/_sandbox/pennymatic/sessions").await;
    assert_eq!(sessions, json!([]));
}
