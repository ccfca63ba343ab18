//! The append-only audit of every sale's state changes (`sale_events`).

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;

pub(crate) const SCHEMA: Schema = Schema {
    name: "sale_events",
    migrations: &[
        // 1: one row per change of a sale, never updated or deleted.
        r#"
    CREATE TABLE sale_events (
        id      INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        at      TEXT NOT NULL,
        event   TEXT NOT NULL,
        phase   TEXT NOT NULL
    );
    CREATE INDEX sale_events_by_sale ON sale_events(sale_id);
    "#,
    ],
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleEventRow {
    pub at: String,
    pub event: String,
    pub phase: String,
}

/// Notes that sale `sale_id` reached `phase` through `event`, inside the change's transaction.
pub(crate) fn log(
    tx: &Transaction<'_>,
    sale_id: i64,
    at: DateTime<Utc>,
    event: &str,
    phase: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO sale_events (sale_id, at, event, phase) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![sale_id, at.to_rfc3339(), event, phase])?;
    Ok(())
}

impl Store {
    pub fn sale_events(&self, sale_id: i64) -> Result<Vec<SaleEventRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, event, phase FROM sale_events WHERE sale_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map(params![sale_id], |r| {
                Ok(SaleEventRow {
                    at: r.get(0)?,
                    event: r.get(1)?,
                    phase: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
