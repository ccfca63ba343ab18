//! One HTTP exchange with a gateway: its base address, the headers every call carries, the
//! timeout, and transport failures sorted into `GatewayError`s. What the answer means is decided
//! by the gateway's own code.

use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use tokio::time::Instant;
use ventanilla_core::Secret;

use super::failure::transport_error;
use super::reply::Reply;
use super::request::Call;
use crate::error::GatewayError;

pub struct HttpClient {
    http: reqwest::Client,
    /// Names the gateway in logs.
    gateway: &'static str,
    base: String,
    /// Sent with every call. Checked when sent, as reqwest does, so a bad value fails the calls
    /// (as undeliverable) rather than the client's construction.
    headers: Vec<(&'static str, String)>,
}

impl HttpClient {
    /// A client for `base_url`, which must be an http(s) address.
    pub fn new(
        gateway: &'static str,
        base_url: &str,
        headers: Vec<(&'static str, String)>,
    ) -> Result<HttpClient, GatewayError> {
        let url = reqwest::Url::parse(base_url.trim())
            .map_err(|e| GatewayError::Unreachable(format!("invalid {gateway} address: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(GatewayError::Unreachable(format!(
                "invalid {gateway} address: scheme '{}' is not http(s)",
                url.scheme()
            )));
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("ventanilla/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| GatewayError::Unreachable(format!("cannot start the HTTP client: {e}")))?;
        Ok(HttpClient {
            http,
            gateway,
            // Paths start with '/', so a base with or without a trailing slash both work.
            base: base_url.trim().trim_end_matches('/').to_string(),
            headers,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Sends `call`, with `token` as the `Authorization` header when given, and reads the whole
    /// answer. Any status is a `Reply`; only a missing or cut-off answer is an error.
    pub async fn send(
        &self,
        call: &Call<'_>,
        token: Option<&Secret>,
    ) -> Result<Reply, GatewayError> {
        let mut req = self
            .http
            .request(call.method.clone(), format!("{}{}", self.base, call.path))
            .timeout(call.timeout);
        for (name, value) in &self.headers {
            req = req.header(*name, value);
        }
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
        let gateway = self.gateway;
        match result {
            Ok(reply) => {
                tracing::debug!(gateway, method = %call.method, path = %call.path, status = reply.status, elapsed_ms, "gateway call");
                Ok(reply)
            }
            Err(e) => {
                // Without the URL: a gateway may carry credentials in its query string.
                let err = transport_error(&e.without_url());
                tracing::warn!(gateway, method = %call.method, path = %call.path, elapsed_ms, error = %err, "gateway call failed");
                Err(err)
            }
        }
    }
}
