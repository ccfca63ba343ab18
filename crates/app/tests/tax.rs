//! Tax orders against the embedded tax platform over real HTTP: a taxpayer's debts, an order of
//! some of them on the customer's ticket, paid in cash, reported through the outbox and settled
//! debt by debt by the platform's callbacks through the app's webhook listener.

mod common;

use std::time::Duration;

use common::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_app::views::{RefundState, TicketView};
use ventanilla_app::{ErrorCode, Ventanilla};
use ventanilla_sandbox::fixtures;

const TAXPAYER: &str = "V-12345678";

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

async fn sandbox_get(app: &Ventanilla, path: &str) -> Value {
    reqwest::get(format!("{}{path}", app.hub_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The orders the platform holds.
async fn platform_orders(app: &Ventanilla) -> Vec<Value> {
    match sandbox_get(app, "/_sandbox/arkadu/orders").await {
        Value::Array(orders) => orders,
        Value::Object(o) => o["orders"].as_array().cloned().unwrap_or_default(),
        other => panic!("orders: {other}"),
    }
}

/// Waits until every debt of the ticket has its platform's last word.
async fn final_ticket(app: &Ventanilla, id: i64) -> TicketView {
    let t = app
        .wait_ticket_final(id, Duration::from_secs(30))
        .await
        .unwrap();
    assert!(
        t.items
            .iter()
            .all(|i| i.tax.as_ref().is_some_and(|x| x.is_final)),
        "every debt final: {t:#?}"
    );
    t
}

fn assert_balanced(t: &TicketView) {
    let m = t.money.as_ref().expect("a paid ticket");
    let out = dec(&m.approved.amount) + dec(&m.change.amount) + dec(&m.refunded.amount);
    assert_eq!(dec(&m.received.amount), out, "{m:#?}");
}

/// Creates an order of the first `n` debts of `doc` and returns its id and their ids.
async fn order_of(app: &Ventanilla, doc: &str, n: usize) -> (i64, Vec<String>) {
    let (order, ids) = tax_order_of(app, doc, n).await;
    (order.id, ids)
}

#[tokio::test]
async fn two_of_three_debts_are_ordered_paid_in_cash_reported_once_and_settled_by_callback() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;

    let debts = app.tax_debts(" v12345678 ").await.unwrap();
    assert_eq!(debts.doc_id, TAXPAYER, "read as typed, shown canonical");
    assert!(debts.debts.len() >= 3, "{debts:#?}");
    assert!(debts.debts.iter().all(|d| d.amount.currency == "VES"));

    let (order, ids) = order_of(&app, TAXPAYER, 2).await;
    let ticket = app.ticket();
    assert_eq!(ticket.items.len(), 2, "the order's debts join the ticket");
    assert!(ticket.items.iter().all(|i| i.gateway == "arkadu"));
    let expected: Decimal = debts.debts[..2].iter().map(|d| dec(&d.amount.amount)).sum();
    let total = ticket.total.clone().unwrap();
    assert_eq!(dec(&total.amount), expected);
    assert!(total.display.starts_with("Bs."), "{}", total.display);

    // A tax debt's amount is the platform's; taking it off goes through the order.
    let fixed = app.ticket_set_amount(1, "1,00").unwrap_err();
    assert_eq!(fixed.code, ErrorCode::Validation);
    assert!(app.ticket_remove(1).is_err());

    let received = format!("{}", expected + Decimal::from(100));
    let paid = app.ticket_pay_cash(&received.replace('.', ",")).unwrap();
    let id = paid.id.unwrap();
    assert!(
        app.ticket().items.is_empty(),
        "the next customer starts afresh"
    );

    let t = final_ticket(&app, id).await;
    assert!(
        t.items
            .iter()
            .all(|i| i.tax.as_ref().unwrap().status == "success"),
        "{t:#?}"
    );
    assert_eq!(
        dec(&t.money.as_ref().unwrap().change.amount),
        Decimal::from(100)
    );
    assert_balanced(&t);
    let view = app.tax_order(order).unwrap();
    assert_eq!(view.phase, "complete", "{view:#?}");

    // At the platform: one report, with our reference and the order's exact total.
    let orders = platform_orders(&app).await;
    let at_platform: Vec<_> = orders.iter().filter(|o| o["report"].is_object()).collect();
    assert_eq!(at_platform.len(), 1, "{orders:#?}");
    let report = &at_platform[0]["report"];
    assert_eq!(
        report["reference"],
        view.reference.clone().unwrap().as_str()
    );
    assert_eq!(dec(report["amount"].as_str().unwrap()), expected);

    // The paid debts are gone from the taxpayer's list; the third is still owed.
    let left = app.tax_debts(TAXPAYER).await.unwrap();
    assert!(left.debts.iter().all(|d| !ids.contains(&d.id)), "{left:#?}");
    assert_eq!(left.debts.len(), debts.debts.len() - 2);

    // The summary lists each debt with its state and the order's total.
    let receipt = app.ticket_summary_pdf(id, false).unwrap();
    let text = pdftotext(&receipt.file);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for d in &debts.debts[..2] {
        assert!(flat.contains(&d.description), "{text}");
    }
    assert_eq!(
        text.matches("Total de la orden").count(),
        1,
        "once per order: {text}"
    );
    assert!(text.contains(&view.order_id), "{text}");
    assert!(text.contains("Total de la orden"), "{text}");
    assert!(text.contains("Pagado"), "{text}");
    app.shutdown().await;
}

#[tokio::test]
async fn wrong_ids_nothing_selected_and_mixed_currencies_are_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;

    let check = app.tax_debts("J-40157748-3").await.unwrap_err();
    assert_eq!(check.code, ErrorCode::Validation);
    assert!(
        check.message.contains("dígito verificador"),
        "{}",
        check.message
    );
    assert!(check.message.contains("debería ser 2"), "{}", check.message);
    for bad in ["", "12345678", "X-123", "V-12a45678", &"9".repeat(200)] {
        let e = app.tax_debts(bad).await.unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation, "{bad:?}: {}", e.message);
        assert!(!e.message.contains('{'), "{}", e.message);
    }
    let unknown = app.tax_debts("V-11111111").await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound, "{}", unknown.message);
    let none = app.tax_debts("V-8765432").await.unwrap();
    assert!(none.debts.is_empty() && none.total.is_none());

    let empty = app.tax_create_order(TAXPAYER, &[]).await.unwrap_err();
    assert_eq!(empty.code, ErrorCode::Validation);
    assert!(
        empty.message.contains("al menos una deuda"),
        "{}",
        empty.message
    );
    assert!(
        platform_orders(&app).await.is_empty(),
        "nothing reached the platform"
    );

    // A ticket in bolívares refuses a bill in pesos, saying why.
    order_of(&app, TAXPAYER, 1).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    let mixed = app.ticket_add_bill(bill.key, "").unwrap_err();
    assert!(
        mixed.message.contains("VES") || mixed.message.contains("bolívar"),
        "{}",
        mixed.message
    );
    assert_eq!(app.ticket().items.len(), 1);

    // And a ticket in pesos refuses a tax order before the platform holds any debt for it.
    app.ticket_abandon();
    app.ticket_add_bill(bill.key, "").unwrap();
    let before = platform_orders(&app).await.len();
    let e = app
        .tax_create_order("J-40157748-2", &["1".into()])
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation, "{}", e.message);
    assert_eq!(platform_orders(&app).await.len(), before);
    app.shutdown().await;
}

