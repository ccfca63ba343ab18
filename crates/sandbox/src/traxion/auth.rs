//! `POST /login` and the token check every other route goes through.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::error::{parse_json, PlatformError};
use super::hub::Hub;
use super::wire::{LoginRequest, LoginResponse};

pub async fn login(
    State(hub): State<Arc<Hub>>,
    body: Bytes,
) -> Result<Json<LoginResponse>, PlatformError> {
    let req: LoginRequest = parse_json(&body)?;
    let creds = &hub.credentials;
    if req.user_id != creds.user || req.user_password != creds.password {
        return Err(PlatformError::unauthorized(
            "INVALID_CREDENTIALS",
            "Usuario o contraseña incorrectos",
        ));
    }
    let lifetime = hub.token_lifetime;
    Ok(Json(LoginResponse {
        access_token: hub.tokens.issue(lifetime),
        lifetime: lifetime.as_secs(),
        need_change_password: false,
    }))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Middleware: `applicationId` and `deviceId` present (else 400), `Authorization` holds a live
/// token, bare or after `Bearer ` (else 401).
pub async fn require_auth(State(hub): State<Arc<Hub>>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    for name in ["applicationId", "deviceId"] {
        if header(headers, name).is_none() {
            return PlatformError::invalid(
                "MISSING_HEADER",
                format!("Falta el encabezado obligatorio {name}"),
            )
            .into_response();
        }
    }
    let token = header(headers, "authorization").map(|v| match v.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("bearer ") => v[7..].trim(),
        _ => v,
    });
    match token {
        Some(t) if hub.tokens.is_valid(t) => next.run(req).await,
        Some(_) => PlatformError::unauthorized(
            "INVALID_TOKEN",
            "El token de acceso es inválido o está vencido. Inicie sesión nuevamente.",
        )
        .into_response(),
        None => PlatformError::unauthorized(
            "MISSING_TOKEN",
            "Falta el encabezado Authorization con el token de acceso",
        )
        .into_response(),
    }
}
