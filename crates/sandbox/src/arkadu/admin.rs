//! The platform's part of the sandbox's admin API (no auth):
//!
//! - `GET /_sandbox/arkadu/callback` -> `{"url": "..." | null}`
//! - `PUT /_sandbox/arkadu/callback` `{"url": "..."}` registers the agent app's callback URL
//!   (`null` forgets it); 400 `{"error"}` when it is not an http(s) URL
//! - `DELETE /_sandbox/arkadu/callback` forgets it
//! - `GET /_sandbox/arkadu/orders` -> every order, oldest first, as the state file keeps it

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::order::Order;
use super::platform::Arkadu;

pub async fn get_callback(State(platform): State<Arc<Arkadu>>) -> Json<Value> {
    Json(json!({"url": platform.callback_url()}))
}

pub async fn put_callback(State(platform): State<Arc<Arkadu>>, body: Bytes) -> Response {
    let url = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(obj)) => match obj.get("url") {
            Some(Value::String(url)) if is_http_url(url) => Some(url.clone()),
            Some(Value::Null) => None,
            _ => return bad_request("\"url\" must be an http(s) URL or null"),
        },
        _ => return bad_request("expected {\"url\": \"http://...\"}"),
    };
    platform.set_callback_url(url);
    Json(json!({"url": platform.callback_url()})).into_response()
}

pub async fn delete_callback(State(platform): State<Arc<Arkadu>>) -> Json<Value> {
    platform.set_callback_url(None);
    Json(json!({"url": null}))
}

pub async fn orders(State(platform): State<Arc<Arkadu>>) -> Json<Vec<Order>> {
    Json(platform.book().orders().to_vec())
}

/// True for `http://` or `https://` followed by something.
pub fn is_http_url(url: &str) -> bool {
    ["http://", "https://"]
        .iter()
        .any(|p| url.len() > p.len() && url[..p.len()].eq_ignore_ascii_case(p))
}

fn bad_request(msg: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": msg}))).into_response()
}
