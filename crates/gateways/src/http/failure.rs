//! Transport failures (no complete answer arrived) sorted into the `GatewayError`s the app
//! decides on: whether the request may have been processed is what matters.

use crate::error::GatewayError;

/// A failure before a complete answer arrived. Callers hand over the error without its URL
/// (`reqwest::Error::without_url`): a gateway may carry credentials in its query string.
pub fn transport_error(e: &reqwest::Error) -> GatewayError {
    if e.is_timeout() {
        return GatewayError::Timeout;
    }
    let connect = e.is_connect();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    // No connection means the request never left; anything later may have reached the gateway.
    if connect {
        GatewayError::NotDelivered(text)
    } else {
        GatewayError::Unreachable(text)
    }
}

/// A failure while logging in means the call itself was never sent.
pub fn not_sent(e: GatewayError) -> GatewayError {
    if e.is_transient() {
        GatewayError::NotDelivered(e.to_string())
    } else {
        e
    }
}
