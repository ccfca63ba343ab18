//! Paid tickets (`tickets`): one row per customer ticket, with its currency, total and who took
//! it. A ticket being built is not here: only a paid one is, written with its items, their sales
//! and its ledger payment in one transaction (`ticket_writes`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use ventanilla_core::ledger::PaymentStatus;
use ventanilla_core::{Currency, Money};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "tickets",
    migrations: &[
        // 1: `status` is the ledger payment's latest status (its history is `payment_history`),
        // kept here so the list of tickets needing attention is one indexed query.
        r#"
    CREATE TABLE tickets (
        id           INTEGER PRIMARY KEY,
        currency     TEXT NOT NULL,
        total_amount TEXT NOT NULL,
        counter      TEXT NOT NULL,
        cashier      TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        status       TEXT NOT NULL
            CHECK (status IN ('initialized', 'Completed', 'cancelled', 'rejected')),
        settled_at   TEXT
    );
    CREATE INDEX tickets_open ON tickets(settled_at) WHERE settled_at IS NULL;
    "#,
    ],
};

/// A paid ticket's own row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    pub id: i64,
    pub total_amount: Money,
    pub counter: String,
    pub cashier: String,
    pub created_at: DateTime<Utc>,
    pub status: PaymentStatus,
    /// When every item was final and every refund confirmed; none while anything is pending.
    pub settled_at: Option<DateTime<Utc>>,
}

pub(crate) fn insert(
    tx: &Transaction<'_>,
    total: Money,
    counter: &str,
    cashier: &str,
    at: DateTime<Utc>,
    status: PaymentStatus,
) -> Result<i64, StoreError> {
    tx.prepare_cached(
        "INSERT INTO tickets (currency, total_amount, counter, cashier, created_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        total.currency().iso(),
        total.amount().to_string(),
        counter,
        cashier,
        at.to_rfc3339(),
        status.as_str(),
    ])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn set_status(
    tx: &Transaction<'_>,
    id: i64,
    status: PaymentStatus,
) -> Result<(), StoreError> {
    let n = tx
        .prepare_cached("UPDATE tickets SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status.as_str()])?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

const COLUMNS: &str =
    "id, currency, total_amount, counter, cashier, created_at, status, settled_at";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<TicketRow, StoreError>> {
    let texts: [String; 6] = [
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ];
    let id: i64 = r.get(0)?;
    let settled: Option<String> = r.get(7)?;
    Ok((|| {
        let [currency, total, counter, cashier, created, status] = texts;
        let currency = Currency::from_iso(&currency)
            .ok_or_else(|| StoreError::Decode(format!("currency {currency}")))?;
        Ok(TicketRow {
            id,
            total_amount: crate::tables::money_text::decode(&total, currency)?,
            counter,
            cashier,
            created_at: decode_time(&created)?,
            status: PaymentStatus::parse(&status)
                .ok_or_else(|| StoreError::Decode(format!("payment status {status}")))?,
            settled_at: settled.as_deref().map(decode_time).transpose()?,
        })
    })())
}

impl Store {
    /// A paid ticket's row.
    pub fn ticket_row(&self, id: i64) -> Result<TicketRow, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM tickets WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], read)
            .optional()?
            .ok_or(StoreError::NotFound)?
    }

    /// Tickets with something still to happen (an item not final, a refund not confirmed),
    /// oldest first: what the cashier can come back to while serving the next customer.
    pub fn unsettled_tickets(&self) -> Result<Vec<TicketRow>, StoreError> {
        self.ticket_rows("WHERE settled_at IS NULL ORDER BY id", params![])
    }

    /// Newest first.
    pub fn recent_tickets(&self, limit: u32) -> Result<Vec<TicketRow>, StoreError> {
        self.ticket_rows("ORDER BY id DESC LIMIT ?1", params![limit])
    }

    /// Marks a ticket as settled: nothing more will happen to its money. Bookkeeping for the
    /// list of tickets in flight, worked out again from the ticket's money whenever the mark is
    /// missing: its commit does not wait for the disk (see `Store::without_fsync`).
    pub fn mark_ticket_settled(&mut self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.without_fsync(|conn| {
            conn.prepare_cached(
                "UPDATE tickets SET settled_at = ?2 WHERE id = ?1 AND settled_at IS NULL",
            )?
            .execute(params![id, at.to_rfc3339()])?;
            Ok(())
        })
    }

    fn ticket_rows(
        &self,
        tail: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<TicketRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM tickets {tail}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, read)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }
}
