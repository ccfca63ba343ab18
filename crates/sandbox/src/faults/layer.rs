//! The fault middleware: applies the faults of one route's target around its handler.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::action::{Action, ErrorBody};
use super::ctl::{Applied, FaultCtl, Stage};
use super::target::{GatewayEndpoint, Target};
use crate::conn::ConnCtl;

/// The body of an `http_body=json` fault: the gateway's own error shape for this status.
pub type ErrorJson = fn(StatusCode) -> Value;

/// State of the fault middleware of one route.
#[derive(Debug, Clone)]
pub struct FaultLayer {
    pub ctl: Arc<FaultCtl>,
    pub target: Target,
    pub error_json: ErrorJson,
}

impl FaultLayer {
    pub fn new(ctl: Arc<FaultCtl>, endpoint: impl GatewayEndpoint, error_json: ErrorJson) -> Self {
        FaultLayer {
            ctl,
            target: Target::of(endpoint),
            error_json,
        }
    }
}

/// Axum middleware: applies the faults of the layer's target around the handler.
pub async fn middleware(State(layer): State<FaultLayer>, req: Request, next: Next) -> Response {
    apply(&layer.ctl, layer.target, layer.error_json, req, next).await
}

/// Applies the faults of `target` around `next`. For a gateway whose one route serves several
/// endpoints told apart by the request (its body), which picks the target itself.
pub async fn apply(
    ctl: &FaultCtl,
    target: Target,
    error_json: ErrorJson,
    mut req: Request,
    next: Next,
) -> Response {
    let applied = ctl.take(target);
    if applied != Applied::default() {
        tracing::debug!(endpoint = %target, ?applied, "fault");
    }
    let conn = req.extensions().get::<ConnCtl>().cloned();
    if let Some(resp) = run_stage(&applied.before, conn.as_ref(), error_json).await {
        return resp;
    }
    req.extensions_mut().insert(applied.pay);
    let resp = next.run(req).await;
    if let Some(resp) = run_stage(&applied.after, conn.as_ref(), error_json).await {
        return resp;
    }
    resp
}

async fn run_stage(
    stage: &Stage,
    conn: Option<&ConnCtl>,
    error_json: ErrorJson,
) -> Option<Response> {
    if stage.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(stage.latency_ms)).await;
    }
    match stage.action? {
        Action::NoAnswer => Some(std::future::pending().await),
        Action::Reset => {
            match conn {
                Some(c) => c.reset(),
                None => tracing::warn!("reset fault without a connection handle: not answering"),
            }
            Some(std::future::pending().await)
        }
        Action::Status(code, body) => Some(error_response(code, body, error_json)),
        Action::Garbage => Some(
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                "{\"id\":\"2C497E4E32\",\"number\":7436985,\"state\":\"appr",
            )
                .into_response(),
        ),
    }
}

fn error_response(code: u16, body: ErrorBody, error_json: ErrorJson) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = status.canonical_reason().unwrap_or("Error");
    let mut resp = match body {
        ErrorBody::Empty => Response::new(Body::empty()),
        ErrorBody::Html => (
            [(header::CONTENT_TYPE, "text/html")],
            format!(
                "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            ),
        )
            .into_response(),
        ErrorBody::Json => axum::Json(error_json(status)).into_response(),
    };
    *resp.status_mut() = status;
    resp
}
