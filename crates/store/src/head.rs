//! The chain's head, kept outside SQLite in a small file beside the journal (`journal.chain`).
//!
//! SQLite cannot tell that it lost something: a deleted or emptied file opens as a new
//! database, and a damaged WAL silently drops every transaction after the damage. The head file
//! remembers how far the journal's chain of sale records had reached, so a journal that is now
//! shorter, or different, is recognised at start-up instead of trusted.
//!
//! It is written after every commit that extends the chain, with one `fdatasync`. Two slots,
//! each with its own checksum, alternate: a write torn by a power cut damages only the slot
//! being written, and the other still holds the previous head.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

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
    file: File,
    path: PathBuf,
}

/// `journal.sqlite` -> `journal.chain`.
pub fn head_path(journal: &Path) -> PathBuf {
    journal.with_extension("chain")
}

impl HeadFile {
    /// Opens the head file, creating it if it does not exist.
    pub fn open(path: &Path) -> Result<HeadFile, StoreError> {
        Ok(HeadFile {
            file: private_file(path)?,
            path: path.to_path_buf(),
        })
    }

    /// The newest valid head in the file; `None` for a file with no valid slot (new, or both
    /// slots unreadable).
    pub fn read(&self) -> Option<ChainHead> {
        (0..2)
            .filter_map(|slot| {
                let mut buf = vec![0u8; SLOT as usize];
                self.file.read_exact_at(&mut buf, slot * SLOT).ok()?;
                decode(&buf)
            })
            .max_by_key(|h| h.seq)
    }

    /// Records `head` durably. The slot is chosen by the sequence number, so consecutive heads
    /// never overwrite each other.
    pub fn write(&self, head: &ChainHead) -> Result<(), StoreError> {
        let slot = head.seq % 2;
        let io = |e: std::io::Error| StoreError::Open(format!("{}: {e}", self.path.display()));
        self.file
            .write_all_at(&encode(head), slot * SLOT)
            .map_err(io)?;
        self.file.sync_data().map_err(io)
    }

    pub fn path(&self) -> &Path {
        &self.path
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
}
