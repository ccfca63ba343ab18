//! Starting and reading captures:
//!
//! - `POST /_sandbox/quickpay/captures` `{"reference_id", "amount", "currency"}` -> 201 with the
//!   capture (200 when the reference was started before with the same amount and currency; 409
//!   with another; 400 for a bad reference, amount or currency)
//! - `GET /_sandbox/quickpay/captures/{reference_id}` -> the capture; 404 unknown
//! - `GET /_sandbox/quickpay/captures` -> every capture, oldest first

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::{SecondsFormat, Utc};
use serde_json::{json, Value};

use super::capture::{Capture, StartError};
use super::error::ApiError;
use super::terminal::Quickpay;
use super::urls;
use crate::json_amount as amount;

/// A capture as the sandbox shows it: never the card number, only its masked form.
pub fn view(capture: &Capture, base: &str) -> Value {
    let presented = capture.presented.as_ref();
    json!({
        "reference_id": capture.reference_id,
        "id": capture.id,
        "capture_number": capture.capture_number,
        "state": capture.state.as_str(),
        "amount": capture.amount.to_string(),
        "currency": capture.currency.iso(),
        "page_url": urls::page(base, &capture.reference_id),
        "create_time": capture.created.to_rfc3339_opts(SecondsFormat::Millis, true),
        "presented_at": presented.map(|p| p.at.to_rfc3339_opts(SecondsFormat::Millis, true)),
        "card": presented.map(|p| json!({
            "req_card_number": p.card.masked,
            "panLast4": p.card.last4,
            "card_type": p.card.card_type,
            "payment_token": p.card.payment_token,
        })),
        "deliveries": {
            "attempted": capture.deliveries.attempted,
            "acknowledged": capture.deliveries.acknowledged,
            "queued": capture.deliveries.queued,
        },
    })
}

pub async fn start(
    State(quickpay): State<Arc<Quickpay>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let expected =
        "expected {\"reference_id\": \"...\", \"amount\": \"1500.00\", \"currency\": \"ARS\"}";
    let fields = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(obj)) => obj,
        _ => return Err(ApiError::invalid(expected)),
    };
    let text = |key: &str| match fields.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        None | Some(Value::Null) => Err(ApiError::invalid(format!("{key} is missing; {expected}"))),
        Some(_) => Err(ApiError::invalid(format!("{key} must be a string"))),
    };
    let reference_id = text("reference_id")?;
    let currency = text("currency")?;
    let amount = match fields.get("amount") {
        None | Some(Value::Null) => {
            return Err(ApiError::invalid(format!("amount is missing; {expected}")))
        }
        Some(v) => amount::read(v).ok_or_else(|| {
            ApiError::invalid(format!(
                "amount must be a plain decimal, as a string or a JSON number, not {v}"
            ))
        })?,
    };
    let (capture, new) = quickpay
        .captures()
        .start(&reference_id, amount, &currency, Utc::now())
        .map_err(|e| match e {
            StartError::Invalid(msg) => ApiError::invalid(msg),
            StartError::Conflict(msg) => ApiError::conflict(msg),
        })?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(view(&capture, &urls::base(&headers)))))
}

pub async fn get_one(
    State(quickpay): State<Arc<Quickpay>>,
    Path(reference_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let captures = quickpay.captures();
    let capture = captures
        .get(&reference_id)
        .ok_or_else(|| ApiError::not_found(&reference_id))?;
    Ok(Json(view(capture, &urls::base(&headers))))
}

pub async fn list(State(quickpay): State<Arc<Quickpay>>, headers: HeaderMap) -> Json<Value> {
    let base = urls::base(&headers);
    let captures = quickpay.captures();
    Json(Value::Array(
        captures.list().iter().map(|c| view(c, &base)).collect(),
    ))
}
