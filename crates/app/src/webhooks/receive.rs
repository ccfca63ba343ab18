//! One delivery, from the request to the answer: secret, size, content, the inbox, then 2xx.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tokio::sync::Notify;
use ventanilla_store::{NewDelivery, Received};

use crate::context::Context;
use crate::webhooks::auth::AuthCheck;
use crate::webhooks::route::{Delivery, Malformed, WebhookRoute};

/// A route as the listener serves it.
pub(crate) struct Mounted {
    pub route: Arc<dyn WebhookRoute>,
    pub check: AuthCheck,
    pub ctx: Arc<Context>,
    /// Wakes the route's applier.
    pub wake: Arc<Notify>,
}

/// Serves one delivery; `in_path` is the last path segment when the route was called with one.
/// Answers 2xx only once what the route keeps is committed to the journal.
pub(crate) async fn receive(
    mounted: Arc<Mounted>,
    in_path: Option<String>,
    req: Request,
) -> Response {
    let source = mounted.route.source();
    let (parts, body) = req.into_parts();
    if !mounted.check.passes(in_path.as_deref(), &parts.headers) {
        // Neither the path nor the headers are logged: they may hold a secret, right or not.
        tracing::warn!(source, "webhook refused: wrong or missing secret");
        return (StatusCode::UNAUTHORIZED, "unauthorized").into_response();
    }
    let headers = parts.headers.clone();
    let query = parts.uri.query().map(str::to_string);
    // The route's limit is set on its router (`DefaultBodyLimit`); over it, this is 413.
    let body = match Bytes::from_request(Request::from_parts(parts, body), &()).await {
        Ok(body) => body,
        Err(refused) => {
            tracing::warn!(source, status = %refused.status(), "webhook body refused");
            return (refused.status(), refused.body_text()).into_response();
        }
    };
    let delivery = Delivery {
        query: query.as_deref(),
        headers: &headers,
        body: &body,
    };
    let accepted = match mounted.route.accept(&delivery) {
        Ok(accepted) => accepted,
        Err(Malformed(why)) => {
            tracing::warn!(
                source,
                bytes = body.len(),
                why,
                "webhook delivery malformed"
            );
            return (StatusCode::BAD_REQUEST, why).into_response();
        }
    };
    let ctx = Arc::clone(&mounted.ctx);
    // SQLite waits for the disk here: off the async workers.
    let stored = tokio::task::spawn_blocking(move || {
        let received_at = ctx.now();
        ctx.store().inbox_receive(&NewDelivery {
            source,
            delivery_key: accepted.delivery_key.as_deref(),
            body: &accepted.stored,
            received_at,
        })
    })
    .await;
    match stored {
        Ok(Ok(received)) => {
            match received {
                Received::New(id) => {
                    tracing::info!(source, id, bytes = body.len(), "webhook stored")
                }
                Received::Duplicate(id) => {
                    tracing::info!(
                        source,
                        id,
                        bytes = body.len(),
                        "webhook repeated, stored before"
                    )
                }
            }
            mounted.wake.notify_one();
            mounted.ctx.status_changed();
            StatusCode::OK.into_response()
        }
        Ok(Err(e)) => {
            // Not answered 2xx: the gateway sends it again, and nothing was lost meanwhile.
            tracing::error!(source, bytes = body.len(), error = %e, "webhook not stored");
            (StatusCode::SERVICE_UNAVAILABLE, "not stored, send again").into_response()
        }
        Err(e) => {
            tracing::error!(source, error = %e, "webhook store task failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "not stored, send again").into_response()
        }
    }
}
