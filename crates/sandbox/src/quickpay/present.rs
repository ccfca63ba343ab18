//! Presenting a card at the terminal, and delivering the result again:
//!
//! - `POST /_sandbox/quickpay/captures/{reference_id}/present` `{"outcome":
//!   "approve"|"decline"|"cancel", "card_number"?: digits, "card_type"?: "001"}` -> the capture;
//!   its `card_captured` body is built and delivered. 404 unknown, 409 already presented, 400
//!   bad outcome or card.
//! - `POST /_sandbox/quickpay/captures/{reference_id}/redeliver` -> 202 with the capture; the
//!   same body is delivered again (a duplicate, as a proxy's retry would send). 409 when not
//!   presented yet.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::Utc;
use serde_json::Value;

use super::capture::{Outcome, PresentError};
use super::captures::view;
use super::card::{Card, DEFAULT_CARD_NUMBER, DEFAULT_CARD_TYPE};
use super::delivery::{self, Plan};
use super::endpoint::Endpoint;
use super::error::ApiError;
use super::terminal::Quickpay;
use super::{urls, webhook};
use crate::faults::ctl::FaultCtl;
use crate::faults::target::Target;

/// Presents `card` to the capture of `reference_id` and starts its delivery; the capture's
/// view, or why not.
pub fn present(
    quickpay: &Arc<Quickpay>,
    faults: &FaultCtl,
    reference_id: &str,
    outcome: Outcome,
    card: Card,
    base: &str,
) -> Result<Value, ApiError> {
    let page_url = urls::page(base, reference_id);
    let capture = quickpay
        .captures()
        .present(reference_id, outcome, card, Utc::now(), |c, card, now| {
            webhook::card_captured(c, card, now, &page_url)
        })
        .map_err(|e| match e {
            PresentError::NotFound => ApiError::not_found(reference_id),
            PresentError::AlreadyPresented(state) => ApiError::conflict(format!(
                "the capture {reference_id:?} was already presented ({})",
                state.as_str()
            )),
        })?;
    let body = capture
        .presented
        .as_ref()
        .map(|p| p.body.clone())
        .unwrap_or_default();
    delivery::spawn(quickpay, capture.id.clone(), body, plan(faults));
    let capture = quickpay
        .captures()
        .get(reference_id)
        .cloned()
        .unwrap_or(capture);
    Ok(view(&capture, base))
}

/// The `quickpay.webhook` faults of one delivery, taken once per delivery.
fn plan(faults: &FaultCtl) -> Plan {
    let applied = faults.take(Target::of(Endpoint::Webhook));
    Plan {
        delay: Duration::from_millis(applied.before.latency_ms + applied.after.latency_ms),
        faults: applied.callbacks,
    }
}

pub async fn present_json(
    State(quickpay): State<Arc<Quickpay>>,
    State(faults): State<Arc<FaultCtl>>,
    Path(reference_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let expected = "expected {\"outcome\": \"approve\" | \"decline\" | \"cancel\", \"card_number\"?: \"4111111111111111\", \"card_type\"?: \"001\"}";
    let fields = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(obj)) => obj,
        _ => return Err(ApiError::invalid(expected)),
    };
    let text = |key: &str, default: &str| match fields.get(key) {
        None | Some(Value::Null) => Ok(default.to_owned()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(ApiError::invalid(format!("{key} must be a string"))),
    };
    let outcome = Outcome::parse(&text("outcome", "")?)
        .ok_or_else(|| ApiError::invalid(format!("outcome is missing or unknown; {expected}")))?;
    let card = Card::read(
        &text("card_number", DEFAULT_CARD_NUMBER)?,
        &text("card_type", DEFAULT_CARD_TYPE)?,
    )
    .map_err(ApiError::invalid)?;
    present(
        &quickpay,
        &faults,
        &reference_id,
        outcome,
        card,
        &urls::base(&headers),
    )
    .map(Json)
}

pub async fn redeliver(
    State(quickpay): State<Arc<Quickpay>>,
    State(faults): State<Arc<FaultCtl>>,
    Path(reference_id): Path<String>,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let capture = quickpay
        .captures()
        .get(&reference_id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(&reference_id))?;
    let Some(presented) = capture.presented.as_ref() else {
        return Err(ApiError::conflict(format!(
            "the capture {reference_id:?} was not presented yet: nothing to deliver"
        )));
    };
    delivery::spawn(
        &quickpay,
        capture.id.clone(),
        presented.body.clone(),
        plan(&faults),
    );
    let capture = quickpay
        .captures()
        .get(&reference_id)
        .cloned()
        .unwrap_or(capture);
    Ok((
        StatusCode::ACCEPTED,
        Json(view(&capture, &urls::base(&headers))),
    ))
}
