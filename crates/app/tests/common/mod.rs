//! Test helpers: a counter with its embedded sandbox on loopback, its journal in a temp dir.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ventanilla_app::views::{BarcodeLookup, BillView, SaleView, TicketView};
use ventanilla_app::{AppConfig, NoEvents, Ventanilla};
use ventanilla_core::payment::PollPolicy;

/// Fast polling so fault scenarios finish in seconds; the protocol is the same.
pub fn config(dir: &Path) -> AppConfig {
    let mut cfg = AppConfig::sandbox(dir.to_path_buf());
    cfg.pay_timeout = Duration::from_secs(2);
    cfg.poll = PollPolicy {
        first: Duration::from_millis(150),
        max: Duration::from_millis(400),
        resend_after_not_found: 2,
    };
    cfg.delivery.backoff_base = Duration::from_millis(100);
    cfg.delivery.backoff_max = Duration::from_millis(800);
    cfg.probe_offline = Duration::from_millis(200);
    cfg.probe_online = Duration::from_millis(300);
    cfg
}

pub async fn start(dir: &Path) -> Ventanilla {
    Ventanilla::start(config(dir), Arc::new(NoEvents))
        .await
        .expect("the counter starts")
}

pub async fn set_faults(app: &Ventanilla, rules: serde_json::Value) {
    let url = format!("{}/_sandbox/faults", app.hub_url());
    let res = reqwest::Client::new()
        .put(url)
        .json(&rules)
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success(),
        "fault plan refused: {}",
        res.text().await.unwrap()
    );
}

pub async fn clear_faults(app: &Ventanilla) {
    let url = format!("{}/_sandbox/faults", app.hub_url());
    reqwest::Client::new().delete(url).send().await.unwrap();
}

