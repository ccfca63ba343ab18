use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::FaultPlan;

use super::receiver::Receiver;
use super::{ids, start, start_with};

fn item_ids(callbacks: &[Value]) -> Vec<u64> {
    callbacks
        .iter()
        .map(|c| c["item_id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn one_callback_per_item_the_last_one_completing_the_order() {
    let rx = Receiver::start(0).await;
    let url = rx.url.clone();
    let tax = start_with(|c| c.callback_url = Some(url)).await;
    let items = ids(&tax.lookup("V-12345678").await);
    let order = tax.create(&items[..3]).await;
    let (status, _) = tax.report(&order, "REF-CB").await;
    assert_eq!(status, StatusCode::OK);
    let got = rx.wait_for(3).await;
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(item_ids(&got), items[..3].to_vec());
    for (i, cb) in got.iter().enumerate() {
        assert_eq!(cb["order_id"], order["order"]);
        assert_eq!(cb["reference"], json!("REF-CB"));
        assert_eq!(cb["status"], json!("Success"));
        assert!(cb["created"].is_string());
        let expected = if i < 2 { "Processing" } else { "Complete" };
        assert_eq!(cb["order_status"], json!(expected), "{cb}");
    }
    // Repeating the report sends nothing again.
    let (status, _) = tax.report(&order, "REF-CB").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rx.wait_for(3).await.len(), 3);
    assert!(tax.sb.tax_orders()[0].delivered);
}

#[tokio::test]
async fn a_refused_callback_is_retried_until_accepted() {
    let rx = Receiver::start(3).await;
    let url = rx.url.clone();
    let tax = start_with(|c| c.callback_url = Some(url)).await;
    let order = tax.create(&[3001]).await;
    tax.report(&order, "REF-RETRY").await;
    let got = rx.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(rx.attempts(), 4, "three 500s, then the 200");
    assert_eq!(got[0]["item_id"], json!(3001));
    assert_eq!(got[0]["order_status"], json!("Complete"));
}

#[tokio::test]
async fn callbacks_wait_for_a_url_registered_at_run_time() {
    let tax = start().await;
    let order = tax.create(&[3002]).await;
    tax.report(&order, "REF-LATE-URL").await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let rx = Receiver::start(0).await;
    let resp = tax
        .http
        .put(tax.url("/_sandbox/arkadu/callback"))
        .json(&json!({"url": rx.url}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(tax.sb.tax_callback().as_deref(), Some(rx.url.as_str()));
    let got = rx.wait_for(1).await;
    assert_eq!(item_ids(&got), vec![3002]);
    let resp = tax
        .http
        .put(tax.url("/_sandbox/arkadu/callback"))
        .json(&json!({"url": "ftp://x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);

    // An embedding app registers its own listener through the handle.
    let other = Receiver::start(0).await;
    tax.sb.set_tax_callback(Some(other.url.clone()));
    let order = tax.create(&[1001]).await;
    tax.report(&order, "REF-HANDLE").await;
    assert_eq!(item_ids(&other.wait_for(1).await), vec![1001]);
    assert_eq!(rx.accepted().len(), 1);
}

#[tokio::test]
async fn faults_duplicate_and_reorder_callbacks() {
    let rx = Receiver::start(0).await;
    let url = rx.url.clone();
    let tax = start_with(|c| c.callback_url = Some(url)).await;
    tax.sb.set_faults(
        FaultPlan::parse_specs(&["arkadu.callback:duplicate,reorder,latency_ms=20,count=1"])
            .unwrap(),
    );
    let items = ids(&tax.lookup("J-40157748-2").await);
    let order = tax.create(&items[..3]).await;
    tax.report(&order, "REF-DUP").await;
    let got = rx.wait_for(6).await;
    assert_eq!(got.len(), 6, "{got:?}");
    let mut reversed = items[..3].to_vec();
    reversed.reverse();
    let expected: Vec<u64> = reversed.iter().flat_map(|i| [*i, *i]).collect();
    assert_eq!(item_ids(&got), expected);
    // The final status arrives first, then the earlier ones.
    assert_eq!(got[0]["order_status"], json!("Complete"));
    assert_eq!(got[5]["order_status"], json!("Processing"));
    assert!(tax.sb.faults().rules.is_empty(), "the rule was spent once");
}

#[tokio::test]
async fn faults_make_items_fail_and_failed_items_stay_payable() {
    let rx = Receiver::start(0).await;
    let url = rx.url.clone();
    let tax = start_with(|c| c.callback_url = Some(url)).await;
    // Through the admin API, as a spec string.
    let resp = tax
        .http
        .post(tax.url("/_sandbox/faults"))
        .json(&json!(["arkadu.callback:fail_items=1,count=1"]))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let items = ids(&tax.lookup("V-12345678").await);
    let order = tax.create(&items[..2]).await;
    tax.report(&order, "REF-F1").await;
    let got = rx.wait_for(2).await;
    assert_eq!(got[0]["status"], json!("Error"));
    assert_eq!(got[1]["status"], json!("Success"));
    assert_eq!(got[1]["order_status"], json!("Complete"));
    let pending: BTreeSet<u64> = ids(&tax.lookup("V-12345678").await).into_iter().collect();
    assert!(pending.contains(&items[0]) && !pending.contains(&items[1]));

    // Every item failed: the order ends cancelled, its items payable again.
    tax.sb
        .add_faults(FaultPlan::parse_specs(&["arkadu.callback:fail_items=9,count=1"]).unwrap());
    let order = tax.create(&[items[0]]).await;
    tax.report(&order, "REF-F2").await;
    let got = rx.wait_for(3).await;
    assert_eq!(got[2]["status"], json!("Error"));
    assert_eq!(got[2]["order_status"], json!("Canceled"));
    assert!(ids(&tax.lookup("V-12345678").await).contains(&items[0]));
    tax.create(&[items[0]]).await;
}

#[tokio::test]
async fn request_faults_are_keyed_by_action() {
    let tax = start().await;
    tax.sb.set_faults(
        FaultPlan::parse_specs(&["arkadu.report:http_status=503,http_body=json,count=1"]).unwrap(),
    );
    // A lookup and a create are other actions of the same path: untouched.
    assert!(!tax.lookup("V-12345678").await.is_empty());
    let order = tax.create(&[1001]).await;
    let (status, _) = tax.report(&order, "REF-503").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        tax.sb.tax_orders()[0].report.is_none(),
        "refused before the handler"
    );
    let (status, _) = tax.report(&order, "REF-503").await;
    assert_eq!(status, StatusCode::OK);
    // After the handler: the report is recorded though its answer is lost; resending it is
    // the same report.
    tax.sb.set_faults(
        FaultPlan::parse_specs(&[
            "arkadu.create:http_status=502,http_body=json,after_commit,count=1",
        ])
        .unwrap(),
    );
    let (status, body) = tax.call("POST", Some(json!({"pending_ids": [1002]}))).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert_eq!(body["res"], json!(0));
    assert_eq!(tax.sb.tax_orders().len(), 2, "the order was made");
}
