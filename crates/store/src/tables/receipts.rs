//! The hub's receipt text for approved sales (`receipts`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;

pub(crate) const SCHEMA: Schema = Schema {
    name: "receipts",
    migrations: &[
        // 1: at most one receipt per sale, as the hub printed it.
        r#"
    CREATE TABLE receipts (
        sale_id    INTEGER PRIMARY KEY REFERENCES sales(id),
        text       TEXT NOT NULL,
        fetched_at TEXT NOT NULL
    );
    "#,
    ],
};

impl Store {
    /// Keeps the hub's receipt text; fetching it again later changes nothing. The text is the
    /// hub's, fetched again at start-up when missing: its commit does not wait for the disk
    /// (see `Store::without_fsync`).
    pub fn save_receipt(
        &mut self,
        sale_id: i64,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.without_fsync(|conn| {
            conn.prepare_cached(
                "INSERT INTO receipts (sale_id, text, fetched_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (sale_id) DO NOTHING",
            )?
            .execute(params![sale_id, text, at.to_rfc3339()])?;
            Ok(())
        })
    }

    pub fn receipt_text(&self, sale_id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT text FROM receipts WHERE sale_id = ?1",
                [sale_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Approved sales whose receipt has not been fetched yet (the hub was down at approval).
    pub fn sales_missing_receipt(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id FROM sales s LEFT JOIN receipts r ON r.sale_id = s.id
             WHERE s.phase = 'approved' AND r.sale_id IS NULL ORDER BY s.id",
        )?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(ids)
    }
}
