//! `POST /login` and the token check every other route goes through.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::error::{parse_json, PlatformError};
use super::wire::{LoginRequest, LoginResponse};
use crate::app::AppState;

/// Issued access tokens and when they expire.
#[derive(Debug, Default)]
pub struct Tokens {
    map: Mutex<HashMap<String, Instant>>,
}

impl Tokens {
    /// A new token valid for `lifetime`.
    pub fn issue(&self, lifetime: Duration) -> String {
        let token = format!(
            "{:032x}{:08x}",
            rand::random::<u128>(),
            rand::random::<u32>()
        );
        let now = Instant::now();
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, exp| *exp > now);
        map.insert(token.clone(), now + lifetime);
        token
    }

    /// True while the token exists and has not expired.
    pub fn is_valid(&self, token: &str) -> bool {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(token).is_some_and(|exp| *exp > Instant::now())
    }
}

pub async fn login(
    State(app): State<AppState>,
    body: Bytes,
) -> Result<Json<LoginResponse>, PlatformError> {
    let req: LoginRequest = parse_json(&body)?;
    let creds = &app.traxion.credentials;
    if req.user_id != creds.user || req.user_password != creds.password {
        return Err(PlatformError::unauthorized(
            "INVALID_CREDENTIALS",
            "Usuario o contraseña incorrectos",
        ));
    }
    let lifetime = app.traxion.token_lifetime;
    Ok(Json(LoginResponse {
        access_token: app.traxion.tokens.issue(lifetime),
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
pub async fn require_auth(State(app): State<AppState>, req: Request, next: Next) -> Response {
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
        Some(t) if app.traxion.tokens.is_valid(t) => next.run(req).await,
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