/// Every sale the hub has recorded.
pub async fn ledger(app: &Ventanilla) -> Vec<serde_json::Value> {
    let url = format!("{}/_sandbox/ledger", app.hub_url());
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

pub async fn one_bill(app: &Ventanilla, barcode: &str) -> BillView {
    match app.find_by_barcode(barcode).await.expect("bill found") {
        BarcodeLookup::Bills { mut bills } => {
            assert_eq!(bills.len(), 1);
            bills.remove(0)
        }
        other => panic!("expected one bill, got {other:?}"),
    }
}

pub async fn settle(app: &Ventanilla, id: i64) -> SaleView {
    let sale = app.wait_final(id, Duration::from_secs(30)).await.unwrap();
    assert!(sale.is_final, "sale {id} did not finish: {sale:?}");
    sale
}

pub fn pdftotext(path: &str) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed on {path}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A counter whose clock only moves when the test says so.
pub async fn start_with_clock(
    dir: &Path,
    clock: ventanilla_core::ManualClock,
    tweak: impl FnOnce(&mut AppConfig),
) -> Ventanilla {
    let mut cfg = config(dir);
    tweak(&mut cfg);
    Ventanilla::start_with(
        cfg,
        Arc::new(NoEvents),
        Arc::new(clock),
        Arc::new(ventanilla_core::RandomIds),
    )
    .await
    .expect("the counter starts")
}

/// Waits (in real time) until the status bar shows `state` for the hub link.
pub async fn wait_link(app: &Ventanilla, state: &str) {
    for _ in 0..200 {
        if app.status().unwrap().links[0].state == state {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the link never became {state}: {:?}", app.status().unwrap());
}

pub async fn hub_down(app: &Ventanilla) {
    set_faults(app, serde_json::json!([{"endpoint": "all", "reset": true}])).await;
}

pub async fn enable_contingency(app: &Ventanilla) {
    app.set_contingency(true, "5000", "10000", 72).unwrap();
}

/// A hub in this process on its own port, with its state in a file, so a test can take it
/// down for real (connections refused) and bring it back on the same address.
pub async fn external_hub(
    state: &Path,
    addr: std::net::SocketAddr,
) -> ventanilla_sandbox::SandboxHandle {
    let cfg = ventanilla_sandbox::SandboxConfig {
        state_file: Some(state.to_path_buf()),
        ..Default::default()
    };
    ventanilla_sandbox::spawn(addr, cfg)
        .await
        .expect("hub starts")
}

/// A counter pointed at `hub` as a real gateway.
pub async fn start_against(
    dir: &Path,
    hub: &ventanilla_sandbox::SandboxHandle,
    clock: ventanilla_core::ManualClock,
    tweak: impl FnOnce(&mut AppConfig),
) -> Ventanilla {
    start_with_clock(dir, clock, |cfg| {
        cfg.hub = ventanilla_app::HubTarget::Real {
            base_url: hub.base_url(),
            user_id: "sandbox".into(),
            password: ventanilla_core::Secret::new("sandbox"),
            application_id: "test".into(),
            device_id: "caja-1".into(),
        };
        tweak(cfg);
    })
    .await
}

/// The ledger of a hub the test holds directly.
pub fn hub_ledger(hub: &ventanilla_sandbox::SandboxHandle) -> Vec<serde_json::Value> {
    hub.ledger()
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect()
}

/// Another counter, with a journal of its own, pays `barcode` at `app`'s hub: only the hub knows
/// the bill is paid, this counter's journal does not.
pub async fn pay_at_another_counter(app: &Ventanilla, barcode: &str, amount: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path());
    cfg.counter = "Caja 2".into();
    cfg.hub = ventanilla_app::HubTarget::Real {
        base_url: app.hub_url().to_string(),
        user_id: "sandbox".into(),
        password: ventanilla_core::Secret::new("sandbox"),
        application_id: "test".into(),
        device_id: "caja-2".into(),
    };
    let other = Ventanilla::start(cfg, Arc::new(NoEvents))
        .await
        .expect("the other counter starts");
    let bill = one_bill(&other, barcode).await;
    let sale = other.pay_cash(bill.key, amount, "").unwrap();
    assert_eq!(settle(&other, sale.id).await.state, "approved");
    other.shutdown().await;
}

/// The hub's ledger entry of a sale, by its `clientTransactionId`.
pub async fn ledger_entry(app: &Ventanilla, client_transaction_id: &str) -> serde_json::Value {
    ledger(app)
        .await
        .into_iter()
        .find(|e| e["clientTransactionId"] == client_transaction_id)
        .expect("the hub has the sale")
}

/// The names of a sale's journaled events, in order, read beside the running counter.
pub fn journal_events(dir: &Path, sale_id: i64) -> Vec<String> {
    ventanilla_store::Store::open_read_only(&dir.join("journal.sqlite"))
        .unwrap()
        .sale_events(sale_id)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect()
}

/// Creates an order of the first `n` debts the tax platform lists for `doc`, checks it is open
/// and holds them, and returns it with their ids.
pub async fn tax_order_of(
    app: &Ventanilla,
    doc: &str,
    n: usize,
) -> (ventanilla_app::views::TaxOrderView, Vec<String>) {
    let debts = app.tax_debts(doc).await.expect("debts listed");
    assert!(debts.debts.len() >= n, "{debts:#?}");
    let ids: Vec<String> = debts.debts.iter().take(n).map(|d| d.id.clone()).collect();
    let order = app
        .tax_create_order(doc, &ids)
        .await
        .expect("order created");
    assert_eq!(order.phase, "open", "{order:#?}");
    assert_eq!(order.items.len(), n, "{order:#?}");
    (order, ids)
}

pub fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

/// Builds a ticket of `barcodes` at their totals.
pub async fn build(app: &Ventanilla, barcodes: &[&str]) -> TicketView {
    let mut t = app.ticket();
    for b in barcodes {
        let bill = one_bill(app, b).await;
        t = app.ticket_add_bill(bill.key, "").unwrap();
    }
    t
}

/// Waits until the ticket being built satisfies `done` (a card's or wallet's verdict arrives
/// by itself).
pub async fn draft_until(
    app: &Ventanilla,
    what: &str,
    done: impl Fn(&TicketView) -> bool,
) -> TicketView {
    for _ in 0..200 {
        let t = app.ticket();
        if done(&t) {
            return t;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what}: {:#?}", app.ticket());
}
