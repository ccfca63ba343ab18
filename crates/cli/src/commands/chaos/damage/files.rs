//! The journal's files: what a damage does to them, and their bytes before and after.

use std::io::{ErrorKind, Read, Seek, SeekFrom};
use std::path::Path;

use rand::rngs::StdRng;
use rand::Rng;

/// What is done to the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// One bit of the WAL (of the database file when the WAL is empty).
    BitFlip,
    /// The WAL cut to a shorter length (the database file when the WAL is empty).
    Truncated,
    /// `journal.sqlite` at 0 bytes and its WAL gone.
    Emptied,
    /// `journal.sqlite` and its WAL gone.
    Deleted,
    /// `journal.chain` gone: nothing shows any more that the journal is whole.
    HeadDeleted,
}

impl Kind {
    pub(super) const ALL: [Kind; 5] = [
        Kind::BitFlip,
        Kind::Truncated,
        Kind::Emptied,
        Kind::Deleted,
        Kind::HeadDeleted,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::BitFlip => "bit flip",
            Kind::Truncated => "truncation",
            Kind::Emptied => "emptied",
            Kind::Deleted => "deleted",
            Kind::HeadDeleted => "head file deleted",
        }
    }

    /// With its head file gone a journal cannot be shown to be whole, however whole it is: the
    /// only right answer is a refusal (the store's `HeadMissing`), and the refusal must say so.
    pub(super) fn must_refuse_naming(self) -> Option<&'static str> {
        (self == Kind::HeadDeleted).then_some(HEAD)
    }
}

pub(super) const JOURNAL: &str = "journal.sqlite";
pub(super) const WAL: &str = "journal.sqlite-wal";
pub(super) const SHM: &str = "journal.sqlite-shm";
pub(super) const HEAD: &str = "journal.chain";

/// The files that make up the journal and must survive a refused start byte for byte. The lock
/// file (who opened it last) and the WAL index (`-shm`, rebuilt from the WAL by the first
/// opener) may change and are not the journal.
const KEPT: [&str; 3] = [JOURNAL, WAL, HEAD];

/// The bytes of the journal's files; `None` for a file that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot(Vec<(&'static str, Option<Vec<u8>>)>);

impl Snapshot {
    pub fn take(dir: &Path) -> Result<Snapshot, String> {
        KEPT.iter()
            .map(|name| match std::fs::read(dir.join(name)) {
                Ok(bytes) => Ok((*name, Some(bytes))),
                Err(e) if e.kind() == ErrorKind::NotFound => Ok((*name, None)),
                Err(e) => Err(format!("{}: {e}", dir.join(name).display())),
            })
            .collect::<Result<_, _>>()
            .map(Snapshot)
    }

    /// The files that differ in `now`, each with how.
    pub fn changes(&self, now: &Snapshot) -> Vec<String> {
        let size = |b: &Option<Vec<u8>>| match b {
            None => "absent".to_string(),
            Some(b) => format!("{} bytes", b.len()),
        };
        self.0
            .iter()
            .zip(&now.0)
            .filter(|((_, a), (_, b))| a != b)
            .map(|((name, a), (_, b))| {
                if a.as_ref().map(Vec::len) == b.as_ref().map(Vec::len) {
                    format!("{name} (same size, other bytes)")
                } else {
                    format!("{name} ({} -> {})", size(a), size(b))
                }
            })
            .collect()
    }

    /// Writes the files into `dir` as they were, removing those that did not exist. The WAL
    /// index goes too: the one left there describes another WAL.
    pub fn restore(&self, dir: &Path) -> Result<(), String> {
        for (name, bytes) in &self.0 {
            let path = dir.join(name);
            match bytes {
                Some(b) => std::fs::write(&path, b),
                None => remove(&path),
            }
            .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        remove(&dir.join(SHM)).map_err(|e| format!("{SHM}: {e}"))
    }
}

pub(super) fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The length of a file, 0 when it does not exist.
pub(super) fn len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Does `kind` to the journal in `dir`, its offsets drawn from `rng`; says what it did.
pub fn strike(kind: Kind, dir: &Path, rng: &mut StdRng) -> std::io::Result<String> {
    // The WAL holds the latest commits (the ones a damaged WAL loses); an empty one has nothing
    // to damage, so the database file takes the hit instead.
    let target = if len(&dir.join(WAL)) > 0 {
        WAL
    } else {
        JOURNAL
    };
    let path = dir.join(target);
    match kind {
        Kind::BitFlip => {
            let size = len(&path);
            if size == 0 {
                return Ok(format!("nothing to flip: {target} is empty"));
            }
            let at = rng.gen_range(0..size);
            let bit = rng.gen_range(0..8u8);
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path)?;
            let mut byte = [0u8];
            file.seek(SeekFrom::Start(at))?;
            file.read_exact(&mut byte)?;
            byte[0] ^= 1 << bit;
            file.seek(SeekFrom::Start(at))?;
            std::io::Write::write_all(&mut file, &byte)?;
            Ok(format!(
                "bit {bit} of byte {at} of {target} ({size} bytes) flipped"
            ))
        }
        Kind::Truncated => {
            let size = len(&path);
            if size == 0 {
                return Ok(format!("nothing to cut: {target} is empty"));
            }
            let to = rng.gen_range(0..size);
            std::fs::OpenOptions::new()
                .write(true)
                .open(&path)?
                .set_len(to)?;
            Ok(format!("{target} cut from {size} to {to} bytes"))
        }
        Kind::Emptied => {
            let size = len(&dir.join(JOURNAL));
            std::fs::OpenOptions::new()
                .write(true)
                .open(dir.join(JOURNAL))?
                .set_len(0)?;
            remove(&dir.join(WAL))?;
            remove(&dir.join(SHM))?;
            Ok(format!("{JOURNAL} emptied ({size} bytes), its WAL removed"))
        }
        Kind::Deleted => {
            for name in [JOURNAL, WAL, SHM] {
                remove(&dir.join(name))?;
            }
            Ok(format!("{JOURNAL} and its WAL deleted"))
        }
        Kind::HeadDeleted => {
            remove(&dir.join(HEAD))?;
            Ok(format!("{HEAD} deleted"))
        }
    }
}
