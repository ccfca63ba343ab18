use chrono::{DateTime, Duration};
use reqwest::StatusCode;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::{ids, refusal, start, PENDING};

fn total(order: &Value) -> Decimal {
    assert!(order["total_amount"].is_number(), "{order}");
    order["total_amount"].to_string().parse().unwrap()
}

fn sum(items: &[Value]) -> Decimal {
    items
        .iter()
        .map(|i| i["amount"].as_str().unwrap().parse::<Decimal>().unwrap())
        .sum()
}

#[tokio::test]
async fn an_order_of_pending_items_lives_four_hours() {
    let tax = start().await;
    let items = tax.lookup("V-12345678").await;
    let chosen = &items[..2];
    let order = tax.create(&ids(chosen)).await;
    assert!(order["order"].is_string(), "{order}");
    assert_eq!(total(&order), sum(chosen));
    assert_eq!(ids(order["detail"].as_array().unwrap()), ids(chosen));
    let expire_at = DateTime::parse_from_rfc3339(order["expire_at"].as_str().unwrap()).unwrap();
    let left = expire_at.signed_duration_since(chrono::Utc::now());
    assert!(
        left > Duration::minutes(239) && left <= Duration::hours(4),
        "{left}"
    );

    // Items of an open order go into no other order, not even partly.
    let (status, body) = tax
        .call(
            "POST",
            Some(json!({"pending_ids": [ids(&items)[1], ids(&items)[2]]})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), "ITEM_IN_ORDER");
    // A free one does.
    tax.create(&[ids(&items)[2]]).await;

    for (bad, error) in [
        (json!({"pending_ids": []}), "INVALID_REQUEST"),
        (json!({"pending_ids": [424242]}), "ITEM_NOT_FOUND"),
        (json!({"pending_ids": ["x"]}), "INVALID_REQUEST"),
        (json!({"pending_ids": [1004, 2001]}), "MIXED_TAXPAYERS"),
    ] {
        let (_, body) = tax.call("POST", Some(bad.clone())).await;
        assert_eq!(refusal(&body), error, "{bad}");
    }
}

#[tokio::test]
async fn items_are_added_and_removed_with_put_and_with_a_literal_update() {
    let tax = start().await;
    let items = ids(&tax.lookup("J-40157748-2").await);
    let order = tax.create(&items[..1]).await;
    let id = order["order"].clone();

    let (status, updated) = tax
        .call(
            "PUT",
            Some(json!({"order_id": id, "pending_ids": [items[1], items[2]], "action": "ADD"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["order"], id);
    assert_eq!(
        ids(updated["detail"].as_array().unwrap()),
        items[..3].to_vec()
    );
    assert_eq!(total(&updated), sum(updated["detail"].as_array().unwrap()));

    let (status, updated) = tax
        .call(
            "UPDATE",
            Some(json!({"order_id": id, "pending_ids": [items[0]], "action": "REMOVE"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(
        ids(updated["detail"].as_array().unwrap()),
        items[1..3].to_vec()
    );
    assert_eq!(updated["expire_at"], order["expire_at"]);

    // The removed item is free for another order; the kept ones are not.
    tax.create(&items[..1]).await;
    let (_, body) = tax
        .call("POST", Some(json!({"pending_ids": [items[1]]})))
        .await;
    assert_eq!(refusal(&body), "ITEM_IN_ORDER");

    for (bad, error) in [
        (
            json!({"order_id": id, "pending_ids": [items[3]], "action": "MOVE"}),
            "INVALID_ACTION",
        ),
        (
            json!({"order_id": id, "pending_ids": [items[3]], "action": "REMOVE"}),
            "ITEM_NOT_IN_ORDER",
        ),
        (
            json!({"order_id": id, "pending_ids": [items[1], items[2]], "action": "REMOVE"}),
            "EMPTY_ORDER",
        ),
        (
            json!({"order_id": "nope", "pending_ids": [items[3]], "action": "ADD"}),
            "ORDER_NOT_FOUND",
        ),
        (
            json!({"order_id": id, "pending_ids": [items[0]], "action": "ADD"}),
            "ITEM_IN_ORDER",
        ),
    ] {
        let (_, body) = tax.call("UPDATE", Some(bad.clone())).await;
        assert_eq!(refusal(&body), error, "{bad}");
    }
}

#[tokio::test]
async fn a_cancelled_order_frees_its_items_and_takes_no_report() {
    let tax = start().await;
    let items = ids(&tax.lookup("E-84512397").await);
    let order = tax.create(&items).await;
    let (status, body) = tax
        .call(
            "POST",
            Some(json!({"order_id": order["order"], "action": "Cancel"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["res"], json!(1));
    let (status, body) = tax.report(&order, "REF-1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), "ORDER_CANCELED");
    let (_, body) = tax
        .call(
            "PUT",
            Some(
                json!({"order_id": order["order"], "pending_ids": [items[0]], "action": "REMOVE"}),
            ),
        )
        .await;
    assert_eq!(refusal(&body), "ORDER_CANCELED");
    tax.create(&items).await;
}

#[tokio::test]
async fn an_expired_order_frees_its_items_and_takes_no_report() {
    let tax = super::start_with(|c| c.order_ttl = std::time::Duration::from_secs(1)).await;
    let items = ids(&tax.lookup("G-20004567-1").await);
    let order = tax.create(&items).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, body) = tax.report(&order, "REF-LATE").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), "ORDER_EXPIRED");
    let (_, body) = tax
        .call(
            "PUT",
            Some(
                json!({"order_id": order["order"], "pending_ids": [items[0]], "action": "REMOVE"}),
            ),
        )
        .await;
    assert_eq!(refusal(&body), "ORDER_EXPIRED");
    tax.create(&items).await;
    // Form-encoded bodies are read too.
    let resp = tax
        .http
        .post(tax.url(PENDING))
        .bearer_auth(&tax.token)
        .form(&[("doc_id", "V-8765432")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
}
