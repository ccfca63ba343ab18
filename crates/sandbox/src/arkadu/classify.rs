//! Telling apart the actions of `/api/payments/pending/`, which share one path: by method, then
//! by the body's fields. The body (JSON or form) and the query string are read once here; the
//! action picks the fault rules that apply (`arkadu.report`, ...), then the handler gets both.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::body::Fields;
use super::endpoint::Endpoint;
use super::error::{fault_body, ArkaduError};
use crate::faults::ctl::FaultCtl;
use crate::faults::layer::apply;
use crate::faults::target::Target;

/// A classified request: its action (`None` when it fits none) and its fields.
#[derive(Debug, Clone)]
pub struct Call {
    pub action: Option<Endpoint>,
    pub fields: Fields,
}

/// Bodies are small; anything larger is not an agent's request.
const MAX_BODY: usize = 1 << 20;

/// Middleware: reads the request, classifies it, and runs the faults of its action around the
/// rest (auth and handler).
pub async fn classify(State(faults): State<Arc<FaultCtl>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => {
            return ArkaduError::invalid(
                "INVALID_REQUEST",
                format!("No se pudo leer el cuerpo: {e}"),
            )
            .into_response()
        }
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let mut fields = match Fields::from_body(content_type, &bytes) {
        Ok(f) => f,
        Err(e) => return ArkaduError::invalid("INVALID_REQUEST", e).into_response(),
    };
    if let Some(query) = parts.uri.query() {
        fields.merge_missing(Fields::from_form(query));
    }
    let action = action(&parts.method, &fields);
    let mut req = Request::from_parts(parts, Body::empty());
    req.extensions_mut().insert(Call { action, fields });
    let target = Target::of(action.unwrap_or(Endpoint::All));
    apply(&faults, target, fault_body, req, next).await
}

/// The action a request asks for. `UPDATE` is not a standard method: clients send `PUT`, and a
/// literal `UPDATE` is taken too.
pub fn action(method: &Method, fields: &Fields) -> Option<Endpoint> {
    let verb = fields.text("action").map(|a| a.to_ascii_lowercase());
    match method.as_str() {
        "GET" | "HEAD" => Some(Endpoint::Lookup),
        "PUT" | "PATCH" | "UPDATE" => Some(Endpoint::Update),
        "POST" => match verb.as_deref() {
            Some("cancel") => Some(Endpoint::Cancel),
            Some("add" | "remove") => Some(Endpoint::Update),
            _ if fields.has("order_id")
                && ["amount", "reference", "Reference", "result"]
                    .iter()
                    .any(|k| fields.has(k)) =>
            {
                Some(Endpoint::Report)
            }
            _ if fields.has("pending_ids") => Some(Endpoint::Create),
            _ if fields.has("doc_id") => Some(Endpoint::Lookup),
            _ => None,
        },
        _ => None,
    }
}
