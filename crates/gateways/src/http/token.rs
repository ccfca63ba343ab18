//! An access token: one cached token per client, renewed shortly before it runs out. How a
//! gateway logs in is its own business; this only keeps what the login granted.
//!
//! The cache holds a `tokio` mutex across the login call on purpose: when the token is missing
//! or stale, the first caller logs in and every concurrent caller waits for that token instead
//! of starting a login of its own.

use std::future::Future;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;
use ventanilla_core::Secret;

use crate::error::GatewayError;

/// What a successful login grants.
pub struct Grant {
    pub token: Secret,
    pub lifetime: Duration,
}

/// The token in use, shared by every call of one client.
pub struct TokenCache {
    slot: Mutex<Option<Cached>>,
}

struct Cached {
    token: Secret,
    renew_at: Instant,
}

/// Renew with a tenth of the lifetime left, but never more than a minute early: a 1800 s token
/// is used for 29 minutes, a 2 s test token for 1.8 s.
fn margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(60))
}

impl TokenCache {
    pub fn new() -> TokenCache {
        TokenCache {
            slot: Mutex::new(None),
        }
    }

    /// The cached token, or a fresh one from `login` when there is none or it is about to expire.
    pub async fn get<F, Fut>(&self, login: F) -> Result<Secret, GatewayError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Grant, GatewayError>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some(cached) = slot.as_ref() {
            if Instant::now() < cached.renew_at {
                return Ok(cached.token.clone());
            }
        }
        // Counted from before the request: the gateway's clock starts no earlier than this.
        let asked_at = Instant::now();
        let grant = login().await?;
        *slot = Some(Cached {
            token: grant.token.clone(),
            renew_at: asked_at + grant.lifetime.saturating_sub(margin(grant.lifetime)),
        });
        Ok(grant.token)
    }

    /// Drops `used` after the gateway refused it, unless another caller has already replaced it (then
    /// the newer token is kept and simply used for the retry).
    pub async fn forget(&self, used: &Secret) {
        let mut slot = self.slot.lock().await;
        if slot.as_ref().is_some_and(|c| &c.token == used) {
            *slot = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    async fn login(n: &AtomicU32, lifetime: u64) -> Result<Grant, GatewayError> {
        let i = n.fetch_add(1, Ordering::SeqCst) + 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
        Ok(Grant {
            token: Secret::new(format!("t{i}")),
            lifetime: Duration::from_secs(lifetime),
        })
    }

    #[tokio::test(start_paused = true)]
    async fn reuses_the_token_and_renews_it_before_it_runs_out() {
        let cache = TokenCache::new();
        let logins = AtomicU32::new(0);
        let t1 = cache.get(|| login(&logins, 1800)).await.unwrap();
        tokio::time::advance(Duration::from_secs(1700)).await;
        assert_eq!(cache.get(|| login(&logins, 1800)).await.unwrap(), t1);
        assert_eq!(logins.load(Ordering::SeqCst), 1);
        // 1800 s lifetime: renewed once less than 60 s remain.
        tokio::time::advance(Duration::from_secs(50)).await;
        let t2 = cache.get(|| login(&logins, 1800)).await.unwrap();
        assert_ne!(t2, t1);
        assert_eq!(logins.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn short_lifetimes_renew_at_a_tenth() {
        let cache = TokenCache::new();
        let logins = AtomicU32::new(0);
        let t1 = cache.get(|| login(&logins, 10)).await.unwrap();
        tokio::time::advance(Duration::from_millis(8800)).await;
        assert_eq!(cache.get(|| login(&logins, 10)).await.unwrap(), t1);
        tokio::time::advance(Duration::from_millis(200)).await;
        assert_ne!(cache.get(|| login(&logins, 10)).await.unwrap(), t1);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_share_one_login() {
        let cache = Arc::new(TokenCache::new());
        let logins = Arc::new(AtomicU32::new(0));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (cache, logins) = (cache.clone(), logins.clone());
            tasks.push(tokio::spawn(async move {
                cache.get(|| login(&logins, 1800)).await.unwrap()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().expose(), "t1");
        }
        assert_eq!(logins.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn forgetting_a_stale_token_keeps_a_newer_one() {
        let cache = TokenCache::new();
        let logins = AtomicU32::new(0);
        let t1 = cache.get(|| login(&logins, 1800)).await.unwrap();
        cache.forget(&t1).await;
        let t2 = cache.get(|| login(&logins, 1800)).await.unwrap();
        // A second caller that also got a 401 with t1 must not throw t2 away.
        cache.forget(&t1).await;
        assert_eq!(cache.get(|| login(&logins, 1800)).await.unwrap(), t2);
        assert_eq!(logins.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_login_caches_nothing() {
        let cache = TokenCache::new();
        let err = cache
            .get(|| async { Err::<Grant, _>(GatewayError::Unauthorized) })
            .await;
        assert_eq!(err, Err(GatewayError::Unauthorized));
        let logins = AtomicU32::new(0);
        assert_eq!(
            cache.get(|| login(&logins, 60)).await.unwrap().expose(),
            "t1"
        );
    }
}
