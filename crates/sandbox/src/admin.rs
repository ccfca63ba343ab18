//! The sandbox's own API (no auth): faults, ledger, reset, health.
//!
//! - `GET /_sandbox/faults` -> `{"rules":[...]}` (remaining counts)
//! - `PUT /_sandbox/faults` replaces, `POST /_sandbox/faults` appends; body `{"rules":[...]}`, or
//!   a bare array, or one rule object; a rule may also be a spec string `"pay:latency_ms=2000"`;
//!   a rule names its gateway (`"gateway":"traxion"`, `traxion.pay:...`) or is Traxion's
//! - `DELETE /_sandbox/faults` clears
//! - `GET /_sandbox/ledger` -> every sale (`LedgerEntry`)
//! - `POST /_sandbox/reset` forgets sales (bills payable again) and tax orders (debts payable again)
//! - `GET /_sandbox/health` -> `{"status":"ok", ...}`
//! - `/_sandbox/arkadu/*`: the tax platform's callback URL and orders (in `arkadu/admin.rs`)

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::faults::ctl::FaultCtl;
use crate::faults::gateways;
use crate::faults::plan::FaultPlan;
use crate::faults::rule::FaultRule;
use crate::server::state::ServerState;
use crate::traxion::hub::Hub;
use crate::traxion::ledger::LedgerEntry;

/// The admin routes. Ledger, reset and health speak for every gateway, so they take the whole
/// server state; the fault routes need only the fault plan.
pub fn router() -> Router<ServerState> {
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

async fn get_faults(State(faults): State<Arc<FaultCtl>>) -> Json<FaultPlan> {
    Json(faults.plan())
}

async fn put_faults(State(faults): State<Arc<FaultCtl>>, body: Bytes) -> Response {
    match parse_plan(&body) {
        Ok(plan) => {
            faults.set(plan);
            Json(faults.plan()).into_response()
        }
        Err(e) => bad_request(e),
    }
}

async fn add_faults(State(faults): State<Arc<FaultCtl>>, body: Bytes) -> Response {
    match parse_plan(&body) {
        Ok(plan) => {
            faults.add(plan);
            Json(faults.plan()).into_response()
        }
        Err(e) => bad_request(e),
    }
}

async fn clear_faults(State(faults): State<Arc<FaultCtl>>) -> Json<FaultPlan> {
    faults.clear();
    Json(faults.plan())
}

async fn ledger(State(hub): State<Arc<Hub>>) -> Json<Vec<LedgerEntry>> {
    Json(hub.ledger_entries())
}

async fn reset(State(state): State<ServerState>) -> Json<Value> {
    state.reset().await;
    Json(json!({"ok": true}))
}

async fn health(State(state): State<ServerState>) -> Json<Value> {
    let cat = state.traxion.catalogue;
    Json(json!({
        "status": "ok",
        "gateways": gateways::NAMES,
        "companies": cat.companies().len(),
        "bills": cat.bills().len(),
        "sales": state.traxion.ledger().sales().len(),
        "tax_orders": state.arkadu.book().orders().len(),
        "tax_currency": state.arkadu.config.currency.iso(),
        "faults": state.faults.plan().rules.len(),
    }))
}
