//! The hub's state, which its handlers extract from the server's state (axum `FromRef`), and
//! its clock.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};

use super::catalogue::Catalogue;
use super::fixtures;
use super::ledger::{Ledger, LedgerEntry, LedgerSnapshot};
use super::tokens::Tokens;
use crate::config::{Credentials, SandboxConfig};

/// The hub's state.
#[derive(Debug)]
pub struct Hub {
    pub catalogue: &'static Catalogue,
    ledger: Mutex<Ledger>,
    pub tokens: Tokens,
    pub credentials: Credentials,
    pub token_lifetime: Duration,
    pub seed: u64,
}

impl Hub {
    pub fn new(cfg: &SandboxConfig, saved: Option<LedgerSnapshot>) -> Self {
        Hub {
            catalogue: fixtures::catalogue(),
            ledger: Mutex::new(saved.map(Ledger::from_snapshot).unwrap_or_default()),
            tokens: Tokens::default(),
            credentials: cfg.credentials.clone(),
            token_lifetime: cfg.token_lifetime,
            seed: cfg.seed,
        }
    }

    pub fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every sale as the ledger endpoint lists it.
    pub fn ledger_entries(&self) -> Vec<LedgerEntry> {
        let at = now();
        self.ledger()
            .sales()
            .iter()
            .map(|s| s.ledger_entry(at))
            .collect()
    }
}

/// The hub's clock: now, at -03:00 (Argentina).
pub fn now() -> DateTime<FixedOffset> {
    let offset = FixedOffset::west_opt(3 * 3600).expect("valid offset");
    Utc::now().with_timezone(&offset)
}
