//! The journal as Ventanilla wrote it before table modules: its single list of numbered scripts
//! and its loop over them (both copied verbatim from `migrations.rs` as it was), and a sale
//! written the way `insert_sale` and `update_sale_state` wrote it then, chain record included
//! (the record format and hash copied verbatim from `chain.rs`). Frozen: it is the past.
#![allow(dead_code)]

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

pub const MIGRATIONS: &[&str] = &[
    // 1: bill lookups, the sales journal, receipts, audit of state changes.
    r#"
    CREATE TABLE bill_lookups (
        id            INTEGER PRIMARY KEY,
        looked_up_at  TEXT NOT NULL,
        source        TEXT NOT NULL CHECK (source IN ('barcode', 'customer_data')),
        external_data TEXT NOT NULL,
        company_code  TEXT NOT NULL,
        bill_json     TEXT NOT NULL
    );
    CREATE TABLE sales (
        id                    INTEGER PRIMARY KEY,
        client_transaction_id TEXT NOT NULL UNIQUE,
        lookup_id             INTEGER NOT NULL REFERENCES bill_lookups(id),
        external_data         TEXT NOT NULL,
        company_id            TEXT NOT NULL,
        company_code          TEXT NOT NULL,
        company_name          TEXT NOT NULL,
        customer_id           TEXT NOT NULL,
        barcode               TEXT,
        currency              TEXT NOT NULL,
        amount                TEXT NOT NULL,
        tender                TEXT NOT NULL CHECK (tender IN ('cash')),
        received              TEXT NOT NULL,
        change                TEXT NOT NULL,
        counter               TEXT NOT NULL,
        cashier               TEXT NOT NULL,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        phase                 TEXT NOT NULL
            CHECK (phase IN ('journaled', 'sending', 'querying', 'approved', 'rejected')),
        state_json            TEXT NOT NULL,
        next_check_at         TEXT,
        hub_sale_id           TEXT,
        hub_number            INTEGER,
        reason                TEXT,
        finished_at           TEXT
    );
    -- One unresolved sale per bill, enforced by the database itself.
    CREATE UNIQUE INDEX sales_one_open_per_bill ON sales(external_data)
        WHERE phase IN ('journaled', 'sending', 'querying');
    CREATE INDEX sales_by_phase ON sales(phase);
    CREATE TABLE sale_events (
        id      INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        at      TEXT NOT NULL,
        event   TEXT NOT NULL,
        phase   TEXT NOT NULL
    );
    CREATE INDEX sale_events_by_sale ON sale_events(sale_id);
    CREATE TABLE receipts (
        sale_id    INTEGER PRIMARY KEY REFERENCES sales(id),
        text       TEXT NOT NULL,
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE reprints (
        id       INTEGER PRIMARY KEY,
        sale_id  INTEGER NOT NULL REFERENCES sales(id),
        at       TEXT NOT NULL,
        pdf_path TEXT NOT NULL
    );
    "#,
    // 2: the outbox of remote operations, contingency (provisional) sales, settings.
    r#"
    CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY,
        kind             TEXT NOT NULL CHECK (kind IN ('bill_sale')),
        gateway          TEXT NOT NULL,
        ref_id           INTEGER NOT NULL,
        order_key        TEXT NOT NULL,
        idempotency_key  TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('pending', 'done', 'attention')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  TEXT NOT NULL,
        last_error       TEXT,
        attention_reason TEXT,
        resolution       TEXT,
        resolved_at      TEXT,
        UNIQUE (kind, ref_id)
    );
    CREATE INDEX outbox_by_status ON outbox(status, next_attempt_at);
    CREATE INDEX outbox_by_age ON outbox(status, created_at);
    CREATE INDEX outbox_by_update ON outbox(updated_at);
    CREATE INDEX outbox_by_key ON outbox(order_key, status, created_at);
    CREATE INDEX sales_by_update ON sales(updated_at);
    ALTER TABLE sales ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX sales_provisional_open ON sales(provisional, phase);
    INSERT INTO outbox (kind, gateway, ref_id, order_key, idempotency_key, created_at,
                        updated_at, status, next_attempt_at)
        SELECT 'bill_sale', 'traxion', id, external_data, client_transaction_id, created_at,
               updated_at,
               CASE WHEN phase IN ('approved', 'rejected') THEN 'done' ELSE 'pending' END,
               created_at
        FROM sales;
    CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    "#,
    // 3: the chain of sale records (see `chain`): every committed change to a sale appends the
    // sale as it stands, linked by hash to the record before.
    r#"
    CREATE TABLE chain (
        seq     INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL,
        event   TEXT NOT NULL,
        record  TEXT NOT NULL,
        hash    TEXT NOT NULL
    );
    "#,
];

/// The old `migrations::apply`, stopped after `scripts` scripts (a journal of that age).
pub fn migrate(conn: &mut Connection, scripts: usize) {
    let current: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    for (i, script) in MIGRATIONS
        .iter()
        .enumerate()
        .take(scripts)
        .skip(current as usize)
    {
        let tx = conn.transaction().unwrap();
        tx.execute_batch(script).unwrap();
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .unwrap();
        tx.commit().unwrap();
    }
}

