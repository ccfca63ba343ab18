//! Offline-first: the link drops, the queue holds, contingency sales are taken within their
//! caps, and everything reaches the hub exactly once when the link returns.

mod common;

use chrono::Duration as Cd;
use common::*;
use std::time::Duration;
use ventanilla_app::ErrorCode;
use ventanilla_core::ManualClock;
use ventanilla_sandbox::fixtures;

fn journal(dir: &std::path::Path) -> ventanilla_store::Store {
    ventanilla_store::Store::open_read_only(&dir.join("journal.sqlite")).unwrap()
}

fn events(dir: &std::path::Path, sale: i64) -> Vec<String> {
    journal(dir)
        .sale_events(sale)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect()
}

#[tokio::test]
async fn an_outage_during_a_sale_shows_in_the_status_bar_and_the_sale_lands_once_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_EXAMPLE_BARCODE).await;
    assert_eq!(app.status().unwrap().links[0].state, "online");
    hub_down(&app).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    wait_link(&app, "offline").await;
    let status = app.status().unwrap();
    assert_eq!(status.links[0].label, "sin conexión");
    assert_eq!(status.queue_depth, 1);
    assert!(status.oldest_queued_secs.is_some());
    assert!(!app.sale(sale.id).unwrap().is_final);

    clear_faults(&app).await;
    assert_eq!(settle(&app, sale.id).await.state, "approved");
    wait_link(&app, "online").await;
    let status = app.status().unwrap();
    assert_eq!(status.queue_depth, 0);
    assert!(status.last_sync_at.is_some());
    assert_eq!(ledger(&app).await.len(), 1);
}

