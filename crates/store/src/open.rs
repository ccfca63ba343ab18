//! Opening the journal: as its only writer (every trust check first, then the schema brought up
//! to date), beside its owner for reading, or in memory for tests.

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use crate::conn::{JournalConn, STATEMENTS_KEPT};
use crate::error::StoreError;
use crate::head::{head_path, HeadFile};
use crate::lock::JournalLock;
use crate::migrate;
use crate::store::Store;
use crate::tables::chain;

use crate::trust::{check_chain, check_present, check_quick, remembered_head};

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
            conn: JournalConn::new(conn),
            head: None,
            lock: Some(lock),
            relaxed: false,
            readers: Vec::new(),
            next_lookup: None,
        };
        check_quick(&store.conn)?;
        let tip = check_chain(&store.conn, remembered.as_ref())?;
        // Only now, with the journal trusted, is the head file created or brought forward.
        store.head = Some(HeadFile::open(&head_file)?);
        if remembered.as_ref() != Some(&tip) {
            store.publish(&tip);
        }
        store.conn.pragma_update(None, "journal_mode", "WAL")?;
        store.configure()?;
        migrate::apply(&mut store.conn)?;
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
        check_quick(&store.conn)?;
        let tip = check_chain(&store.conn, remembered.as_ref())?;
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
            conn: JournalConn::new(conn),
            head: None,
            lock: None,
            relaxed: false,
            readers: Vec::new(),
            next_lookup: None,
        })
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut store = Store {
            conn: JournalConn::new(Connection::open_in_memory()?),
            head: None,
            lock: None,
            relaxed: false,
            readers: Vec::new(),
            next_lookup: None,
        };
        check_quick(&store.conn)?;
        store.configure()?;
        migrate::apply(&mut store.conn)?;
        Ok(store)
    }

    fn configure(&self) -> Result<(), StoreError> {
        // FULL: a commit is on disk when it returns; the journal holds money.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // 512 KiB of pages instead of SQLite's 2 MiB: a sale touches a few dozen pages, the
        // operating system caches the file anyway, and the counter runs all shift long (the
        // default cache fills up and stays, some 2 MiB of the window's memory budget). Set
        // after the start-up checks, which read the whole journal with the default.
        self.conn.pragma_update(None, "cache_size", -512)?;
        // rusqlite keeps 16 prepared statements by default; a sale's commit alone runs more
        // than that, and a statement pushed out is parsed and planned again on its next use.
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        Ok(())
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
}
