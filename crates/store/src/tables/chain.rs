//! The chain of sale records: every committed change to a sale appends the sale as it now
//! stands, hashed together with the record before it. A record that was altered, a sale row
//! that no longer matches its last record, a record that went missing from the middle, or a
//! chain shorter than its head file says (see `head`) are all caught at start-up, so a journal
//! that lost or changed money is never trusted silently.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::error::StoreError;
use crate::head::ChainHead;
use crate::schema::Schema;

pub(crate) const SCHEMA: Schema = Schema {
    name: "chain",
    migrations: &[
        // 1: linked by hash, one record per committed change to a sale (journals from before it
        // are sealed once, see `open`).
        r#"
    CREATE TABLE chain (
        seq     INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL,
        event   TEXT NOT NULL,
        record  TEXT NOT NULL,
        hash    TEXT NOT NULL
    );
    "#,
    ],
};

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

/// The last record of the chain as the journal holds it.
pub(crate) fn tip(conn: &Connection) -> Result<ChainHead, StoreError> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| {
            Ok(ChainHead {
                seq: r.get::<_, i64>(0)? as u64,
                hash: r.get(1)?,
            })
        })
        .optional()?
        .unwrap_or_else(ChainHead::genesis))
}

/// Appends the sale as it stands inside `tx` (call it after the change, before the commit).
pub(crate) fn append(
    tx: &Transaction<'_>,
    sale_id: i64,
    event: &str,
) -> Result<ChainHead, StoreError> {
    let (_, record) = tx
        .prepare_cached(&format!("SELECT {RECORD_COLUMNS} FROM sales WHERE id = ?1"))?
        .query_row([sale_id], record_of)?;
    let prev = tip(tx)?;
    let seq = prev.seq + 1;
    let hash = link(&prev.hash, seq, event, &record);
    tx.prepare_cached(
        "INSERT INTO chain (seq, sale_id, event, record, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![seq as i64, sale_id, event, record, hash])?;
    Ok(ChainHead { seq, hash })
}

/// Starts the chain of a journal written before there was one: every sale, as it stands, in
/// one transaction. Only ever done to a journal whose chain is empty.
pub(crate) fn seal_existing(conn: &mut Connection) -> Result<ChainHead, StoreError> {
    let tx = conn.transaction()?;
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM sales ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut head = ChainHead::genesis();
    for id in ids {
        head = append(&tx, id, "sealed")?;
    }
    tx.commit()?;
    Ok(head)
}

/// Walks the whole chain and every sale: each record's hash must follow from the one before,
/// sequence numbers must have no gap, and each sale must be exactly its last record. Returns
/// the chain's tip.
pub(crate) fn verify(conn: &Connection) -> Result<ChainHead, StoreError> {
    let altered = |what: String| StoreError::Altered(what);
    let mut last_of_sale: HashMap<i64, String> = HashMap::new();
    let mut head = ChainHead::genesis();
    {
        let mut stmt =
            conn.prepare("SELECT seq, sale_id, event, record, hash FROM chain ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let seq = r.get::<_, i64>(0)? as u64;
            let sale_id: i64 = r.get(1)?;
            let event: String = r.get(2)?;
            let record: String = r.get(3)?;
            let hash: String = r.get(4)?;
            if seq != head.seq + 1 {
                return Err(altered(format!(
                    "record {} is missing from the chain",
                    head.seq + 1
                )));
            }
            if link(&head.hash, seq, &event, &record) != hash {
                return Err(altered(format!(
                    "record {seq} (sale {sale_id}) does not match its hash"
                )));
            }
            last_of_sale.insert(sale_id, record);
            head = ChainHead { seq, hash };
        }
    }
    let mut stmt = conn.prepare(&format!("SELECT {RECORD_COLUMNS} FROM sales"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, record) = record_of(r)?;
        match last_of_sale.remove(&id) {
            Some(last) if last == record => {}
            Some(_) => return Err(altered(format!("sale {id} differs from its last record"))),
            None => return Err(altered(format!("sale {id} has no record in the chain"))),
        }
    }
    if let Some(id) = last_of_sale.keys().min() {
        return Err(altered(format!("sale {id} was removed from the journal")));
    }
    Ok(head)
}

/// The hash the journal holds for record `seq`, if it has one.
pub(crate) fn hash_at(conn: &Connection, seq: u64) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT hash FROM chain WHERE seq = ?1", [seq as i64], |r| {
            r.get(0)
        })
        .optional()?)
}
