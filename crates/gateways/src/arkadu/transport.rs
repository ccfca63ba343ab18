//! The platform's session: the shared HTTP client, and the tokens its calls carry. A token is
//! renewed shortly before it expires (`http::token`) and once after a 401 (`http::session`);
//! renewing tries the refresh token first and falls back to `client_credentials` when there is
//! none or it is refused.

use std::time::Duration;
use tokio::sync::Mutex;
use ventanilla_core::Secret;

use super::auth::{self, Tokens};
use super::config::ArkaduConfig;
use crate::error::GatewayError;
use crate::http::client::HttpClient;
use crate::http::reply::Reply;
use crate::http::request::Call;
use crate::http::session::Session;
use crate::http::token::Grant;

/// How long a configured access token is trusted before it is renewed anyway. The institution
/// extends these beyond 90 days, but a 401 renews it sooner.
const CONFIGURED_TOKEN_LIFETIME: Duration = Duration::from_secs(12 * 3600);

pub struct Transport {
    session: Session,
    client_id: String,
    client_secret: Secret,
    held: Mutex<Held>,
    call_timeout: Duration,
}

/// Tokens not in use yet: the configured access token (used once, first) and the latest
/// refresh token.
struct Held {
    access: Option<Secret>,
    refresh: Option<Secret>,
}

impl Transport {
    pub fn new(cfg: &ArkaduConfig) -> Result<Transport, GatewayError> {
        let client = HttpClient::new("tax platform", &cfg.base_url, Vec::new())?;
        Ok(Transport {
            session: Session::new(client),
            client_id: cfg.client_id.clone(),
            client_secret: cfg.client_secret.clone(),
            held: Mutex::new(Held {
                access: cfg.access_token.clone(),
                refresh: cfg.refresh_token.clone(),
            }),
            call_timeout: cfg.call_timeout,
        })
    }

    pub fn base_url(&self) -> &str {
        self.session.client().base_url()
    }

    /// Sends `call` with `Authorization: Bearer <token>` (see `Session::send`).
    pub async fn call(&self, call: &Call<'_>) -> Result<Reply, GatewayError> {
        self.session.send(call, || self.login()).await
    }

    async fn login(&self) -> Result<Grant, GatewayError> {
        let mut held = self.held.lock().await;
        if let Some(access) = held.access.take() {
            return Ok(Grant {
                token: bearer(&access),
                lifetime: CONFIGURED_TOKEN_LIFETIME,
            });
        }
        if let Some(refresh) = held.refresh.clone() {
            match self.request(Some(&refresh)).await {
                Ok(tokens) => return Ok(keep(&mut held, tokens)),
                // A refused refresh token is spent; the application's own credentials remain.
                Err(GatewayError::Unauthorized) => {
                    tracing::info!("the platform refused the refresh token; asking anew");
                    held.refresh = None;
                }
                Err(e) => return Err(e),
            }
        }
        let tokens = self.request(None).await?;
        Ok(keep(&mut held, tokens))
    }

    async fn request(&self, refresh: Option<&Secret>) -> Result<Tokens, GatewayError> {
        let call = auth::token_call(
            &self.client_id,
            &self.client_secret,
            refresh,
            self.call_timeout,
        )?;
        let reply = self.session.client().send(&call, None).await?;
        let tokens = auth::read_token(&reply)?;
        tracing::info!(
            lifetime_s = tokens.grant.lifetime.as_secs(),
            renewed = refresh.is_some(),
            "obtained a tax platform token"
        );
        Ok(tokens)
    }
}

fn keep(held: &mut Held, tokens: Tokens) -> Grant {
    if let Some(refresh) = tokens.refresh {
        held.refresh = Some(refresh);
    }
    Grant {
        token: bearer(&tokens.grant.token),
        lifetime: tokens.grant.lifetime,
    }
}

/// `HttpClient` sends the token as the whole `Authorization` value; this platform wants the
/// `Bearer` scheme in front of it.
fn bearer(token: &Secret) -> Secret {
    Secret::new(format!("Bearer {}", token.expose()))
}
