//! How to reach the tax platform and who this collection agent is.

use chrono::FixedOffset;
use std::time::Duration;
use ventanilla_core::{Currency, Secret};

/// Lookups, order changes and tokens: cheap to repeat.
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(15);
/// A payment report waits longer: a lost answer costs a resend through the outbox.
pub const DEFAULT_REPORT_TIMEOUT: Duration = Duration::from_secs(30);

/// Venezuela's offset, for times the platform writes without one (Django with `USE_TZ` off).
pub fn venezuela_offset() -> FixedOffset {
    FixedOffset::west_opt(4 * 3600).expect("-04:00 is a valid offset")
}

/// The agent's OAuth2 application and tokens. `Debug` is safe: every credential is a [`Secret`].
#[derive(Debug, Clone)]
pub struct ArkaduConfig {
    pub base_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// The long-lived token the institution handed out, used until refused; optional.
    pub access_token: Option<Secret>,
    /// Renews the access token; when missing or refused, `client_credentials` obtains a new one.
    pub refresh_token: Option<Secret>,
    /// The platform's amounts carry no currency: they are in this one.
    pub currency: Currency,
    /// Applied to times written without an offset.
    pub naive_offset: FixedOffset,
    pub call_timeout: Duration,
    pub report_timeout: Duration,
}

impl ArkaduConfig {
    /// A configuration in bolívares, Venezuelan time and the default timeouts, obtaining its
    /// tokens with `client_credentials`.
    pub fn new(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> ArkaduConfig {
        ArkaduConfig {
            base_url: base_url.into(),
            client_id: client_id.into(),
            client_secret,
            access_token: None,
            refresh_token: None,
            currency: Currency::Ves,
            naive_offset: venezuela_offset(),
            call_timeout: DEFAULT_CALL_TIMEOUT,
            report_timeout: DEFAULT_REPORT_TIMEOUT,
        }
    }
}
