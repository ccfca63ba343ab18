//! State shared by every route: the simulated gateways, the fault plan and the state file.

use std::sync::{Arc, Mutex};

use crate::config::SandboxConfig;
use crate::error::SandboxError;
use crate::faults::FaultCtl;
use crate::persist::{Persister, StateFile, STATE_VERSION};
use crate::traxion::Hub;

/// Axum state of the whole server.
pub type AppState = Arc<Shared>;

#[derive(Debug)]
pub struct Shared {
    pub faults: Arc<FaultCtl>,
    pub traxion: Hub,
    persister: Option<Persister>,
    persist_lock: Mutex<()>,
}

impl Shared {
    /// Builds the state, loading the state file if there is one.
    pub fn new(cfg: &SandboxConfig) -> Result<Self, SandboxError> {
        let persister = cfg.state_file.as_ref().map(Persister::new);
        let saved = match &persister {
            Some(p) => p.load()?,
            None => None,
        };
        Ok(Shared {
            faults: Arc::new(FaultCtl::new(cfg.faults.clone())),
            traxion: Hub::new(cfg, saved.and_then(|s| s.traxion)),
            persister,
            persist_lock: Mutex::new(()),
        })
    }

    pub fn snapshot(&self) -> StateFile {
        StateFile {
            version: STATE_VERSION,
            traxion: Some(self.traxion.ledger().snapshot()),
        }
    }

    /// Writes the state file (if any) with the current state. Called after every mutation,
    /// before answering. Each write snapshots under the file lock, so the file only moves forward.
    pub async fn persist(self: &Arc<Self>) {
        if self.persister.is_none() {
            return;
        }
        let me = Arc::clone(self);
        let done = tokio::task::spawn_blocking(move || {
            let _guard = me.persist_lock.lock().unwrap_or_else(|e| e.into_inner());
            let snapshot = me.snapshot();
            match &me.persister {
                Some(p) => p.save(&snapshot).map_err(|e| (p.path().to_owned(), e)),
                None => Ok(()),
            }
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

    /// Forgets all sales (bills become payable again) and persists that.
    pub async fn reset(self: &Arc<Self>) {
        self.traxion.ledger().reset();
        self.persist().await;
    }
}
