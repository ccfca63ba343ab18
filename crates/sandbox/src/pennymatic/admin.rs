//! The wallet side of the sandbox (no auth), what the customer's phone and the tests do:
//!
//! - `POST /_sandbox/pennymatic/sessions/{sessionid}/approve` (optional `{"user_token"}`; also
//!   the authorize page's form, answered in HTML): the customer consents; a user token is
//!   minted and delivered to the session's webhook. 200 `{"sessionid", "state": "approved"}`;
//!   404 unknown, 410 expired, 409 approved before.
//! - `POST /_sandbox/pennymatic/sessions/{sessionid}/revoke`: the customer disconnects the app
//!   in the wallet; its user token is no longer connected. 404 unknown, 409 not connected.
//! - `GET /_sandbox/pennymatic/sessions[/{sessionid}]`: sessions, never their user tokens.
//! - `GET /_sandbox/pennymatic/payments`: every payment made, oldest first.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::authorize;
use super::config::APP_ID;
use super::consent::{self, Plan};
use super::endpoint::Endpoint;
use super::payment::WalletPayment;
use super::session::{ApproveError, RevokeError, Session};
use super::wallet::Pennymatic;
use crate::faults::ctl::FaultCtl;
use crate::faults::target::Target;

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({"error": message.into()}))).into_response()
}

fn time(t: Option<DateTime<Utc>>) -> Value {
    json!(t.map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true)))
}

/// A session as the sandbox shows it: never its user token.
pub fn view(session: &Session, now: DateTime<Utc>) -> Value {
    json!({
        "sessionid": session.id,
        "state": session.state(now).as_str(),
        "app_id": APP_ID,
        "webhook": session.webhook,
        "created": time(Some(session.created)),
        "expires_at": time(Some(session.expires_at)),
        "approved_at": time(session.approved_at),
        "revoked_at": time(session.revoked_at),
        "token_delivered": session.deliveries.acknowledged > 0,
        "deliveries": {
            "attempted": session.deliveries.attempted,
            "acknowledged": session.deliveries.acknowledged,
            "queued": session.deliveries.queued,
        },
    })
}

pub async fn approve(
    State(gateway): State<Arc<Pennymatic>>,
    State(faults): State<Arc<FaultCtl>>,
    Path(session_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let from_page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| {
            c.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    let chosen = if from_page || body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(obj)) => match obj.get("user_token") {
                None | Some(Value::Null) => None,
                Some(Value::String(t)) if !t.trim().is_empty() => Some(t.trim().to_owned()),
                Some(_) => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "\"user_token\" must be a non-empty string",
                    )
                }
            },
            _ => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "expected no body or {\"user_token\": \"...\"}",
                )
            }
        }
    };
    let approved = gateway.sessions().approve(&session_id, chosen, Utc::now());
    let result = approved;
    if let Ok(session) = &result {
        let token = session.user_token().map(|t| t.expose()).unwrap_or_default();
        match consent::url(&session.webhook, token, APP_ID, &session.id) {
            Some(url) => consent::spawn(&gateway, session.id.clone(), url, plan(&faults)),
            None => tracing::warn!(session = %session.id, "webhook is no URL: consent not sent"),
        }
    }
    if from_page {
        return authorize::approved_page(result.map(|_| ()));
    }
    match result {
        Ok(session) => Json(json!({"sessionid": session.id, "state": "approved"})).into_response(),
        Err(ApproveError::NotFound) => not_found(&session_id),
        Err(ApproveError::Expired) => error(
            StatusCode::GONE,
            format!("session {session_id:?} expired before it was approved"),
        ),
        Err(ApproveError::AlreadyApproved(state)) => error(
            StatusCode::CONFLICT,
            format!(
                "session {session_id:?} was approved before ({})",
                state.as_str()
            ),
        ),
    }
}

/// The `pennymatic.consent` faults of one consent, taken once per approval.
fn plan(faults: &FaultCtl) -> Plan {
    let applied = faults.take(Target::of(Endpoint::Consent));
    Plan {
        delay: Duration::from_millis(applied.before.latency_ms + applied.after.latency_ms),
        faults: applied.callbacks,
    }
}

fn not_found(session_id: &str) -> Response {
    error(StatusCode::NOT_FOUND, format!("no session {session_id:?}"))
}

pub async fn revoke(
    State(gateway): State<Arc<Pennymatic>>,
    Path(session_id): Path<String>,
) -> Response {
    let revoked = gateway.sessions().revoke(&session_id, Utc::now());
    match revoked {
        Ok(session) => Json(json!({"sessionid": session.id, "state": "revoked"})).into_response(),
        Err(RevokeError::NotFound) => not_found(&session_id),
        Err(RevokeError::NotConnected(state)) => error(
            StatusCode::CONFLICT,
            format!(
                "session {session_id:?} is not connected ({})",
                state.as_str()
            ),
        ),
    }
}

pub async fn session(
    State(gateway): State<Arc<Pennymatic>>,
    Path(session_id): Path<String>,
) -> Response {
    let sessions = gateway.sessions();
    match sessions.get(&session_id) {
        Some(s) => Json(view(s, Utc::now())).into_response(),
        None => not_found(&session_id),
    }
}

pub async fn sessions(State(gateway): State<Arc<Pennymatic>>) -> Json<Value> {
    let now = Utc::now();
    let sessions = gateway.sessions();
    Json(Value::Array(
        sessions.list().iter().map(|s| view(s, now)).collect(),
    ))
}

pub async fn payments(State(gateway): State<Arc<Pennymatic>>) -> Json<Vec<WalletPayment>> {
    Json(gateway.payments().clone())
}
