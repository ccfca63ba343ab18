//! How a sandbox is set up.

use std::path::PathBuf;
use std::time::Duration;

use crate::arkadu::config::ArkaduConfig;
use crate::faults::plan::FaultPlan;
use crate::pennymatic::config::PennymaticConfig;
use crate::quickpay::config::QuickpayConfig;

/// Default seed of sale ids, confirmation ids and `reject_rate` decisions.
pub const DEFAULT_SEED: u64 = 20_210_518;
/// Default user and password of `POST /login`.
pub const DEFAULT_USER: &str = "sandbox";
pub const DEFAULT_PASSWORD: &str = "sandbox";
/// Default token lifetime (the hub's: 1800 s).
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(1800);

/// `userId` / `userPassword` accepted by `POST /login`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"***")
            .finish()
    }
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            user: DEFAULT_USER.to_owned(),
            password: DEFAULT_PASSWORD.to_owned(),
        }
    }
}

/// Everything `spawn` needs to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub credentials: Credentials,
    /// Keep state in this file (loaded at start, rewritten after each change); in memory if `None`.
    pub state_file: Option<PathBuf>,
    /// Faults in force at start (changeable at run time).
    pub faults: FaultPlan,
    /// How long an access token lives; `lifetime` in the login answer, enforced.
    pub token_lifetime: Duration,
    /// Seed of ids and `reject_rate` decisions. The catalogue does not depend on it.
    pub seed: u64,
    /// The tax platform: its agent app, order lifetime, currency and callback URL.
    pub arkadu: ArkaduConfig,
    /// The wallet gateway: its token and secret, session lifetime and confirmation delay.
    pub pennymatic: PennymaticConfig,
    /// The card terminal: its subscription (webhook URL and bearer token) and retry pace.
    pub quickpay: QuickpayConfig,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            credentials: Credentials::default(),
            state_file: None,
            faults: FaultPlan::default(),
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            seed: DEFAULT_SEED,
            arkadu: ArkaduConfig::default(),
            pennymatic: PennymaticConfig::default(),
            quickpay: QuickpayConfig::default(),
        }
    }
}