#[tokio::test]
async fn an_abandoned_or_canceled_order_frees_its_debts_and_removing_one_changes_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let (order, ids) = order_of(&app, TAXPAYER, 3).await;
    let before = app.ticket().total.unwrap();
    let changed = app.tax_change_order(order, false, &ids[2..]).await.unwrap();
    assert_eq!(changed.items.len(), 2);
    let ticket = app.ticket();
    assert_eq!(ticket.items.len(), 2, "the ticket follows the order");
    assert!(dec(&ticket.total.unwrap().amount) < dec(&before.amount));
    let back = app.tax_change_order(order, true, &ids[2..]).await.unwrap();
    assert_eq!(back.items.len(), 3);
    assert_eq!(app.ticket().items.len(), 3);

    // The debts are held by that order: a second one cannot take them.
    let held = app.tax_create_order(TAXPAYER, &ids[..1]).await.unwrap_err();
    assert_eq!(held.code, ErrorCode::Duplicate, "{}", held.message);

    let canceled = app.tax_cancel_order(order).await.unwrap();
    assert_eq!(canceled.phase, "canceled");
    assert!(app.ticket().items.is_empty());
    // Freed: a new order takes them at once.
    let (again, _) = order_of(&app, TAXPAYER, 1).await;
    // Abandoning the ticket cancels its order at the platform too.
    app.ticket_abandon();
    let mut freed = false;
    for _ in 0..50 {
        if app.tax_order(again).unwrap().phase == "canceled" {
            freed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(freed, "the abandoned ticket's order was canceled");
    app.tax_create_order(TAXPAYER, &ids[..1]).await.unwrap();
    app.shutdown().await;
}

#[tokio::test]
async fn duplicated_reordered_callbacks_and_a_failed_debt_settle_once_with_its_refund() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    set_faults(
        &app,
        json!({"rules": [{"gateway": "arkadu", "endpoint": "callback",
                          "duplicate": true, "reorder": true, "fail_items": 1}]}),
    )
    .await;
    let (_, _) = order_of(&app, "J-40157748-2", 3).await;
    let paid = app.ticket_pay_cash("").unwrap();
    let id = paid.id.unwrap();
    let t = final_ticket(&app, id).await;
    let statuses: Vec<_> = t
        .items
        .iter()
        .map(|i| i.tax.as_ref().unwrap().status.clone())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| *s == "error").count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| *s == "success").count(),
        2,
        "{statuses:?}"
    );
    let failed = t
        .items
        .iter()
        .find(|i| i.refund == RefundState::Due)
        .expect("a refund due");
    let m = t.money.as_ref().unwrap();
    assert_eq!(m.refund_due.amount, failed.amount.amount);
    let done = app.confirm_refund(id, failed.position).unwrap();
    assert!(done.settled, "{done:#?}");
    assert_balanced(&done);
    app.shutdown().await;
}

