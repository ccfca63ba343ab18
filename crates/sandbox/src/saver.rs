//! Saving the state file after a change. A gateway's handler holds a [`Saver`] (taken from the
//! server's state through axum `FromRef`) and calls [`Saver::save`] after each change, before
//! answering; what a snapshot holds is decided where the gateways are composed, so no gateway
//! knows the others or the file's layout.

use std::sync::{Arc, Mutex};

use crate::persist::{Persister, StateFile};

/// Saves the whole state, or does nothing when the sandbox keeps its state in memory.
#[derive(Clone)]
pub struct Saver {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    persister: Persister,
    /// Held while snapshotting and writing, so the file only moves forward.
    lock: Mutex<()>,
    snapshot: Box<dyn Fn() -> StateFile + Send + Sync>,
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

    /// Writes what `snapshot` returns with `persister` on every save.
    pub fn new(
        persister: Persister,
        snapshot: impl Fn() -> StateFile + Send + Sync + 'static,
    ) -> Saver {
        Saver {
            inner: Some(Arc::new(Inner {
                persister,
                lock: Mutex::new(()),
                snapshot: Box::new(snapshot),
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
            let snapshot = (inner.snapshot)();
            inner
                .persister
                .save(&snapshot)
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
