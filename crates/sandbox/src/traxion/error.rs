//! The platform error: HTTP 4xx with `{code, message, data:{errorCode, errorType, messageText}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// A platform (non-business) error of the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformError {
    pub status: StatusCode,
    /// Machine code, e.g. `INVALID_AMOUNT`.
    pub error_code: &'static str,
    /// `VALIDATION`, `AUTHENTICATION`, `NOT_FOUND`, `STATE`, `PLATFORM`.
    pub error_type: &'static str,
    /// Spanish text for a person.
    pub text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    code: u16,
    message: &'a str,
    data: Data<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Data<'a> {
    error_code: &'a str,
    error_type: &'a str,
    message_text: &'a str,
}

impl PlatformError {
    fn new(status: StatusCode, code: &'static str, kind: &'static str, text: String) -> Self {
        PlatformError {
            status,
            error_code: code,
            error_type: kind,
            text,
        }
    }

    /// 400 VALIDATION.
    pub fn invalid(code: &'static str, text: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, "VALIDATION", text.into())
    }

    /// 401 AUTHENTICATION.
    pub fn unauthorized(code: &'static str, text: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            code,
            "AUTHENTICATION",
            text.into(),
        )
    }

    /// 404 NOT_FOUND.
    pub fn not_found(code: &'static str, text: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, "NOT_FOUND", text.into())
    }

    /// 400 STATE (the request is fine but the resource is not in the right state).
    pub fn state(code: &'static str, text: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, "STATE", text.into())
    }

    /// The JSON body.
    pub fn body(&self) -> serde_json::Value {
        serde_json::to_value(Body {
            code: self.status.as_u16(),
            message: self.status.canonical_reason().unwrap_or("Error"),
            data: Data {
                error_code: self.error_code,
                error_type: self.error_type,
                message_text: &self.text,
            },
        })
        .expect("error body serialises")
    }
}

impl IntoResponse for PlatformError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// The body of an `http_body=json` fault on a hub route: the platform's error shape, as a
/// proxy in front of the hub that cannot serve would answer with `status`.
pub fn fault_body(status: StatusCode) -> serde_json::Value {
    PlatformError::new(
        status,
        "SERVICE_UNAVAILABLE",
        "PLATFORM",
        "El servicio no está disponible en este momento. Intente nuevamente más tarde.".to_owned(),
    )
    .body()
}

/// Parses a JSON body, answering a platform error (not axum's 422 text) when it does not fit.
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, PlatformError> {
    serde_json::from_slice(bytes).map_err(|e| {
        PlatformError::invalid(
            "INVALID_REQUEST",
            format!("El cuerpo del pedido no es válido: {e}"),
        )
    })
}
