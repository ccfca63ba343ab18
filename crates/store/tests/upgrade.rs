//! Journals written by the Ventanilla of before table modules (see `old_journal`) open under
//! this one as they are: counted per module once, no migration run twice, no row rewritten, and
//! the chain and its head file still whole.

mod common;
mod old_journal;

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::Value;
use rusqlite::Connection;
use rust_decimal_macros::dec;
use ventanilla_core::payment::{HubRef, SaleState};
use ventanilla_core::ClientTransactionId;
use ventanilla_store::head::{head_path, HeadFile};
use ventanilla_store::{ChainHead, OutboxKind, OutboxStatus, Store, Tender};

use common::{ars, bill, journal_sale};
use old_journal::Age;

fn approved() -> SaleState {
    SaleState::Approved {
        hub: HubRef {
            id: "HUB1".into(),
            number: Some(1),
            confirmation_id: None,
        },
    }
}

/// A journal at `path` as the old build left it after `scripts` scripts, with one sale journaled
/// and approved (none in a journal of no scripts), and the head file it kept beside it.
fn write_old_journal(path: &Path, scripts: usize) -> Option<i64> {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    old_journal::migrate(&mut conn, scripts);
    if scripts == 0 {
        return None;
    }
    let age = Age { scripts };
    let b = bill("EXT-OLD");
    let state = |s: &SaleState| serde_json::to_string(s).unwrap();
    let (id, journaled) = old_journal::journal_sale(
        &mut conn,
        age,
        "EXT-OLD",
        &serde_json::to_string(&b).unwrap(),
        ClientTransactionId::from_u128(7).as_str(),
        &state(&SaleState::Journaled),
    );
    let answered = old_journal::approve(&mut conn, age, id, &state(&approved()));
    if let Some((seq, hash)) = answered.or(journaled) {
        let head = HeadFile::open(&head_path(path)).unwrap();
        head.write(&ChainHead { seq, hash }).unwrap();
    }
    Some(id)
}

/// Every table's rows, value for value (the runner's own table left out).
/// Tables of modules added after table modules replaced the single list of scripts: an old
/// journal gets them empty (their indexes carry their names).
const NEWER_TABLES: [&str; 10] = [
    "tickets",
    "ticket_items",
    "payment_history",
    "payment_transactions",
    "inbox",
    "tax_orders",
    "tax_order_items",
    "card_attempts",
    "card_strays",
    "wallet_charges",
];

fn rows(conn: &Connection) -> BTreeMap<String, Vec<Vec<Value>>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'schema_migrations'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {t} ORDER BY rowid"))
                .unwrap();
            let width = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..width).map(|i| r.get::<_, Value>(i)).collect())
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (t, rows)
        })
        .collect()
}

