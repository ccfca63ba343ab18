use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::{fixtures, FaultPlan, FaultRule, SaleState, SandboxConfig};

use crate::common::{pay_body, start, start_with, Env};

fn plan(specs: &[&str]) -> FaultPlan {
    FaultPlan::parse_specs(specs).unwrap()
}

async fn gam_bill(env: &Env) -> Value {
    env.find_barcode(fixtures::GAM_BARCODE).await.remove(0)
}

async fn send_pay(
    env: &Env,
    bill: &Value,
    client_id: &str,
    timeout: Duration,
) -> reqwest::Result<reqwest::Response> {
    env.req(reqwest::Method::POST, "/sales/billPayment/")
        .timeout(timeout)
        .json(&pay_body(bill, "50", client_id))
        .send()
        .await
}

#[tokio::test]
async fn latency_delays_the_answer() {
    let env = start().await;
    env.sb.set_faults(plan(&["companies:latency_ms=400"]));
    let t = Instant::now();
    let (status, _) = env
        .get("/sales/billPayment/availablesCompanies?companyCode=57")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(t.elapsed() >= Duration::from_millis(400));
    // Other endpoints are not slowed.
    let t = Instant::now();
    env.find_barcode(fixtures::GAM_BARCODE).await;
    assert!(t.elapsed() < Duration::from_millis(400));
}

#[tokio::test]
async fn no_answer_before_processing_times_out_and_records_nothing() {
    let env = start().await;
    let bill = gam_bill(&env).await;
    env.sb.set_faults(plan(&["pay:no_answer"]));
    let err = send_pay(&env, &bill, "silent-1", Duration::from_millis(500))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(env.sb.ledger().is_empty());
    env.sb.clear_faults();
    let (_, found) = env.get("/sales?clientTransactionId=silent-1").await;
    assert_eq!(found, json!([]));
}

#[tokio::test]
async fn no_answer_after_commit_records_the_sale_for_the_status_poll() {
    let env = start().await;
    let bill = gam_bill(&env).await;
    env.sb
        .set_faults(plan(&["pay:no_answer,after_commit,count=1"]));
    let err = send_pay(&env, &bill, "lost-answer", Duration::from_millis(500))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    let (status, found) = env.get("/sales?clientTransactionId=lost-answer").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["state"], "approved");
    // The retry with the same id (count spent) gets the original sale back.
    let resp = send_pay(&env, &bill, "lost-answer", Duration::from_secs(5))
        .await
        .unwrap();
    let again: Value = resp.json().await.unwrap();
    assert_eq!(again["id"], found[0]["id"]);
}

