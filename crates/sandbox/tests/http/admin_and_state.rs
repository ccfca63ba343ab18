use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::{fixtures, spawn, LedgerEntry, SandboxConfig};

use crate::common::{start, start_with};

#[tokio::test]
async fn admin_faults_api_put_get_post_delete() {
    let env = start().await;
    let url = env.url("/_sandbox/faults");
    let resp = env
        .http
        .put(&url)
        .json(&json!({"rules": [{"endpoint": "pay", "latency_ms": 10, "count": 3}, "sale:http_status=502"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let plan: Value = env
        .http
        .get(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        plan["rules"][0],
        json!({"endpoint": "pay", "latency_ms": 10, "count": 3})
    );
    assert_eq!(
        plan["rules"][1],
        json!({"endpoint": "sale", "http_status": 502})
    );
    let resp = env
        .req(reqwest::Method::GET, "/sale/X")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
    let resp = env
        .http
        .post(&url)
        .json(&json!([{"endpoint": "pay", "reject_rate": 0.25}]))
        .send()
        .await
        .unwrap();
    let plan: Value = resp.json().await.unwrap();
    assert_eq!(plan["rules"].as_array().unwrap().len(), 3);
    assert_eq!(plan["rules"][2]["reject_rate"].to_string(), "0.25");
    let resp = env
        .http
        .put(&url)
        .json(&json!({"rules": [{"endpoint": "nowhere", "reset": true}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = env
        .http
        .put(&url)
        .json(&json!(["pay:frobnicate=1"]))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(env.sb.faults().rules.len(), 3, "a bad PUT changes nothing");
    let resp = env.http.delete(&url).send().await.unwrap();
    assert_eq!(resp.json::<Value>().await.unwrap(), json!({"rules": []}));
}

#[tokio::test]
async fn ledger_reset_and_health() {
    let env = start().await;
    let bill = env.find_barcode(fixtures::GAM_BARCODE).await.remove(0);
    let (_, sale) = env.pay(&bill, "50", "ledger-1").await;
    let ledger: Vec<LedgerEntry> = env
        .http
        .get(env.url("/_sandbox/ledger"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].id, sale["id"].as_str().unwrap());
    assert_eq!(ledger[0].amount.to_string(), "50.00");
    assert_eq!(ledger[0].company_code, "1195");
    assert_eq!(ledger[0].bill_barcode, fixtures::GAM_BARCODE);
    let health: Value = env
        .http
        .get(env.url("/_sandbox/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["sales"], 1);
    let resp = env
        .http
        .post(env.url("/_sandbox/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(env.sb.ledger().is_empty());
    let (_, again) = env.pay(&bill, "50", "ledger-2").await;
    assert_eq!(again["state"], "approved", "reset unpaid the bill");
}

#[tokio::test]
async fn state_file_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sandbox-state.json");
    let cfg = SandboxConfig {
        state_file: Some(file.clone()),
        ..SandboxConfig::default()
    };
    let env = start_with(cfg.clone()).await;
    let bill = env
        .find_barcode(fixtures::DTV_EXAMPLE_BARCODE)
        .await
        .remove(0);
    let (_, sale) = env.pay(&bill, "2748.00", "persist-1").await;
    assert_eq!(sale["state"], "approved");
    // The file, written straight from the live ledger, reads back as exactly its state.
    let saved = ventanilla_sandbox::persist::Persister::new(&file)
        .load()
        .unwrap();
    assert_eq!(saved, Some(env.sb.snapshot()));
    assert_eq!(saved.unwrap().traxion.unwrap().sales.len(), 1);
    let crate::common::Env { sb, .. } = env;
    sb.shutdown().await;

    let env = start_with(cfg.clone()).await;
    assert_eq!(env.sb.ledger().len(), 1);
    let (_, found) = env.get("/sales?clientTransactionId=persist-1").await;
    assert_eq!(found[0]["id"], sale["id"]);
    assert_eq!(found[0]["number"], sale["number"]);
    let (_, paid) = env.pay(&bill, "2748.00", "persist-2").await;
    assert_eq!(paid["state"], "rejected");
    assert!(paid["stateDetail"]["message"]
        .as_str()
        .unwrap()
        .starts_with("409_BILL_ALREADY_PAID"));
    assert!(paid["number"].as_u64().unwrap() > sale["number"].as_u64().unwrap());
    let (_, receipt) = env
        .get(&format!("/sale/{}/receipt", sale["id"].as_str().unwrap()))
        .await;
    assert!(receipt["receiptString"]
        .as_str()
        .unwrap()
        .contains("$ 2.748,00"));
    env.sb.reset().await;
    let crate::common::Env { sb, .. } = env;
    sb.shutdown().await;

    let sb = spawn("127.0.0.1:0".parse().unwrap(), cfg).await.unwrap();
    assert!(sb.ledger().is_empty(), "reset was persisted");
    sb.shutdown().await;
}

#[tokio::test]
async fn a_corrupt_state_file_is_an_error_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, "{oops").unwrap();
    let cfg = SandboxConfig {
        state_file: Some(file),
        ..SandboxConfig::default()
    };
    let err = spawn("127.0.0.1:0".parse().unwrap(), cfg)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("bad.json"), "{err}");
}

#[tokio::test]
async fn unknown_paths_are_platform_404() {
    let env = start().await;
    let resp = env.http.get(env.url("/nope")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["data"]["errorCode"], "NOT_FOUND");
}
