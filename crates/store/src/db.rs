use rusqlite::Connection;
use std::path::Path;
use thiserror::Error;

use crate::migrations;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the database file failed its integrity check: {0}")]
    Corrupt(String),
    #[error("the database could not be opened: {0}")]
    Open(String),
    #[error("this bill already has a sale in progress (sale {0})")]
    BillBusy(i64),
    #[error("no such record")]
    NotFound,
    #[error("stored data could not be read back: {0}")]
    Decode(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// One connection to the journal. Callers serialize access (a Mutex in the app), which is what
/// SQLite wants anyway for a single writer.
pub struct Store {
    pub(crate) conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the journal, checks it, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|e| StoreError::Open(e.to_string()))?;
        Self::prepare(conn, true)
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::prepare(Connection::open_in_memory()?, false)
    }

    fn prepare(conn: Connection, wal: bool) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // A file that is not a database fails here, before anything is written to it.
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if check != "ok" {
            return Err(StoreError::Corrupt(check));
        }
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        // FULL: a commit is on disk when it returns; the journal holds money.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        migrations::apply(&mut store.conn)?;
        Ok(store)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}
