//! The outbox on a real SQLite file: queued with its sale, never lost, never deleted.

use chrono::{Duration, TimeZone, Utc};
use rust_decimal_macros::dec;
use ventanilla_core::{
    AmountRule, Bill, ClientTransactionId, Company, Currency, ExternalData, Money,
};
use ventanilla_store::{LookupSource, NewSale, OutboxStatus, Store, StoreError, Tender};

fn bill(external: &str) -> Bill {
    Bill {
        external_data: ExternalData(external.into()),
        company: Company {
            id: "C".into(),
            code: "57".into(),
            name: "DIRECT TV".into(),
            enabled: true,
            search_by_customer_data: true,
            search_by_barcode: true,
            bill_modes: vec![],
        },
        customer_identifier: "1".into(),
        barcode: None,
        description: String::new(),
        amount: AmountRule::Fixed {
            total: Money::new(dec!(10), Currency::Ars).unwrap(),
        },
    }
}

fn sell(s: &mut Store, b: &Bill, n: u128, minute: i64) -> Result<i64, StoreError> {
    let at = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap() + Duration::minutes(minute);
    let key = s.record_lookup(std::slice::from_ref(b), LookupSource::Barcode, at)?[0];
    let amount = Money::new(dec!(10), Currency::Ars).unwrap();
    Ok(s.insert_sale(&NewSale {
        client_transaction_id: &ClientTransactionId::from_u128(n),
        lookup_id: key,
        bill: b,
        amount,
        tender: Tender::Cash {
            received: amount,
            change: Money::zero(Currency::Ars),
        },
        counter: "Caja 1",
        cashier: "Ana",
        at,
        provisional: n.is_multiple_of(2),
    })?
    .id)
}

#[test]
fn a_sale_and_its_outbox_row_are_written_together() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite");
    let (a, b) = {
        let mut s = Store::open(&path).unwrap();
        (
            sell(&mut s, &bill("A"), 1, 0).unwrap(),
            sell(&mut s, &bill("B"), 2, 1).unwrap(),
        )
    };
    let s = Store::open(&path).unwrap();
    let pending = s.outbox_pending().unwrap();
    assert_eq!(pending.iter().map(|r| r.ref_id).collect::<Vec<_>>(), [a, b]);
    assert_eq!(pending[0].queued.key, "A");
    assert_eq!(
        pending[0].idempotency_key,
        ClientTransactionId::from_u128(1).as_str()
    );
    assert!(!s.sale(a).unwrap().provisional);
    assert!(s.sale(b).unwrap().provisional);
    let stats = s.outbox_stats().unwrap();
    assert_eq!((stats.pending, stats.attention), (2, 0));
    assert_eq!(stats.oldest_pending, Some(pending[0].queued.created_at));
}

#[test]
fn a_refused_sale_leaves_no_outbox_row() {
    let mut s = Store::open_in_memory().unwrap();
    sell(&mut s, &bill("A"), 1, 0).unwrap();
    assert!(matches!(
        sell(&mut s, &bill("A"), 3, 1),
        Err(StoreError::BillBusy(_))
    ));
    assert_eq!(s.outbox_pending().unwrap().len(), 1, "nothing half-written");
}

#[test]
fn rows_move_between_pending_attention_and_done_but_never_vanish() {
    let mut s = Store::open_in_memory().unwrap();
    let sale = sell(&mut s, &bill("A"), 1, 0).unwrap();
    let id = s.outbox_pending().unwrap()[0].id;
    let now = Utc::now();
    s.outbox_retry_at(id, now + Duration::seconds(30), 3, Some("timeout"), now)
        .unwrap();
    let row = s.outbox_row(id).unwrap();
    assert_eq!(
        (row.queued.attempts, row.last_error.as_deref()),
        (3, Some("timeout"))
    );
    s.outbox_attention_set(id, "ya pagada", 0, None, now)
        .unwrap();
    assert!(s.outbox_pending().unwrap().is_empty());
    assert_eq!(
        s.outbox_attention().unwrap()[0].attention_reason.as_deref(),
        Some("ya pagada")
    );
    s.outbox_requeue(id, now).unwrap();
    let row = s.outbox_row(id).unwrap();
    assert_eq!(
        (row.status, row.queued.attempts),
        (OutboxStatus::Pending, 0)
    );
    s.outbox_attention_set(id, "ya pagada", 0, None, now)
        .unwrap();
    s.outbox_resolve(id, "reintegro entregado", now).unwrap();
    let row = s
        .outbox_for(ventanilla_store::OutboxKind::BillSale, sale)
        .unwrap()
        .unwrap();
    assert_eq!(row.status, OutboxStatus::Done);
    assert_eq!(row.resolution.as_deref(), Some("reintegro entregado"));
    assert!(matches!(
        s.outbox_done(9999, now),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn settings_persist() {
    let mut s = Store::open_in_memory().unwrap();
    assert_eq!(s.setting("contingency.enabled").unwrap(), None);
    s.set_setting("contingency.enabled", "true", Utc::now())
        .unwrap();
    s.set_setting("contingency.enabled", "false", Utc::now())
        .unwrap();
    assert_eq!(
        s.setting("contingency.enabled").unwrap().as_deref(),
        Some("false")
    );
}

#[test]
fn due_heads_are_the_oldest_pending_operation_of_each_key() {
    let mut s = Store::open_in_memory().unwrap();
    let a1 = sell(&mut s, &bill("A"), 1, 0).unwrap();
    let b1 = sell(&mut s, &bill("B"), 3, 1).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 10, 5, 0).unwrap();
    let heads: Vec<i64> = s
        .outbox_due_heads(now, 10)
        .unwrap()
        .iter()
        .map(|r| r.ref_id)
        .collect();
    assert_eq!(heads, [a1, b1]);
    // B's head is not due yet: it is not offered (and nothing newer of B would be either).
    let b_row = s.outbox_pending().unwrap()[1].id;
    s.outbox_retry_at(b_row, now + Duration::minutes(10), 1, Some("x"), now)
        .unwrap();
    let heads: Vec<i64> = s
        .outbox_due_heads(now, 10)
        .unwrap()
        .iter()
        .map(|r| r.ref_id)
        .collect();
    assert_eq!(heads, [a1]);
    assert_eq!(
        s.outbox_next_due().unwrap(),
        Some(Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap())
    );
    assert_eq!(s.outbox_due_heads(now, 0).unwrap().len(), 0);
}