#[tokio::test]
async fn forged_and_malformed_callbacks_are_refused_and_unknown_orders_kept_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let registered = sandbox_get(&app, "/_sandbox/arkadu/callback").await["url"]
        .as_str()
        .expect("the embedded platform calls this counter")
        .to_string();
    assert!(registered.starts_with(app.webhook_url()), "{registered}");
    let bare = format!("{}/arkadu/callback", app.webhook_url());
    let body = json!({"order_id": "no-such-order", "reference": "r1", "item_id": 7,
                      "status": "Success", "created": "2026-12-07T10:00:00-04:00",
                      "order_status": "Complete"});
    let http = reqwest::Client::new();
    for url in [bare.clone(), format!("{bare}/wrong-secret-0123456789")] {
        let res = http.post(&url).json(&body).send().await.unwrap();
        assert_eq!(res.status(), 401, "{url}");
    }
    let garbage = http.post(&registered).body("<html>").send().await.unwrap();
    assert_eq!(garbage.status(), 400);
    let unknown = http.post(&registered).json(&body).send().await.unwrap();
    assert_eq!(unknown.status(), 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.shutdown().await;

    let store = ventanilla_store::Store::open(&config(dir.path()).journal_path()).unwrap();
    let review = store.inbox_for_review().unwrap();
    assert_eq!(
        review.len(),
        1,
        "only the callback with the secret was stored"
    );
    let counts = store.inbox_counts().unwrap();
    assert_eq!(counts.waiting, 0);
}

#[tokio::test]
async fn a_counter_stopped_after_the_report_settles_every_debt_exactly_once_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    // Callbacks held back long enough for the counter to stop before any arrives.
    set_faults(
        &app,
        json!({"rules": [{"gateway": "arkadu", "endpoint": "callback", "latency_ms": 3000}]}),
    )
    .await;
    order_of(&app, TAXPAYER, 2).await;
    let id = app.ticket_pay_cash("").unwrap().id.unwrap();
    let mut reported = false;
    for _ in 0..100 {
        if platform_orders(&app)
            .await
            .iter()
            .any(|o| o["report"].is_object())
        {
            reported = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(reported, "the report reached the platform");
    let t = app.paid_ticket(id).unwrap();
    assert!(
        t.items.iter().all(|i| !i.tax.as_ref().unwrap().is_final),
        "{t:#?}"
    );
    app.shutdown().await;

    let app = start(dir.path()).await;
    clear_faults(&app).await;
    let t = final_ticket(&app, id).await;
    assert!(
        t.items
            .iter()
            .all(|i| i.tax.as_ref().unwrap().status == "success"),
        "{t:#?}"
    );
    assert_balanced(&t);
    let orders = platform_orders(&app).await;
    let reports: Vec<_> = orders.iter().filter(|o| o["report"].is_object()).collect();
    assert_eq!(reports.len(), 1, "one report, never a second: {orders:#?}");
    app.shutdown().await;
}
