//! The document's "Subscripción", set at run time (no auth):
//!
//! - `PUT /_sandbox/quickpay/subscription` `{"url": "http(s)://...", "token": "..."}` -> `{"url"}`;
//!   400 for another kind of URL or an empty token. Queued deliveries go out to it at once.
//! - `GET` -> `{"url": "..." | null}` (never the token)
//! - `DELETE` clears it; deliveries wait again.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use super::config::Subscription;
use super::error::ApiError;
use super::terminal::Quickpay;

pub async fn get(State(quickpay): State<Arc<Quickpay>>) -> Json<Value> {
    Json(json!({"url": quickpay.subscription().map(|s| s.url)}))
}

pub async fn put(
    State(quickpay): State<Arc<Quickpay>>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let expected = "expected {\"url\": \"http://...\", \"token\": \"...\"}";
    let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(&body) else {
        return Err(ApiError::invalid(expected));
    };
    let url = match obj.get("url") {
        Some(Value::String(url)) if is_http_url(url) => url.trim().to_owned(),
        _ => return Err(ApiError::invalid("\"url\" must be an http(s) URL")),
    };
    let token = match obj.get("token") {
        Some(Value::String(t)) if !t.trim().is_empty() => t.trim().to_owned(),
        _ => return Err(ApiError::invalid("\"token\" must be a non-empty string")),
    };
    quickpay.set_subscription(Some(Subscription::new(url.clone(), token)));
    Ok(Json(json!({"url": url})))
}

pub async fn delete(State(quickpay): State<Arc<Quickpay>>) -> Json<Value> {
    quickpay.set_subscription(None);
    Json(json!({"url": null}))
}

/// True for `http://` or `https://` followed by something.
pub fn is_http_url(url: &str) -> bool {
    let url = url.trim();
    ["http://", "https://"].iter().any(|p| {
        url.len() > p.len()
            && url
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}
