//! The log of printed copies of a sale's receipt (`reprints`).

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;

pub(crate) const SCHEMA: Schema = Schema {
    name: "reprints",
    migrations: &[
        // 1: one row per copy printed, with where its PDF went.
        r#"
    CREATE TABLE reprints (
        id       INTEGER PRIMARY KEY,
        sale_id  INTEGER NOT NULL REFERENCES sales(id),
        at       TEXT NOT NULL,
        pdf_path TEXT NOT NULL
    );
    "#,
    ],
};

impl Store {
    /// Records a printed copy and returns how many copies exist now (1 for the first reprint).
    pub fn record_reprint(
        &mut self,
        sale_id: i64,
        pdf_path: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO reprints (sale_id, at, pdf_path) VALUES (?1, ?2, ?3)",
            params![sale_id, at.to_rfc3339(), pdf_path],
        )?;
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM reprints WHERE sale_id = ?1",
            [sale_id],
            |r| r.get(0),
        )?)
    }
}
