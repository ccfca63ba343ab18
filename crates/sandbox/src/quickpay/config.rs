//! How the card terminal is set up: where (and with which bearer token) the proxy posts each
//! capture, and how patiently it retries.

use std::time::Duration;

use ventanilla_core::Secret;

/// The document's "Subscripción": the URL the proxy POSTs each `card_captured` body to, with
/// `Authorization: Bearer <token>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    pub token: Secret,
}

impl Subscription {
    pub fn new(url: impl Into<String>, token: impl Into<String>) -> Self {
        Subscription {
            url: url.into(),
            token: Secret::new(token),
        }
    }
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `Secret` prints a placeholder, so the token never reaches a log.
        f.debug_struct("Subscription")
            .field("url", &self.url)
            .field("token", &self.token)
            .finish()
    }
}

/// The card terminal's settings (`SandboxConfig::quickpay`).
#[derive(Debug, Clone)]
pub struct QuickpayConfig {
    /// The subscription in force at start (`--card-webhook`, `--card-webhook-token`); without
    /// one, deliveries wait until one is set.
    pub subscription: Option<Subscription>,
    /// First wait before retrying a delivery that got no 2xx; it doubles up to `retry_max`.
    pub retry_initial: Duration,
    pub retry_max: Duration,
}

impl Default for QuickpayConfig {
    fn default() -> Self {
        QuickpayConfig {
            subscription: None,
            retry_initial: Duration::from_millis(200),
            retry_max: Duration::from_secs(5),
        }
    }
}
