//! The platform's routes at the document's paths (with and without the trailing slash), and
//! its part of the admin API. Generic over the server's state: handlers take the platform, the
//! fault plan and the saver from it through `FromRef`, so nothing here knows the server.

use std::sync::Arc;

use axum::extract::FromRef;
use axum::middleware::from_fn_with_state;
use axum::routing::{any, get, post};
use axum::Router;

use super::endpoint::Endpoint;
use super::error::fault_body;
use super::platform::Arkadu;
use super::{admin, auth, classify, pending};
use crate::faults::ctl::FaultCtl;
use crate::faults::layer::{middleware, FaultLayer};
use crate::saver::Saver;

pub fn router<S>(state: &S) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Arc<Arkadu>: FromRef<S>,
    Arc<FaultCtl>: FromRef<S>,
    Saver: FromRef<S>,
{
    let platform = Arc::<Arkadu>::from_ref(state);
    let faults = Arc::<FaultCtl>::from_ref(state);
    let token = post(auth::get_token).layer(from_fn_with_state(
        FaultLayer::new(faults.clone(), Endpoint::Token, fault_body),
        middleware,
    ));
    // `any`: the document's `UPDATE` is no standard method, and only a route that takes every
    // method lets it through to be told apart from the rest.
    let pending = any(pending::dispatch)
        .layer(from_fn_with_state(platform, auth::require_bearer))
        .layer(from_fn_with_state(faults, classify::classify));
    Router::new()
        .route("/api/user/access/get-token/", token.clone())
        .route("/api/user/access/get-token", token)
        .route("/api/payments/pending/", pending.clone())
        .route("/api/payments/pending", pending)
        .route(
            "/_sandbox/arkadu/callback",
            get(admin::get_callback)
                .put(admin::put_callback)
                .delete(admin::delete_callback),
        )
        .route("/_sandbox/arkadu/orders", get(admin::orders))
}
