//! Sending a call to the wallet gateway. Its credentials travel in the query string (`token`,
//! and `authtoken` for `connected`), so the URL of every call is secret: this sender keeps it
//! out of errors and logs, which the shared `HttpClient` cannot promise (reqwest puts the full
//! URL in its errors, and the shared client logs them). Everything else is the shared plumbing:
//! `Call`, `Reply`, and the same sorting of transport failures.

use tokio::time::Instant;
use ventanilla_core::Secret;

use super::scrub::scrub;
use crate::error::GatewayError;
use crate::http::failure::transport_error;
use crate::http::reply::Reply;
use crate::http::request::Call;

const GATEWAY: &str = "wallet gateway";

pub struct Transport {
    http: reqwest::Client,
    base: String,
    token: Secret,
}

impl Transport {
    /// A sender for `base_url`, which must be an http(s) address.
    pub fn new(base_url: &str, token: Secret) -> Result<Transport, GatewayError> {
        let base = base_url.trim();
        let url = reqwest::Url::parse(base)
            .map_err(|e| GatewayError::Unreachable(format!("invalid {GATEWAY} address: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(GatewayError::Unreachable(format!(
                "invalid {GATEWAY} address: scheme '{}' is not http(s)",
                url.scheme()
            )));
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("ventanilla/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| GatewayError::Unreachable(format!("cannot start the HTTP client: {e}")))?;
        Ok(Transport {
            http,
            base: base.trim_end_matches('/').to_string(),
            token,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Sends `call` with the operator's `token` in front of its own query parameters, and reads
    /// the whole answer. `secrets` are the other secrets the call carries (the operator secret,
    /// a user token), removed from any error as well.
    pub async fn send(&self, call: &Call<'_>, secrets: &[&str]) -> Result<Reply, GatewayError> {
        let mut req = self
            .http
            .request(call.method.clone(), format!("{}{}", self.base, call.path))
            .timeout(call.timeout)
            .query(&[("token", self.token.expose())]);
        if !call.query.is_empty() {
            req = req.query(&call.query);
        }
        if let Some(body) = &call.body {
            req = req
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone());
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
        // The path never has the query string; only that is logged.
        match result {
            Ok(reply) => {
                tracing::debug!(gateway = GATEWAY, method = %call.method, path = %call.path, status = reply.status, elapsed_ms, "gateway call");
                Ok(reply)
            }
            Err(e) => {
                let err = self.hide(transport_error(&e.without_url()), secrets);
                tracing::warn!(gateway = GATEWAY, method = %call.method, path = %call.path, elapsed_ms, error = %err, "gateway call failed");
                Err(err)
            }
        }
    }

    /// `err` without the token or any of `secrets` in it.
    pub fn hide(&self, err: GatewayError, secrets: &[&str]) -> GatewayError {
        let mut all = Vec::with_capacity(secrets.len() + 1);
        all.push(self.token.expose());
        all.extend_from_slice(secrets);
        scrub(err, &all)
    }
}
