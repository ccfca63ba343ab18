//! Bills as the hub showed them to the cashier (`bill_lookups`). A sale refers to its lookup, so
//! the amount rules and the opaque `externalData` it was paid against are never re-typed or
//! re-sent by the UI.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use ventanilla_core::Bill;

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;

pub(crate) const SCHEMA: Schema = Schema {
    name: "bill_lookups",
    migrations: &[
        // 1: each bill a search returned, kept as the hub sent it.
        r#"
    CREATE TABLE bill_lookups (
        id            INTEGER PRIMARY KEY,
        looked_up_at  TEXT NOT NULL,
        source        TEXT NOT NULL CHECK (source IN ('barcode', 'customer_data')),
        external_data TEXT NOT NULL,
        company_code  TEXT NOT NULL,
        bill_json     TEXT NOT NULL
    );
    "#,
    ],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupSource {
    Barcode,
    CustomerData,
}

impl LookupSource {
    fn as_str(self) -> &'static str {
        match self {
            LookupSource::Barcode => "barcode",
            LookupSource::CustomerData => "customer_data",
        }
    }
}

impl Store {
    /// Keeps the bills of one search; returns their keys in the same order.
    pub fn record_lookup(
        &mut self,
        bills: &[Bill],
        source: LookupSource,
        at: DateTime<Utc>,
    ) -> Result<Vec<i64>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut keys = Vec::with_capacity(bills.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO bill_lookups (looked_up_at, source, external_data, company_code, bill_json)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for bill in bills {
                let json =
                    serde_json::to_string(bill).map_err(|e| StoreError::Decode(e.to_string()))?;
                insert.execute(params![
                    at.to_rfc3339(),
                    source.as_str(),
                    bill.external_data.0,
                    bill.company.code,
                    json
                ])?;
                keys.push(tx.last_insert_rowid());
            }
        }
        tx.commit()?;
        Ok(keys)
    }

    pub fn lookup(&self, key: i64) -> Result<Bill, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT bill_json FROM bill_lookups WHERE id = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        let json = json.ok_or(StoreError::NotFound)?;
        serde_json::from_str(&json).map_err(|e| StoreError::Decode(e.to_string()))
    }
}
