//! Fault rules are keyed by gateway and endpoint, through the admin API: a rule that names no
//! gateway is Traxion's, as every rule was before gateways were named, and a rule aimed
//! elsewhere leaves Traxion's pay alone.

use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::{fixtures, Endpoint, FaultRule, Target};

use crate::common::{pay_body, start, Env};

async fn put_faults(env: &Env, body: Value) -> (StatusCode, Value) {
    let resp = env
        .http
        .put(env.url("/_sandbox/faults"))
        .json(&body)
        .send()
        .await
        .unwrap();
    (resp.status(), resp.json().await.unwrap())
}

#[tokio::test]
async fn rules_for_other_endpoints_do_not_touch_traxions_pay() {
    let env = start().await;
    let (status, plan) = put_faults(
        &env,
        json!([
            {"endpoint": "sale", "reset": true},
            {"gateway": "traxion", "endpoint": "sales_query", "no_answer": true},
            "traxion.receipt:http_status=503",
            {"endpoint": "login", "http_status": 500, "pending_secs": 5, "echo_other_id": true},
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    let bill = env.find_barcode(fixtures::GAM_BARCODE).await.remove(0);
    let (status, sale) = env.pay(&bill, "50", "keys-1").await;
    assert_eq!(status, StatusCode::OK, "{sale}");
    assert_eq!(sale["state"], "approved");
    assert_eq!(sale["clientTransactionId"], "keys-1");
    let rules = env.sb.faults().rules;
    assert_eq!(rules.len(), 4);
    assert!(rules
        .iter()
        .all(|r| r.target != Target::of(Endpoint::Pay) && r.target.gateway() == "traxion"));
}

#[tokio::test]
async fn the_old_json_shape_is_traxions_and_is_listed_as_it_was_given() {
    let env = start().await;
    let (status, plan) = put_faults(
        &env,
        json!({"rules": [
            {"endpoint": "pay", "http_status": 503, "count": 1},
            {"gateway": "traxion", "endpoint": "pay", "latency_ms": 1, "count": 1},
        ]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    assert_eq!(
        plan["rules"],
        json!([
            {"endpoint": "pay", "http_status": 503, "count": 1},
            {"endpoint": "pay", "latency_ms": 1, "count": 1},
        ])
    );
    let pay = FaultRule {
        http_status: Some(503),
        count: Some(1),
        ..FaultRule::on(Endpoint::Pay)
    };
    assert_eq!(env.sb.faults().rules[0], pay);
    let bill = env.find_barcode(fixtures::GAM_BARCODE).await.remove(0);
    let resp = env
        .req(reqwest::Method::POST, "/sales/billPayment/")
        .json(&pay_body(&bill, "50", "keys-2"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(env.sb.faults().rules.is_empty(), "both rules were spent");
}

#[tokio::test]
async fn a_rule_for_an_unknown_gateway_is_refused_and_changes_nothing() {
    let env = start().await;
    let (status, _) = put_faults(&env, json!(["pay:latency_ms=1"])).await;
    assert_eq!(status, StatusCode::OK);
    for body in [
        json!([{"gateway": "nowhere", "endpoint": "pay", "reset": true}]),
        json!(["nowhere.pay:reset"]),
    ] {
        let (status, err) = put_faults(&env, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(
            err["error"].as_str().unwrap().contains("unknown gateway"),
            "{err}"
        );
    }
    assert_eq!(env.sb.faults().rules.len(), 1);
}
