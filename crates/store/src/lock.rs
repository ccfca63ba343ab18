//! One process owns a journal at a time. Two writers on one journal take over each other's
//! in-flight sales (and post them twice) or fail with "database is locked" mid-sale, so the
//! owner holds an OS lock on a file beside the journal for as long as it lives, and every other
//! process that wants to write is refused at once, told who holds it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::StoreError;
pub use crate::holder::Holder;

/// Held for the owner's life; the OS releases it when the process ends, even by SIGKILL, so a
/// crash never leaves a counter locked out of its own journal.
#[derive(Debug)]
pub struct JournalLock {
    _file: File,
    /// The journal file itself, locked too once it exists: deleting `journal.lock` under a
    /// running counter must not let a second one in.
    journal: Option<File>,
    path: PathBuf,
}

/// The lock file of the journal at `journal`: `journal.sqlite` -> `journal.lock`.
pub fn lock_path(journal: &Path) -> PathBuf {
    journal.with_extension("lock")
}

impl JournalLock {
    /// Takes the journal's lock, or says who has it. Never waits: a cashier's second window
    /// or a script must hear "in use" now, not hang.
    pub fn acquire(journal: &Path, at: chrono::DateTime<chrono::Utc>) -> Result<Self, StoreError> {
        let path = lock_path(journal);
        let mut file = private_file(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(StoreError::Busy(parse_holder(&text)));
            }
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::Open(format!("{}: {e}", path.display())))
            }
        }
        // Ours now: say who we are, for the next one who asks.
        let me = format!(
            "pid {}\nprogram {}\nsince {}\n",
            std::process::id(),
            program_name(),
            at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        let written = file
            .set_len(0)
            .and_then(|_| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(me.as_bytes()))
            .and_then(|_| file.flush());
        if let Err(e) = written {
            // The lock is what protects the journal; the note about its owner is a courtesy.
            tracing::warn!(error = %e, "could not note this process in the journal's lock file");
        }
        Ok(JournalLock {
            _file: file,
            journal: None,
            path,
        })
    }

    /// Locks the journal file as well (it must exist). Refused as `Busy` when another process
    /// holds it, whatever became of the lock file.
    pub fn hold_journal(&mut self, journal: &Path) -> Result<(), StoreError> {
        let file = private_file(journal)?;
        match file.try_lock() {
            Ok(()) => {
                self.journal = Some(file);
                Ok(())
            }
            Err(TryLockError::WouldBlock) => {
                let text = std::fs::read_to_string(&self.path).unwrap_or_default();
                Err(StoreError::Busy(parse_holder(&text)))
            }
            Err(TryLockError::Error(e)) => {
                Err(StoreError::Open(format!("{}: {e}", journal.display())))
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Opens (creating if needed) a file only this user can read: the journal's neighbours say
/// who works the counter and hold customer ids.
pub(crate) fn private_file(path: &Path) -> Result<File, StoreError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map_err(|e| StoreError::Open(format!("{}: {e}", path.display())))
}

fn program_name() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "ventanilla".into())
}

fn parse_holder(text: &str) -> Holder {
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
    };
    Holder {
        pid: field("pid ").and_then(|p| p.parse().ok()),
        program: field("program ").unwrap_or_else(|| "?".into()),
        since: field("since ").unwrap_or_else(|| "?".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_owner_is_refused_and_told_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.sqlite");
        let first = JournalLock::acquire(&journal, chrono::Utc::now()).unwrap();
        let Err(StoreError::Busy(holder)) = JournalLock::acquire(&journal, chrono::Utc::now())
        else {
            panic!("a second lock was granted");
        };
        assert_eq!(holder.pid, Some(std::process::id()));
        assert!(!holder.program.is_empty() && holder.program != "?");
        drop(first);
        JournalLock::acquire(&journal, chrono::Utc::now()).expect("free again once dropped");
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.sqlite");
        let lock = JournalLock::acquire(&journal, chrono::Utc::now()).unwrap();
        let mode = std::fs::metadata(lock.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
