//! The wallet gateway as this counter uses it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use ventanilla_core::pennymatic::UserToken;
use ventanilla_core::Secret;
use ventanilla_gateways::pennymatic::{Pennymatic as Client, PennymaticConfig};

use crate::config::WalletTarget;
use crate::context::Context;
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::i18n::Locale;
use crate::ticket::desk::TicketDesk;
use crate::traxion::gateway::Traxion;
use crate::webhooks::auth::PathSecrets;
use crate::webhooks::known::KnownRefs;

pub(crate) const GATEWAY: GatewayId = GatewayId::Pennymatic;

pub(crate) struct Pennymatic {
    pub ctx: Arc<Context>,
    pub client: Client,
    /// The gateway's base URL (the sandbox's, when simulated).
    pub base_url: String,
    /// The consent URLs handed out, one per session (their digests).
    pub secrets: Arc<PathSecrets>,
    /// The sessions this counter showed: the consent route takes only these.
    pub sessions: Arc<KnownRefs>,
    /// The user tokens consents brought, by session id, until their charge takes them.
    pub tokens: Arc<UserTokens>,
    /// Where the listener takes consents (`http://host:port/pennymatic/consent`), once it is up.
    pub consent_url: OnceLock<String>,
    pub desk: Arc<TicketDesk>,
    pub traxion: Arc<Traxion>,
    /// Whether the gateway listed BSV among its coins, once it has answered.
    pub takes_bsv: OnceLock<bool>,
}

/// User tokens held in memory only, each for the one charge of its session: never written,
/// never logged (`UserToken` does not print).
#[derive(Default)]
pub(crate) struct UserTokens(Mutex<HashMap<String, UserToken>>);

impl UserTokens {
    pub fn put(&self, session: &str, token: UserToken) {
        self.lock().insert(session.to_string(), token);
    }

    /// The token of `session`, taken: it serves one charge.
    pub fn take(&self, session: &str) -> Option<UserToken> {
        self.lock().remove(session)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, UserToken>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Pennymatic {
    /// The gateway the configuration names; `sandbox_url` is the embedded simulator's. `None`
    /// when the counter takes no wallets.
    pub fn connect(
        ctx: Arc<Context>,
        sandbox_url: Option<&str>,
        desk: Arc<TicketDesk>,
        traxion: Arc<Traxion>,
    ) -> Result<Option<Pennymatic>, UiError> {
        let l = ctx.locale();
        let mut cfg = match (&ctx.cfg.wallet, sandbox_url) {
            // The sandbox's token and secret are `sandbox`, as for the other gateways.
            (WalletTarget::Sandbox, Some(url)) => {
                PennymaticConfig::new(url, Secret::new("sandbox"), Secret::new("sandbox"))
            }
            (WalletTarget::Sandbox, None) | (WalletTarget::Off, _) => return Ok(None),
            (
                WalletTarget::Real {
                    base_url,
                    token,
                    secret,
                },
                _,
            ) => PennymaticConfig::new(base_url.clone(), token.clone(), secret.clone()),
        };
        cfg.timeout = ctx.cfg.call_timeout;
        let base_url = cfg.base_url.clone();
        let client = Client::new(cfg).map_err(|e| UiError::internal(l, e.to_string()))?;
        // Consents for sessions of earlier runs still authenticate (and are then refused as
        // late): the gateway keeps calling a URL until it is answered.
        let secrets = Arc::new(PathSecrets::default());
        let (digests, sessions) = ctx
            .read(|s| {
                Ok::<_, ventanilla_store::StoreError>((s.wallet_digests()?, s.wallet_sessions()?))
            })
            .map_err(|e| UiError::store(&e, l))?;
        for d in digests {
            secrets.add_digest(&d);
        }
        Ok(Some(Pennymatic {
            ctx,
            client,
            base_url,
            secrets,
            sessions: Arc::new(KnownRefs::new(sessions)),
            tokens: Arc::new(UserTokens::default()),
            consent_url: OnceLock::new(),
            desk,
            traxion,
            takes_bsv: OnceLock::new(),
        }))
    }

    pub fn locale(&self) -> Locale {
        self.ctx.locale()
    }
}
