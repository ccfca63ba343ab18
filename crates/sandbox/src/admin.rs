//! The sandbox's own API (no auth): faults, ledger, reset, health.
//!
//! - `GET /_sandbox/faults` -> `{"rules":[...]}` (remaining counts)
//! - `PUT /_sandbox/faults` replaces, `POST /_sandbox/faults` appends; body `{"rules":[...]}`, or
//!   a bare array, or one rule object; a rule may also be a spec string `"pay:latency_ms=2000"`
//! - `DELETE /_sandbox/faults` clears
//! - `GET /_sandbox/ledger` -> every sale (`LedgerEntry`)
//! - `POST /_sandbox/reset` forgets sales (bills payable again)
//! - `GET /_sandbox/health` -> `{"status":"ok", ...}`

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::app::AppState;
use crate::faults::{FaultPlan, FaultRule};
use crate::traxion::LedgerEntry;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/_sandbox/faults",
            get(get_faults)
                .put(put_faults)
                .post(add_faults)
                .delete(clear_faults),
        )
        .route("/_sandbox/ledger", get(ledger))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/health", get(health))
}

/// Parses any accepted fault body.
pub fn parse_plan(body: &[u8]) -> Result<FaultPlan, String> {
    let value: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut obj) if obj.contains_key("rules") => match obj.remove("rules") {
            Some(Value::Array(items)) => items,
            _ => return Err("\"rules\" must be an array".to_owned()),
        },
        one @ (Value::Object(_) | Value::String(_)) => vec![one],
        _ => return Err("expected {\"rules\":[...]}, an array or a rule".to_owned()),
    };
    let rules = items
        .into_iter()
        .map(|item| match item {
            Value::String(spec) => spec.parse::<FaultRule>(),
            other => serde_json::from_value::<FaultRule>(other).map_err(|e| e.to_string()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let plan = FaultPlan { rules };
    plan.validate()?;
    Ok(plan)
}

fn bad_request(msg: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": msg}))).into_response()
}

async fn get_faults(State(app): State<AppState>) -> Json<FaultPlan> {
    Json(app.faults.plan())
}

async fn put_faults(State(app): State<AppState>, body: Bytes) -> Response {
    match parse_plan(&body) {
        Ok(plan) => {
            app.faults.set(plan);
            Json(app.faults.plan()).into_response()
        }
        Err(e) => bad_request(e),
    }
}

async fn add_faults(State(app): State<AppState>, body: Bytes) -> Response {
    match parse_plan(&body) {
        Ok(plan) => {
            app.faults.add(plan);
            Json(app.faults.plan()).into_response()
        }
        Err(e) => bad_request(e),
    }
}

async fn clear_faults(State(app): State<AppState>) -> Json<FaultPlan> {
    app.faults.clear();
    Json(app.faults.plan())
}

async fn ledger(State(app): State<AppState>) -> Json<Vec<LedgerEntry>> {
    Json(app.traxion.ledger_entries())
}

async fn reset(State(app): State<AppState>) -> Json<Value> {
    app.reset().await;
    Json(json!({"ok": true}))
}

async fn health(State(app): State<AppState>) -> Json<Value> {
    let cat = app.traxion.catalogue;
    Json(json!({
        "status": "ok",
        "gateways": ["traxion"],
        "companies": cat.companies().len(),
        "bills": cat.bills().len(),
        "sales": app.traxion.ledger().sales().len(),
        "faults": app.faults.plan().rules.len(),
    }))
}
