//! The platform's JSON, as `specs/arkadu-collection-agents.md` writes it and `specs/README.md`
//! settles it. Nothing here leaves the module.
//!
//! Ids come as integers or as text (UUIDs): both are read as opaque text. Amounts come as JSON
//! numbers or strings: both are read exactly, never through `f64`.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::http::json::kind;

/// Amounts: JSON numbers or strings, read and written exactly.
pub use crate::http::decimal::JsonDecimal as WireAmount;

/// Every business call goes to this one path; method and body tell them apart.
pub const PATH_PENDING: &str = "/api/payments/pending/";
/// The OAuth2 token endpoint (django-oauth-toolkit behind the platform's own path).
pub const PATH_TOKEN: &str = "/api/user/access/get-token/";

// ---- tokens ----

/// `grant_type: client_credentials` to obtain a token, `refresh_token` to renew it.
#[derive(Serialize)]
pub struct TokenRequest<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub grant_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<&'a str>,
}

/// What the token endpoint grants. Both tokens are secrets, so they never print.
#[derive(Deserialize)]
pub struct TokenResponse {
    pub access_token: ventanilla_core::Secret,
    #[serde(default)]
    pub refresh_token: Option<ventanilla_core::Secret>,
    /// Seconds.
    #[serde(default)]
    pub expires_in: Option<u64>,
}

// ---- requests ----

/// `POST {pending_ids}`: create an order.
#[derive(Serialize)]
pub struct CreateOrder<'a> {
    pub pending_ids: Vec<&'a str>,
}

/// `PUT {pending_ids, order_id, action: ADD|REMOVE}` (the document's `UPDATE`).
#[derive(Serialize)]
pub struct ChangeItems<'a> {
    pub pending_ids: Vec<&'a str>,
    pub order_id: &'a str,
    pub action: &'a str,
}

/// `POST {order_id, amount, reference, created, result: "Approved"}`.
#[derive(Serialize)]
pub struct ReportPayment<'a> {
    pub order_id: &'a str,
    pub amount: WireAmount,
    pub reference: &'a str,
    /// RFC 3339, in UTC.
    pub created: String,
    pub result: &'a str,
}

pub const RESULT_APPROVED: &str = "Approved";

/// `POST {order_id, action: "Cancel"}`.
#[derive(Serialize)]
pub struct CancelOrder<'a> {
    pub order_id: &'a str,
    pub action: &'a str,
}

pub const ACTION_CANCEL: &str = "Cancel";

// ---- answers (inside the `{res: 1, ...}` envelope) ----

/// One pending debt: `{Id, amount, description}`. `Id` is capitalised in the document.
#[derive(Debug, Deserialize)]
pub struct Pending {
    #[serde(rename = "Id", alias = "id", deserialize_with = "opaque_id")]
    pub id: String,
    pub amount: WireAmount,
    #[serde(default)]
    pub description: Option<String>,
    /// Not in the document; read when a platform version sends the debt's module.
    #[serde(default, alias = "type", alias = "module")]
    pub kind: Option<String>,
}

/// `{res: 1, data: [...]}`. The document writes `data: { [ ... ] }`, which is not JSON; we
/// read it as the list it obviously is.
#[derive(Debug, Deserialize)]
pub struct PendingList {
    #[serde(default)]
    pub data: Vec<Pending>,
}

/// `{res: 1, order, total_amount, expire_at, detail: [...]}` for create and update.
/// The id comes as `order` (the document) or `order_id`, and some versions send both.
#[derive(Debug, Deserialize)]
pub struct Order {
    #[serde(default, deserialize_with = "some_opaque_id")]
    order: Option<String>,
    #[serde(default, deserialize_with = "some_opaque_id")]
    order_id: Option<String>,
    pub total_amount: WireAmount,
    pub expire_at: String,
    pub detail: Vec<Pending>,
}

/// `{order_id, reference, item_id, status, created, order_status}` posted to our callback URL.
#[derive(Debug, Deserialize)]
pub struct Callback {
    #[serde(deserialize_with = "opaque_id")]
    pub order_id: String,
    #[serde(alias = "Reference")]
    pub reference: String,
    #[serde(deserialize_with = "opaque_id")]
    pub item_id: String,
    pub status: String,
    pub created: String,
    pub order_status: String,
}

impl Order {
    /// The order's id: `order`, else `order_id`; empty when neither came.
    pub fn id(&self) -> &str {
        self.order
            .as_deref()
            .or(self.order_id.as_deref())
            .unwrap_or_default()
    }
}

fn some_opaque_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opaque_id(d).map(Some)
}

/// An id written as a JSON integer or string, kept as its text.
fn opaque_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected an id, found {}",
            kind(&other)
        ))),
    }
}
