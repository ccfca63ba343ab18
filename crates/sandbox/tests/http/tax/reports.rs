use reqwest::StatusCode;
use serde_json::json;
use ventanilla_sandbox::OrderState;

use super::{ids, refusal, start};

#[tokio::test]
async fn a_report_is_answered_ok_and_settles_the_items() {
    let tax = start().await;
    let items = ids(&tax.lookup("V-12345678").await);
    let order = tax.create(&items[..2]).await;
    let (status, body) = tax.report(&order, "REF-0001").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["res"], json!(1));
    assert_eq!(body["status"], json!("OK"));
    // Paid items are no longer pending; the rest still are.
    assert_eq!(ids(&tax.lookup("V-12345678").await), items[2..].to_vec());
    let orders = tax.sb.tax_orders();
    assert_eq!(orders[0].state, OrderState::Complete);
    assert_eq!(orders[0].report.as_ref().unwrap().reference, "REF-0001");
}

#[tokio::test]
async fn the_same_report_twice_is_one_report() {
    let tax = start().await;
    let items = ids(&tax.lookup("J-31102468-9").await);
    let order = tax.create(&items).await;
    let (status, _) = tax.report(&order, "REF-77").await;
    assert_eq!(status, StatusCode::OK);
    let before = tax.sb.tax_orders();
    let (status, body) = tax.report(&order, "REF-77").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], json!("OK"));
    assert_eq!(tax.sb.tax_orders(), before, "nothing was processed again");
    // Another reference for a paid order is another payment: refused.
    let (status, body) = tax.report(&order, "REF-78").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), "ORDER_ALREADY_PAID");
    // A paid order cannot be cancelled.
    let (_, body) = tax
        .call(
            "POST",
            Some(json!({"order_id": order["order"], "action": "Cancel"})),
        )
        .await;
    assert_eq!(refusal(&body), "ORDER_ALREADY_PAID");
}

#[tokio::test]
async fn an_amount_other_than_the_total_is_refused() {
    let tax = start().await;
    let items = ids(&tax.lookup("V-12345678").await);
    let order = tax.create(&items[..1]).await;
    let total: rust_decimal::Decimal = order["total_amount"].to_string().parse().unwrap();
    let report = |amount: serde_json::Value| {
        json!({"order_id": order["order"], "amount": amount, "reference": "R-9",
            "created": "2025-05-18T10:15:00-04:00", "result": "Approved"})
    };
    let off = (total - rust_decimal::Decimal::new(1, 2)).to_string();
    let (status, body) = tax.call("POST", Some(report(json!(off)))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), "AMOUNT_MISMATCH");
    let (_, body) = tax.call("POST", Some(report(json!("12,50")))).await;
    assert_eq!(refusal(&body), "INVALID_AMOUNT");
    assert!(tax.sb.tax_orders()[0].report.is_none());
    // The exact total as a string is the right amount.
    let (status, body) = tax
        .call("POST", Some(report(json!(total.to_string()))))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_report_needs_its_fields_and_an_approved_result() {
    let tax = start().await;
    let order = tax.create(&[1001]).await;
    let (_, body) = tax
        .call("POST", Some(json!({"order_id": order["order"], "amount": order["total_amount"], "reference": "R", "result": "Rejected"})))
        .await;
    assert_eq!(refusal(&body), "INVALID_RESULT");
    let (_, body) = tax
        .call(
            "POST",
            Some(json!({"order_id": order["order"], "amount": order["total_amount"]})),
        )
        .await;
    assert_eq!(refusal(&body), "INVALID_REQUEST");
    let (status, body) = tax
        .call("POST", Some(json!({"order_id": "no-such-order", "amount": 1, "reference": "R", "result": "Approved"})))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(refusal(&body), "ORDER_NOT_FOUND");
}

#[tokio::test]
async fn orders_survive_a_restart_through_the_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    let with_file = |c: &mut ventanilla_sandbox::ArkaduConfig| {
        c.processing_delay = std::time::Duration::from_millis(10);
    };
    let mut cfg = ventanilla_sandbox::SandboxConfig {
        state_file: Some(file.clone()),
        ..ventanilla_sandbox::SandboxConfig::default()
    };
    with_file(&mut cfg.arkadu);
    let tax = super::start_config(cfg.clone()).await;
    let paid = tax.create(&[2001]).await;
    tax.report(&paid, "REF-P").await;
    let open = tax.create(&[2002]).await;
    let orders = tax.sb.tax_orders();
    tax.sb.shutdown().await;

    let tax = super::start_config(cfg).await;
    assert_eq!(tax.sb.tax_orders().len(), orders.len());
    let pending = ids(&tax.lookup("J-40157748-2").await);
    assert!(
        !pending.contains(&2001) && pending.contains(&2002),
        "{pending:?}"
    );
    let (_, body) = tax.call("POST", Some(json!({"pending_ids": [2002]}))).await;
    assert_eq!(refusal(&body), "ITEM_IN_ORDER");
    let (status, _) = tax.report(&open, "REF-Q").await;
    assert_eq!(status, StatusCode::OK);
}
