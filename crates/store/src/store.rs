//! The `Store` itself: one connection to the journal, with the files that guard it. Opening it
//! (and every check that comes first) is in `open`; each table module adds its own queries to it.

use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::conn::JournalConn;
use crate::error::StoreError;
use crate::head::{ChainHead, HeadFile};
use crate::lock::JournalLock;
use crate::time::decode_time;

/// One connection to the journal. Callers serialize access (a Mutex in the app), which is what
/// SQLite wants anyway for a single writer.
pub struct Store {
    /// The connection, with the bill lookups it keeps in memory (see `conn`).
    pub(crate) conn: JournalConn,
    /// Where the chain's head is kept (none in memory and read-only).
    pub(crate) head: Option<HeadFile>,
    /// Held for the store's life: no other process writes this journal meanwhile.
    pub(crate) lock: Option<JournalLock>,
    /// Commits do not wait for the disk at all (bulk loads in benchmarks only).
    pub(crate) relaxed: bool,
    /// Reading connections opened beside this one, closed with it.
    pub(crate) readers: Vec<Reader>,
    /// The key the next bill lookup gets (read from the journal on first use; see `conn`).
    pub(crate) next_lookup: Option<i64>,
}

impl Drop for Store {
    fn drop(&mut self) {
        self.keep_last_lookups();
    }
}

/// A reading connection beside the journal's owner (see [`Store::reader`]). Closed when the
/// owner is: reads then answer `None`.
#[derive(Clone)]
pub struct Reader(Arc<Mutex<Option<Store>>>);

impl Reader {
    /// Runs `read` on the journal as it stands; `None` once the journal was let go.
    pub fn read<T>(&self, read: impl FnOnce(&Store) -> T) -> Option<T> {
        let store = self.0.lock().unwrap_or_else(|e| e.into_inner());
        store.as_ref().map(read)
    }

