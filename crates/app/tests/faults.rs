//! The hub misbehaves; the counter never loses or doubles a sale. Each scenario is scripted
//! with the sandbox's fault injection over real HTTP.

mod common;

use common::*;
use serde_json::json;
use ventanilla_app::ErrorCode;
use ventanilla_sandbox::fixtures;

#[tokio::test]
async fn no_answer_then_poll_finds_the_approval() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_EXAMPLE_BARCODE).await;
    // The hub records the sale but its answer never comes: the 2 s timeout runs out.
    set_faults(
        &app,
        json!([{"endpoint": "pay", "no_answer": true, "after_commit": true, "count": 1}]),
    )
    .await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let sale = settle(&app, sale.id).await;
    assert_eq!(sale.state, "approved");
    let events = journal_events(dir.path(), sale.id);
    assert_eq!(
        &events[..4],
        ["journaled", "submit", "lost", "found"],
        "{events:?}"
    );
    assert_eq!(ledger(&app).await.len(), 1, "one sale at the hub, not two");
}

#[tokio::test]
async fn pending_then_final() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    set_faults(&app, json!([{"endpoint": "pay", "pending_secs": 2}])).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let waiting = app.sale(sale.id).unwrap();
    assert_eq!(waiting.state, "querying", "{waiting:?}");
    assert_eq!(waiting.state_label, "Consultando estado");
    assert!(waiting.next_check_in_secs.is_some());
    assert_eq!(app.sales_in_flight().unwrap().len(), 1);
    // Meanwhile the same bill cannot be charged again...
    let again = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    let earlier = again
        .earlier_sale
        .expect("the sale in flight is shown on the bill");
    assert_eq!(earlier.sale_id, sale.id);
    assert_eq!(earlier.state, ventanilla_app::views::EarlierSale::InFlight);
    assert!(earlier.blocks_payment);
    let err = app.pay_cash(again.key, "", "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Duplicate);
    // ...but the next customer is served.
    let other = one_bill(&app, fixtures::DTV_BARCODES[1]).await;
    let other = app.pay_cash(other.key, "", "").unwrap();

    assert_eq!(settle(&app, sale.id).await.state, "approved");
    assert_eq!(settle(&app, other.id).await.state, "approved");
    assert_eq!(ledger(&app).await.len(), 2);
}

#[tokio::test]
async fn a_reset_before_the_hub_saw_the_sale_leads_to_one_resend_with_the_same_id() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::EDENOR_BARCODES[0]).await;
    set_faults(
        &app,
        json!([{"endpoint": "pay", "reset": true, "count": 1}]),
    )
    .await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let sale = settle(&app, sale.id).await;
    assert_eq!(sale.state, "approved");
    let ledger = ledger(&app).await;
    assert_eq!(ledger.len(), 1);
    assert!(ledger[0].to_string().contains(&sale.client_transaction_id));
}

#[tokio::test]
async fn server_errors_and_garbage_while_paying_resolve_by_asking() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    for (i, fault) in [
        json!({"endpoint": "pay", "http_status": 502, "after_commit": true, "count": 1}),
        json!({"endpoint": "pay", "garbage": true, "after_commit": true, "count": 1}),
        json!({"endpoint": "pay", "http_status": 500, "http_body": "empty", "count": 1}),
    ]
    .into_iter()
    .enumerate()
    {
        let bill = one_bill(&app, fixtures::DTV_BARCODES[i]).await;
        set_faults(
            &app,
            json!([fault, {"endpoint": "sales_query", "http_status": 503, "count": 2}]),
        )
        .await;
        let sale = app.pay_cash(bill.key, "", "").unwrap();
        assert_eq!(settle(&app, sale.id).await.state, "approved", "{fault}");
    }
    assert_eq!(ledger(&app).await.len(), 3);
}

#[tokio::test]
async fn lookups_against_a_broken_hub_say_so_in_spanish_and_record_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let cases = [
        (
            json!({"endpoint": "find_barcode", "http_status": 500}),
            ErrorCode::Offline,
            "problema",
        ),
        (
            json!({"endpoint": "find_barcode", "http_status": 200, "http_body": "html"}),
            ErrorCode::Offline,
            "interpretar",
        ),
        (
            json!({"endpoint": "find_barcode", "http_status": 200, "http_body": "empty"}),
            ErrorCode::Offline,
            "interpretar",
        ),
        (
            json!({"endpoint": "find_barcode", "garbage": true}),
            ErrorCode::Offline,
            "interpretar",
        ),
        // Valid JSON of the wrong shape: an error object where a list of bills belongs.
        (
            json!({"endpoint": "find_barcode", "http_status": 200, "http_body": "json"}),
            ErrorCode::Offline,
            "interpretar",
        ),
        (
            json!({"endpoint": "find_barcode", "reset": true}),
            ErrorCode::Offline,
            "conexión",
        ),
    ];
    for (fault, code, want) in cases {
        set_faults(&app, json!([fault])).await;
        let err = app
            .find_by_barcode(fixtures::DTV_EXAMPLE_BARCODE)
            .await
            .unwrap_err();
        assert_eq!(err.code, code, "{fault}");
        assert!(err.message.contains(want), "{fault}: {}", err.message);
        assert!(
            !err.message.contains('{') && !err.message.contains("500"),
            "{}",
            err.message
        );
    }
    clear_faults(&app).await;
    assert!(app.history(10).unwrap().is_empty());
}

