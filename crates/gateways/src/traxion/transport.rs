//! The hub's session: the shared HTTP client with the headers every hub call carries
//! (`applicationId`, `deviceId`), logging in with this counter's credentials when a token is due.

use std::time::Duration;
use ventanilla_core::Secret;

use super::auth;
use super::config::TraxionConfig;
use crate::error::GatewayError;
use crate::http::client::HttpClient;
use crate::http::reply::Reply;
use crate::http::request::Call;
use crate::http::session::Session;
use crate::http::token::Grant;

pub struct Transport {
    session: Session,
    user_id: String,
    password: Secret,
    call_timeout: Duration,
}

impl Transport {
    pub fn new(cfg: &TraxionConfig) -> Result<Transport, GatewayError> {
        let client = HttpClient::new(
            "hub",
            &cfg.base_url,
            vec![
                ("applicationId", cfg.application_id.clone()),
                ("deviceId", cfg.device_id.clone()),
            ],
        )?;
        Ok(Transport {
            session: Session::new(client),
            user_id: cfg.user_id.clone(),
            password: cfg.password.clone(),
            call_timeout: cfg.call_timeout,
        })
    }

    pub fn base_url(&self) -> &str {
        self.session.client().base_url()
    }

    /// Sends `call` with a valid token (see `Session::send`).
    pub async fn call(&self, call: &Call<'_>) -> Result<Reply, GatewayError> {
        self.session.send(call, || self.login()).await
    }

    async fn login(&self) -> Result<Grant, GatewayError> {
        let call = auth::login_call(&self.user_id, &self.password, self.call_timeout)?;
        let reply = self.session.client().send(&call, None).await?;
        let grant = auth::read_login(&reply)?;
        tracing::info!(
            lifetime_s = grant.lifetime.as_secs(),
            "logged in to the hub"
        );
        Ok(grant)
    }
}
