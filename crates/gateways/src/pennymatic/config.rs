//! How to reach the wallet gateway, and the operator's credentials.

use std::time::Duration;
use ventanilla_core::Secret;

/// Every call waits this long unless configured otherwise. A charge whose answer does not come
/// in time is never resent (its outcome goes to a supervisor), so this is generous.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// `Debug` is safe: the token and the secret are [`Secret`]s.
#[derive(Debug, Clone)]
pub struct PennymaticConfig {
    /// The document's `[[ENDPOINT]]`.
    pub base_url: String,
    /// `[[TOKEN]]`: sent as the `token` query parameter of every call.
    pub token: Secret,
    /// `[[SECRET]]`: sent in the body of `pay`.
    pub secret: Secret,
    pub timeout: Duration,
}

impl PennymaticConfig {
    pub fn new(base_url: impl Into<String>, token: Secret, secret: Secret) -> PennymaticConfig {
        PennymaticConfig {
            base_url: base_url.into(),
            token,
            secret,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}
