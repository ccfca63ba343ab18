//! `POST /api/user/access/get-token/` (OAuth2 `client_credentials` and `refresh_token` grants,
//! form-encoded or JSON, client credentials in the body or HTTP Basic) and the bearer check
//! every other call goes through.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::body::Fields;
use super::error::ArkaduError;
use super::platform::Arkadu;

pub async fn get_token(
    State(platform): State<Arc<Arkadu>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ArkaduError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let fields = Fields::from_body(content_type, &body)
        .map_err(|e| ArkaduError::invalid("invalid_request", e))?;
    let (client_id, client_secret) = match basic_credentials(&headers) {
        Some(pair) => (Some(pair.0), Some(pair.1)),
        None => (fields.text("client_id"), fields.text("client_secret")),
    };
    let cfg = &platform.config;
    let client_ok = client_id.as_deref() == Some(cfg.client_id.as_str())
        && client_secret.as_deref() == Some(cfg.client_secret.as_str());
    let invalid_client =
        || ArkaduError::unauthorized("invalid_client", "Credenciales de la aplicación inválidas");
    let lifetime = cfg.token_lifetime;
    let pair = match fields.text("grant_type").as_deref() {
        Some("client_credentials") => {
            if !client_ok {
                return Err(invalid_client());
            }
            platform.tokens.issue(lifetime)
        }
        Some("refresh_token") => {
            // The refresh token is bound to the one registered app; credentials, when sent,
            // must still be that app's.
            if (client_id.is_some() || client_secret.is_some()) && !client_ok {
                return Err(invalid_client());
            }
            let refresh = fields.text("refresh_token").ok_or_else(|| {
                ArkaduError::invalid("invalid_request", "Falta el parámetro refresh_token")
            })?;
            platform.tokens.refresh(&refresh, lifetime).ok_or_else(|| {
                ArkaduError::invalid(
                    "invalid_grant",
                    "El refresh_token es inválido o ya fue usado",
                )
            })?
        }
        Some(_) => {
            return Err(ArkaduError::invalid(
                "unsupported_grant_type",
                "Tipo de autorización no soportado",
            ))
        }
        None => {
            return Err(ArkaduError::invalid(
                "invalid_request",
                "Falta el parámetro grant_type",
            ))
        }
    };
    Ok(Json(json!({
        "access_token": pair.access,
        "refresh_token": pair.refresh,
        "expires_in": lifetime.as_secs(),
        "token_type": "Bearer",
        "scope": "read write",
    })))
}

/// `Authorization: Basic base64(id:secret)`, the other way OAuth2 clients authenticate.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let encoded = value
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("basic "))
        .map(|_| value[6..].trim())?;
    let decoded = String::from_utf8(base64_decode(encoded)?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in text.bytes().filter(|b| *b != b'=') {
        let v = ALPHABET.iter().position(|a| *a == b)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Middleware: `Authorization: Bearer <live access token>`, else 401 in the platform's
/// envelope.
pub async fn require_bearer(
    State(platform): State<Arc<Arkadu>>,
    req: Request,
    next: Next,
) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .and_then(|v| {
            v.get(..7)
                .filter(|p| p.eq_ignore_ascii_case("bearer "))
                .map(|_| v[7..].trim())
        });
    match token {
        Some(t) if platform.tokens.is_valid(t) => next.run(req).await,
        Some(_) => ArkaduError::unauthorized(
            "invalid_token",
            "El token de acceso es inválido o está vencido",
        )
        .into_response(),
        None => ArkaduError::unauthorized(
            "not_authenticated",
            "Falta el encabezado Authorization: Bearer <token>",
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_basic_credentials() {
        assert_eq!(
            super::base64_decode("c2FuZGJveDpzYW5kYm94").unwrap(),
            b"sandbox:sandbox"
        );
    }
}
