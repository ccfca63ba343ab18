//! A success body as JSON, and JSON as a wire type, with `BadAnswer`s that say what was wrong.
//! Amounts stay exact because the workspace's serde_json keeps numbers as text
//! (`arbitrary_precision`) and wire types read them with `decimal::JsonDecimal`.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::GatewayError;

/// The body of an answer as JSON. Deciding what a non-2xx status means is the gateway's job,
/// before calling this.
pub fn value(body: &[u8]) -> Result<Value, GatewayError> {
    let text = String::from_utf8_lossy(body);
    // Some servers start JSON with a byte order mark; it is not content.
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(GatewayError::BadAnswer("an empty answer".into()));
    }
    // A proxy's error page, served with a success status.
    if trimmed.starts_with('<') {
        return Err(GatewayError::BadAnswer(
            "an HTML page instead of JSON".into(),
        ));
    }
    serde_json::from_str(trimmed).map_err(|e| GatewayError::BadAnswer(format!("not JSON ({e})")))
}

/// Reads an already parsed JSON value as wire type `T`; `what` names it in the error.
pub fn shape<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, GatewayError> {
    let found = kind(&value);
    serde_json::from_value(value)
        .map_err(|e| GatewayError::BadAnswer(format!("expected {what}, got {found}: {e}")))
}

/// What kind of JSON value this is, for error messages.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
