//! Versioned schema: `PRAGMA user_version` is the number of scripts applied. Scripts are only
//! ever appended; an applied one is never edited.

use rusqlite::Connection;

use crate::StoreError;

const MIGRATIONS: &[&str] = &[
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

/// True once the journal has the chain's table (schema 3 on).
pub(crate) fn has_chain(conn: &Connection) -> Result<bool, StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(version >= 3)
}

pub(crate) fn apply(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(StoreError::Open(format!(
            "the journal was written by a newer Ventanilla (schema {current}, this one knows {known})"
        )));
    }
    for (i, script) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(script)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn fresh_and_reopened_journals_reach_the_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite");
        let s = crate::Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), super::latest());
        drop(s);
        let s = crate::Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), super::latest());
    }
}
