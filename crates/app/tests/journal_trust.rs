//! The counter refuses a journal it cannot trust, in the cashier's words; one process owns a
//! journal; a second launch brings the first window forward.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use ventanilla_app::{AppEvents, ErrorCode, Ventanilla};
use ventanilla_sandbox::fixtures;

async fn refused(dir: &std::path::Path) -> ventanilla_app::UiError {
    match Ventanilla::start(config(dir), Arc::new(ventanilla_app::NoEvents)).await {
        Ok(_) => panic!("the counter started on a journal it should not trust"),
        Err(e) => e,
    }
}

/// A journal with one approved sale, the app gone.
async fn one_sale(dir: &std::path::Path) {
    let app = start(dir).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    assert_eq!(settle(&app, sale.id).await.state, "approved");
    app.shutdown().await;
}

#[tokio::test]
async fn a_deleted_journal_stops_the_counter_with_an_explanation() {
    let dir = tempfile::tempdir().unwrap();
    one_sale(dir.path()).await;
    for name in ["journal.sqlite", "journal.sqlite-wal", "journal.sqlite-shm"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    let e = refused(dir.path()).await;
    assert_eq!(e.code, ErrorCode::Internal);
    assert!(e.message.contains("Falta el diario"), "{}", e.message);
    assert!(e.message.contains("No borre"), "{}", e.message);
    assert!(
        !dir.path().join("journal.sqlite").exists(),
        "no empty journal took its place"
    );
}

#[tokio::test]
async fn an_emptied_journal_stops_the_counter() {
    let dir = tempfile::tempdir().unwrap();
    one_sale(dir.path()).await;
    std::fs::write(dir.path().join("journal.sqlite"), b"").unwrap();
    for name in ["journal.sqlite-wal", "journal.sqlite-shm"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    let e = refused(dir.path()).await;
    assert!(e.message.contains("está vacío"), "{}", e.message);
    assert_eq!(
        std::fs::metadata(dir.path().join("journal.sqlite"))
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn a_second_counter_on_the_same_journal_is_refused_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let first = start(dir.path()).await;
    let e = refused(dir.path()).await;
    assert!(e.message.contains("ya está abierto"), "{}", e.message);
    assert!(
        e.message
            .contains(&format!("proceso {}", std::process::id())),
        "{}",
        e.message
    );
    // The first one goes on working.
    let bill = one_bill(&first, fixtures::DTV_BARCODES[1]).await;
    let sale = first.pay_cash(bill.key, "", "").unwrap();
    assert_eq!(settle(&first, sale.id).await.state, "approved");
    // History reads beside it.
    let history = ventanilla_app::read_only_history(&config(dir.path()), 10).unwrap();
    assert_eq!(history.len(), 1);
    first.shutdown().await;
    start(dir.path()).await.shutdown().await;
}

#[tokio::test]
async fn a_broken_index_found_behind_the_window_refuses_money() {
    let dir = tempfile::tempdir().unwrap();
    one_sale(dir.path()).await;
    let raw = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    raw.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = 'CREATE INDEX sales_by_phase ON sales(cashier)'
             WHERE name = 'sales_by_phase';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
    drop(raw);
    // Small journals are checked before the counter opens...
    let e = refused(dir.path()).await;
    assert!(e.message.contains("dañado"), "{}", e.message);
    // ...large ones behind the window; either way no money is taken on it.
    let mut cfg = config(dir.path());
    cfg.inline_check_max_bytes = 0;
    let app = Ventanilla::start(cfg, Arc::new(ventanilla_app::NoEvents))
        .await
        .expect("the window opens while the check runs");
    let bill = one_bill(&app, fixtures::DTV_BARCODES[1]).await;
    let mut last = None;
    for _ in 0..50 {
        let e = app.pay_cash(bill.key, "", "").unwrap_err();
        let done = e.message.contains("dañado");
        last = Some(e);
        if done {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let e = last.unwrap();
    assert!(e.message.contains("dañado"), "{}", e.message);
    let warning = app.status().unwrap().warning.unwrap_or_default();
    assert!(
        warning.contains("dañado"),
        "the status bar says so too: {warning}"
    );
    assert_eq!(
        ledger(&app).await.len(),
        1,
        "only the sale from before reached the hub"
    );
    app.shutdown().await;
}

#[derive(Default)]
struct CountFocus(AtomicUsize);

impl AppEvents for CountFocus {
    fn emit(&self, _: ventanilla_app::ipc::Event) {}
    fn focus_requested(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_second_launch_brings_the_first_window_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    assert!(
        !ventanilla_app::ask_running_window_to_focus(&path),
        "no window yet"
    );
    let events = Arc::new(CountFocus::default());
    let app = Ventanilla::start(config(dir.path()), events.clone())
        .await
        .unwrap();
    app.listen_for_focus_requests().unwrap();
    let asked =
        tokio::task::spawn_blocking(move || ventanilla_app::ask_running_window_to_focus(&path))
            .await
            .unwrap();
    assert!(asked, "the window answered");
    assert_eq!(events.0.load(Ordering::SeqCst), 1);
    app.shutdown().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let path = dir.path().to_path_buf();
    let asked =
        tokio::task::spawn_blocking(move || ventanilla_app::ask_running_window_to_focus(&path))
            .await
            .unwrap();
    assert!(!asked, "a closed window is not asked");
}