/// The money-relevant columns of a sale, in a fixed order. `next_check_at` is left out on
/// purpose: it is scheduling, not money, and changes without a record.
const RECORD_COLUMNS: &str = "id, client_transaction_id, external_data, company_code, customer_id,
    currency, amount, tender, received, change, counter, cashier, created_at, updated_at,
    provisional, phase, state_json";

/// One row as one string: every text column length-prefixed (`t7:2748.00`), so two different rows
/// can never print the same record, whatever their text holds.
fn record_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String)> {
    let mut record = String::new();
    for i in 0..17 {
        let field = match r.get::<_, rusqlite::types::Value>(i)? {
            rusqlite::types::Value::Null => "null".to_string(),
            rusqlite::types::Value::Integer(n) => format!("i{n}"),
            rusqlite::types::Value::Real(_) => "real".to_string(),
            rusqlite::types::Value::Text(t) => format!("t{}:{t}", t.len()),
            rusqlite::types::Value::Blob(b) => format!("b{}", b.len()),
        };
        record.push_str(&field);
        record.push('\n');
    }
    Ok((r.get(0)?, record))
}

fn link(prev: &str, seq: u64, event: &str, record: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(seq.to_string().as_bytes());
    h.update(b"\n");
    h.update(event.as_bytes());
    h.update(b"\n");
    h.update(record.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The old `chain::append`: the sale as it stands, linked to the record before it.
fn append(tx: &Transaction<'_>, sale_id: i64, event: &str) -> (u64, String) {
    let (_, record) = tx
        .query_row(
            &format!("SELECT {RECORD_COLUMNS} FROM sales WHERE id = ?1"),
            [sale_id],
            record_of,
        )
        .unwrap();
    let (prev_seq, prev_hash) = tx
        .query_row(
            "SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)),
        )
        .optional()
        .unwrap()
        .unwrap_or((0, "0".repeat(64)));
    let seq = prev_seq + 1;
    let hash = link(&prev_hash, seq, event, &record);
    tx.execute(
        "INSERT INTO chain (seq, sale_id, event, record, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![seq as i64, sale_id, event, record, hash],
    )
    .unwrap();
    (seq, hash)
}

/// What a journal of `scripts` scripts held once a sale was written: the tables of that age.
#[derive(Clone, Copy)]
pub struct Age {
    pub scripts: usize,
}

impl Age {
    fn has_outbox(self) -> bool {
        self.scripts >= 2
    }
    fn has_chain(self) -> bool {
        self.scripts >= 3
    }
}

/// A cash sale of 2748.00 ARS (3000 received) of the bill `bill_json` (external data
/// `external`), journaled as the old `insert_sale` did. Returns the sale's id and, once the
/// journal has a chain, its new head.
pub fn journal_sale(
    conn: &mut Connection,
    age: Age,
    external: &str,
    bill_json: &str,
    ctid: &str,
    state_json: &str,
) -> (i64, Option<(u64, String)>) {
    let at = "2026-11-22T15:00:00+00:00";
    let tx = conn.transaction().unwrap();
    tx.execute(
        "INSERT INTO bill_lookups (looked_up_at, source, external_data, company_code, bill_json)
         VALUES (?1, 'barcode', ?2, '57', ?3)",
        params![at, external, bill_json],
    )
    .unwrap();
    let lookup = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO sales (client_transaction_id, lookup_id, external_data, company_id,
            company_code, company_name, customer_id, barcode, currency, amount, tender,
            received, change, counter, cashier, created_at, updated_at, phase, state_json)
         VALUES (?1, ?2, ?3, '16CB1F6815771858E95F', '57', 'DIRECT TV', '0086108279', NULL,
            'ARS', '2748.00', 'cash', '3000.00', '252.00', 'Caja 1', 'Ana', ?4, ?4,
            'journaled', ?5)",
        params![ctid, lookup, external, at, state_json],
    )
    .unwrap();
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO sale_events (sale_id, at, event, phase) VALUES (?1, ?2, 'journaled', 'journaled')",
        params![id, at],
    )
    .unwrap();
    if age.has_outbox() {
        tx.execute(
            "INSERT INTO outbox (kind, gateway, ref_id, order_key, idempotency_key, created_at,
                updated_at, status, next_attempt_at)
             VALUES ('bill_sale', 'traxion', ?1, ?2, ?3, ?4, ?4, 'pending', ?4)",
            params![id, external, ctid, at],
        )
        .unwrap();
    }
    let head = age.has_chain().then(|| append(&tx, id, "journaled"));
    tx.commit().unwrap();
    (id, head)
}

/// The old `update_sale_state` to approved, with the hub's sale id and number.
pub fn approve(
    conn: &mut Connection,
    age: Age,
    id: i64,
    state_json: &str,
) -> Option<(u64, String)> {
    let at = "2026-11-22T15:01:00+00:00";
    let tx = conn.transaction().unwrap();
    tx.execute(
        "UPDATE sales SET phase = 'approved', state_json = ?2, next_check_at = NULL,
            updated_at = ?3, hub_sale_id = 'HUB1', hub_number = 1, reason = NULL,
            finished_at = COALESCE(finished_at, ?3)
         WHERE id = ?1",
        params![id, state_json, at],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO sale_events (sale_id, at, event, phase) VALUES (?1, ?2, 'answered', 'approved')",
        params![id, at],
    )
    .unwrap();
    let head = age.has_chain().then(|| append(&tx, id, "answered"));
    tx.commit().unwrap();
    head
}
