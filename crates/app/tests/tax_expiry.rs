//! Tax orders that expire, against the embedded tax platform over real HTTP with an order
//! lifetime of a few seconds: the counter reads an expired order as such, refuses to take money
//! for it without writing anything, lets the cashier take it off the ticket, and the platform
//! frees its debts for a new order. A report the platform refuses because the order expired on
//! its way ends once, as money to hand back and a supervisor's attention, never retried.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_app::views::{RefundState, TaxOrderView};
use ventanilla_app::{AppConfig, ErrorCode, Locale, NoEvents, Ventanilla};

const TAXPAYER: &str = "V-12345678";
const TTL_VAR: &str = "VENTANILLA_SANDBOX_TAX_ORDER_TTL_SECS";
/// The platform cuts `expire_at` to the whole second, so an order lives between two and three
/// seconds: long enough for a loaded machine to pay in time, short enough to wait for.
const TTL_SECS: u64 = 3;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A counter whose embedded platform keeps orders open for `TTL_SECS`, set as the variable an
/// operator would set.
async fn start_short_lived(dir: &Path, locale: Locale) -> Ventanilla {
    let mut cfg = config(dir);
    let from_env = AppConfig::from_vars(dir.to_path_buf(), |k| {
        (k == TTL_VAR).then(|| TTL_SECS.to_string())
    })
    .expect("a lifetime in seconds is a valid setting");
    cfg.sandbox_tax_order_ttl = from_env.sandbox_tax_order_ttl;
    assert_eq!(
        cfg.sandbox_tax_order_ttl,
        Some(Duration::from_secs(TTL_SECS))
    );
    cfg.locale = locale;
    Ventanilla::start(cfg, Arc::new(NoEvents))
        .await
        .expect("the counter starts")
}

/// The orders the platform holds.
async fn platform_orders(app: &Ventanilla) -> Vec<Value> {
    let url = format!("{}/_sandbox/arkadu/orders", app.hub_url());
    match reqwest::get(url).await.unwrap().json().await.unwrap() {
        Value::Array(orders) => orders,
        Value::Object(o) => o["orders"].as_array().cloned().unwrap_or_default(),
        other => panic!("orders: {other}"),
    }
}

/// Creates an order of the first `n` debts of `doc` and checks it is open and, with seconds to
/// live, already within the last 15 minutes' warning.
async fn short_order(app: &Ventanilla, doc: &str, n: usize) -> (TaxOrderView, Vec<String>) {
    let (order, ids) = tax_order_of(app, doc, n).await;
    assert!(order.expiring, "seconds left is within the last 15 minutes");
    assert!(
        (0..=TTL_SECS as i64).contains(&order.seconds_left),
        "{order:#?}"
    );
    (order, ids)
}

/// Sleeps (in real time) until a little past the order's `expire_at`.
async fn wait_past_expiry(order: &TaxOrderView) {
    let expire_at: DateTime<Utc> = DateTime::parse_from_rfc3339(&order.expire_at)
        .expect("expire_at is RFC 3339")
        .with_timezone(&Utc);
    let left = (expire_at - Utc::now()).to_std().unwrap_or_default();
    assert!(left <= Duration::from_secs(TTL_SECS), "{order:#?}");
    tokio::time::sleep(left + Duration::from_millis(300)).await;
}

fn assert_expired(app: &Ventanilla, id: i64) {
    let v = app.tax_order(id).unwrap();
    assert_eq!(v.phase, "expired", "{v:#?}");
    assert_eq!(v.phase_label, "Vencida");
    assert!(!v.expiring, "an expired order no longer warns: {v:#?}");
    assert_eq!(v.seconds_left, 0);
}

/// Nothing about a ticket reached the journal: no ticket, no sale, no operation queued.
fn assert_nothing_journaled(dir: &Path) {
    let store =
        ventanilla_store::Store::open_read_only(&config(dir).journal_path()).expect("journal");
    assert!(store.recent_tickets(10).unwrap().is_empty(), "no ticket");
    assert!(store.all_sales().unwrap().is_empty(), "no sale");
    let outbox = store.outbox_stats().unwrap();
    assert_eq!((outbox.pending, outbox.attention), (0, 0), "{outbox:?}");
    assert!(store.outbox_pending().unwrap().is_empty());
}

