//! What an HTTP answer from the hub means: which statuses are errors of which kind, and how a
//! body becomes a wire type (or a `BadAnswer` that says what was wrong with it).

use serde::de::DeserializeOwned;
use serde_json::Value;
use std::time::Duration;

use super::auth::Grant;
use super::transport::Reply;
use super::{convert, wire};
use crate::GatewayError;

/// The platform's documented lifetime, used when a login answer leaves it out.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(1800);

pub fn is_success(reply: &Reply) -> bool {
    (200..300).contains(&reply.status)
}

/// The error a non-2xx answer stands for. Only a 400 with the platform's error body is a
/// refusal; any other status leaves the outcome unknown (`Server`), which is the safe reading
/// for a payment.
pub fn failure(reply: &Reply) -> GatewayError {
    match reply.status {
        400 => serde_json::from_slice::<wire::PlatformError>(&reply.body)
            .ok()
            .and_then(convert::refusal)
            .unwrap_or(GatewayError::Server { status: 400 }),
        401 => GatewayError::Unauthorized,
        404 => GatewayError::NotFound,
        status => GatewayError::Server { status },
    }
}

/// The body of a 2xx answer as JSON, or the error the answer stands for.
pub fn json_value(reply: &Reply) -> Result<Value, GatewayError> {
    if !is_success(reply) {
        return Err(failure(reply));
    }
    let text = String::from_utf8_lossy(&reply.body);
    // Some servers start JSON with a byte order mark; it is not content.
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(GatewayError::BadAnswer("an empty answer".into()));
    }
    if trimmed.starts_with('<') {
        return Err(GatewayError::BadAnswer(
            "an HTML page instead of JSON".into(),
        ));
    }
    serde_json::from_str(trimmed).map_err(|e| GatewayError::BadAnswer(format!("not JSON ({e})")))
}

/// Reads an already parsed JSON value as wire type `T`.
pub fn shape<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, GatewayError> {
    let found = wire::kind(&value);
    serde_json::from_value(value)
        .map_err(|e| GatewayError::BadAnswer(format!("expected {what}, got {found}: {e}")))
}

/// A 2xx answer as wire type `T`, or the error the answer stands for.
pub fn json<T: DeserializeOwned>(reply: &Reply, what: &str) -> Result<T, GatewayError> {
    shape(json_value(reply)?, what)
}

/// The login answer. Its body holds the token, so errors here never quote it; and any refusal
/// of the login itself means our credentials are not accepted.
pub fn login(reply: &Reply) -> Result<Grant, GatewayError> {
    if matches!(reply.status, 400 | 401 | 403) {
        tracing::warn!(status = reply.status, "the hub refused our login");
        return Err(GatewayError::Unauthorized);
    }
    if !is_success(reply) {
        return Err(failure(reply));
    }
    let answer: wire::LoginResponse = serde_json::from_slice(&reply.body)
        .map_err(|_| GatewayError::BadAnswer("the login answer cannot be read".into()))?;
    if answer.access_token.expose().trim().is_empty() {
        return Err(GatewayError::BadAnswer(
            "the login answer has no token".into(),
        ));
    }
    if answer.need_change_password {
        tracing::warn!("the hub asks to change this counter's password");
    }
    Ok(Grant {
        token: answer.access_token,
        lifetime: answer
            .lifetime
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_LIFETIME),
    })
}
