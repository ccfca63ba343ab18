//! Starting a capture on the semi-integrated card terminal. The tokenization document covers
//! only the webhook that brings the result; the terminal is reached through our own sandbox's
//! endpoint, `POST /_sandbox/quickpay/captures {reference_id, amount, currency}`, which is
//! idempotent: the same reference with the same amount is the same capture, so a transient
//! failure may simply be retried.

use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ventanilla_core::quickpay::{redact_card_numbers, TenderRef};
use ventanilla_core::Money;

use crate::error::GatewayError;
use crate::http::client::HttpClient;
use crate::http::reply::Reply;
use crate::http::request::Call;

pub const DEFAULT_TERMINAL_TIMEOUT: Duration = Duration::from_secs(10);
const PATH_CAPTURES: &str = "/_sandbox/quickpay/captures";
/// The longest refusal message kept from the terminal.
const MESSAGE_MAX: usize = 200;

/// The terminal's client. Cheap to clone.
#[derive(Clone)]
pub struct CardTerminal {
    inner: Arc<Inner>,
}

struct Inner {
    client: HttpClient,
    timeout: Duration,
}

impl std::fmt::Debug for CardTerminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardTerminal")
            .field("base_url", &self.inner.client.base_url())
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct Start<'a> {
    reference_id: &'a str,
    /// A decimal string at the currency's scale (`"1500.00"`).
    amount: String,
    currency: &'a str,
}

impl CardTerminal {
    /// Checks the address; does not contact the terminal.
    pub fn new(base_url: &str, timeout: Duration) -> Result<CardTerminal, GatewayError> {
        Ok(CardTerminal {
            inner: Arc::new(Inner {
                client: HttpClient::new("card terminal", base_url, Vec::new())?,
                timeout,
            }),
        })
    }

    /// Whether the terminal holds a capture for `reference` (started, whatever its state): asked
    /// when a start's answers were all lost, before the attempt is given up. `Ok(false)` only
    /// for the terminal's own 404.
    pub async fn has_capture(&self, reference: &TenderRef) -> Result<bool, GatewayError> {
        let call = Call::get(
            format!("{PATH_CAPTURES}/{}", reference.as_str()),
            Vec::new(),
            self.inner.timeout,
        );
        let reply = self.inner.client.send(&call, None).await?;
        match reply.status {
            404 => Ok(false),
            200 => read_start(&reply, reference).map(|()| true),
            status => Err(GatewayError::Server { status }),
        }
    }

    /// Whether the terminal answers at all: any HTTP answer to asking for a capture that
    /// does not exist (404) means it is there. Its link probe; starts nothing.
    pub async fn probe(&self) -> Result<(), GatewayError> {
        let call = Call::get(
            format!("{PATH_CAPTURES}/ventanilla-link-probe"),
            Vec::new(),
            self.inner.timeout,
        );
        match self.inner.client.send(&call, None).await?.status {
            status if status < 500 => Ok(()),
            status => Err(GatewayError::Server { status }),
        }
    }

    /// Asks the terminal to charge `amount` to the customer's card under `reference`; the
    /// outcome arrives later through the tokenization webhook. `Ok` means the terminal took
    /// the request (started now, or already started with the same amount).
    pub async fn start_capture(
        &self,
        reference: &TenderRef,
        amount: Money,
    ) -> Result<(), GatewayError> {
        let body = Start {
            reference_id: reference.as_str(),
            amount: amount.amount().to_string(),
            currency: amount.currency().iso(),
        };
        let call = Call::post_json(PATH_CAPTURES, &body, self.inner.timeout)?;
        tracing::info!(reference = %reference, amount = %amount, "starting a card capture");
        read_start(&self.inner.client.send(&call, None).await?, reference)
    }
}

