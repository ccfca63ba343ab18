//! A journal that fills up while sales are in flight: the sender waits instead of spinning,
//! the status bar says why, and everything goes out once there is space again.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use ventanilla_app::{NoEvents, Ventanilla};
use ventanilla_sandbox::fixtures;

/// Each hub call the sender can make spends one of these (a 1 ms delay, nothing else), so the
/// sandbox's fault plan counts the calls.
const COUNTED: u64 = 1_000_000;

/// Calls to the endpoints a sale's attempts use (pay, look a sale up, ask by client id).
async fn hub_calls(app: &Ventanilla) -> u64 {
    let url = format!("{}/_sandbox/faults", app.hub_url());
    let plan: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    plan["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| COUNTED - r["count"].as_u64().unwrap_or(COUNTED))
        .sum()
}

async fn wait_for(what: &str, app: &Ventanilla, done: impl Fn(&Ventanilla) -> bool) {
    for _ in 0..400 {
        if done(app) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what} never happened: {:?}", app.status().unwrap());
}

#[tokio::test]
async fn a_full_journal_pauses_the_sender_shows_it_and_resumes_when_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path());
    // No link probes: every hub call counted below is the sender's.
    cfg.probe_online = Duration::from_secs(3600);
    cfg.probe_offline = Duration::from_secs(3600);
    let app = Ventanilla::start(cfg, Arc::new(NoEvents)).await.unwrap();
    // The hub keeps every sale pending long enough for the journal to fill up meanwhile.
    set_faults(
        &app,
        serde_json::json!([
            {"endpoint": "pay", "pending_secs": 10, "latency_ms": 1, "count": COUNTED},
            {"endpoint": "sale", "latency_ms": 1, "count": COUNTED},
            {"endpoint": "sales_query", "latency_ms": 1, "count": COUNTED},
        ]),
    )
    .await;

    let bill = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    let first = app.pay_cash(bill.key, "", "").unwrap();
    let mut taken = vec![first.id];
    wait_for("the hub's pending answer", &app, |app| {
        app.sale(first.id).unwrap().state == "querying"
    })
    .await;

    // The journal may not grow any more (a full disk): sales are taken until it refuses one.
    app.limit_journal_pages(1).unwrap();
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
        match app.pay_cash(bill.key, "", "") {
            Ok(sale) => taken.push(sale.id),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let err = refused.expect("the journal filled up");
    assert!(err.message.contains("lleno"), "{}", err.message);

    // The sales in flight cannot record the hub's next answer: the status bar says so.
    wait_for("the journal-full warning", &app, |app| {
        app.status().unwrap().journal_refusing
    })
    .await;
    let status = app.status().unwrap();
    let warning = status.warning.expect("a warning on the status bar");
    assert!(
        warning.contains("No hay espacio para guardar en el diario"),
        "{warning}"
    );

    // Meanwhile the sender waits rather than calling the hub over and over.
    let before = hub_calls(&app).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let during = hub_calls(&app).await - before;
    assert!(
        during < 10,
        "{during} hub calls in 3 s while nothing could be recorded"
    );
    assert!(app.status().unwrap().journal_refusing, "still full");
    for id in &taken {
        assert!(!app.sale(*id).unwrap().is_final, "sale {id} waits");
    }

    // Space comes back: the warning clears and every sale reaches its final state, once.
    app.limit_journal_pages(1_000_000).unwrap();
    for id in &taken {
        let sale = settle(&app, *id).await;
        assert_eq!(sale.state, "approved", "{sale:?}");
        assert!(sale.receipt_ready, "{sale:?}");
    }
    wait_for("the queue to drain", &app, |app| {
        app.status().unwrap().queue_depth == 0
    })
    .await;
    let status = app.status().unwrap();
    assert!(!status.journal_refusing);
    assert_eq!(status.warning, None);
    let ledger = ledger(&app).await;
    assert_eq!(ledger.len(), taken.len(), "one hub sale per sale taken");
    app.shutdown().await;
}
