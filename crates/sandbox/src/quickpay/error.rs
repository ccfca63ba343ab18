//! The terminal's refusal: `{"error": text}` with the HTTP status that says what kind it is
//! (400 invalid, 404 unknown capture, 409 conflicting or already presented).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(reference_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            format!("no capture with reference_id {reference_id:?}"),
        )
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({"error": self.message}))).into_response()
    }
}

/// The body of an `http_body=json` fault on the terminal's routes.
pub fn fault_body(status: StatusCode) -> serde_json::Value {
    json!({"error": format!("the card terminal is unavailable ({})", status.as_u16())})
}
