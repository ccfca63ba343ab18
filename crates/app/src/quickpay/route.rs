//! The tokenization webhook's route: `POST /captures/tokenization/webhook_callback` with
//! `Authorization: Bearer <token>` (a wrong or missing bearer is 401, nothing stored). What the
//! inbox keeps is the capture's non-sensitive result as we write it, never the body as it came:
//! a sender may put a card number in any field, and the body is not ours to keep.

use std::sync::Arc;

use ventanilla_core::Secret;
use ventanilla_gateways::quickpay::read_capture;

use crate::webhooks::auth::RouteAuth;
use crate::webhooks::known::KnownRefs;
use crate::webhooks::route::{Accepted, Delivery, Malformed, WebhookRoute};

pub(crate) const SOURCE: &str = "quickpay";
/// The document's path (`{api-checkout}/captures/tokenization/webhook_callback`).
pub(crate) const PATH: &str = "/captures/tokenization/webhook_callback";

pub(crate) struct CaptureRoute {
    pub auth: RouteAuth,
    pub known: Arc<KnownRefs>,
}

impl CaptureRoute {
    pub fn new(token: &Secret, known: Arc<KnownRefs>) -> Result<CaptureRoute, String> {
        let bearer = Secret::new(format!("Bearer {}", token.expose()));
        Ok(CaptureRoute {
            auth: RouteAuth::header("authorization", bearer)?,
            known,
        })
    }
}

impl WebhookRoute for CaptureRoute {
    fn source(&self) -> &'static str {
        SOURCE
    }

    fn path(&self) -> &'static str {
        PATH
    }

    fn auth(&self) -> &RouteAuth {
        &self.auth
    }

    fn accept(&self, delivery: &Delivery<'_>) -> Result<Accepted, Malformed> {
        let read = read_capture(delivery.body).map_err(|_| Malformed("not a card capture"))?;
        if read.had_card_number {
            // Only the fact is logged: the number itself was never kept.
            tracing::warn!("a card capture carried a card number in a field; it was left out");
        }
        let capture = read.capture;
        if !self.known.contains(capture.reference().as_str()) {
            return Err(Malformed(
                "a capture for a tender this counter never asked for",
            ));
        }
        let stored =
            serde_json::to_vec(&capture).map_err(|_| Malformed("the capture cannot be kept"))?;
        Ok(Accepted {
            // The proxy retries until answered 2xx: one capture id is one delivery.
            delivery_key: Some(capture.id().as_str().to_string()),
            stored,
        })
    }
}