    fn close(&self) {
        let taken = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(mut store) = taken {
            store.close();
        }
    }
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
        for reader in self.readers.drain(..) {
            reader.close();
        }
        self.keep_last_lookups();
        if let Ok(empty) = Connection::open_in_memory() {
            let conn = self.conn.replace(empty);
            if let Err((_, e)) = conn.close() {
                tracing::warn!(error = %e, "the journal did not close cleanly");
            }
        }
        self.head = None;
        self.lock = None;
    }

    /// The owner lets go of the journal: the lookups still in memory are written (best effort:
    /// they are not money).
    fn keep_last_lookups(&mut self) {
        if self.head.is_some() {
            if let Err(e) = self.keep_lookups() {
                tracing::warn!(error = %e, "the last lookups were not kept");
            }
        }
    }

    /// A second connection to this journal, for reading only, beside this one: in WAL mode its
    /// reads never wait for this connection's commits (and their `fsync`), and they see every
    /// commit that returned before they began. It is closed with this store. `None` for a
    /// journal in memory.
    pub fn reader(&mut self) -> Result<Option<Reader>, StoreError> {
        let path = match self.conn.path() {
            Some(path) if !path.is_empty() => std::path::PathBuf::from(path),
            _ => return Ok(None),
        };
        let store = Store::open_read_only(&path)?;
        // The owner's small page cache (see `configure`): this one lives as long.
        store.conn.pragma_update(None, "cache_size", -512)?;
        store
            .conn
            .set_prepared_statement_cache_capacity(crate::conn::STATEMENTS_KEPT);
        let reader = Reader(Arc::new(Mutex::new(Some(store))));
        self.readers.push(reader.clone());
        Ok(Some(reader))
    }

    /// Runs `read` in one read transaction: every query in it sees the journal as of the same
    /// commit. What a reading connection needs when it reads several tables that one commit
    /// changes together (a ticket's payment and its history), since the owner commits between
    /// any two of its statements otherwise.
    pub fn in_one_snapshot<T>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.prepare_cached("BEGIN")?.execute([])?;
        let out = read(self);
        // A read transaction: ending it writes nothing, and cannot fail but for a closed
        // connection, whose reads failed anyway.
        if let Err(e) = self
            .conn
            .prepare_cached("COMMIT")
            .and_then(|mut s| s.execute([]))
        {
            tracing::warn!(error = %e, "a read transaction did not end cleanly");
        }
        out
    }

    /// Commits stop waiting for the disk. Only for building large journals in benchmarks: a
    /// counter never calls it, since a sale must be on disk before it is sent.
    #[doc(hidden)]
    pub fn relax_durability_for_bulk_load(&mut self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        self.relaxed = true;
        Ok(())
    }

    /// Runs `write` with commits that do not wait for the disk (`synchronous=NORMAL`), for what
    /// a power cut may take without taking money: bill lookups, the hub's receipt texts (fetched
    /// again when missing). Every other commit stays `FULL`.
    ///
    /// In WAL mode such a commit is still whole or absent after a crash, and it is on the disk
    /// as soon as any later commit is durable: the WAL is one file, appended in order and synced
    /// as a whole. So the durable commit of a sale also makes the lookup it refers to durable.
    pub(crate) fn without_fsync<T>(
        &mut self,
        write: impl FnOnce(&mut JournalConn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.relaxed {
            return write(&mut self.conn);
        }
        // Cached: a lookup runs these on every scan.
        self.conn
            .prepare_cached("PRAGMA synchronous = NORMAL")?
            .execute([])?;
        let written = write(&mut self.conn);
        // Money commits must never run without the fsync: restoring it fails the call.
        self.conn
            .prepare_cached("PRAGMA synchronous = FULL")?
            .execute([])?;
        written
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use rust_decimal_macros::dec;
    use ventanilla_core::{Bill, Currency, Money};

    use super::*;
    use crate::tables::bill_lookups::LookupSource;

    fn bill(n: u32) -> Bill {
        // A large `externalData`, as some hubs send: lookups that fill pages.
        crate::test_bill::bill(format!("EXT-{n}-{}", "x".repeat(2000)), format!("{n:010}"))
    }

    fn synchronous(store: &Store) -> i64 {
        store
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap()
    }

    fn at() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap()
    }

    #[test]
    fn a_lookup_costs_no_journal_write_and_every_money_commit_keeps_its_fsync() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite");
        let mut store = Store::open(&path).unwrap();
        const FULL: i64 = 2;
        assert_eq!(synchronous(&store), FULL);
        let wal = || std::fs::metadata(path.with_extension("sqlite-wal")).map_or(0, |m| m.len());
        let before = wal();
        let keys = store
            .record_lookup(&[bill(1), bill(2)], LookupSource::Barcode, at())
            .unwrap();
        assert_eq!(wal(), before, "nothing written to the journal");
        assert_eq!(
            store.lookup(keys[1]).unwrap().customer_identifier,
            "0000000002"
        );
        // Once enough wait, they go to the journal in one commit that skips the fsync, and
        // the journal is durable again after it, even when it refuses them (full).
        store.limit_pages(1).unwrap();
        let refused = store.keep_lookups();
        assert!(matches!(refused, Err(StoreError::Full)), "{refused:?}");
        assert_eq!(synchronous(&store), FULL);
        store.limit_pages(100_000).unwrap();
        store.keep_lookups().unwrap();
        assert!(wal() > before);
        assert_eq!(synchronous(&store), FULL, "durable again after the lookups");
        let more = store
            .record_lookup(&[bill(3)], LookupSource::Barcode, at())
            .unwrap();
        assert_eq!(
            more[0],
            keys[1] + 1,
            "keys keep counting past the kept ones"
        );
        // Kept when the journal is let go, under the keys the screen was given.
        store.close();
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.lookup(more[0]).unwrap().customer_identifier,
            "0000000003"
        );
        assert_eq!(
            store.lookup(keys[0]).unwrap().customer_identifier,
            "0000000001"
        );
    }

    #[test]
    fn the_sale_that_refers_to_a_lookup_carries_it_into_the_journal() {
        use crate::tables::sales::{NewSale, Tender};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite");
        let mut store = Store::open(&path).unwrap();
        let keys = store
            .record_lookup(&[bill(1), bill(2)], LookupSource::Barcode, at())
            .unwrap();
        let in_journal = |s: &Store| -> i64 {
            s.conn
                .query_row("SELECT COUNT(*) FROM bill_lookups", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(in_journal(&store), 0, "waiting in memory");
        let b = bill(1);
        let total = Money::new(dec!(2748), Currency::Ars).unwrap();
        let ctid = ventanilla_core::ClientTransactionId::from_u128(7);
        let sale = |key: i64| NewSale {
            client_transaction_id: &ctid,
            lookup_id: key,
            bill: &b,
            amount: total,
            tender: Tender::Cash {
                received: total,
                change: Money::zero(Currency::Ars),
            },
            counter: "Caja 1",
            cashier: "Ana",
            at: at(),
            provisional: false,
        };
        store.insert_sale(&sale(keys[0])).unwrap();
        assert_eq!(in_journal(&store), 2, "with the sale, in its transaction");
        // A sale the journal refuses takes nothing with it: the next lookup waits.
        let again = store
            .record_lookup(&[bill(1)], LookupSource::Barcode, at())
            .unwrap();
        let refused = store.insert_sale(&sale(again[0]));
        assert!(
            matches!(refused, Err(StoreError::BillBusy(_))),
            "{refused:?}"
        );
        assert_eq!(in_journal(&store), 2);
        assert_eq!(
            store.lookup(again[0]).unwrap().customer_identifier,
            "0000000001"
        );
        // Killed now, the sale and its lookup are there; the waiting lookup is not.
        let db = std::fs::read(&path).unwrap();
        let wal = std::fs::read(path.with_extension("sqlite-wal")).unwrap();
        let head = std::fs::read(path.with_extension("chain")).unwrap();
        drop(store);
        let dir2 = tempfile::tempdir().unwrap();
        let copy = dir2.path().join("journal.sqlite");
        std::fs::write(&copy, db).unwrap();
        std::fs::write(copy.with_extension("sqlite-wal"), wal).unwrap();
        std::fs::write(copy.with_extension("chain"), head).unwrap();
        let store = Store::open(&copy).unwrap();
        assert_eq!(
            store.lookup(keys[0]).unwrap().customer_identifier,
            "0000000001"
        );
        assert!(matches!(store.lookup(again[0]), Err(StoreError::NotFound)));
    }

    #[test]
    fn a_reader_sees_each_commit_and_is_closed_with_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite");
        let mut store = Store::open(&path).unwrap();
        let reader = store.reader().unwrap().expect("a file has readers");
        let key = store
            .record_lookup(&[bill(1)], LookupSource::Barcode, at())
            .unwrap()[0];
        store.keep_lookups().unwrap();
        let seen = reader.read(|r| r.lookup(key).map(|b| b.customer_identifier));
        assert_eq!(seen.unwrap().unwrap(), "0000000001");
        store.close();
        assert!(reader.read(|_| ()).is_none(), "closed with its journal");
        assert!(Store::open_in_memory().unwrap().reader().unwrap().is_none());
    }
}