#[tokio::test]
async fn http_status_faults_answer_5xx_with_html_or_empty_body() {
    let env = start().await;
    env.sb.set_faults(plan(&[
        "find_barcode:http_status=502",
        "companies:http_status=503,http_body=empty",
        "sale:http_status=500,http_body=json",
    ]));
    let resp = env
        .req(
            reqwest::Method::POST,
            "/sales/billPayment/availablesBill/findByBarCode",
        )
        .json(&json!({"billBarCode": fixtures::GAM_BARCODE}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
    assert!(resp.text().await.unwrap().contains("<html>"));
    let resp = env
        .req(
            reqwest::Method::GET,
            "/sales/billPayment/availablesCompanies",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(resp.bytes().await.unwrap().is_empty());
    let (status, body) = env.get("/sale/ABC").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["code"], json!(500));
}

#[tokio::test]
async fn reset_is_a_connection_error() {
    let env = start().await;
    let bill = gam_bill(&env).await;
    env.sb.set_faults(plan(&["pay:reset,count=1"]));
    let t = Instant::now();
    let err = send_pay(&env, &bill, "reset-1", Duration::from_secs(10))
        .await
        .unwrap_err();
    assert!(!err.is_timeout(), "{err:?}");
    assert!(err.status().is_none());
    assert!(t.elapsed() < Duration::from_secs(5));
    assert!(
        env.sb.ledger().is_empty(),
        "reset before processing records nothing"
    );
    // Count spent: the same request now goes through.
    let resp = send_pay(&env, &bill, "reset-1", Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(resp.json::<Value>().await.unwrap()["state"], "approved");
}

#[tokio::test]
async fn reset_after_commit_records_the_sale() {
    let env = start().await;
    let bill = gam_bill(&env).await;
    env.sb.set_faults(plan(&["pay:reset,after_commit,count=1"]));
    let err = send_pay(&env, &bill, "reset-2", Duration::from_secs(10))
        .await
        .unwrap_err();
    assert!(!err.is_timeout(), "{err:?}");
    let ledger = env.sb.ledger();
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].client_transaction_id, "reset-2");
    assert_eq!(ledger[0].state, SaleState::Approved);
    let (_, found) = env.get("/sales?clientTransactionId=reset-2").await;
    assert_eq!(found[0]["id"], ledger[0].id);
}

#[tokio::test]
async fn garbage_is_200_with_a_body_that_is_not_json() {
    let env = start().await;
    env.sb.set_faults(plan(&["sales_query:garbage"]));
    let resp = env
        .req(reqwest::Method::GET, "/sales?clientTransactionId=x")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let text = resp.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn pending_then_final_state() {
    let env = start().await;
    let bill = gam_bill(&env).await;
    env.sb.set_faults(plan(&["pay:pending_secs=2"]));
    let (status, sale) = env.pay(&bill, "50", "slow-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sale["state"], "pending");
    assert_eq!(sale["confirmationId"], "");
    let id = sale["id"].as_str().unwrap().to_owned();
    let (_, polled) = env.get("/sales?clientTransactionId=slow-1").await;
    assert_eq!(polled[0]["state"], "pending");
    let (_, one) = env.get(&format!("/sale/{id}")).await;
    assert_eq!(one["state"], "pending");
    let (status, _) = env.get(&format!("/sale/{id}/receipt")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(env.sb.ledger()[0].state, SaleState::Pending);
    assert_eq!(env.sb.ledger()[0].final_state, SaleState::Approved);

    let deadline = Instant::now() + Duration::from_secs(6);
    let final_sale = loop {
        let (_, polled) = env.get("/sales?clientTransactionId=slow-1").await;
        if polled[0]["state"] != "pending" {
            break polled[0].clone();
        }
        assert!(Instant::now() < deadline, "still pending");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(final_sale["state"], "approved");
    assert_eq!(final_sale["id"], id.as_str());
    assert_eq!(final_sale["confirmationId"].as_str().unwrap().len(), 15);
    assert!(final_sale["confirmationDate"].is_string());
    let (status, _) = env.get(&format!("/sale/{id}/receipt")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn reject_rate_rejects_with_a_reason_and_leaves_the_bill_unpaid() {
    let env = start().await;
    let bill = gam_bill(&env).await;
    env.sb.set_faults(plan(&["pay:reject_rate=1,count=1"]));
    let (status, sale) = env.pay(&bill, "50", "unlucky").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sale["state"], "rejected");
    assert_eq!(sale["confirmationId"], "");
    let msg = sale["stateDetail"]["message"].as_str().unwrap();
    assert!(
        msg.contains(" - ") && !msg.contains("ALREADY_PAID"),
        "{msg}"
    );
    let (_, ok) = env.pay(&bill, "50", "lucky").await;
    assert_eq!(ok["state"], "approved");
}

#[tokio::test]
async fn reject_rate_is_deterministic_for_a_seed() {
    let run = || async {
        let env = start_with(SandboxConfig {
            faults: plan(&["pay:reject_rate=0.5"]),
            ..SandboxConfig::default()
        })
        .await;
        let mut states = Vec::new();
        for b in fixtures::generated_bills().filter(|b| !b.open).take(12) {
            let bill = env.find_barcode(b.barcode).await.remove(0);
            let (_, sale) = env
                .pay(&bill, &b.amount.to_string(), &format!("det-{}", b.barcode))
                .await;
            states.push(sale["state"].as_str().unwrap().to_owned());
        }
        states
    };
    let (a, b) = (run().await, run().await);
    assert_eq!(a, b);
    assert!(
        a.iter().any(|s| s == "approved") && a.iter().any(|s| s == "rejected"),
        "{a:?}"
    );
}

#[tokio::test]
async fn count_fails_once_then_succeeds() {
    let env = start().await;
    env.sb.set_faults(plan(&["all:http_status=503,count=2"]));
    let login = env
        .http
        .post(env.url("/login"))
        .json(&json!({"userId": "sandbox", "userPassword": "sandbox"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SERVICE_UNAVAILABLE);
    let companies = env
        .req(
            reqwest::Method::GET,
            "/sales/billPayment/availablesCompanies?companyCode=57",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(companies.status(), StatusCode::SERVICE_UNAVAILABLE);
    let (status, _) = env
        .get("/sales/billPayment/availablesCompanies?companyCode=57")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(env.sb.faults().rules.is_empty());
}

#[tokio::test]
async fn faults_set_at_start_apply() {
    let env = start_with(SandboxConfig {
        faults: FaultPlan::from(FaultRule {
            latency_ms: Some(300),
            count: Some(1),
            ..FaultRule::on(ventanilla_sandbox::Endpoint::Sale)
        }),
        ..SandboxConfig::default()
    })
    .await;
    let t = Instant::now();
    let (status, _) = env.get("/sale/NOPE").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(t.elapsed() >= Duration::from_millis(300));
}