#[tokio::test]
async fn an_hour_long_outage_backs_off_and_then_delivers_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(chrono::Utc::now());
    let app = start_with_clock(dir.path(), clock.clone(), |cfg| {
        cfg.delivery.backoff_base = Duration::from_secs(2);
        cfg.delivery.backoff_max = Duration::from_secs(600);
        cfg.delivery.max_attempts = 100;
    })
    .await;
    let bill = one_bill(&app, fixtures::EDENOR_BARCODES[1]).await;
    hub_down(&app).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    // An hour in one-minute steps, each given real time for the sender to act.
    for _ in 0..60 {
        clock.advance(Cd::minutes(1));
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    let row = journal(dir.path())
        .outbox_pending()
        .unwrap()
        .pop()
        .expect("still queued");
    assert!(
        (3..=15).contains(&row.queued.attempts),
        "backoff: a handful of attempts in an hour, not one a second ({})",
        row.queued.attempts
    );
    let status = app.status().unwrap();
    assert!(status.oldest_queued_secs.unwrap() >= 3600, "{status:?}");
    assert_eq!(status.links[0].state, "offline");
    assert!(ledger(&app).await.is_empty());

    clear_faults(&app).await;
    for _ in 0..100 {
        if app.sale(sale.id).unwrap().is_final {
            break;
        }
        clock.advance(Cd::minutes(1));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(settle(&app, sale.id).await.state, "approved");
    assert_eq!(ledger(&app).await.len(), 1);
}

#[tokio::test]
async fn the_queue_recovers_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("hub.json");
    let hub = external_hub(&state, "127.0.0.1:0".parse().unwrap()).await;
    let addr = hub.addr();
    let clock = ManualClock::new(chrono::Utc::now());
    let app = start_against(&dir.path().join("counter"), &hub, clock.clone(), |cfg| {
        cfg.delivery.concurrency = 1
    })
    .await;
    let mut bills = Vec::new();
    for code in fixtures::DTV_BARCODES {
        bills.push(one_bill(&app, code).await);
    }
    // The link drops for real: connections are refused, so nothing taken now can reach it.
    hub.shutdown().await;
    let mut ids = Vec::new();
    for b in &bills {
        ids.push(app.pay_cash(b.key, "", "").unwrap().id);
        clock.advance(Cd::seconds(1));
    }
    wait_link(&app, "offline").await;
    for id in &ids {
        assert_eq!(
            app.sale(*id).unwrap().state,
            "journaled",
            "never sent, so never in doubt"
        );
    }
    let hub = external_hub(&state, addr).await;
    for _ in 0..200 {
        if ids.iter().all(|id| app.sale(*id).unwrap().is_final) {
            break;
        }
        clock.advance(Cd::seconds(5));
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let sales: Vec<_> = ids.iter().map(|id| app.sale(*id).unwrap()).collect();
    assert!(sales.iter().all(|s| s.state == "approved"), "{sales:?}");
    let order: Vec<String> = hub_ledger(&hub)
        .iter()
        .map(|e| {
            e["clientTransactionId"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let want: Vec<String> = sales
        .iter()
        .map(|s| s.client_transaction_id.clone())
        .collect();
    assert_eq!(order, want, "delivered in the order they were taken");
}

#[tokio::test]
async fn a_sale_older_than_the_key_lifetime_is_looked_up_before_it_is_resent() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(chrono::Utc::now());
    let app = start_with_clock(dir.path(), clock.clone(), |_| {}).await;
    enable_contingency(&app).await;
    let bill = one_bill(&app, fixtures::GAM_BARCODE_2).await;
    hub_down(&app).await;
    wait_link(&app, "offline").await;
    let offline = app.pay_cash_offline(bill.key, "", "").unwrap();
    // A day and a half offline.
    clock.advance(Cd::hours(36));
    tokio::time::sleep(Duration::from_millis(300)).await;
    clear_faults(&app).await;
    for _ in 0..100 {
        if app.sale(offline.sale.id).unwrap().is_final {
            break;
        }
        clock.advance(Cd::seconds(10));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(settle(&app, offline.sale.id).await.state, "approved");
    let ev = events(dir.path(), offline.sale.id);
    let first_call = ev
        .iter()
        .position(|e| e != "journaled" && e != "lost" && e != "query_failed");
    let sent = ev.iter().position(|e| e == "submit");
    assert_eq!(
        ev.get(first_call.unwrap()).map(String::as_str),
        Some("resume"),
        "{ev:?}"
    );
    assert!(
        sent.is_none(),
        "never sent blindly: the lookup found nothing, then it was sent: {ev:?}"
    );
    assert!(ev.contains(&"not_found".to_string()), "{ev:?}");
    assert_eq!(ledger(&app).await.len(), 1);
}

#[tokio::test]
async fn contingency_sales_within_caps_get_a_provisional_receipt_then_the_final_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let small = one_bill(&app, fixtures::GAM_BARCODE).await; // open amount
    let big = one_bill(&app, fixtures::DTV_EXAMPLE_BARCODE).await; // 2748.00
    hub_down(&app).await;
    wait_link(&app, "offline").await;

    let err = app.pay_cash_offline(small.key, "100", "").unwrap_err();
    assert!(
        err.message.contains("desactivados"),
        "off until a supervisor enables it: {}",
        err.message
    );
    app.set_contingency(true, "3000", "3000", 72).unwrap();
    assert!(app.status().unwrap().contingency.available);

    let err = app.pay_cash_offline(small.key, "3000,01", "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(
        err.message.contains("hasta $ 3.000,00 por factura"),
        "{}",
        err.message
    );

    let first = app.pay_cash_offline(small.key, "500", "1000").unwrap();
    assert!(first.sale.provisional);
    assert_eq!(first.sale.change.display, "$ 500,00");
    let text = pdftotext(&first.receipt.file);
    assert!(text.contains("PROVISORIO"), "{text}");
    assert!(text.contains("500,00"), "{text}");

    let err = app.pay_cash_offline(big.key, "", "").unwrap_err();
    assert!(
        err.message.contains("tope de dinero cobrado sin conexión"),
        "{}",
        err.message
    );
    let status = app.status().unwrap();
    assert_eq!(status.contingency.held_offline.display, "$ 500,00");
    assert_eq!(status.provisional_pending, 1);

    clear_faults(&app).await;
    let sale = settle(&app, first.sale.id).await;
    assert_eq!(sale.state, "approved");
    assert!(sale.provisional, "still marked as taken offline");
    assert!(sale.receipt_ready, "the hub's receipt arrived");
    let final_receipt = app.receipt_pdf(sale.id, false).unwrap();
    assert!(!pdftotext(&final_receipt.file).contains("PROVISORIO"));
    assert!(app.needs_attention().unwrap().is_empty());
    wait_link(&app, "online").await;
    let err = app.pay_cash_offline(big.key, "", "").unwrap_err();
    assert!(err.message.contains("cobre normalmente"), "{}", err.message);
}

#[tokio::test]
async fn a_rejected_contingency_sale_waits_for_a_supervisor_with_the_customer_s_data() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    enable_contingency(&app).await;
    // Paid at another counter: the hub will say so when this counter's offline sale reaches it.
    pay_at_another_counter(&app, fixtures::DTV_BARCODES[2], "").await;
    // The same bill again, now offline: the hub will say it was already paid.
    let again = one_bill(&app, fixtures::DTV_BARCODES[2]).await;
    hub_down(&app).await;
    wait_link(&app, "offline").await;
    let offline = app.pay_cash_offline(again.key, "", "").unwrap();
    clear_faults(&app).await;
    assert_eq!(settle(&app, offline.sale.id).await.state, "rejected");
    let mut attention = Vec::new();
    for _ in 0..100 {
        attention = app.needs_attention().unwrap();
        if !attention.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(attention.len(), 1);
    let item = &attention[0];
    assert!(item.reason.contains("devuelva"), "{}", item.reason);
    assert!(item.reason.contains(&item.customer_id), "{}", item.reason);
    assert!(
        item.hub_reason
            .as_deref()
            .unwrap_or("")
            .contains("409_BILL_ALREADY_PAID"),
        "{}",
        item.reason
    );
    assert_eq!(app.status().unwrap().attention, 1);

    assert!(app.resolve_attention(item.outbox_id, "  ").is_err());
    app.resolve_attention(item.outbox_id, "reintegro entregado al cliente")
        .unwrap();
    assert!(app.needs_attention().unwrap().is_empty());
    assert_eq!(app.status().unwrap().attention, 0);
    assert_eq!(ledger(&app).await.len(), 2);
}

#[tokio::test]
async fn after_too_many_failures_a_sale_waits_for_a_supervisor_who_can_retry_it() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(chrono::Utc::now());
    let app = start_with_clock(dir.path(), clock.clone(), |cfg| {
        cfg.delivery.max_attempts = 3
    })
    .await;
    let bill = one_bill(&app, fixtures::EDENOR_BARCODES[0]).await;
    hub_down(&app).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let mut attention = Vec::new();
    for _ in 0..200 {
        attention = app.needs_attention().unwrap();
        if !attention.is_empty() {
            break;
        }
        clock.advance(Cd::seconds(5));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        attention.len(),
        1,
        "never dropped: moved to the supervisor's list"
    );
    assert!(
        attention[0].reason.contains("3 intentos"),
        "{}",
        attention[0].reason
    );
    assert_eq!(attention[0].sale.as_ref().unwrap().id, sale.id);
    assert_eq!(attention[0].attempts, 3);
    let last_error = attention[0].last_error.as_deref().unwrap_or_default();
    assert!(
        last_error.contains("gateway"),
        "the supervisor sees why: {last_error:?}"
    );
    assert_eq!(app.status().unwrap().queue_depth, 0);

    clear_faults(&app).await;
    app.retry_attention(attention[0].outbox_id).unwrap();
    for _ in 0..200 {
        if app.sale(sale.id).unwrap().is_final {
            break;
        }
        clock.advance(Cd::seconds(5));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(settle(&app, sale.id).await.state, "approved");
    assert!(app.needs_attention().unwrap().is_empty());
    assert_eq!(ledger(&app).await.len(), 1);
}

#[tokio::test]
async fn a_clock_set_back_stops_the_counter_from_taking_money() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(chrono::Utc::now());
    let app = start_with_clock(dir.path(), clock.clone(), |_| {}).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    settle(&app, sale.id).await;
    clock.advance(Cd::hours(-3));
    let next = one_bill(&app, fixtures::DTV_BARCODES[1]).await;
    let err = app.pay_cash(next.key, "", "").unwrap_err();
    assert!(err.message.contains("reloj"), "{}", err.message);
    assert!(app.status().unwrap().warning.unwrap().contains("reloj"));
    assert_eq!(app.history(10).unwrap().len(), 1, "nothing recorded");
    clock.advance(Cd::hours(3));
    assert!(
        app.pay_cash(next.key, "", "").is_ok(),
        "fixed clock, counter works again"
    );
}

#[tokio::test]
async fn a_full_disk_refuses_the_sale_and_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let cfg_pages = {
        // Measure the empty journal, then allow only a little more.
        let app = start(dir.path()).await;
        app.shutdown().await;
        let len = std::fs::metadata(dir.path().join("journal.sqlite"))
            .unwrap()
            .len();
        u32::try_from(len / 4096).unwrap() + 3
    };
    let mut cfg = config(dir.path());
    cfg.journal_max_pages = Some(cfg_pages);
    let app = ventanilla_app::Ventanilla::start(cfg, std::sync::Arc::new(ventanilla_app::NoEvents))
        .await
        .unwrap();
    let mut refused = None;
    for b in fixtures::generated_bills()
        .filter(|b| !b.barcode.is_empty() && !b.open)
        .take(200)
    {
        let bill = match app.find_by_barcode(b.barcode).await {
            Ok(ventanilla_app::views::BarcodeLookup::Bills { bills }) => bills[0].clone(),
            Ok(_) => continue,
            Err(e) => {
                refused = Some(e);
                break;
            }
        };
        if let Err(e) = app.pay_cash(bill.key, "", "") {
            refused = Some(e);
            break;
        }
    }
    let err = refused.expect("the journal filled up");
    assert!(err.message.contains("lleno"), "{}", err.message);
    let store = journal(dir.path());
    let sales = store.all_sales().unwrap();
    for s in &sales {
        let row = store
            .outbox_for(ventanilla_store::OutboxKind::BillSale, s.id)
            .unwrap();
        assert!(row.is_some(), "every journaled sale is queued: {}", s.id);
    }
    store.integrity_check().unwrap();
}

#[tokio::test]
async fn a_truncated_journal_is_detected_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    {
        let app = start(dir.path()).await;
        for code in fixtures::DTV_BARCODES {
            let bill = one_bill(&app, code).await;
            let sale = app.pay_cash(bill.key, "", "").unwrap();
            settle(&app, sale.id).await;
        }
        app.shutdown().await;
    }
    // Let the sender tasks wind down and the WAL be checkpointed into the main file.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let path = dir.path().join("journal.sqlite");
    {
        let s = ventanilla_store::Store::open(&path).unwrap();
        drop(s);
    }
    let _ = std::fs::remove_file(dir.path().join("journal.sqlite-wal"));
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = match ventanilla_app::Ventanilla::start(
        config(dir.path()),
        std::sync::Arc::new(ventanilla_app::NoEvents),
    )
    .await
    {
        Ok(_) => panic!("a truncated journal must not be used"),
        Err(e) => e,
    };
    assert!(err.message.contains("dañado"), "{}", err.message);
    assert!(!err.message.contains("panic"));
}
