//! Saving the state file after a change. A gateway's handler holds a [`Saver`] (taken from the
//! server's state through axum `FromRef`) and calls [`Saver::save`] after each change, before
//! answering; what a snapshot holds is decided where the gateways are composed, so no gateway
//! knows the others or the file's layout.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use crate::persist::Persister;

/// Writes the current state (as the state file holds it) into the given writer.
type WriteState = dyn Fn(&mut dyn Write) -> io::Result<()> + Send + Sync;

/// Saves the whole state, or does nothing when the sandbox keeps its state in memory.
#[derive(Clone)]
pub struct Saver {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    persister: Persister,
    /// Held while snapshotting and writing, so the file only moves forward.
    lock: Mutex<()>,
    write_state: Box<WriteState>,
}

impl std::fmt::Debug for Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Saver")
            .field("path", &self.inner.as_ref().map(|i| i.persister.path()))
            .finish()
    }
}

impl Saver {
    /// A saver that keeps nothing: the state lives in memory only.
    pub fn in_memory() -> Saver {
        Saver { inner: None }
    }

    /// On every save, `write_state` writes the current state through `persister`.
    pub fn new(
        persister: Persister,
        write_state: impl Fn(&mut dyn Write) -> io::Result<()> + Send + Sync + 'static,
    ) -> Saver {
        Saver {
            inner: Some(Arc::new(Inner {
                persister,
                lock: Mutex::new(()),
                write_state: Box::new(write_state),
            })),
        }
    }

    /// Writes the state file (if any) with the current state. Each write snapshots under the
    /// file lock, so a later write never carries an older state than an earlier one.
    pub async fn save(&self) {
        let Some(inner) = self.inner.clone() else {
            return;
        };
        let done = tokio::task::spawn_blocking(move || {
            let _guard = inner.lock.lock().unwrap_or_else(|e| e.into_inner());
            inner
                .persister
                .save_with(|out| (inner.write_state)(out))
                .map_err(|e| (inner.persister.path().to_owned(), e))
        })
        .await;
        match done {
            Ok(Ok(())) => {}
            Ok(Err((path, e))) => {
                tracing::error!("cannot write state file {}: {e}", path.display())
            }
            Err(e) => tracing::error!("state file writer failed: {e}"),
        }
    }
}
