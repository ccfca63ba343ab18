//! The store's one error type. It lives alone so every module can name it without importing
//! the modules that use it.

use thiserror::Error;

use crate::holder::Holder;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the database file failed its integrity check: {0}")]
    Corrupt(String),
    #[error("the database could not be opened: {0}")]
    Open(String),
    #[error("the journal is in use by {0}")]
    Busy(Holder),
    /// The journal file is gone or empty while its head file says it held records.
    #[error("the journal {}: it held {records} record(s)", if *.emptied { "was emptied" } else { "is missing" })]
    Vanished { records: u64, emptied: bool },
    /// The journal is shorter than its head file says: committed records were lost.
    #[error("the journal lost committed records: it reaches record {journal}, it had reached {remembered}")]
    Behind { journal: u64, remembered: u64 },
    /// A record, or a sale, is not what was committed.
    #[error("the journal was altered: {0}")]
    Altered(String),
    /// The journal holds a chain but the file with its head is gone (or none of its slots reads).
    #[error(
        "the journal's head file is missing or unreadable; the journal holds {records} record(s)"
    )]
    HeadMissing { records: u64 },
    #[error("this bill already has a sale in progress (sale {0})")]
    BillBusy(i64),
    /// The caller asked for a write the journal's rules refuse (a bug above the store).
    #[error("refused: {0}")]
    Invalid(String),
    #[error("no such record")]
    NotFound,
    #[error("stored data could not be read back: {0}")]
    Decode(String),
    #[error("the disk (or the journal's size limit) is full")]
    Full,
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl StoreError {
    /// True for the errors that mean the journal cannot be trusted as it is: the counter must
    /// not take money on it, and nothing may write to it until a person has looked.
    pub fn is_untrustworthy(&self) -> bool {
        matches!(
            self,
            StoreError::Corrupt(_)
                | StoreError::Vanished { .. }
                | StoreError::Behind { .. }
                | StoreError::Altered(_)
                | StoreError::HeadMissing { .. }
        )
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
