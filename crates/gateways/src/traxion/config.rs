//! How to reach the hub and who this counter is.

use std::time::Duration;
use ventanilla_core::Secret;

/// The document asks to wait 60 s for a payment's answer before querying its state.
pub const DEFAULT_PAY_TIMEOUT: Duration = Duration::from_secs(60);
/// Every call other than paying: lookups and queries are cheap to repeat.
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(15);

/// The hub's address, this counter's credentials and ids, and the timeouts. `Debug` is safe:
/// the password is a [`Secret`].
#[derive(Debug, Clone)]
pub struct TraxionConfig {
    pub base_url: String,
    pub user_id: String,
    pub password: Secret,
    pub application_id: String,
    pub device_id: String,
    pub pay_timeout: Duration,
    pub call_timeout: Duration,
}

impl TraxionConfig {
    /// A configuration with the default timeouts.
    pub fn new(
        base_url: impl Into<String>,
        user_id: impl Into<String>,
        password: Secret,
        application_id: impl Into<String>,
        device_id: impl Into<String>,
    ) -> TraxionConfig {
        TraxionConfig {
            base_url: base_url.into(),
            user_id: user_id.into(),
            password,
            application_id: application_id.into(),
            device_id: device_id.into(),
            pay_timeout: DEFAULT_PAY_TIMEOUT,
            call_timeout: DEFAULT_CALL_TIMEOUT,
        }
    }
}
