//! The append-only audit of every sale's state changes.

use rusqlite::params;

use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleEventRow {
    pub at: String,
    pub event: String,
    pub phase: String,
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
