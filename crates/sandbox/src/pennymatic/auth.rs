//! The operator's `token`, a query parameter every call of the API carries; wrong or missing
//! is HTTP 401 with code 1. (`POST /bsv/pay` checks its body's `secret` itself.)

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::envelope::WalletError;
use super::params::Params;
use super::wallet::Pennymatic;

pub async fn require_token(
    State(gateway): State<Arc<Pennymatic>>,
    req: Request,
    next: Next,
) -> Response {
    let params = match Params::of(req.uri()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    match params.get("token") {
        Some(t) if t == gateway.config.token.expose() => next.run(req).await,
        Some(_) => WalletError::unauthorized("Token no válido").into_response(),
        None => WalletError::unauthorized("Falta el parámetro token").into_response(),
    }
}
