//! The chain's head, kept outside SQLite in a small file beside the journal (`journal.chain`).
//!
//! SQLite cannot tell that it lost something: a deleted or emptied file opens as a new
//! database, and a damaged WAL silently drops every transaction after the damage. The head file
//! remembers how far the journal's chain of sale records had reached, so a journal that is now
//! shorter, or different, is recognised at start-up instead of trusted.
//!
//! It is written after every commit that extends the chain. Two slots, each with its own
//! checksum, alternate: a write torn by a power cut damages only the slot being written, and the
//! other still holds the previous head.
//!
//! The write reaches the operating system before the commit's caller goes on (so a process
//! that is killed, or panics, loses nothing: the head is in the OS's cache and reaches the disk
//! anyway), and the disk through an `fdatasync` that runs on its own thread, beside the next
//! commit's instead of after it. A head is never written before the one before it is on the
//! disk: at most one head write is ever unsynced, and the other slot always holds a synced one.
//! What this trades: a power cut in the moment between a commit and its head's `fdatasync` can
//! leave the head one commit behind the journal, which start-up accepts (as it accepts a process
//! that died between a commit and its head write) and brings forward. A journal that then also
//! lost exactly that last commit (whose frames were already on the disk when it returned) would
//! not be caught; one that lost anything before it still is, as is every loss after a crash of
//! the process alone.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use crate::error::StoreError;
use crate::lock::private_file;

const SLOT: u64 = 160;
const MAGIC: &str = "ventanilla-chain-v1";

/// How far the chain reached: the number of its last record and that record's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: u64,
    pub hash: String,
}

impl ChainHead {
    /// The head of a chain with no records yet.
    pub fn genesis() -> ChainHead {
        ChainHead {
            seq: 0,
            hash: "0".repeat(64),
        }
    }
}

/// The open head file of a journal.
#[derive(Debug)]
pub struct HeadFile {
    file: Arc<File>,
    path: PathBuf,
    /// Which slot holds the newest head this process wrote (the next write goes to the other).
    newest_slot: Mutex<Option<u64>>,
    /// Syncs written heads to the disk; started by the first write.
    syncer: Mutex<Option<Syncer>>,
}

/// `journal.sqlite` -> `journal.chain`.
pub fn head_path(journal: &Path) -> PathBuf {
    journal.with_extension("chain")
}

impl HeadFile {
    /// Opens the head file, creating it if it does not exist.
    pub fn open(path: &Path) -> Result<HeadFile, StoreError> {
        Ok(HeadFile {
            file: Arc::new(private_file(path)?),
            path: path.to_path_buf(),
            newest_slot: Mutex::new(None),
            syncer: Mutex::new(None),
        })
    }

    /// The newest valid head in the file; `None` for a file with no valid slot (new, or both
    /// slots unreadable).
    pub fn read(&self) -> Option<ChainHead> {
        self.read_slots()
            .into_iter()
            .flatten()
            .max_by_key(|(_, h)| h.seq)
            .map(|(_, h)| h)
    }

    fn read_slots(&self) -> [Option<(u64, ChainHead)>; 2] {
        [0, 1].map(|slot| {
            let mut buf = vec![0u8; SLOT as usize];
            self.file.read_exact_at(&mut buf, slot * SLOT).ok()?;
            decode(&buf).map(|h| (slot, h))
        })
    }

    /// Records `head`: written at once, on the disk within one `fdatasync` (see the module's
    /// doc). Waits first until the head written before it is on the disk, so the slot this one
    /// does not touch always holds a synced head. The slot is the sequence number's parity,
    /// unless that slot holds the newest head (a commit that added several records): never
    /// over the newest.
    pub fn write(&self, head: &ChainHead) -> Result<(), StoreError> {
        let io = |e: std::io::Error| StoreError::Open(format!("{}: {e}", self.path.display()));
        let mut syncer = lock(&self.syncer);
        let syncer = match syncer.as_mut() {
            Some(s) => s,
            None => syncer.insert(Syncer::start(Arc::clone(&self.file), &self.path).map_err(io)?),
        };
        syncer.wait_synced()?;
        let mut newest = lock(&self.newest_slot);
        let newest_slot = match *newest {
            Some(slot) => Some(slot),
            None => self
                .read_slots()
                .into_iter()
                .flatten()
                .max_by_key(|(_, h)| h.seq)
                .map(|(slot, _)| slot),
        };
        let slot = match head.seq % 2 {
            s if Some(s) == newest_slot => 1 - s,
            s => s,
        };
        self.file
            .write_all_at(&encode(head), slot * SLOT)
            .map_err(io)?;
        *newest = Some(slot);
        syncer.written();
        Ok(())
    }