/// Loses the first POST before the hub sees it, waits until the counter is asking about it,
/// then arms `resend_fault` for the resend that follows two empty queries.
async fn lose_first_post_then(
    app: &ventanilla_app::Ventanilla,
    barcode: &str,
    resend_fault: serde_json::Value,
) -> ventanilla_app::views::SaleView {
    let bill = one_bill(app, barcode).await;
    set_faults(
        app,
        json!([{"endpoint": "pay", "no_answer": true, "count": 1}]),
    )
    .await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    for _ in 0..100 {
        if app.sale(sale.id).unwrap().state == "querying" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(app.sale(sale.id).unwrap().state, "querying");
    set_faults(app, json!([resend_fault])).await;
    settle(app, sale.id).await
}

#[tokio::test]
async fn a_refused_resend_is_checked_with_the_hub_before_the_sale_counts_as_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    // The hub records the resend but answers it with a refusal: its record wins.
    let sale = lose_first_post_then(
        &app,
        fixtures::DTV_BARCODES[0],
        json!({"endpoint": "pay", "http_status": 400, "http_body": "json", "after_commit": true, "count": 1}),
    )
    .await;
    assert_eq!(
        sale.state, "approved",
        "the hub's record wins over the refusal"
    );
    assert_eq!(ledger(&app).await.len(), 1);

    // The resend really was refused (nothing recorded): then the sale is rejected.
    let refused = lose_first_post_then(
        &app,
        fixtures::DTV_BARCODES[1],
        json!({"endpoint": "pay", "http_status": 400, "http_body": "json", "count": 1}),
    )
    .await;
    assert_eq!(refused.state, "rejected");
    assert_eq!(
        ledger(&app).await.len(),
        1,
        "nothing recorded for the refused one"
    );
    let events = journal_events(dir.path(), refused.id);
    let tail: Vec<&str> = events
        .iter()
        .rev()
        .take(2)
        .rev()
        .map(String::as_str)
        .collect();
    assert_eq!(
        tail,
        ["refused", "not_found"],
        "refusal confirmed by a query: {events:?}"
    );
}

/// The hub records the sale, then answers 400 with its platform error body: the sale exists, so
/// telling the cashier "rejected, hand the money back" would be false. Asked about, it is found.
#[tokio::test]
async fn a_platform_error_after_the_hub_recorded_the_sale_is_confirmed_not_taken_as_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[2]).await;
    set_faults(
        &app,
        json!([{"endpoint": "pay", "http_status": 400, "http_body": "json", "after_commit": true, "count": 1}]),
    )
    .await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let sale = settle(&app, sale.id).await;
    assert_eq!(sale.state, "approved", "{sale:?}");
    assert!(sale.reason.is_none(), "no refusal shown: {sale:?}");
    assert_eq!(ledger(&app).await.len(), 1, "one sale at the hub");
    let events = journal_events(dir.path(), sale.id);
    assert_eq!(
        &events[..4],
        ["journaled", "submit", "refused", "found"],
        "the refusal was checked with a query: {events:?}"
    );
}

/// The same platform error before anything was recorded: the query finds nothing, and only
/// then is the sale rejected.
#[tokio::test]
async fn a_platform_error_before_the_hub_recorded_anything_is_a_rejection_after_a_query() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[1]).await;
    set_faults(
        &app,
        json!([{"endpoint": "pay", "http_status": 400, "http_body": "json", "count": 1}]),
    )
    .await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let sale = settle(&app, sale.id).await;
    assert_eq!(sale.state, "rejected", "{sale:?}");
    assert!(ledger(&app).await.is_empty());
    let events = journal_events(dir.path(), sale.id);
    assert!(
        events.contains(&"not_found".to_string()),
        "rejected only after asking: {events:?}"
    );
}

/// An answer about another sale (another id, or another amount) settles nothing: the counter
/// asks about its own sale, and finds it.
#[tokio::test]
async fn an_answer_about_another_sale_is_not_taken_as_the_answer_about_ours() {
    for (n, fault) in ["echo_other_id", "echo_other_amount"]
        .into_iter()
        .enumerate()
    {
        let dir = tempfile::tempdir().unwrap();
        let app = start(dir.path()).await;
        let bill = one_bill(&app, fixtures::DTV_BARCODES[n]).await;
        let mut rule = json!({"endpoint": "pay", "count": 1});
        rule[fault] = json!(true);
        set_faults(&app, json!([rule])).await;
        let sale = app.pay_cash(bill.key, "", "").unwrap();
        let sale = settle(&app, sale.id).await;
        assert_eq!(sale.state, "approved", "{fault}: {sale:?}");
        let events = journal_events(dir.path(), sale.id);
        assert_eq!(
            &events[..4],
            ["journaled", "submit", "lost", "found"],
            "{fault}: the answer was not trusted: {events:?}"
        );
        assert_eq!(ledger(&app).await.len(), 1, "{fault}");
    }
}
