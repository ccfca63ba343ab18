//! The outbox: every remote operation that may be deferred, queued in the same transaction as
//! the local record it belongs to. Rows are never deleted: they end `done`, or wait in
//! `attention` for a person, who can retry or resolve them.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use ventanilla_core::outbox::Queued;

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "outbox",
    migrations: &[
        // 1: the queue, filled at once with every sale a journal already held (finished ones
        // as `done`), so that no sale journaled before the outbox existed is left unsent.
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
    INSERT INTO outbox (kind, gateway, ref_id, order_key, idempotency_key, created_at,
                        updated_at, status, next_attempt_at)
        SELECT 'bill_sale', 'traxion', id, external_data, client_transaction_id, created_at,
               updated_at,
               CASE WHEN phase IN ('approved', 'rejected') THEN 'done' ELSE 'pending' END,
               created_at
        FROM sales;
    "#,
        // 2: tax payment reports join the queue. SQLite cannot change a CHECK in place, so the
        // table is rebuilt with the same columns, rows and indexes.
        r#"
    CREATE TABLE outbox_v2 (
        id               INTEGER PRIMARY KEY,
        kind             TEXT NOT NULL CHECK (kind IN ('bill_sale', 'tax_report')),
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
    INSERT INTO outbox_v2 SELECT id, kind, gateway, ref_id, order_key, idempotency_key,
        created_at, updated_at, status, attempts, next_attempt_at, last_error,
        attention_reason, resolution, resolved_at FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v2 RENAME TO outbox;
    CREATE INDEX outbox_by_status ON outbox(status, next_attempt_at);
    CREATE INDEX outbox_by_age ON outbox(status, created_at);
    CREATE INDEX outbox_by_update ON outbox(updated_at);
    CREATE INDEX outbox_by_key ON outbox(order_key, status, created_at);
    "#,
    ],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxKind {
    BillSale,
    /// A tax order's payment report (`ref_id` is the order's row in `tax_orders`).
    TaxReport,
}

impl OutboxKind {
    const ALL: [OutboxKind; 2] = [OutboxKind::BillSale, OutboxKind::TaxReport];

    fn as_str(self) -> &'static str {
        match self {
            OutboxKind::BillSale => "bill_sale",
            OutboxKind::TaxReport => "tax_report",
        }
    }

    fn parse(s: &str) -> Option<OutboxKind> {
        OutboxKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn gateway(self) -> &'static str {
        match self {
            OutboxKind::BillSale => "traxion",
            OutboxKind::TaxReport => "arkadu",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    Pending,
    Done,
    Attention,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: OutboxKind,
    pub ref_id: i64,
    pub status: OutboxStatus,
    pub queued: Queued,
    pub idempotency_key: String,
    pub last_error: Option<String>,
    pub attention_reason: Option<String>,
    pub resolution: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// Queue depth and the age of its oldest item, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxStats {
    pub pending: u64,
    pub attention: u64,
    pub oldest_pending: Option<DateTime<Utc>>,
    pub last_done: Option<DateTime<Utc>>,
}

pub(crate) fn enqueue(
    tx: &Transaction<'_>,
    kind: OutboxKind,
    ref_id: i64,
    order_key: &str,
    idempotency_key: &str,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    tx.prepare_cached(
        "INSERT INTO outbox (kind, gateway, ref_id, order_key, idempotency_key, created_at,
            updated_at, status, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 'pending', ?6)",
    )?
    .execute(params![
        kind.as_str(),
        kind.gateway(),
        ref_id,
        order_key,
        idempotency_key,
        at.to_rfc3339()
    ])?;
    Ok(tx.last_insert_rowid())
}

/// What the sender decided about one operation after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxUpdate {
    /// Finished: the gateway gave its final answer.
    Done,
    /// Attempted again at `at` (after a failure, or a gateway's "not yet").
    Retry {
        at: DateTime<Utc>,
        attempts: u32,
        error: Option<String>,
    },
    /// Waits for a person, with the reason.
    Attention {
        reason: String,
        attempts: u32,
        error: Option<String>,
    },
}

/// An operation's new standing, as of `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxChange {
    pub id: i64,
    pub update: OutboxUpdate,
    pub at: DateTime<Utc>,
}

