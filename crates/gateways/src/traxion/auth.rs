//! The hub's login: `POST /login` with this counter's user and password, and what its answer
//! grants. The token itself is kept and renewed by `http::token`.

use std::time::Duration;
use ventanilla_core::Secret;

use super::answer;
use super::wire;
use crate::error::GatewayError;
use crate::http::reply::Reply;
use crate::http::request::Call;
use crate::http::token::Grant;

/// The platform's documented lifetime, used when a login answer leaves it out.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(1800);

/// The login request, sent without a token.
pub fn login_call<'a>(
    user_id: &str,
    password: &Secret,
    timeout: Duration,
) -> Result<Call<'a>, GatewayError> {
    let body = wire::LoginRequest {
        user_id,
        user_password: password.expose(),
    };
    Call::post_json(wire::PATH_LOGIN, &body, timeout)
}

/// The login answer. Its body holds the token, so errors here never quote it; and any refusal
/// of the login itself means our credentials are not accepted.
pub fn read_login(reply: &Reply) -> Result<Grant, GatewayError> {
    if matches!(reply.status, 400 | 401 | 403) {
        tracing::warn!(status = reply.status, "the hub refused our login");
        return Err(GatewayError::Unauthorized);
    }
    if !reply.is_success() {
        return Err(answer::failure(reply));
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
