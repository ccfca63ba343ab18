//! The journal on a real SQLite file.

mod common;

use chrono::Utc;
use rust_decimal_macros::dec;
use ventanilla_core::payment::{HubRef, SaleState};
use ventanilla_store::{Store, StoreError, Tender};

use common::*;

#[test]
fn a_journaled_sale_survives_reopening_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let b = bill("EXT-1");
    let id = {
        let mut s = Store::open(&path).unwrap();
        journal_sale(&mut s, &b, 42).unwrap()
    };
    let s = Store::open(&path).unwrap();
    let row = s.sale(id).unwrap();
    assert_eq!(row.state, SaleState::Journaled);
    assert_eq!(row.amount, ars(dec!(2748)));
    assert_eq!(row.amount.amount().to_string(), "2748.00");
    assert_eq!(
        row.tender,
        Tender::Cash {
            received: ars(dec!(3000)),
            change: ars(dec!(252))
        }
    );
    assert_eq!(row.company_name, "DIRECT TV");
    assert_eq!(s.unresolved_sales().unwrap().len(), 1);
    assert_eq!(
        s.lookup(row.lookup_id).unwrap(),
        b,
        "the looked-up bill is kept byte for byte"
    );
}

#[test]
fn a_bill_with_a_sale_in_flight_cannot_be_sold_again_until_it_is_final() {
    let mut s = Store::open_in_memory().unwrap();
    let b = bill("EXT-2");
    let first = journal_sale(&mut s, &b, 1).unwrap();
    match journal_sale(&mut s, &b, 2) {
        Err(StoreError::BillBusy(id)) => assert_eq!(id, first),
        other => panic!("expected BillBusy, got {other:?}"),
    }
    assert_eq!(s.all_sales().unwrap().len(), 1, "nothing half-written");
    let now = Utc::now();
    let querying = SaleState::Querying {
        queries: 1,
        not_found: 0,
        hub: None,
    };
    s.update_sale_state(first, &querying, "lost", Some(now), now)
        .unwrap();
    assert!(matches!(
        journal_sale(&mut s, &b, 3),
        Err(StoreError::BillBusy(_))
    ));
    let hub = HubRef {
        id: "2C497E4E3265307AC61A".into(),
        number: Some(7),
        confirmation_id: None,
    };
    s.update_sale_state(first, &SaleState::Approved { hub }, "found", None, now)
        .unwrap();
    // Once final, the journal no longer blocks it (the hub will refuse a paid bill itself).
    journal_sale(&mut s, &b, 4).unwrap();
    let row = s.sale(first).unwrap();
    assert_eq!(row.state.phase_name(), "approved");
    let events: Vec<String> = s
        .sale_events(first)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(events, ["journaled", "lost", "found"]);
}

#[test]
fn receipts_are_kept_once_and_reprints_counted() {
    let mut s = Store::open_in_memory().unwrap();
    let id = journal_sale(&mut s, &bill("EXT-3"), 9).unwrap();
    let now = Utc::now();
    let hub = HubRef {
        id: "H".into(),
        number: Some(1),
        confirmation_id: None,
    };
    s.update_sale_state(id, &SaleState::Approved { hub }, "answered", None, now)
        .unwrap();
    assert_eq!(s.sales_missing_receipt().unwrap(), vec![id]);
    s.save_receipt(id, "LINEA 1\r\nLINEA 2", now).unwrap();
    s.save_receipt(id, "otra", now).unwrap();
    assert_eq!(
        s.receipt_text(id).unwrap().as_deref(),
        Some("LINEA 1\r\nLINEA 2")
    );
    assert!(s.sales_missing_receipt().unwrap().is_empty());
    assert_eq!(s.record_reprint(id, "/tmp/a.pdf", now).unwrap(), 1);
    assert_eq!(s.record_reprint(id, "/tmp/b.pdf", now).unwrap(), 2);
}

#[test]
fn a_file_that_is_not_a_journal_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let garbage = b"this is not a database, it is a shopping list".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(
        matches!(err, StoreError::Corrupt(_) | StoreError::Open(_)),
        "{err:?}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        garbage,
        "the file is left as it was"
    );
}

#[test]
fn unknown_lookup_keys_are_not_found() {
    let s = Store::open_in_memory().unwrap();
    assert!(matches!(s.lookup(12345), Err(StoreError::NotFound)));
    assert!(matches!(s.sale(12345), Err(StoreError::NotFound)));
}
