//! The journal refusing writes, as the sender and the use cases meet it (see
//! `journal_health` for the memory of a refusal spell).

use std::time::{Duration, Instant};

use ventanilla_store::StoreError;

use crate::context::Context;
use crate::error::UiError;
use crate::journal_health::{refusal_of, Gate, Refusal, PROBE_MAX};

impl Context {
    /// A journal write failed. If the journal refuses writes as such, the sender pauses (one
    /// error line when that starts, not one per failure) and the status bar says so; returns
    /// true. Any other error is the caller's to report; returns false.
    pub fn journal_refused(&self, error: &StoreError) -> bool {
        let Some(refusal) = refusal_of(error) else {
            return false;
        };
        let delivery = &self.cfg.delivery;
        let started = self.journal_health.refused(
            refusal,
            Instant::now(),
            delivery.backoff_base,
            delivery.backoff_max.min(PROBE_MAX),
        );
        if started {
            tracing::error!(error = %error, "the journal refuses writes; sending paused until it takes them again");
            self.status_changed();
        } else {
            tracing::debug!(error = %error, "the journal still refuses writes");
        }
        true
    }

    /// Whether attempts may go now: `None` when they may, else how long to wait. While the
    /// journal refuses writes this probes it once its wait is over (the only write the sender
    /// makes meanwhile), and ends the pause when the probe goes through.
    pub fn journal_gate(&self) -> Option<Duration> {
        let health = &self.journal_health;
        match health.gate(Instant::now()) {
            Gate::Open => None,
            Gate::Wait(d) => Some(d),
            Gate::Probe => {
                let probe = self.store().probe_writable();
                match probe {
                    Ok(()) => {
                        if let Some(lasted) = health.recovered(Instant::now()) {
                            tracing::info!(
                                secs = lasted.as_secs(),
                                "the journal takes writes again; sending resumes"
                            );
                            self.status_changed();
                        }
                        None
                    }
                    Err(e) => {
                        if !self.journal_refused(&e) {
                            // Not a refusal after all (say, a locked table): let the next
                            // attempt find out, rather than wait on a probe that cannot tell.
                            tracing::warn!(error = %e, "journal probe failed");
                            if health.recovered(Instant::now()).is_some() {
                                self.status_changed();
                            }
                            return None;
                        }
                        match health.gate(Instant::now()) {
                            Gate::Wait(d) => Some(d),
                            Gate::Open | Gate::Probe => None,
                        }
                    }
                }
            }
        }
    }

    /// Whether the journal refuses writes just now (an attempt stops before its next call).
    pub fn journal_refusing(&self) -> Option<Refusal> {
        self.journal_health.refusal()
    }

    /// Caps the journal at `pages` pages (never below its current size: SQLite's rule).
    pub fn limit_journal_pages(&self, pages: u32) -> Result<(), UiError> {
        self.store()
            .limit_pages(pages)
            .map_err(|e| UiError::store(&e, self.locale()))
    }
}