#[tokio::test]
async fn an_expired_order_is_shown_expired_cannot_be_paid_and_leaves_the_ticket_for_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = start_short_lived(dir.path(), Locale::Es).await;

    let (order, ids) = short_order(&app, TAXPAYER, 2).await;
    assert_eq!(app.ticket().items.len(), 2);
    // While it lives, its debts are its own.
    let held = app.tax_create_order(TAXPAYER, &ids[..1]).await.unwrap_err();
    assert_eq!(held.code, ErrorCode::Duplicate, "{}", held.message);

    wait_past_expiry(&order).await;
    assert_expired(&app, order.id);

    // No money is taken for it, and the cashier is told why and what to do.
    let refused = app.ticket_pay_cash("").unwrap_err();
    assert_eq!(refused.code, ErrorCode::Expired, "{}", refused.message);
    assert!(refused.message.contains("venció"), "{}", refused.message);
    assert!(
        refused.message.contains("no se cobró nada"),
        "{}",
        refused.message
    );
    assert!(
        refused.message.contains("cree una nueva"),
        "{}",
        refused.message
    );
    assert_eq!(app.ticket().items.len(), 2, "the ticket is as it was");
    assert_nothing_journaled(dir.path());
    assert!(
        platform_orders(&app)
            .await
            .iter()
            .all(|o| o["report"].is_null()),
        "no report reached the platform"
    );

    // Its debts cannot change any more, and say so in the expiry's words.
    let change = app
        .tax_change_order(order.id, false, &ids[1..])
        .await
        .unwrap_err();
    assert_eq!(change.code, ErrorCode::Expired, "{}", change.message);
    assert!(change.message.contains("venció"), "{}", change.message);

    // Abandoning the ticket goes on to the next customer, whose new order takes the same debts.
    let empty = app.ticket_abandon();
    assert!(empty.items.is_empty());
    assert_expired(&app, order.id);
    let (again, _) = short_order(&app, TAXPAYER, 2).await;
    assert_ne!(again.order_id, order.order_id);
    let debts: Vec<_> = again.items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(debts, ids, "the platform freed the expired order's debts");

    // That one expires too: canceling takes it off the ticket, nothing else is needed.
    wait_past_expiry(&again).await;
    assert!(
        app.ticket_remove(1).is_err(),
        "a tax debt leaves with its order"
    );
    let canceled = app.tax_cancel_order(again.id).await.unwrap();
    assert_eq!(canceled.phase, "expired", "{canceled:#?}");
    assert!(app.ticket().items.is_empty(), "{:#?}", app.ticket());
    let (third, _) = short_order(&app, TAXPAYER, 2).await;
    assert_eq!(app.ticket().items.len(), 2);
    assert_eq!(
        dec(&app.ticket().total.unwrap().amount),
        dec(&third.total.amount)
    );
    assert_nothing_journaled(dir.path());
    app.shutdown().await;
}

#[tokio::test]
async fn a_report_that_reaches_the_platform_after_expiry_is_refused_once_and_handed_back() {
    let dir = tempfile::tempdir().unwrap();
    let app = start_short_lived(dir.path(), Locale::En).await;
    // The report is queued while the order lives, and held up on its way past its expiry.
    set_faults(
        &app,
        json!({"rules": [{"gateway": "arkadu", "endpoint": "report",
                          "latency_ms": TTL_SECS * 1000 + 1500, "count": 1}]}),
    )
    .await;
    let (order, ids) = short_order(&app, TAXPAYER, 2).await;
    let paid = app.ticket_pay_cash("").expect("paid while the order lives");
    let id = paid.id.unwrap();

    let t = app
        .wait_ticket_final(id, Duration::from_secs(20))
        .await
        .unwrap();
    assert!(
        t.items.iter().all(|i| i.refund == RefundState::Due),
        "every debt's money goes back: {t:#?}"
    );
    let m = t.money.as_ref().expect("a paid ticket");
    assert_eq!(
        dec(&m.refund_due.amount),
        dec(&order.total.amount),
        "{m:#?}"
    );
    let v = app.tax_order(order.id).unwrap();
    assert_eq!(v.phase, "report_refused", "{v:#?}");
    assert!(!v.expiring);

    // The supervisor is told, in plain words, with the platform's own.
    let mut attention = Vec::new();
    for _ in 0..100 {
        attention = app.needs_attention().unwrap();
        if !attention.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(attention.len(), 1, "{attention:#?}");
    let a = &attention[0];
    assert!(a.title.contains(&order.order_id), "{a:#?}");
    assert!(
        a.reason.contains("expired before its payment reached"),
        "{}",
        a.reason
    );
    assert!(
        a.reason.contains("give the order's money back"),
        "{}",
        a.reason
    );
    assert!(
        a.hub_reason.as_deref().unwrap_or("").contains("venció"),
        "{a:#?}"
    );
    assert_eq!(a.attempts, 0, "a refusal is final, not a failure to retry");

    // Not retried: a while later it still waits for a person, and the platform has no report.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let still = app.needs_attention().unwrap();
    assert_eq!(still.len(), 1);
    assert_eq!(still[0].attempts, a.attempts);
    {
        let store = ventanilla_store::Store::open_read_only(&config(dir.path()).journal_path())
            .expect("journal");
        let outbox = store.outbox_stats().unwrap();
        assert_eq!((outbox.pending, outbox.attention), (0, 1), "{outbox:?}");
    }
    let at_platform: Vec<_> = platform_orders(&app)
        .await
        .into_iter()
        .filter(|o| !o["report"].is_null())
        .collect();
    assert!(at_platform.is_empty(), "{at_platform:#?}");

    // The cashier hands the money back and the supervisor resolves it; the debts are still owed
    // and a new order takes them.
    let mut done = t.clone();
    for position in t.items.iter().map(|i| i.position) {
        done = app.confirm_refund(id, position).unwrap();
    }
    assert!(done.settled, "{done:#?}");
    app.resolve_attention(a.outbox_id, "handed back").unwrap();
    assert!(app.needs_attention().unwrap().is_empty());
    let owed = app.tax_debts(TAXPAYER).await.unwrap();
    assert!(
        ids.iter().all(|id| owed.debts.iter().any(|d| &d.id == id)),
        "{owed:#?}"
    );
    app.tax_create_order(TAXPAYER, &ids).await.unwrap();
    app.shutdown().await;
}
