//! A journal that lost or changed committed money is refused at start-up, files untouched; a
//! second writer is refused at once. Each case is done to a real file, as it would happen.

use std::path::{Path, PathBuf};

mod common;

use chrono::{TimeZone, Utc};
use ventanilla_core::payment::{HubRef, SaleState};
use ventanilla_store::{Store, StoreError};

use common::{bill as bill_of, journal_sale};

/// Sale number `n`, each of its own bill.
fn sell(store: &mut Store, n: u32) -> i64 {
    let b = bill_of(&format!("EXT-{n}"));
    journal_sale(store, &b, 1000 + u128::from(n)).unwrap()
}

fn approve(store: &mut Store, id: i64) {
    let at = Utc.with_ymd_and_hms(2026, 11, 22, 15, 1, 0).unwrap();
    let state = SaleState::Approved {
        hub: HubRef {
            id: format!("HUB{id}"),
            number: Some(id),
            confirmation_id: None,
        },
    };
    store
        .update_sale_state(id, &state, "answered", None, at)
        .unwrap();
}

/// A journal with `sales` sales, each approved, closed cleanly.
fn journal_with(sales: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let mut store = Store::open(&path).unwrap();
    for n in 0..sales {
        let id = sell(&mut store, n);
        approve(&mut store, id);
    }
    drop(store);
    (dir, path)
}

/// Every file in the folder with its bytes, to prove a refused start touched nothing.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        // The lock file says who last opened the journal; it is not the journal.
        .filter(|p| {
            p.extension()
                .is_none_or(|x| x != "lock" && x != "sqlite-shm")
        })
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

fn refused(path: &Path) -> StoreError {
    match Store::open(path) {
        Ok(_) => panic!("the damaged journal was opened as if it were whole"),
        Err(e) => e,
    }
}

#[test]
fn a_new_folder_starts_and_a_whole_journal_reopens() {
    let (_dir, path) = journal_with(3);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.verify_chain().unwrap(),
        6,
        "3 sales, journaled then approved"
    );
    store.integrity_check().unwrap();
}

#[test]
fn a_deleted_or_emptied_journal_is_refused_not_started_anew() {
    let (dir, path) = journal_with(2);
    std::fs::remove_file(&path).unwrap();
    let before = snapshot(dir.path());
    let e = refused(&path);
    assert!(
        matches!(
            e,
            StoreError::Vanished {
                records: 4,
                emptied: false
            }
        ),
        "{e:?}"
    );
    assert!(!path.exists(), "no new empty journal was created");
    assert_eq!(snapshot(dir.path()), before);

    let (dir, path) = journal_with(2);
    std::fs::write(&path, b"").unwrap();
    for wal in ["journal.sqlite-wal", "journal.sqlite-shm"] {
        let _ = std::fs::remove_file(dir.path().join(wal));
    }
    let before = snapshot(dir.path());
    let e = refused(&path);
    assert!(
        matches!(e, StoreError::Vanished { emptied: true, .. }),
        "{e:?}"
    );
    assert_eq!(snapshot(dir.path()), before, "the emptied file stays empty");
}

