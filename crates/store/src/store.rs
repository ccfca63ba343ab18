//! The `Store` itself: one connection to the journal, with the files that guard it. Opening it
//! (and every check that comes first) is in `open`; each table module adds its own queries to it.

use rusqlite::Connection;

use crate::error::StoreError;
use crate::head::{ChainHead, HeadFile};
use crate::lock::JournalLock;
use crate::time::decode_time;

/// One connection to the journal. Callers serialize access (a Mutex in the app), which is what
/// SQLite wants anyway for a single writer.
pub struct Store {
    pub(crate) conn: Connection,
    /// Where the chain's head is kept (none in memory and read-only).
    pub(crate) head: Option<HeadFile>,
    /// Held for the store's life: no other process writes this journal meanwhile.
    pub(crate) lock: Option<JournalLock>,
}

impl Store {
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
        self.lock = None;
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
        t.as_deref().map(decode_time).transpose()
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

    /// Size of the journal in bytes (pages in use), to decide whether a full check can run
    /// before the window opens or must run behind it.
    pub fn size_bytes(&self) -> Result<u64, StoreError> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let size: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        Ok((pages * size) as u64)
    }
}
