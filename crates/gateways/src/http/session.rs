//! Calls that need an access token: the cached token, logging in when there is none, and the
//! one renewal and resend a 401 allows.

use std::future::Future;

use super::client::HttpClient;
use super::failure::not_sent;
use super::reply::Reply;
use super::request::Call;
use super::token::{Grant, TokenCache};
use crate::error::GatewayError;

/// A client and the token its calls carry.
pub struct Session {
    client: HttpClient,
    tokens: TokenCache,
}

impl Session {
    pub fn new(client: HttpClient) -> Session {
        Session {
            client,
            tokens: TokenCache::new(),
        }
    }

    /// The client itself, for calls without a token (the login).
    pub fn client(&self) -> &HttpClient {
        &self.client
    }

    /// Sends `call` with a valid token, obtained from `login` when needed. A 401 means the token
    /// died early (revoked, the gateway restarted): the gateway did nothing with the request, so
    /// it is safe to log in again and resend it once. A second 401 is [`GatewayError::Unauthorized`].
    pub async fn send<L, Fut>(&self, call: &Call<'_>, login: L) -> Result<Reply, GatewayError>
    where
        L: Fn() -> Fut,
        Fut: Future<Output = Result<Grant, GatewayError>>,
    {
        let token = self.tokens.get(&login).await.map_err(not_sent)?;
        let reply = self.client.send(call, Some(&token)).await?;
        if reply.status != 401 {
            return Ok(reply);
        }
        tracing::info!(path = %call.path, "the gateway refused the token; logging in again");
        self.tokens.forget(&token).await;
        let token = self.tokens.get(&login).await.map_err(not_sent)?;
        let reply = self.client.send(call, Some(&token)).await?;
        if reply.status == 401 {
            self.tokens.forget(&token).await;
            return Err(GatewayError::Unauthorized);
        }
        Ok(reply)
    }
}
