//! The optional state file: loaded at start, rewritten atomically (temp file, fsync, rename)
//! after every mutation, so a restart keeps sales and paid bills.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::arkadu::book::BookSnapshot;
use crate::error::SandboxError;
use crate::traxion::ledger::{LedgerSnapshot, LedgerView};

/// Format version of the state file.
pub const STATE_VERSION: u32 = 1;

/// Everything mutable the sandbox keeps, one section per simulated gateway.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StateFile {
    pub version: u32,
    #[serde(default)]
    pub traxion: Option<LedgerSnapshot>,
    /// The tax platform's orders and paid items; absent in files written before it existed.
    #[serde(default)]
    pub arkadu: Option<BookSnapshot>,
}

/// Reads and writes one state file.
#[derive(Debug, Clone)]
pub struct Persister {
    path: PathBuf,
}

impl Persister {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Persister { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved state, or `None` when the file does not exist yet.
    pub fn load(&self) -> Result<Option<StateFile>, SandboxError> {
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(SandboxError::State {
                    path: self.path.clone(),
                    reason: e.to_string(),
                })
            }
        };
        let state: StateFile = serde_json::from_slice(&bytes).map_err(|e| SandboxError::State {
            path: self.path.clone(),
            reason: e.to_string(),
        })?;
        if state.version != STATE_VERSION {
            return Err(SandboxError::State {
                path: self.path.clone(),
                reason: format!(
                    "unsupported version {} (expected {STATE_VERSION})",
                    state.version
                ),
            });
        }
        Ok(Some(state))
    }

    /// Writes `state` so that a crash leaves either the old file or the new one, never a mix.
    pub fn save(&self, state: &StateFile) -> io::Result<()> {
        self.save_with(|out| serde_json::to_writer(out, state).map_err(io::Error::other))
    }

    /// Like [`Self::save`], with the content written by `write` straight into the temp file:
    /// the state is serialized as it is read, never copied or held whole in memory (the
    /// ledger grows with every sale and is saved after each one).
    pub fn save_with(
        &self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut tmp_name = self.path.file_name().unwrap_or_default().to_os_string();
        tmp_name.push(".tmp");
        let tmp = self.path.with_file_name(tmp_name);
        {
            let mut out = BufWriter::new(File::create(&tmp)?);
            write(&mut out)?;
            let f = out.into_inner().map_err(io::IntoInnerError::into_error)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, &self.path)?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the rename itself durable; not every platform can open a directory.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

/// [`StateFile`] borrowed from the live state, for writing it without a copy.
#[derive(Serialize)]
pub struct StateFileView<'a> {
    pub version: u32,
    pub traxion: Option<LedgerView<'a>>,
    pub arkadu: Option<&'a BookSnapshot>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_then_load() {
        let dir = tempfile::tempdir().unwrap();
        let p = Persister::new(dir.path().join("state.json"));
        assert_eq!(p.load().unwrap(), None);
        let state = StateFile {
            version: STATE_VERSION,
            traxion: None,
            arkadu: None,
        };
        p.save(&state).unwrap();
        p.save(&state).unwrap();
        assert_eq!(p.load().unwrap(), Some(state));
        assert!(!dir.path().join("state.json.tmp").exists());
        fs::write(p.path(), b"{not json").unwrap();
        assert!(p.load().is_err());
    }
}
