//! Whether the journal takes writes again after refusing one (a full disk, or its page cap),
//! through a scratch table (`journal_probe`).
//!
//! The sender stops calling gateways while the journal refuses writes, since an answer it could
//! not record would be lost. It needs a cheap way to learn that space came back without making a
//! network call first: a write that needs fresh pages, as the records of its next attempt will.
//!
//! The one table module without migrations, and so not registered in `tables::ALL`: its table
//! holds nothing between probes and is made on first use (see `probe_writable`).

use crate::error::StoreError;
use crate::store::Store;

/// Pages the probe's row spills into. A row that fits in a page already allocated would succeed
/// while every table that needs a new page still fails, so the probe asks for several whole ones.
const PROBE_PAGES: i64 = 4;

impl Store {
    /// Writes a row of a few pages to a scratch table, commits it, then deletes it (its pages
    /// return to the journal's free list, where the next real writes find them). `Ok` means the
    /// journal had room for that much: a full disk or the page cap answers `StoreError::Full`.
    pub fn probe_writable(&mut self) -> Result<(), StoreError> {
        let page: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let tx = self.conn.transaction()?;
        // Created on first use rather than by a migration: it holds nothing between probes, and
        // a journal that never filled up never needs it.
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS journal_probe (id INTEGER PRIMARY KEY, filler BLOB NOT NULL);
             DELETE FROM journal_probe;",
        )?;
        tx.execute(
            "INSERT INTO journal_probe (filler) VALUES (zeroblob(?1))",
            [page.saturating_mul(PROBE_PAGES)],
        )?;
        // Committed, not rolled back: a full disk shows when the pages reach the file, which a
        // rollback never asks for.
        tx.commit()?;
        self.conn.execute("DELETE FROM journal_probe", [])?;
        Ok(())
    }
}

impl StoreError {
    /// True when the error says the journal cannot take writes at all just now (no space, or the
    /// file cannot be written), rather than that this one write was wrong. Such an error passes
    /// when space is freed or the disk recovers; retrying sooner only repeats it.
    pub fn is_write_refused(&self) -> bool {
        match self {
            StoreError::Full => true,
            StoreError::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(
                    rusqlite::ErrorCode::DiskFull
                        | rusqlite::ErrorCode::SystemIoFailure
                        | rusqlite::ErrorCode::ReadOnly
                        | rusqlite::ErrorCode::CannotOpen
                )
            ),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probe_fails_at_the_page_cap_and_passes_once_it_is_lifted() {
        let mut store = Store::open_in_memory().unwrap();
        // The cap cannot go below the current size: this pins the journal where it is, with
        // no free pages left in it.
        store.limit_pages(1).unwrap();
        let err = store.probe_writable().unwrap_err();
        assert!(matches!(err, StoreError::Full), "{err:?}");
        assert!(err.is_write_refused());
        store.limit_pages(100_000).unwrap();
        store.probe_writable().expect("room again");
        // Its pages are free again, for the writes that follow.
        store.limit_pages(1).unwrap();
        store
            .probe_writable()
            .expect("the probe's own pages were given back");
    }
}
