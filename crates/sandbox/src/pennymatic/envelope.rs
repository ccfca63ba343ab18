//! The gateway's envelope: `{"status":"success","code":0,"data":...}`, or for a refusal
//! `{"status":"error","code":N,"data":null,"message":"..."}` with a non-zero code:
//!
//! | code | HTTP | meaning |
//! |---|---|---|
//! | 1 | 401 | wrong or missing `token`, or wrong `secret` |
//! | 2 | 400 | a parameter missing or invalid (webhook, amount, body, txhash, user token) |
//! | 3 | 400 | the user token is not connected (never was, or the customer disconnected) |
//! | 4 | 400 | currency or coin not supported |
//! | 5 | as the fault says | the service is unavailable (the body of an `http_body=json` fault) |

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// A refusal's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    Unauthorized = 1,
    BadRequest = 2,
    NotConnected = 3,
    Unsupported = 4,
    Unavailable = 5,
}

/// `{"status":"success","code":0,"data": data}`.
pub fn success(data: Value) -> Json<Value> {
    Json(json!({"status": "success", "code": 0, "data": data}))
}

/// A refusal of the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletError {
    pub code: Code,
    pub message: String,
}

impl WalletError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        WalletError {
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(Code::BadRequest, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(Code::Unauthorized, message)
    }

    pub fn status(&self) -> StatusCode {
        match self.code {
            Code::Unauthorized => StatusCode::UNAUTHORIZED,
            Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Code::BadRequest | Code::NotConnected | Code::Unsupported => StatusCode::BAD_REQUEST,
        }
    }

    pub fn body(&self) -> Value {
        json!({"status": "error", "code": self.code as u8, "data": null, "message": self.message})
    }
}

impl IntoResponse for WalletError {
    fn into_response(self) -> Response {
        (self.status(), Json(self.body())).into_response()
    }
}

/// The body of an `http_body=json` fault on the gateway's routes.
pub fn fault_body(_status: StatusCode) -> Value {
    WalletError::new(
        Code::Unavailable,
        "Servicio no disponible en este momento. Intente nuevamente más tarde.",
    )
    .body()
}