/// Writes `change` (inside the caller's transaction, or on its own); `NotFound` if there is no
/// such operation.
pub(crate) fn write_change(conn: &Connection, change: &OutboxChange) -> Result<(), StoreError> {
    let id = change.id;
    let now = change.at.to_rfc3339();
    let changed = match &change.update {
        OutboxUpdate::Done => conn
            .prepare_cached(
                "UPDATE outbox SET status = 'done', last_error = NULL, updated_at = ?2
                 WHERE id = ?1",
            )?
            .execute(params![id, now])?,
        OutboxUpdate::Retry {
            at,
            attempts,
            error,
        } => conn
            .prepare_cached(
                "UPDATE outbox SET status = 'pending', next_attempt_at = ?2, attempts = ?3,
                    last_error = ?4, updated_at = ?5
                 WHERE id = ?1",
            )?
            .execute(params![id, at.to_rfc3339(), attempts, error, now])?,
        OutboxUpdate::Attention {
            reason,
            attempts,
            error,
        } => conn
            .prepare_cached(
                "UPDATE outbox SET status = 'attention', attention_reason = ?2, attempts = ?3,
                    last_error = COALESCE(?4, last_error), updated_at = ?5
                 WHERE id = ?1",
            )?
            .execute(params![id, reason, attempts, error, now])?,
    };
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

const COLUMNS: &str = "id, kind, ref_id, status, order_key, created_at, next_attempt_at, attempts,
    idempotency_key, last_error, attention_reason, resolution, updated_at";

impl Store {
    /// Every pending operation, oldest first.
    pub fn outbox_pending(&self) -> Result<Vec<OutboxRow>, StoreError> {
        self.outbox_query(
            "WHERE status = 'pending' ORDER BY created_at, id",
            params![],
        )
    }

    /// The sender's candidates: pending operations due by `now` that are the oldest pending one
    /// of their key (a newer operation of a key waits for the older, due or not), oldest first,
    /// at most `limit`. Equivalent to offering the whole queue to `outbox::pick`, without
    /// reading the whole queue on every round.
    pub fn outbox_due_heads(
        &self,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<OutboxRow>, StoreError> {
        // The limit is written into the statement, not bound: SQLite prepares a statement again
        // each time its LIMIT parameter is bound, and the sender asks this on every round with
        // the same limit.
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.outbox_query(
            // `+` keeps SQLite on the (status, created_at) index: rows come out in queue order
            // and LIMIT stops the scan, instead of sorting every due row on each round.
            &format!(
                "WHERE status = 'pending' AND +next_attempt_at <= ?1
                   AND NOT EXISTS (SELECT 1 FROM outbox older
                       WHERE older.order_key = outbox.order_key AND older.status = 'pending'
                         AND (older.created_at < outbox.created_at
                              OR (older.created_at = outbox.created_at AND older.id < outbox.id)))
                 ORDER BY created_at, id LIMIT {limit}"
            ),
            params![now.to_rfc3339()],
        )
    }

    /// The oldest pending operation, due or not (the probe while the link is offline).
    pub fn outbox_oldest_pending(&self) -> Result<Option<OutboxRow>, StoreError> {
        Ok(self
            .outbox_query(
                "WHERE status = 'pending' ORDER BY created_at, id LIMIT 1",
                params![],
            )?
            .pop())
    }

    /// The link is back: operations backing off after failures are due now (operations merely
    /// waiting for a gateway's decision keep their schedule). Returns how many.
    pub fn outbox_retry_failed_now(&mut self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "UPDATE outbox SET next_attempt_at = ?1
             WHERE status = 'pending' AND attempts > 0 AND next_attempt_at > ?1",
            params![now.to_rfc3339()],
        )?)
    }

    /// When the next pending operation falls due.
    pub fn outbox_next_due(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let t: Option<String> = self.conn.query_row(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'",
            [],
            |r| r.get(0),
        )?;
        t.as_deref().map(decode_time).transpose()
    }

    /// Operations waiting for a person, oldest first.
    pub fn outbox_attention(&self) -> Result<Vec<OutboxRow>, StoreError> {
        self.outbox_query(
            "WHERE status = 'attention' ORDER BY created_at, id",
            params![],
        )
    }

    pub fn outbox_row(&self, id: i64) -> Result<OutboxRow, StoreError> {
        self.outbox_query("WHERE id = ?1", params![id])?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    pub fn outbox_for(
        &self,
        kind: OutboxKind,
        ref_id: i64,
    ) -> Result<Option<OutboxRow>, StoreError> {
        Ok(self
            .outbox_query(
                "WHERE kind = ?1 AND ref_id = ?2",
                params![kind.as_str(), ref_id],
            )?
            .pop())
    }

    /// Schedules the next attempt (after a failure or a "not yet").
    pub fn outbox_retry_at(
        &mut self,
        id: i64,
        at: DateTime<Utc>,
        attempts: u32,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let update = OutboxUpdate::Retry {
            at,
            attempts,
            error: error.map(str::to_string),
        };
        self.outbox_change(id, update, now)
    }

    pub fn outbox_done(&mut self, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.outbox_change(id, OutboxUpdate::Done, now)
    }

    /// Stops retrying and shows the operation to a person, with the reason.
    pub fn outbox_attention_set(
        &mut self,
        id: i64,
        reason: &str,
        attempts: u32,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let update = OutboxUpdate::Attention {
            reason: reason.to_string(),
            attempts,
            error: error.map(str::to_string),
        };
        self.outbox_change(id, update, now)
    }

    fn outbox_change(
        &mut self,
        id: i64,
        update: OutboxUpdate,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        write_change(
            &self.conn,
            &OutboxChange {
                id,
                update,
                at: now,
            },
        )
    }

    /// A supervisor sends it again: back in the queue, due now, with a fresh attempt count.
    pub fn outbox_requeue(&mut self, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.outbox_set(
            "status = 'pending', attempts = 0, next_attempt_at = ?2, updated_at = ?2",
            params![id, now.to_rfc3339()],
        )
    }

    /// A supervisor settles it by hand (a refund given, say), with a note.
    pub fn outbox_resolve(
        &mut self,
        id: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.outbox_set(
            "status = 'done', resolution = ?2, resolved_at = ?3, updated_at = ?3",
            params![id, note, now.to_rfc3339()],
        )
    }

    pub fn outbox_stats(&self) -> Result<OutboxStats, StoreError> {
        let (pending, attention, oldest, last_done): (i64, i64, Option<String>, Option<String>) =
            self.conn
                .prepare_cached(
                    "SELECT
                    (SELECT COUNT(*) FROM outbox WHERE status = 'pending'),
                    (SELECT COUNT(*) FROM outbox WHERE status = 'attention'),
                    (SELECT MIN(created_at) FROM outbox WHERE status = 'pending'),
                    (SELECT MAX(updated_at) FROM outbox WHERE status = 'done')",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(OutboxStats {
            pending: u64::try_from(pending).unwrap_or(0),
            attention: u64::try_from(attention).unwrap_or(0),
            oldest_pending: oldest.as_deref().map(decode_time).transpose()?,
            last_done: last_done.as_deref().map(decode_time).transpose()?,
        })
    }

    /// Runs `UPDATE outbox SET <assignments> WHERE id = ?1`; `args[0]` is the id.
    fn outbox_set(
        &mut self,
        assignments: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<(), StoreError> {
        let sql = format!("UPDATE outbox SET {assignments} WHERE id = ?1");
        if self.conn.execute(&sql, args)? == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    fn outbox_query(
        &self,
        tail: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<OutboxRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outbox {tail}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, u32>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, Option<String>>(11)?,
                r.get::<_, String>(12)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, ref_id, status, key, created, next, attempts, idem, err, why, res, upd) =
                row?;
            out.push(OutboxRow {
                id,
                kind: OutboxKind::parse(&kind)
                    .ok_or_else(|| StoreError::Decode(format!("outbox kind {kind}")))?,
                ref_id,
                status: match status.as_str() {
                    "pending" => OutboxStatus::Pending,
                    "done" => OutboxStatus::Done,
                    "attention" => OutboxStatus::Attention,
                    other => return Err(StoreError::Decode(format!("outbox status {other}"))),
                },
                queued: Queued {
                    id,
                    key,
                    created_at: decode_time(&created)?,
                    next_attempt_at: decode_time(&next)?,
                    attempts,
                },
                idempotency_key: idem,
                last_error: err,
                attention_reason: why,
                resolution: res,
                updated_at: decode_time(&upd)?,
            });
        }
        Ok(out)
    }
}
