//! The access tokens the hub has issued, and until when each is valid.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Issued access tokens and when they expire.
#[derive(Debug, Default)]
pub struct Tokens {
    map: Mutex<HashMap<String, Instant>>,
}

impl Tokens {
    /// A new token valid for `lifetime`.
    pub fn issue(&self, lifetime: Duration) -> String {
        let token = format!(
            "{:032x}{:08x}",
            rand::random::<u128>(),
            rand::random::<u32>()
        );
        let now = Instant::now();
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, exp| *exp > now);
        map.insert(token.clone(), now + lifetime);
        token
    }

    /// True while the token exists and has not expired.
    pub fn is_valid(&self, token: &str) -> bool {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(token).is_some_and(|exp| *exp > Instant::now())
    }
}
