//! The gateway's envelope: `{"status":"success","code":0,"data":...}` on success; a non-zero
//! `code` or a `status` other than success is a refusal (the sandbox adds `message`). What any
//! other answer means:
//!
//! - 401: our token (or secret) was refused;
//! - 5xx: the gateway failed, whatever the body says; it may have done what was asked;
//! - another non-2xx: a refusal when its body is the envelope, otherwise the status alone;
//! - a 2xx that is not the envelope (HTML, garbage, empty): unreadable, so transient.

use serde_json::{Map, Value};

use super::undefined::undefined_as_null;
use crate::error::GatewayError;
use crate::http::json;
use crate::http::reply::Reply;

/// The `data` of a success (`null` when it is missing or `undefined`), or what the answer
/// stands for.
pub fn read(reply: &Reply) -> Result<Value, GatewayError> {
    if reply.status == 401 {
        return Err(GatewayError::Unauthorized);
    }
    if reply.status >= 500 {
        return Err(GatewayError::Server {
            status: reply.status,
        });
    }
    if !reply.is_success() {
        return Err(match parse(&reply.body) {
            Ok(Value::Object(fields)) if is_envelope(&fields) && !is_success(&fields) => {
                refusal(&fields)
            }
            _ => GatewayError::Server {
                status: reply.status,
            },
        });
    }
    match parse(&reply.body)? {
        Value::Object(mut fields) if is_envelope(&fields) => {
            if is_success(&fields) {
                Ok(fields.remove("data").unwrap_or(Value::Null))
            } else {
                Err(refusal(&fields))
            }
        }
        Value::Object(_) => Err(GatewayError::BadAnswer(
            "an answer without 'status' or 'code'".into(),
        )),
        other => Err(GatewayError::BadAnswer(format!(
            "expected the gateway's envelope, got {}",
            json::kind(&other)
        ))),
    }
}

/// The body as JSON, `undefined` values read as `null`.
fn parse(body: &[u8]) -> Result<Value, GatewayError> {
    let text = String::from_utf8_lossy(body);
    json::value(undefined_as_null(&text).as_bytes())
}

fn is_envelope(fields: &Map<String, Value>) -> bool {
    fields.contains_key("status") || fields.contains_key("code")
}

/// `status: "success"` (any case) and `code: 0` (a number or its text); both must say so.
fn is_success(fields: &Map<String, Value>) -> bool {
    let status_ok = fields
        .get("status")
        .and_then(Value::as_str)
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("success"));
    let code_ok = fields.get("code").map(text).is_some_and(|c| c == "0");
    status_ok && code_ok
}

/// The refusal in the gateway's words: its code (or, when it sent none or 0, its status), and
/// its `message` (else `error`, else a text `data`).
fn refusal(fields: &Map<String, Value>) -> GatewayError {
    let code = fields
        .get("code")
        .map(text)
        .filter(|c| !c.is_empty() && c != "0")
        .or_else(|| fields.get("status").map(text))
        .unwrap_or_default();
    let message = ["message", "error", "data"]
        .iter()
        .filter_map(|k| fields.get(*k))
        .find_map(|v| v.as_str().map(|s| s.trim().to_string()))
        .unwrap_or_default();
    GatewayError::Refused { code, message }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
