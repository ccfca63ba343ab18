//! The platform's OAuth2 token endpoint: `client_credentials` to obtain a token,
//! `refresh_token` to renew it, and what an answer grants. Answers hold tokens, so errors here
//! never quote a body.

use serde_json::Value;
use std::time::Duration;
use ventanilla_core::Secret;

use super::{envelope, wire};
use crate::error::GatewayError;
use crate::http::json;
use crate::http::reply::Reply;
use crate::http::request::Call;
use crate::http::token::Grant;

/// django-oauth-toolkit's default is 10 hours; one hour is the safe guess when `expires_in`
/// is missing (renewing early costs one call).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

/// What a token answer grants: the access token and, usually, the next refresh token.
pub struct Tokens {
    pub grant: Grant,
    pub refresh: Option<Secret>,
}

/// The token request: with `refresh` a renewal, without it `client_credentials`.
pub fn token_call<'a>(
    client_id: &str,
    client_secret: &Secret,
    refresh: Option<&Secret>,
    timeout: Duration,
) -> Result<Call<'a>, GatewayError> {
    let body = wire::TokenRequest {
        client_id,
        client_secret: client_secret.expose(),
        grant_type: if refresh.is_some() {
            "refresh_token"
        } else {
            "client_credentials"
        },
        refresh_token: refresh.map(Secret::expose),
    };
    Call::post_json(wire::PATH_TOKEN, &body, timeout)
}

/// The token answer. Any refusal of the grant (OAuth2 answers 400 `invalid_grant` or
/// `invalid_client`, 401) means these credentials are not accepted.
pub fn read_token(reply: &Reply) -> Result<Tokens, GatewayError> {
    if matches!(reply.status, 400 | 401 | 403) {
        tracing::warn!(
            status = reply.status,
            "the platform refused our token request"
        );
        return Err(GatewayError::Unauthorized);
    }
    let fields = match json::value(&reply.body) {
        // Some platform versions wrap it in their envelope.
        Ok(Value::Object(fields)) if fields.contains_key("res") => match envelope::read(reply) {
            Ok(fields) => Value::Object(fields),
            Err(GatewayError::Refused { .. }) => return Err(GatewayError::Unauthorized),
            Err(e) => return Err(e),
        },
        Ok(value) if reply.is_success() => value,
        Ok(_) => {
            return Err(GatewayError::Server {
                status: reply.status,
            })
        }
        Err(e) if reply.is_success() => return Err(e),
        Err(_) => {
            return Err(GatewayError::Server {
                status: reply.status,
            })
        }
    };
    let answer: wire::TokenResponse = serde_json::from_value(fields)
        .map_err(|_| GatewayError::BadAnswer("the token answer cannot be read".into()))?;
    if answer.access_token.expose().trim().is_empty() {
        return Err(GatewayError::BadAnswer(
            "the token answer has no token".into(),
        ));
    }
    Ok(Tokens {
        grant: Grant {
            token: answer.access_token,
            lifetime: answer
                .expires_in
                .map(Duration::from_secs)
                .unwrap_or(DEFAULT_LIFETIME),
        },
        refresh: answer
            .refresh_token
            .filter(|t| !t.expose().trim().is_empty()),
    })
}
