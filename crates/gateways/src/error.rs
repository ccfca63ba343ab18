use thiserror::Error;

/// What can go wrong talking to a gateway, in the terms the app decides on.
///
/// The split that matters is [`GatewayError::is_transient`]: a transient error says nothing
/// about what the gateway did (a sale may or may not exist), so the caller must ask again; the
/// others are the gateway's definite answer. Messages never carry credentials or tokens.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GatewayError {
    /// No answer within the timeout; the request may still have been processed.
    #[error("the gateway did not answer in time")]
    Timeout,
    /// The request could not be delivered or its answer was cut off (reset, broken pipe...).
    #[error("cannot reach the gateway: {0}")]
    Unreachable(String),
    /// The request never left: no connection could be made, or logging in failed before it
    /// was sent. The gateway did nothing with it, so it may be sent again as it is.
    #[error("the request never reached the gateway: {0}")]
    NotDelivered(String),
    /// A 5xx or an unexpected status, with no body we can use.
    #[error("the gateway failed with HTTP {status}")]
    Server { status: u16 },
    /// A success status with a body we cannot read (not JSON, wrong shape, inexact amounts...).
    #[error("the gateway's answer cannot be read: {0}")]
    BadAnswer(String),
    /// The gateway refused the request itself; nothing was done for it.
    #[error("the gateway refused the request: {message} ({code})")]
    Refused { code: String, message: String },
    /// Our credentials were refused, even after logging in again.
    #[error("the gateway refused our credentials")]
    Unauthorized,
    /// The gateway does not know the thing asked for (a sale id).
    #[error("the gateway does not know it")]
    NotFound,
}

impl GatewayError {
    /// True when the outcome is unknown and asking again later may give a different answer.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            GatewayError::Timeout
                | GatewayError::Unreachable(_)
                | GatewayError::NotDelivered(_)
                | GatewayError::Server { .. }
                | GatewayError::BadAnswer(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_means_the_outcome_is_unknown() {
        let table = [
            (GatewayError::Timeout, true),
            (GatewayError::Unreachable("reset".into()), true),
            (GatewayError::Server { status: 502 }, true),
            (GatewayError::BadAnswer("html".into()), true),
            (
                GatewayError::Refused {
                    code: "400".into(),
                    message: "no".into(),
                },
                false,
            ),
            (GatewayError::Unauthorized, false),
            (GatewayError::NotFound, false),
        ];
        for (err, transient) in table {
            assert_eq!(err.is_transient(), transient, "{err:?}");
        }
    }
}
