//! How the wallet gateway is set up: the operator's token and secret, how long a connect
//! session waits for the customer's consent, how long a payment takes to confirm, and how
//! patiently consents are delivered.

use std::time::Duration;

use ventanilla_core::Secret;

/// The operator's `token` and `secret` the sandbox takes by default.
pub const DEFAULT_TOKEN: &str = "sandbox";
pub const DEFAULT_SECRET: &str = "sandbox";
/// How long a connect session waits for the customer's consent.
pub const DEFAULT_SESSION_TTL: Duration = Duration::from_secs(600);
/// How long a payment stays unconfirmed (`isconfirmed` false).
pub const DEFAULT_CONFIRM_DELAY: Duration = Duration::from_secs(2);
/// The operator app's id at the wallet, 24 hex digits like the document's HandCash `appId`.
pub const APP_ID: &str = "5a9d0c3e7b1f4e2a8c6d0b13";

/// The wallet gateway's settings (`SandboxConfig::pennymatic`).
#[derive(Debug, Clone)]
pub struct PennymaticConfig {
    /// The `token` query parameter every call must carry.
    pub token: Secret,
    /// The `secret` `POST /bsv/pay` must carry in its body.
    pub secret: Secret,
    /// A connect session not approved within this time is expired.
    pub session_ttl: Duration,
    /// A payment is confirmed this long after it was made.
    pub confirm_delay: Duration,
    /// First wait before retrying a consent delivery that got no 2xx; it doubles up to
    /// `retry_max`.
    pub retry_initial: Duration,
    pub retry_max: Duration,
}

impl Default for PennymaticConfig {
    fn default() -> Self {
        PennymaticConfig {
            token: Secret::new(DEFAULT_TOKEN),
            secret: Secret::new(DEFAULT_SECRET),
            session_ttl: DEFAULT_SESSION_TTL,
            confirm_delay: DEFAULT_CONFIRM_DELAY,
            retry_initial: Duration::from_millis(200),
            retry_max: Duration::from_secs(5),
        }
    }
}