    /// Waits until every head written so far is on the disk.
    pub fn sync(&self) -> Result<(), StoreError> {
        match lock(&self.syncer).as_ref() {
            Some(syncer) => syncer.wait_synced(),
            None => Ok(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for HeadFile {
    /// The last head reaches the disk before the file is let go.
    fn drop(&mut self) {
        if let Some(syncer) = lock(&self.syncer).take() {
            if let Err(e) = syncer.stop() {
                tracing::error!(error = %e, "the journal's last head may not be on disk");
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The thread that `fdatasync`s the head file after each write, one write behind at most.
#[derive(Debug)]
struct Syncer {
    shared: Arc<(Mutex<SyncState>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct SyncState {
    /// Heads written, and heads known to be on the disk (counts).
    written: u64,
    synced: u64,
    stop: bool,
    /// The last `fdatasync` failure, not yet told to a writer.
    failed: Option<String>,
}

impl Syncer {
    fn start(file: Arc<File>, path: &Path) -> std::io::Result<Syncer> {
        let shared = Arc::new((Mutex::new(SyncState::default()), Condvar::new()));
        let theirs = Arc::clone(&shared);
        let name = path.display().to_string();
        let thread = std::thread::Builder::new()
            .name("journal-head".into())
            .spawn(move || sync_loop(&file, &theirs, &name))?;
        Ok(Syncer {
            shared,
            thread: Some(thread),
        })
    }

    /// A head was written: the thread syncs it.
    fn written(&self) {
        let (state, wake) = &*self.shared;
        lock(state).written += 1;
        wake.notify_all();
    }

    /// Waits until every written head is synced; the error of a failed sync, once.
    fn wait_synced(&self) -> Result<(), StoreError> {
        let (state, wake) = &*self.shared;
        let mut s = lock(state);
        while s.synced < s.written && s.failed.is_none() {
            s = wake.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        match s.failed.take() {
            Some(e) => Err(StoreError::Open(e)),
            None => Ok(()),
        }
    }

    /// Syncs what is left and ends the thread.
    fn stop(mut self) -> Result<(), StoreError> {
        let synced = self.wait_synced();
        let (state, wake) = &*self.shared;
        lock(state).stop = true;
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        synced
    }
}

fn sync_loop(file: &File, shared: &(Mutex<SyncState>, Condvar), name: &str) {
    let (state, wake) = shared;
    loop {
        let target = {
            let mut s = lock(state);
            while s.synced == s.written && !s.stop {
                s = wake.wait(s).unwrap_or_else(|e| e.into_inner());
            }
            if s.synced == s.written {
                return;
            }
            s.written
        };
        let result = file.sync_data();
        let mut s = lock(state);
        s.synced = target;
        if let Err(e) = result {
            tracing::error!(error = %e, file = name, "could not sync the journal's head");
            s.failed = Some(format!("{name}: {e}"));
        }
        wake.notify_all();
    }
}

fn checksum(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn encode(head: &ChainHead) -> Vec<u8> {
    let body = format!("{MAGIC} {} {}", head.seq, head.hash);
    let mut line = format!("{body} {}\n", checksum(&body)).into_bytes();
    line.resize(SLOT as usize, b' ');
    line
}

fn decode(buf: &[u8]) -> Option<ChainHead> {
    let text = std::str::from_utf8(buf).ok()?;
    let line = text.lines().next()?;
    let mut parts = line.split(' ');
    let (magic, seq, hash, check) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if magic != MAGIC || checksum(&format!("{magic} {seq} {hash}")) != check {
        return None;
    }
    Some(ChainHead {
        seq: seq.parse().ok()?,
        hash: hash.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(seq: u64) -> ChainHead {
        ChainHead {
            seq,
            hash: format!("{seq:064x}"),
        }
    }

    #[test]
    fn the_newest_head_survives_a_torn_write_of_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.chain");
        let file = HeadFile::open(&path).unwrap();
        assert_eq!(file.read(), None, "a new file has no head");
        file.write(&head(1)).unwrap();
        file.write(&head(2)).unwrap();
        assert_eq!(file.read(), Some(head(2)));
        // A power cut in the middle of writing head 3 (slot 1) leaves garbage there.
        let raw = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        raw.write_all_at(b"ventanilla-chain-v1 3 00", SLOT).unwrap();
        assert_eq!(HeadFile::open(&path).unwrap().read(), Some(head(2)));
        // A flipped bit in the newest slot is caught by its checksum.
        file.write(&head(3)).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[(SLOT + 30) as usize] ^= 0x01;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(HeadFile::open(&path).unwrap().read(), Some(head(2)));
    }

    #[test]
    fn a_commit_of_several_records_never_writes_over_the_newest_head() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.chain");
        let file = HeadFile::open(&path).unwrap();
        file.write(&head(2)).unwrap();
        // A ticket of two bills: the chain jumps from 2 to 4, same parity.
        file.write(&head(4)).unwrap();
        let slots = |f: &HeadFile| f.read_slots().map(|s| s.map(|(_, h)| h.seq));
        assert_eq!(slots(&file), [Some(2), Some(4)], "2 kept beside 4");
        file.write(&head(5)).unwrap();
        assert_eq!(slots(&file), [Some(5), Some(4)]);
        drop(file);
        // A new process learns where the newest is from the file itself.
        let file = HeadFile::open(&path).unwrap();
        file.write(&head(7)).unwrap();
        assert_eq!(slots(&file), [Some(5), Some(7)]);
        file.write(&head(9)).unwrap();
        assert_eq!(slots(&file), [Some(9), Some(7)]);
        file.sync().unwrap();
        assert_eq!(file.read(), Some(head(9)));
    }
}
