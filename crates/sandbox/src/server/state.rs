//! The server's state: each simulated gateway's own state, the fault plan and the state file.
//! Handlers never see this type: each takes its part (`Arc<Hub>`, `Arc<FaultCtl>`, `Saver`)
//! through the `FromRef` impls below.

use std::io::{self, Write};
use std::sync::Arc;

use axum::extract::FromRef;

use crate::arkadu::platform::Arkadu;
use crate::config::SandboxConfig;
use crate::error::SandboxError;
use crate::faults::ctl::FaultCtl;
use crate::pennymatic::wallet::Pennymatic;
use crate::persist::{Persister, StateFile, StateFileView, STATE_VERSION};
use crate::quickpay::terminal::Quickpay;
use crate::saver::Saver;
use crate::traxion::hub::Hub;

/// The axum state of the whole server. Cheap to clone.
#[derive(Debug, Clone)]
pub struct ServerState {
    pub faults: Arc<FaultCtl>,
    pub traxion: Arc<Hub>,
    pub arkadu: Arc<Arkadu>,
    /// The wallet gateway and the card terminal keep their state in memory only.
    pub pennymatic: Arc<Pennymatic>,
    pub quickpay: Arc<Quickpay>,
    pub saver: Saver,
}

impl ServerState {
    /// Builds the state, loading the state file if there is one.
    pub fn new(cfg: &SandboxConfig) -> Result<Self, SandboxError> {
        let persister = cfg.state_file.as_ref().map(Persister::new);
        let saved = match &persister {
            Some(p) => p.load()?,
            None => None,
        };
        let (saved_traxion, saved_arkadu) = match saved {
            Some(s) => (s.traxion, s.arkadu),
            None => (None, None),
        };
        let traxion = Arc::new(Hub::new(cfg, saved_traxion));
        let arkadu = Arc::new(Arkadu::new(cfg.arkadu.clone(), cfg.seed, saved_arkadu));
        let saver = match persister {
            Some(p) => {
                let traxion = Arc::clone(&traxion);
                let arkadu = Arc::clone(&arkadu);
                Saver::new(p, move |out| write_state(&traxion, &arkadu, out))
            }
            None => Saver::in_memory(),
        };
        Ok(ServerState {
            faults: Arc::new(FaultCtl::new(cfg.faults.clone())),
            traxion,
            arkadu,
            pennymatic: Arc::new(Pennymatic::new(cfg.pennymatic.clone())),
            quickpay: Arc::new(Quickpay::new(cfg.quickpay.clone())),
            saver,
        })
    }

    /// What the state file holds (or would hold).
    pub fn snapshot(&self) -> StateFile {
        snapshot(&self.traxion, &self.arkadu)
    }

    /// Forgets every gateway's sales (bills become payable again), card captures, wallet
    /// sessions and payments, and saves that.
    pub async fn reset(&self) {
        self.traxion.ledger().reset();
        self.arkadu.book().reset();
        self.pennymatic.reset();
        self.quickpay.captures().reset();
        self.saver.save().await;
    }
}

/// Writes the state file's content straight from the live ledger, under its lock (a copy of
/// every sale per save would make each sale cost more than the one before).
fn write_state(traxion: &Hub, arkadu: &Arkadu, out: &mut dyn Write) -> io::Result<()> {
    let ledger = traxion.ledger();
    let book = arkadu.book();
    let view = StateFileView {
        version: STATE_VERSION,
        traxion: Some(ledger.view()),
        arkadu: Some(book.snapshot()),
    };
    serde_json::to_writer(out, &view).map_err(io::Error::other)
}

/// One section per simulated gateway.
fn snapshot(traxion: &Hub, arkadu: &Arkadu) -> StateFile {
    StateFile {
        version: STATE_VERSION,
        traxion: Some(traxion.ledger().snapshot()),
        arkadu: Some(arkadu.book().snapshot().clone()),
    }
}

impl FromRef<ServerState> for Arc<FaultCtl> {
    fn from_ref(state: &ServerState) -> Self {
        Arc::clone(&state.faults)
    }
}

impl FromRef<ServerState> for Arc<Hub> {
    fn from_ref(state: &ServerState) -> Self {
        Arc::clone(&state.traxion)
    }
}

impl FromRef<ServerState> for Arc<Arkadu> {
    fn from_ref(state: &ServerState) -> Self {
        Arc::clone(&state.arkadu)
    }
}

impl FromRef<ServerState> for Arc<Pennymatic> {
    fn from_ref(state: &ServerState) -> Self {
        Arc::clone(&state.pennymatic)
    }
}

impl FromRef<ServerState> for Arc<Quickpay> {
    fn from_ref(state: &ServerState) -> Self {
        Arc::clone(&state.quickpay)
    }
}

impl FromRef<ServerState> for Saver {
    fn from_ref(state: &ServerState) -> Self {
        state.saver.clone()
    }
}
