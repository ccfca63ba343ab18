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
    #[error("the disk (or the journal's size limit) is full")]
    Full,
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
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

    /// Caps the journal at this many pages: writes beyond it fail as a full disk would, and
    /// the caller refuses the sale it could not record.
    pub fn limit_pages(&self, pages: u32) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    }

    /// The latest time written to the journal: a clock earlier than this has jumped back.
    pub fn latest_write(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        let t: Option<String> = self.conn.query_row(
            "SELECT MAX(t) FROM (SELECT MAX(updated_at) AS t FROM sales
                                 UNION ALL SELECT MAX(updated_at) FROM outbox)",
            [],
            |r| r.get(0),
        )?;
        t.as_deref().map(crate::sales::decode_time).transpose()
    }

    /// `PRAGMA integrity_check`: the full check, for tools (start-up runs the quick one).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

impl From<rusqlite::Error> for StoreError {
    /// A full disk is told apart: it is something an operator can fix.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::Full,
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Corrupt(e.to_string())
            }
            _ => StoreError::Sqlite(e),
        }
    }
}
