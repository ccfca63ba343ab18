//! One HTTP exchange with the hub: the headers every call carries, the timeout, the token (with
//! one renewal and one retry on a 401), and transport failures sorted into `GatewayError`s.
//! What the answer means is decided in `answer.rs`.

use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use std::time::Duration;
use tokio::time::Instant;
use ventanilla_core::Secret;

use super::auth::{Grant, TokenCache};
use super::{answer, wire, TraxionConfig};
use crate::GatewayError;

pub struct Transport {
    http: reqwest::Client,
    base: String,
    user_id: String,
    password: Secret,
    application_id: String,
    device_id: String,
    call_timeout: Duration,
    tokens: TokenCache,
}

/// A request to send. `body` is JSON already serialized, so a retry resends the same bytes.
pub struct Call<'a> {
    pub method: Method,
    pub path: String,
    pub query: Vec<(&'a str, &'a str)>,
    pub body: Option<Vec<u8>>,
    pub timeout: Duration,
}

/// Status and body of an answer, read in full.
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Transport {
    pub fn new(cfg: &TraxionConfig) -> Result<Transport, GatewayError> {
        let url = reqwest::Url::parse(cfg.base_url.trim())
            .map_err(|e| GatewayError::Unreachable(format!("invalid hub address: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(GatewayError::Unreachable(format!(
                "invalid hub address: scheme '{}' is not http(s)",
                url.scheme()
            )));
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("ventanilla/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| GatewayError::Unreachable(format!("cannot start the HTTP client: {e}")))?;
        Ok(Transport {
            http,
            // Paths start with '/', so a base with or without a trailing slash both work.
            base: cfg.base_url.trim().trim_end_matches('/').to_string(),
            user_id: cfg.user_id.clone(),
            password: cfg.password.clone(),
            application_id: cfg.application_id.clone(),
            device_id: cfg.device_id.clone(),
            call_timeout: cfg.call_timeout,
            tokens: TokenCache::new(),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Sends `call` with a valid token. A 401 means the token died early (revoked, hub restarted):
    /// the hub did nothing with the request, so it is safe to log in again and resend it once.
    pub async fn call(&self, call: &Call<'_>) -> Result<Reply, GatewayError> {
        let token = self.tokens.get(|| self.login()).await.map_err(not_sent)?;
        let reply = self.execute(call, Some(&token)).await?;
        if reply.status != 401 {
            return Ok(reply);
        }
        tracing::info!(path = %call.path, "hub refused the token; logging in again");
        self.tokens.forget(&token).await;
        let token = self.tokens.get(|| self.login()).await.map_err(not_sent)?;
        let reply = self.execute(call, Some(&token)).await?;
        if reply.status == 401 {
            self.tokens.forget(&token).await;
            return Err(GatewayError::Unauthorized);
        }
        Ok(reply)
    }

    async fn login(&self) -> Result<Grant, GatewayError> {
        let body = serde_json::to_vec(&wire::LoginRequest {
            user_id: &self.user_id,
            user_password: self.password.expose(),
        })
        .map_err(|e| GatewayError::BadAnswer(format!("cannot write the login request: {e}")))?;
        let call = Call {
            method: Method::POST,
            path: "/login".to_string(),
            query: Vec::new(),
            body: Some(body),
            timeout: self.call_timeout,
        };
        let reply = self.execute(&call, None).await?;
        let grant = answer::login(&reply)?;
        tracing::info!(
            lifetime_s = grant.lifetime.as_secs(),
            "logged in to the hub"
        );
        Ok(grant)
    }

    async fn execute(
        &self,
        call: &Call<'_>,
        token: Option<&Secret>,
    ) -> Result<Reply, GatewayError> {
        let mut req = self
            .http
            .request(call.method.clone(), format!("{}{}", self.base, call.path))
            .timeout(call.timeout)
            .header("applicationId", &self.application_id)
            .header("deviceId", &self.device_id);
        if !call.query.is_empty() {
            req = req.query(&call.query);
        }
        if let Some(body) = &call.body {
            req = req
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        if let Some(token) = token {
            let mut value = HeaderValue::from_str(token.expose()).map_err(|_| {
                GatewayError::BadAnswer("the login answered a token that cannot be sent".into())
            })?;
            // Keeps the token out of any Debug print of the request.
            value.set_sensitive(true);
            req = req.header(AUTHORIZATION, value);
        }
        let started = Instant::now();
        let result = async {
            let resp = req.send().await?;
            let status = resp.status().as_u16();
            let body = resp.bytes().await?;
            Ok::<_, reqwest::Error>(Reply {
                status,
                body: body.to_vec(),
            })
        }
        .await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match result {
            Ok(reply) => {
                tracing::debug!(method = %call.method, path = %call.path, status = reply.status, elapsed_ms, "hub call");
                Ok(reply)
            }
            Err(e) => {
                let err = transport_error(&e);
                tracing::warn!(method = %call.method, path = %call.path, elapsed_ms, error = %err, "hub call failed");
                Err(err)
            }
        }
    }
}

/// A failure before a complete answer arrived. The URL in the message is the hub's address and
/// path; tokens travel in headers, so they never show here.
fn transport_error(e: &reqwest::Error) -> GatewayError {
    if e.is_timeout() {
        return GatewayError::Timeout;
    }
    let connect = e.is_connect();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    if connect {
        GatewayError::NotDelivered(text)
    } else {
        GatewayError::Unreachable(text)
    }
}

/// A failure while logging in means the call itself was never sent.
fn not_sent(e: GatewayError) -> GatewayError {
    if e.is_transient() {
        GatewayError::NotDelivered(e.to_string())
    } else {
        e
    }
}
