//! The append-only status history of each ticket's ledger payment (`payment_history`): rows are
//! only ever inserted, in the order the statuses were reached.

use rusqlite::{params, Transaction};
use ventanilla_core::ledger::{PaymentStatus, StatusChange};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "payment_history",
    migrations: &[
        // 1: `payments-service.md`'s statuses, spelt as it spells them.
        r#"
    CREATE TABLE payment_history (
        id        INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        status    TEXT NOT NULL
            CHECK (status IN ('initialized', 'Completed', 'cancelled', 'rejected')),
        at        TEXT NOT NULL
    );
    CREATE INDEX payment_history_by_ticket ON payment_history(ticket_id);
    "#,
    ],
};

pub(crate) fn append(
    tx: &Transaction<'_>,
    ticket_id: i64,
    change: &StatusChange,
) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT INTO payment_history (ticket_id, status, at) VALUES (?1, ?2, ?3)")?
        .execute(params![
            ticket_id,
            change.status.as_str(),
            change.at.to_rfc3339()
        ])?;
    Ok(())
}

impl Store {
    /// A ticket's payment history, oldest first.
    pub fn payment_history(&self, ticket_id: i64) -> Result<Vec<StatusChange>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT status, at FROM payment_history WHERE ticket_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([ticket_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (status, at) = row?;
            out.push(StatusChange {
                status: PaymentStatus::parse(&status)
                    .ok_or_else(|| StoreError::Decode(format!("payment status {status}")))?,
                at: decode_time(&at)?,
            });
        }
        Ok(out)
    }
}