/// 200 or 201 with the capture for `reference` (`{"reference_id": ...}`): started. A success
/// status with anything else (a proxy's web page, garbage, another capture) proves nothing was
/// started: unreadable, so the caller may ask again (a start is idempotent by reference). 400
/// (a bad request) and 409 (the reference was started with another amount or currency) are
/// refusals in the terminal's words; anything else is a failure whose outcome is unknown.
pub fn read_start(reply: &Reply, reference: &TenderRef) -> Result<(), GatewayError> {
    match reply.status {
        200 | 201 => match serde_json::from_slice::<Value>(&reply.body) {
            Ok(Value::Object(fields))
                if fields.get("reference_id").and_then(Value::as_str)
                    == Some(reference.as_str()) =>
            {
                Ok(())
            }
            _ => Err(GatewayError::BadAnswer(
                "the terminal's answer is not the capture asked for".into(),
            )),
        },
        400 | 409 => Err(GatewayError::Refused {
            code: reply.status.to_string(),
            message: error_message(&reply.body),
        }),
        401 | 403 => Err(GatewayError::Unauthorized),
        status => Err(GatewayError::Server { status }),
    }
}

/// The `error` of a `{"error": "..."}` body, without any card number, and bounded.
fn error_message(body: &[u8]) -> String {
    let message = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(fields)) => fields
            .get("error")
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    };
    redact_card_numbers(&message)
        .chars()
        .take(MESSAGE_MAX)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use ventanilla_core::Currency;

    fn reply(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn the_start_body_carries_the_amount_at_its_scale() {
        let reference = TenderRef::new("vt-card-1").unwrap();
        for (money, amount) in [
            (
                Money::new(Decimal::new(1500, 0), Currency::Ars).unwrap(),
                "1500.00",
            ),
            (
                Money::new(Decimal::new(12_500, 0), Currency::Clp).unwrap(),
                "12500",
            ),
        ] {
            let body = Start {
                reference_id: reference.as_str(),
                amount: money.amount().to_string(),
                currency: money.currency().iso(),
            };
            let written: Value = serde_json::to_value(&body).unwrap();
            assert_eq!(
                written,
                serde_json::json!({
                    "reference_id": "vt-card-1",
                    "amount": amount,
                    "currency": money.currency().iso(),
                })
            );
        }
    }

    #[test]
    fn the_terminals_answers() {
        let reference = TenderRef::new("vt-card-1").unwrap();
        let unreadable = || {
            Err(GatewayError::BadAnswer(
                "the terminal's answer is not the capture asked for".into(),
            ))
        };
        let refused = |code: &str, message: &str| {
            Err(GatewayError::Refused {
                code: code.into(),
                message: message.into(),
            })
        };
        #[rustfmt::skip]
        let table = [
            (reply(201, r#"{"reference_id":"vt-card-1","state":"waiting"}"#), Ok(())),
            (reply(200, r#"{"reference_id":"vt-card-1"}"#), Ok(())),
            (reply(200, ""), unreadable()),
            (reply(200, "<html>proxy</html>"), unreadable()),
            (reply(201, r#"{"reference_id":"vt-card-2"}"#), unreadable()),
            (reply(400, r#"{"error":"amount must be a plain decimal"}"#), refused("400", "amount must be a plain decimal")),
            (reply(409, r#"{"error":"started with another amount"}"#), refused("409", "started with another amount")),
            (reply(409, "<html>conflict</html>"), refused("409", "")),
            (reply(400, r#"{"error":"card 4111111111111111 refused"}"#), refused("400", "card [card number removed] refused")),
            (reply(401, ""), Err(GatewayError::Unauthorized)),
            (reply(404, "not found"), Err(GatewayError::Server { status: 404 })),
            (reply(503, r#"{"error":"the card terminal is unavailable (503)"}"#), Err(GatewayError::Server { status: 503 })),
        ];
        for (reply, expected) in table {
            assert_eq!(read_start(&reply, &reference), expected, "{}", reply.status);
        }
        let long = format!(r#"{{"error":"{}"}}"#, "x".repeat(500));
        match read_start(&reply(400, &long), &reference) {
            Err(GatewayError::Refused { message, .. }) => assert_eq!(message.len(), MESSAGE_MAX),
            other => panic!("{other:?}"),
        }
    }
}
