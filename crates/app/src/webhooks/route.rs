//! What a gateway's folder gives the listener for one of its inbound calls.

use axum::http::{HeaderMap, Method};

use crate::webhooks::auth::RouteAuth;

/// Bodies above this are refused (413) unless a route says otherwise: every documented
/// callback is a small JSON object.
pub(crate) const DEFAULT_MAX_BODY: usize = 64 * 1024;

/// One inbound call as it arrived, once its secret passed. The secret itself is not in it when
/// it came in the path.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Delivery<'a> {
    /// The query string, without the `?` (a wallet's consent arrives as a GET with its fields
    /// there).
    // The tax callback reads only the body; the wallet's consent (a GET) and the card
    // terminal's signed calls read these.
    #[allow(dead_code)]
    pub query: Option<&'a str>,
    #[allow(dead_code)]
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// What a route keeps of a delivery it accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Accepted {
    /// The gateway's own id for this delivery, if it has one: a repeat (same key) is stored
    /// once and applied once.
    pub delivery_key: Option<String>,
    /// What goes into the inbox: the raw body, or the body with its secrets taken out (a
    /// wallet's user token, say). It is what the applier gets.
    pub stored: Vec<u8>,
}

/// Why a route refused a delivery's content (answered 400, nothing stored). A fixed text, so a
/// reason can never carry a piece of the body into the logs or the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed(pub &'static str);

/// One inbound call of one gateway.
pub(crate) trait WebhookRoute: Send + Sync + 'static {
    /// The inbox's name for where deliveries come from (the gateway's name). One route per
    /// source: deliveries are deduplicated by source and key.
    fn source(&self) -> &'static str;

    /// Where it is served, from the listener's root: `/arkadu/callback`. With the secret in the
    /// path, the gateway calls `<path>/<secret>`.
    fn path(&self) -> &'static str;

    /// How a delivery proves it comes from the gateway.
    fn auth(&self) -> &RouteAuth;

    /// The HTTP method the gateway calls with.
    fn method(&self) -> Method {
        Method::POST
    }

    /// The largest body accepted, in bytes.
    fn max_body(&self) -> usize {
        DEFAULT_MAX_BODY
    }

    /// Checks the delivery (its body parses into the gateway's wire type, say) and says what
    /// of it the inbox keeps. Pure: it runs before anything is stored, and stores nothing.
    fn accept(&self, delivery: &Delivery<'_>) -> Result<Accepted, Malformed>;
}