#[test]
fn a_journal_that_lost_its_last_commits_is_refused() {
    // Kept open, so the last commits live in the WAL, as they do on a running counter.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let mut store = Store::open(&path).unwrap();
    for n in 0..3 {
        sell(&mut store, n);
    }
    let wal = dir.path().join("journal.sqlite-wal");
    let copy_at_two = std::fs::read(&path).unwrap();
    let wal_at_two = std::fs::read(&wal).unwrap();
    sell(&mut store, 3);
    let head = std::fs::read(dir.path().join("journal.chain")).unwrap();
    drop(store);
    // Put back the journal as it was before the last sale, with the head file of after it:
    // what a lost WAL tail looks like.
    std::fs::write(&path, copy_at_two).unwrap();
    std::fs::write(&wal, wal_at_two).unwrap();
    std::fs::write(dir.path().join("journal.chain"), head).unwrap();
    let e = refused(&path);
    assert!(
        matches!(
            e,
            StoreError::Behind {
                journal: 3,
                remembered: 4
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_bit_flipped_in_the_wal_is_refused_and_the_wal_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let mut store = Store::open(&path).unwrap();
    for n in 0..4 {
        let id = sell(&mut store, n);
        approve(&mut store, id);
    }
    let wal = dir.path().join("journal.sqlite-wal");
    // A crash keeps the WAL: copy it (and the database) as the process left them.
    let saved_db = std::fs::read(&path).unwrap();
    let saved_wal = std::fs::read(&wal).unwrap();
    drop(store);
    std::fs::write(&path, &saved_db).unwrap();
    let mut damaged = saved_wal.clone();
    // Somewhere in the middle of the WAL: every frame after it is dropped by SQLite.
    let at = damaged.len() / 2;
    damaged[at] ^= 0x10;
    std::fs::write(&wal, &damaged).unwrap();
    let _ = std::fs::remove_file(dir.path().join("journal.sqlite-shm"));
    let before = snapshot(dir.path());
    let e = refused(&path);
    assert!(e.is_untrustworthy(), "{e:?}");
    assert_eq!(
        snapshot(dir.path()),
        before,
        "the WAL was not checkpointed away"
    );
}

#[test]
fn an_altered_sale_is_refused() {
    let (_dir, path) = journal_with(3);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE sales SET amount = '27.48' WHERE id = 2", [])
        .unwrap();
    drop(raw);
    let e = refused(&path);
    assert!(
        matches!(&e, StoreError::Altered(what) if what.contains("sale 2")),
        "{e:?}"
    );
}

#[test]
fn a_deleted_sale_or_record_is_refused() {
    let (_dir, path) = journal_with(3);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("PRAGMA foreign_keys=OFF; DELETE FROM outbox WHERE ref_id = 3; DELETE FROM sale_events WHERE sale_id = 3; DELETE FROM sales WHERE id = 3;")
        .unwrap();
    drop(raw);
    assert!(matches!(refused(&path), StoreError::Altered(_)));

    let (_dir, path) = journal_with(3);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("DELETE FROM chain WHERE seq = 2", []).unwrap();
    drop(raw);
    assert!(matches!(refused(&path), StoreError::Altered(_)));
}

#[test]
fn a_missing_head_file_is_refused_when_the_journal_holds_records() {
    let (dir, path) = journal_with(1);
    std::fs::remove_file(dir.path().join("journal.chain")).unwrap();
    let e = refused(&path);
    assert!(matches!(e, StoreError::HeadMissing { records: 2 }), "{e:?}");
    // Refused again the next time: the refusal did not write a fresh head.
    assert!(matches!(refused(&path), StoreError::HeadMissing { .. }));
}

#[test]
fn a_head_behind_the_journal_is_brought_forward() {
    // The process died between a commit and its head write: the journal is ahead by one.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let mut store = Store::open(&path).unwrap();
    sell(&mut store, 0);
    let head_before = std::fs::read(dir.path().join("journal.chain")).unwrap();
    sell(&mut store, 1);
    drop(store);
    std::fs::write(dir.path().join("journal.chain"), head_before).unwrap();
    let store = Store::open(&path).expect("a journal ahead of its head is whole");
    drop(store);
    // And the head now says 2 records: losing the second sale would be caught.
    let head = ventanilla_store::head::HeadFile::open(&dir.path().join("journal.chain"))
        .unwrap()
        .read()
        .unwrap();
    assert_eq!(head.seq, 2);
}

#[test]
fn every_commit_is_in_the_head_file_when_it_returns() {
    // The head's fdatasync runs beside the next commit, but the write itself is done before the
    // commit's caller goes on: a process killed right after a sale leaves a head that says so.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let mut store = Store::open(&path).unwrap();
    let on_file = || {
        ventanilla_store::head::HeadFile::open(&dir.path().join("journal.chain"))
            .unwrap()
            .read()
            .unwrap()
            .seq
    };
    for n in 0..3 {
        let id = sell(&mut store, n);
        assert_eq!(on_file(), u64::from(n) * 2 + 1, "after journaling sale {n}");
        approve(&mut store, id);
        assert_eq!(on_file(), u64::from(n) * 2 + 2, "after approving sale {n}");
    }
    // Killed here (no clean close): losing the last sale is still caught.
    let wal = dir.path().join("journal.sqlite-wal");
    let head = std::fs::read(dir.path().join("journal.chain")).unwrap();
    let (db_now, wal_now) = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    drop(store);
    std::fs::write(&path, db_now).unwrap();
    let frames_of_last_sale = 2 * 4120;
    std::fs::write(
        &wal,
        &wal_now[..wal_now.len().saturating_sub(frames_of_last_sale)],
    )
    .unwrap();
    std::fs::write(dir.path().join("journal.chain"), head).unwrap();
    let _ = std::fs::remove_file(dir.path().join("journal.sqlite-shm"));
    let e = refused(&path);
    assert!(e.is_untrustworthy(), "{e:?}");
}

#[test]
fn a_broken_index_fails_the_full_check() {
    let (_dir, path) = journal_with(5);
    let raw = rusqlite::Connection::open(&path).unwrap();
    // Point an index at another column without rebuilding it: its entries no longer match
    // the table, which the quick check does not look at.
    raw.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = 'CREATE INDEX sales_by_phase ON sales(cashier)'
             WHERE name = 'sales_by_phase';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
    drop(raw);
    assert!(matches!(
        Store::check_read_only(&path),
        Err(StoreError::Corrupt(_))
    ));
    let store = Store::open(&path).expect("the quick check passes a broken index");
    let e = store.integrity_check().unwrap_err();
    assert!(matches!(e, StoreError::Corrupt(_)), "{e:?}");
}

#[test]
fn a_second_writer_is_refused_at_once_and_readers_still_read() {
    let (_dir, path) = journal_with(2);
    let owner = Store::open(&path).unwrap();
    let started = std::time::Instant::now();
    let e = refused(&path);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "it did not wait"
    );
    let StoreError::Busy(holder) = e else {
        panic!("{e:?}")
    };
    assert_eq!(holder.pid, Some(std::process::id()));
    // Deleting the lock file under the owner does not let a second writer in.
    std::fs::remove_file(path.with_extension("lock")).unwrap();
    assert!(matches!(refused(&path), StoreError::Busy(_)));
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.recent_sales(10).unwrap().len(), 2);
    drop(owner);
    Store::open(&path).expect("free once the owner is gone");
}

#[cfg(unix)]
#[test]
fn the_journal_and_its_neighbours_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = journal_with(1);
    let _store = Store::open(&path).unwrap();
    for name in [
        "journal.sqlite",
        "journal.chain",
        "journal.lock",
        "journal.sqlite-wal",
    ] {
        let mode = std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{name} is readable by others: {mode:o}");
    }
}

#[test]
fn a_journal_from_before_the_chain_is_sealed_once() {
    let (dir, path) = journal_with(2);
    // Make it look like a schema-2 journal: no chain table, none of the tables added since, no
    // head file.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "DROP TABLE chain; DROP TABLE payment_transactions; DROP TABLE payment_history;
         DROP TABLE ticket_items; DROP TABLE tickets; DROP TABLE inbox;
         DROP TABLE tax_order_items; DROP TABLE tax_orders;
         DROP TABLE card_strays; DROP TABLE card_attempts; DROP TABLE wallet_charges;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(raw);
    std::fs::remove_file(dir.path().join("journal.chain")).unwrap();
    let store = Store::open(&path).expect("an old journal is upgraded");
    assert_eq!(
        store.verify_chain().unwrap(),
        2,
        "one sealed record per sale"
    );
    drop(store);
    Store::open(&path).expect("and reopens whole");
}