/// Every table and index with the statement that made it (the runner's own table and its
/// index left out).
fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    conn.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name != 'schema_migrations'
         ORDER BY name",
    )
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn module_versions(conn: &Connection) -> BTreeMap<String, i64> {
    conn.prepare("SELECT module, version FROM schema_migrations")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn user_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_journal_from_before_table_modules_opens_unchanged_and_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let id = write_old_journal(&path, 3).unwrap();
    let raw = Connection::open(&path).unwrap();
    let (rows_before, schema_before) = (rows(&raw), schema(&raw));
    drop(raw);
    assert_eq!(
        Store::check_read_only(&path).unwrap(),
        2,
        "checked as it is, beside an old counter"
    );

    let store = Store::open(&path).expect("an old journal is trusted as it is");
    assert_eq!(store.verify_chain().unwrap(), 2, "journaled, then approved");
    let sale = store.sale(id).unwrap();
    assert_eq!(sale.amount, ars(dec!(2748)));
    assert_eq!(
        sale.tender,
        Tender::Cash {
            received: ars(dec!(3000)),
            change: ars(dec!(252))
        }
    );
    assert_eq!(sale.state, approved());
    assert_eq!(store.lookup(sale.lookup_id).unwrap(), bill("EXT-OLD"));
    let events: Vec<_> = store
        .sale_events(id)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(events, ["journaled", "answered"]);
    let queued = store.outbox_for(OutboxKind::BillSale, id).unwrap().unwrap();
    assert_eq!(queued.status, OutboxStatus::Pending);
    drop(store);

    let raw = Connection::open(&path).unwrap();
    // Tables added since (tickets and their ledger) are created empty; nothing else changes.
    let mut rows_after = rows(&raw);
    for added in NEWER_TABLES {
        assert_eq!(rows_after.remove(added), Some(vec![]), "{added}");
    }
    assert_eq!(rows_after, rows_before, "no row was rewritten");
    let schema_after: Vec<_> = schema(&raw)
        .into_iter()
        .filter(|(_, name, _)| !NEWER_TABLES.iter().any(|t| name.contains(t)))
        .collect();
    // The outbox's own second migration rebuilds its table (a wider CHECK on `kind`, for tax
    // reports): that one definition changes, and its rows are compared above.
    let not_outbox = |v: Vec<(String, String, Option<String>)>| -> Vec<_> {
        v.into_iter()
            .filter(|(kind, name, _)| !(kind == "table" && name == "outbox"))
            .collect()
    };
    let outbox_sql = schema_after
        .iter()
        .find(|(kind, name, _)| kind == "table" && name == "outbox")
        .and_then(|(_, _, sql)| sql.clone())
        .unwrap_or_default();
    assert!(outbox_sql.contains("'tax_report'"), "{outbox_sql}");
    assert_eq!(
        not_outbox(schema_after),
        not_outbox(schema_before),
        "no migration ran again"
    );
    let counted = module_versions(&raw);
    let expected: BTreeMap<String, i64> = [
        ("bill_lookups", 1),
        ("chain", 1),
        ("outbox", 2),
        ("receipts", 1),
        ("reprints", 1),
        ("sale_events", 1),
        ("sales", 2),
        ("settings", 1),
        ("tickets", 1),
        ("ticket_items", 1),
        ("payment_history", 1),
        ("payment_transactions", 2),
        ("inbox", 1),
        ("tax_orders", 1),
        ("tax_order_items", 1),
        ("card_attempts", 1),
        ("card_strays", 1),
        ("wallet_charges", 1),
    ]
    .into_iter()
    .map(|(m, v)| (m.to_string(), v))
    .collect();
    assert_eq!(counted, expected);
    assert_eq!(
        user_version(&raw),
        4,
        "an old build now refuses it as newer"
    );
    drop(raw);

    // Opened again: counted already, nothing translated twice; and it takes new sales.
    let mut store = Store::open(&path).unwrap();
    journal_sale(&mut store, &bill("EXT-NEW"), 8).unwrap();
    assert_eq!(store.verify_chain().unwrap(), 3);
    drop(store);
    let store = Store::open(&path).expect("whole after the new sale");
    assert_eq!(store.all_sales().unwrap().len(), 2);
    drop(store);
    assert_eq!(module_versions(&Connection::open(&path).unwrap()), expected);
}

#[test]
fn journals_of_every_old_age_end_with_the_schema_of_a_new_one() {
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh_path = fresh_dir.path().join("journal.sqlite");
    drop(Store::open(&fresh_path).unwrap());
    let fresh = Connection::open(&fresh_path).unwrap();
    let (fresh_schema, fresh_versions) = (schema(&fresh), module_versions(&fresh));

    for scripts in 0..=old_journal::MIGRATIONS.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite");
        let sale = write_old_journal(&path, scripts);
        let store = Store::open(&path).unwrap_or_else(|e| panic!("schema {scripts}: {e}"));
        // Journals from before the chain are sealed, one record per sale; later ones kept.
        let records = match (sale, scripts) {
            (None, _) => 0,
            (Some(_), 1 | 2) => 1,
            (Some(_), _) => 2,
        };
        assert_eq!(store.verify_chain().unwrap(), records, "schema {scripts}");
        if let Some(id) = sale {
            assert_eq!(
                store.sale(id).unwrap().state,
                approved(),
                "schema {scripts}"
            );
            // Queued once: by the outbox's own backfill if it came after the sale.
            let queued = store.outbox_for(OutboxKind::BillSale, id).unwrap().unwrap();
            let expected = if scripts == 1 {
                OutboxStatus::Done
            } else {
                OutboxStatus::Pending
            };
            assert_eq!(queued.status, expected, "schema {scripts}");
        }
        drop(store);
        let raw = Connection::open(&path).unwrap();
        assert_eq!(schema(&raw), fresh_schema, "schema {scripts}");
        assert_eq!(module_versions(&raw), fresh_versions, "schema {scripts}");
        drop(raw);
        Store::open(&path).unwrap_or_else(|e| panic!("schema {scripts}, reopened: {e}"));
    }
}
