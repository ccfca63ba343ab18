//! How the tax platform is set up: the agent app's credentials, token and order lifetimes, the
//! currency, and where (and how patiently) results are called back.

use std::time::Duration;

use ventanilla_core::Currency;

/// The registered agent app's `client_id` and `client_secret`.
pub const DEFAULT_CLIENT_ID: &str = "sandbox";
pub const DEFAULT_CLIENT_SECRET: &str = "sandbox";
/// django-oauth-toolkit's default access-token lifetime (10 h).
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(36_000);
/// The document's order lifetime: four hours to report the payment.
pub const DEFAULT_ORDER_TTL: Duration = Duration::from_secs(4 * 3600);

/// The tax platform's settings (`SandboxConfig::arkadu`).
#[derive(Clone)]
pub struct ArkaduConfig {
    pub client_id: String,
    pub client_secret: String,
    /// `expires_in` of each access token, enforced.
    pub token_lifetime: Duration,
    /// How long an order may wait for its payment report (`expire_at`).
    pub order_ttl: Duration,
    /// The currency amounts are in (and so their scale).
    pub currency: Currency,
    /// The agent app's registered callback URL; results wait (retrying) until there is one.
    pub callback_url: Option<String>,
    /// How long the platform "processes" an item before calling back.
    pub processing_delay: Duration,
    /// First wait before retrying a callback that got no 2xx; it doubles up to `retry_max`.
    pub retry_initial: Duration,
    pub retry_max: Duration,
}

impl std::fmt::Debug for ArkaduConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArkaduConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("token_lifetime", &self.token_lifetime)
            .field("order_ttl", &self.order_ttl)
            .field("currency", &self.currency)
            .field("callback_url", &self.callback_url)
            .field("processing_delay", &self.processing_delay)
            .field("retry_initial", &self.retry_initial)
            .field("retry_max", &self.retry_max)
            .finish()
    }
}

impl Default for ArkaduConfig {
    fn default() -> Self {
        ArkaduConfig {
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            order_ttl: DEFAULT_ORDER_TTL,
            currency: Currency::Ves,
            callback_url: None,
            processing_delay: Duration::from_millis(100),
            retry_initial: Duration::from_millis(200),
            retry_max: Duration::from_secs(10),
        }
    }
}
