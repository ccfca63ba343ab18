//! The platform's refusal: `{"res": 0, "error": CODE, "message": text}` with an HTTP status
//! that says what kind of refusal it is (400, 401, 404).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// A refusal of the tax platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArkaduError {
    pub status: StatusCode,
    /// Machine code, e.g. `AMOUNT_MISMATCH`.
    pub error: &'static str,
    /// Spanish text for a person, as the platform writes it.
    pub message: String,
}

impl ArkaduError {
    pub fn new(status: StatusCode, error: &'static str, message: impl Into<String>) -> Self {
        ArkaduError {
            status,
            error,
            message: message.into(),
        }
    }

    /// 400: the request does not fit, or the order or item is not in a state that allows it.
    pub fn invalid(error: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error, message)
    }

    pub fn not_found(error: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, error, message)
    }

    pub fn unauthorized(error: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, error, message)
    }

    pub fn body(&self) -> serde_json::Value {
        json!({"res": 0, "error": self.error, "message": self.message})
    }
}

impl IntoResponse for ArkaduError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// The body of an `http_body=json` fault on the platform's routes.
pub fn fault_body(status: StatusCode) -> serde_json::Value {
    ArkaduError::new(
        status,
        "SERVICE_UNAVAILABLE",
        "El servicio no está disponible en este momento. Intente nuevamente más tarde.",
    )
    .body()
}
