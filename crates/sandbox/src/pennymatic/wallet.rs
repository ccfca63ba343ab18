//! The wallet gateway's state, which its handlers extract from the server's state (axum
//! `FromRef`): connect sessions, payments, and the client that delivers consents.

use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};

use super::config::PennymaticConfig;
use super::payment::WalletPayment;
use super::session::Sessions;

#[derive(Debug)]
pub struct Pennymatic {
    pub config: PennymaticConfig,
    sessions: Mutex<Sessions>,
    payments: Mutex<Vec<WalletPayment>>,
    pub http: reqwest::Client,
}

impl Pennymatic {
    pub fn new(config: PennymaticConfig) -> Self {
        Pennymatic {
            config,
            sessions: Mutex::new(Sessions::default()),
            payments: Mutex::new(Vec::new()),
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        }
    }

    pub fn sessions(&self) -> MutexGuard<'_, Sessions> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every payment made, oldest first.
    pub fn payments(&self) -> MutexGuard<'_, Vec<WalletPayment>> {
        self.payments.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// When a payment made at `at` is confirmed (unix milliseconds).
    pub fn confirmed_at(&self, at: DateTime<Utc>) -> i64 {
        let delay = i64::try_from(self.config.confirm_delay.as_millis()).unwrap_or(i64::MAX);
        at.timestamp_millis().saturating_add(delay)
    }

    /// Forgets every session (their user tokens stop working) and every payment.
    pub fn reset(&self) {
        self.sessions().reset();
        self.payments().clear();
    }
}
