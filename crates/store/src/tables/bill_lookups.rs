//! Bills as the hub showed them to the cashier (`bill_lookups`). A sale refers to its lookup, so
//! the amount rules and the opaque `externalData` it was paid against are never re-typed or
//! re-sent by the UI. A lookup costs no write of its own: it waits in memory for the first
//! transaction, which the sale that refers to it always is (see `conn`).

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use ventanilla_core::Bill;

use crate::conn::PendingLookup;
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

/// Lookups kept in memory at most; then they go to the journal together.
const MOST_PENDING: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupSource {
    Barcode,
    CustomerData,
}

impl LookupSource {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            LookupSource::Barcode => "barcode",
            LookupSource::CustomerData => "customer_data",
        }
    }
}

impl Store {
    /// Keeps the bills of one search; returns their keys in the same order. Nothing is
    /// written here: they wait in memory, under these keys, for the next transaction (see
    /// `conn`), unless enough wait, which then go in one commit that does not wait for the disk.
    pub fn record_lookup(
        &mut self,
        bills: &[Bill],
        source: LookupSource,
        at: DateTime<Utc>,
    ) -> Result<Vec<i64>, StoreError> {
        let mut next = match self.next_lookup {
            Some(next) => next,
            None => {
                let last: i64 = self.conn.query_row(
                    "SELECT COALESCE(MAX(id), 0) FROM bill_lookups",
                    [],
                    |r| r.get(0),
                )?;
                let waiting = self.conn.pending.iter().map(|p| p.id).max().unwrap_or(0);
                last.max(waiting) + 1
            }
        };
        let mut keys = Vec::with_capacity(bills.len());
        for bill in bills {
            self.conn.pending.push(PendingLookup {
                id: next,
                at,
                source: source.as_str(),
                bill: bill.clone(),
            });
            keys.push(next);
            next += 1;
        }
        self.next_lookup = Some(next);
        if self.conn.pending.len() >= MOST_PENDING {
            self.keep_lookups()?;
        }
        Ok(keys)
    }

    /// Writes every lookup waiting in memory to the journal, in one commit that does not wait
    /// for the disk (see `Store::without_fsync`): the sales that refer to them make them
    /// durable.
    pub fn keep_lookups(&mut self) -> Result<(), StoreError> {
        if self.conn.pending.is_empty() {
            return Ok(());
        }
        self.without_fsync(|conn| {
            conn.transaction()?.commit()?;
            Ok(())
        })
    }

    pub fn lookup(&self, key: i64) -> Result<Bill, StoreError> {
        if let Some(waiting) = self.conn.pending.iter().find(|p| p.id == key) {
            return Ok(waiting.bill.clone());
        }
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT bill_json FROM bill_lookups WHERE id = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        let json = json.ok_or(StoreError::NotFound)?;
        serde_json::from_str(&json).map_err(|e| StoreError::Decode(e.to_string()))
    }
}
