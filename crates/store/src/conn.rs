//! The owner's connection to the journal, and the bill lookups it keeps in memory until a
//! transaction takes them along.
//!
//! A lookup is not money, and a scan should cost what the hub's answer costs: `record_lookup`
//! only gives the bills their keys and keeps them here. Every transaction begun on this
//! connection first writes the lookups waiting, and forgets them once it commits: so the sale
//! that refers to a lookup (always written in a transaction) carries it into the journal,
//! durably, before its own row; a rolled-back transaction leaves them waiting. Lookups no sale
//! takes go to the journal once enough wait, or when the journal is let go, in a commit that
//! does not wait for the disk. A counter that dies loses only lookups no sale referred to: what
//! the hub showed, which it shows again.

use std::ops::{Deref, DerefMut};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use ventanilla_core::Bill;

/// Prepared statements each connection keeps (rusqlite keeps 16 by default): more than every
/// statement the app runs in turn, so none is parsed twice.
pub(crate) const STATEMENTS_KEPT: usize = 128;

/// A lookup not yet in `bill_lookups`: the bill as the hub showed it, under the key it will have
/// there (put into its row's form only when it is written).
#[derive(Debug, Clone)]
pub(crate) struct PendingLookup {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub source: &'static str,
    pub bill: Bill,
}

/// The connection, with the lookups waiting for a transaction. Dereferences to the connection
/// for everything else.
pub(crate) struct JournalConn {
    conn: Connection,
    pub(crate) pending: Vec<PendingLookup>,
}

impl JournalConn {
    pub fn new(conn: Connection) -> JournalConn {
        JournalConn {
            conn,
            pending: Vec::new(),
        }
    }

    /// Lets go of the connection itself (to close it), leaving an empty one in its place.
    pub fn replace(&mut self, with: Connection) -> Connection {
        std::mem::replace(&mut self.conn, with)
    }

    /// Begins a transaction that already holds the lookups waiting (see the module's doc).
    pub fn transaction(&mut self) -> rusqlite::Result<JournalTx<'_>> {
        let JournalConn { conn, pending } = self;
        let tx = conn.transaction()?;
        if !pending.is_empty() {
            let mut insert = tx.prepare_cached(
                "INSERT INTO bill_lookups
                     (id, looked_up_at, source, external_data, company_code, bill_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for p in pending.iter() {
                let json = serde_json::to_string(&p.bill)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                insert.execute(params![
                    p.id,
                    p.at.to_rfc3339(),
                    p.source,
                    p.bill.external_data.0,
                    p.bill.company.code,
                    json
                ])?;
            }
        }
        let carried = pending.len();
        Ok(JournalTx {
            tx,
            pending,
            carried,
        })
    }
}

impl Deref for JournalConn {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.conn
    }
}

impl DerefMut for JournalConn {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// A transaction of the journal's connection: a `rusqlite` transaction that forgets the
/// lookups it carried once it commits. Dropped without committing, it rolls back, and they
/// wait for the next.
pub(crate) struct JournalTx<'a> {
    tx: Transaction<'a>,
    pending: &'a mut Vec<PendingLookup>,
    carried: usize,
}

impl JournalTx<'_> {
    pub fn commit(self) -> rusqlite::Result<()> {
        self.tx.commit()?;
        self.pending.drain(..self.carried);
        Ok(())
    }
}

impl<'a> Deref for JournalTx<'a> {
    type Target = Transaction<'a>;
    fn deref(&self) -> &Transaction<'a> {
        &self.tx
    }
}
