//! What an HTTP answer from the hub means: which statuses are errors of which kind (and the
//! platform's error body), and how a success body becomes a wire type.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{convert, wire};
use crate::error::GatewayError;
use crate::http::json;
use crate::http::reply::Reply;

/// The error a non-2xx answer stands for. Only a 400 with the platform's error body is a
/// refusal; any other status leaves the outcome unknown (`Server`), which is the safe reading
/// for a payment.
pub fn failure(reply: &Reply) -> GatewayError {
    match reply.status {
        400 => serde_json::from_slice::<wire::PlatformError>(&reply.body)
            .ok()
            .and_then(convert::refusal)
            .unwrap_or(GatewayError::Server { status: 400 }),
        401 => GatewayError::Unauthorized,
        404 => GatewayError::NotFound,
        status => GatewayError::Server { status },
    }
}

/// The body of a 2xx answer as JSON, or the error the answer stands for.
pub fn json_value(reply: &Reply) -> Result<Value, GatewayError> {
    if !reply.is_success() {
        return Err(failure(reply));
    }
    json::value(&reply.body)
}

/// A 2xx answer as wire type `T`, or the error the answer stands for.
pub fn json<T: DeserializeOwned>(reply: &Reply, what: &str) -> Result<T, GatewayError> {
    json::shape(json_value(reply)?, what)
}
