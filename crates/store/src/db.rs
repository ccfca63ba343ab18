use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use thiserror::Error;

use crate::chain;
use crate::head::{head_path, ChainHead, HeadFile};
use crate::lock::{Holder, JournalLock};
use crate::migrations;

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

/// One connection to the journal. Callers serialize access (a Mutex in the app), which is what
/// SQLite wants anyway for a single writer.
pub struct Store {
    pub(crate) conn: Connection,
    /// Where the chain's head is kept (none in memory and read-only).
    head: Option<HeadFile>,
    /// Held for the store's life: no other process writes this journal meanwhile.
    _lock: Option<JournalLock>,
}

impl Store {
    /// Opens (creating if needed) the journal as its only writer, checks that it is the journal
    /// that was committed (nothing lost, nothing altered), and brings its schema up to date.
    ///
    /// Every check runs before the first write: a journal that fails one is left exactly as it
    /// was found (no checkpoint, no migration), for a person to look at.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut lock = JournalLock::acquire(path, chrono::Utc::now())?;
        let head_file = head_path(path);
        let remembered = remembered_head(path)?;
        check_present(path, remembered.as_ref())?;
        // The journal holds customer ids: only this user may read it (SQLite gives its WAL and
        // shared-memory files the same mode).
        lock.hold_journal(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        let conn = Connection::open(path).map_err(|e| StoreError::Open(e.to_string()))?;
        // Until the checks pass, closing must not checkpoint: that would fold a damaged WAL's
        // surviving part into the database and delete the evidence of what was lost.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        let mut store = Store {
            conn,
            head: None,
            _lock: Some(lock),
        };
        store.check_quick()?;
        let tip = store.check_chain(remembered.as_ref())?;
        // Only now, with the journal trusted, is the head file created or brought forward.
        store.head = Some(HeadFile::open(&head_file)?);
        if remembered.as_ref() != Some(&tip) {
            store.publish(&tip);
        }
        store.conn.pragma_update(None, "journal_mode", "WAL")?;
        store.configure()?;
        migrations::apply(&mut store.conn)?;
        store.seal_if_unchained()?;
        store
            .conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        Ok(store)
    }

    /// Checks a journal without owning or changing it, beside the counter that has it open:
    /// present, whole (its chain against itself and against its head file) and sound (SQLite's
    /// full integrity check). Returns how many records its chain holds. For support tools.
    pub fn check_read_only(path: &Path) -> Result<u64, StoreError> {
        let remembered = remembered_head(path)?;
        check_present(path, remembered.as_ref())?;
        if !path.exists() {
            return Ok(0);
        }
        let store = Store::open_read_only(path)?;
        store.check_quick()?;
        let tip = store.check_chain(remembered.as_ref())?;
        store.integrity_check()?;
        Ok(tip.seq)
    }

    /// Opens an existing journal for reading only, beside the process that owns it (history,
    /// reports, checks). Takes no lock and writes nothing.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Open(format!(
                "{} does not exist",
                path.display()
            )));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open(e.to_string()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Store {
            conn,
            head: None,
            _lock: None,
        })
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            head: None,
            _lock: None,
        };
        store.check_quick()?;
        store.configure()?;
        migrations::apply(&mut store.conn)?;
        Ok(store)
    }

    fn check_quick(&self) -> Result<(), StoreError> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // A file that is not a database fails here, before anything is written to it.
        let check: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if check != "ok" {
            return Err(StoreError::Corrupt(check));
        }
        Ok(())
    }

    fn configure(&self) -> Result<(), StoreError> {
        // FULL: a commit is on disk when it returns; the journal holds money.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    /// The journal's chain against itself and against its head file (`None`: there is no head
    /// file). Read-only. Returns the chain's tip, which the head file must then hold.
    fn check_chain(&self, remembered: Option<&ChainHead>) -> Result<ChainHead, StoreError> {
        if !migrations::has_chain(&self.conn)? {
            // A new journal, or one from before the chain (sealed once migrated).
            return Ok(ChainHead::genesis());
        }
        let tip = chain::verify(&self.conn)?;
        let Some(remembered) = remembered else {
            if tip.seq > 0 {
                return Err(StoreError::HeadMissing { records: tip.seq });
            }
            return Ok(tip);
        };
        if remembered.seq > tip.seq {
            return Err(StoreError::Behind {
                journal: tip.seq,
                remembered: remembered.seq,
            });
        }
        if remembered.seq > 0
            && chain::hash_at(&self.conn, remembered.seq)?.as_deref() != Some(&remembered.hash)
        {
            return Err(StoreError::Altered(format!(
                "record {} is not the one that was committed",
                remembered.seq
            )));
        }
        // The journal may be ahead: the process died between a commit and its head write.
        Ok(tip)
    }

    /// A journal written before the chain existed gets one, from its sales as they stand.
    fn seal_if_unchained(&mut self) -> Result<(), StoreError> {
        if self.head.is_none() || chain::tip(&self.conn)?.seq > 0 {
            return Ok(());
        }
        let sales: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM sales", [], |r| r.get(0))?;
        if sales > 0 {
            let tip = chain::seal_existing(&mut self.conn)?;
            tracing::info!(records = tip.seq, "journal sealed into a chain");
            self.publish(&tip);
        }
        Ok(())
    }

    /// Records the chain's new head beside the journal. The commit it follows is already
    /// durable; a head that could not be written only leaves the file behind the journal,
    /// which start-up accepts and brings forward.
    pub(crate) fn publish(&self, head: &ChainHead) {
        if let Some(file) = &self.head {
            if let Err(e) = file.write(head) {
                tracing::error!(error = %e, seq = head.seq, "could not record the journal's head");
            }
        }
    }

    /// Lets go of the journal: the connection is closed (checkpointing the WAL), the lock and
    /// the head file released, so another process may own it. Whatever still holds this store
    /// afterwards finds an empty in-memory database and fails, never writing to the journal.
    pub fn close(&mut self) {
        if let Ok(empty) = Connection::open_in_memory() {
            let conn = std::mem::replace(&mut self.conn, empty);
            if let Err((_, e)) = conn.close() {
                tracing::warn!(error = %e, "the journal did not close cleanly");
            }
        }
        self.head = None;
        self._lock = None;
    }

    /// Commits stop waiting for the disk. Only for building large journals in benchmarks: a
    /// counter never calls it, since a sale must be on disk before it is sent.
    #[doc(hidden)]
    pub fn relax_durability_for_bulk_load(&self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        Ok(())
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

    /// `PRAGMA integrity_check`: the full check (indexes against their tables, which the quick
    /// check skips). `Ok(())` only when SQLite says "ok"; otherwise its first findings.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check(20)")?;
        let findings: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?
            .collect::<Result<_, _>>()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if findings.len() == 1 && findings[0] == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(findings.join("; ")))
        }
    }

    /// The whole chain verified again (start-up does it once; tools may ask any time).
    pub fn verify_chain(&self) -> Result<u64, StoreError> {
        Ok(chain::verify(&self.conn)?.seq)
    }

    /// Size of the journal in bytes (pages in use), to decide whether a full check can run
    /// before the window opens or must run behind it.
    pub fn size_bytes(&self) -> Result<u64, StoreError> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let size: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        Ok((pages * size) as u64)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// What the head file beside `journal` remembers: `None` when there is no head file, or none
/// of its slots can be read (a journal that holds records is then refused, not trusted).
fn remembered_head(journal: &Path) -> Result<Option<ChainHead>, StoreError> {
    let path = head_path(journal);
    if path.exists() {
        Ok(HeadFile::open(&path)?.read())
    } else {
        Ok(None)
    }
}

/// A journal that is missing or empty while its head says it held records was lost.
fn check_present(journal: &Path, remembered: Option<&ChainHead>) -> Result<(), StoreError> {
    let len = std::fs::metadata(journal).map(|m| m.len()).ok();
    match (len, remembered) {
        (None | Some(0), Some(h)) if h.seq > 0 => Err(StoreError::Vanished {
            records: h.seq,
            emptied: len == Some(0),
        }),
        _ => Ok(()),
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
