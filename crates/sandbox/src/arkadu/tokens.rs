//! The OAuth2 tokens the platform has issued to the agent app: access tokens that expire, and
//! refresh tokens that trade once for a new pair (django-oauth-toolkit rotates both; the old
//! access token dies with its refresh token).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
struct Issued {
    /// access token -> until when it is valid
    access: HashMap<String, Instant>,
    /// refresh token -> the access token issued with it
    refresh: HashMap<String, String>,
}

/// Issued tokens.
#[derive(Debug, Default)]
pub struct Tokens {
    issued: Mutex<Issued>,
}

/// A fresh pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub access: String,
    pub refresh: String,
}

fn random_token() -> String {
    format!("{:032x}", rand::random::<u128>())
}

impl Tokens {
    fn lock(&self) -> MutexGuard<'_, Issued> {
        self.issued.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new pair; the access token lives `lifetime`.
    pub fn issue(&self, lifetime: Duration) -> Pair {
        let pair = Pair {
            access: random_token(),
            refresh: random_token(),
        };
        let now = Instant::now();
        let mut issued = self.lock();
        issued.access.retain(|_, exp| *exp > now);
        issued.access.insert(pair.access.clone(), now + lifetime);
        issued
            .refresh
            .insert(pair.refresh.clone(), pair.access.clone());
        pair
    }

    /// Trades a refresh token for a new pair, revoking the old one; `None` if it is unknown
    /// (never issued, or already used).
    pub fn refresh(&self, refresh: &str, lifetime: Duration) -> Option<Pair> {
        {
            let mut issued = self.lock();
            let old_access = issued.refresh.remove(refresh)?;
            issued.access.remove(&old_access);
        }
        Some(self.issue(lifetime))
    }

    /// True while the access token exists and has not expired.
    pub fn is_valid(&self, access: &str) -> bool {
        self.lock()
            .access
            .get(access)
            .is_some_and(|exp| *exp > Instant::now())
    }
}
