//! The platform's envelope: `{"res": 1, ...}` on success, `{"res": 0, "error", "message"}` (older
//! versions add `code`) on refusal, and what any other answer means.
//!
//! A refusal keeps the platform's own code and words. An answer that is not the envelope (an
//! HTML page from a proxy, garbage, a cut-off body) is a `BadAnswer`: transient, because it
//! does not say what the platform did.

use serde_json::{Map, Value};

use crate::error::GatewayError;
use crate::http::json;
use crate::http::reply::Reply;

/// The fields of a `res: 1` answer, or the error the answer stands for.
pub fn read(reply: &Reply) -> Result<Map<String, Value>, GatewayError> {
    if !reply.is_success() {
        return Err(failure(reply));
    }
    match json::value(&reply.body)? {
        Value::Object(fields) => success(fields),
        other => Err(GatewayError::BadAnswer(format!(
            "expected the platform's envelope, got {}",
            json::kind(&other)
        ))),
    }
}

/// The "bare OK" a payment report or cancel is answered with. The document does not show it,
/// so an empty body, the text `OK` and `{"status": "ok"}` all count, besides the envelope;
/// anything else is unreadable.
pub fn read_ack(reply: &Reply) -> Result<(), GatewayError> {
    if !reply.is_success() {
        return Err(failure(reply));
    }
    let text = String::from_utf8_lossy(&reply.body);
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() || text.eq_ignore_ascii_case("ok") || text.eq_ignore_ascii_case("\"ok\"") {
        return Ok(());
    }
    match json::value(&reply.body)? {
        Value::Object(fields) if fields.contains_key("res") => success(fields).map(drop),
        Value::Object(fields)
            if fields
                .get("status")
                .and_then(Value::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("ok")) =>
        {
            Ok(())
        }
        other => Err(GatewayError::BadAnswer(format!(
            "expected an OK, got {}",
            json::kind(&other)
        ))),
    }
}

fn success(fields: Map<String, Value>) -> Result<Map<String, Value>, GatewayError> {
    match fields.get("res").map(res_flag) {
        Some(Some(true)) => Ok(fields),
        Some(Some(false)) => Err(refusal(&fields)),
        Some(None) => Err(GatewayError::BadAnswer("'res' is neither 1 nor 0".into())),
        None => Err(GatewayError::BadAnswer("an answer without 'res'".into())),
    }
}

/// `res` as the document allows it: `1`/`0` or `true`/`false` (and the same as text).
fn res_flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) if n.to_string() == "1" => Some(true),
        Value::Number(n) if n.to_string() == "0" => Some(false),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" => Some(true),
            "0" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// `{res: 0, error, message[, code]}`: `error` names the reason; `code`, when an older version
/// sends it too, is kept beside it.
fn refusal(fields: &Map<String, Value>) -> GatewayError {
    let error = fields.get("error").map(text).filter(|s| !s.is_empty());
    let code = fields.get("code").map(text).filter(|s| !s.is_empty());
    let code = match (error, code) {
        (Some(e), Some(c)) if e != c => format!("{e}:{c}"),
        (Some(e), _) => e,
        (None, Some(c)) => c,
        (None, None) => String::new(),
    };
    let message = fields.get("message").map(text).unwrap_or_default();
    GatewayError::Refused { code, message }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A non-2xx answer: a refusal when a 4xx carries the envelope with `res: 0` (some platform
/// versions answer refusals with 400), otherwise the status alone. A 5xx is never a refusal,
/// whatever its body says: the platform failed while handling the call and may have done what
/// was asked (a report recorded before the error), so only asking again with the same
/// reference tells.
fn failure(reply: &Reply) -> GatewayError {
    if reply.status == 401 {
        return GatewayError::Unauthorized;
    }
    // Only a 4xx body is read for a refusal.
    let body = (reply.status < 500)
        .then(|| serde_json::from_slice::<Value>(&reply.body).ok())
        .flatten();
    match body {
        Some(Value::Object(fields)) if fields.get("res").and_then(res_flag) == Some(false) => {
            refusal(&fields)
        }
        _ => GatewayError::Server {
            status: reply.status,
        },
    }
}
