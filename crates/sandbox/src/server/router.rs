//! The one router: each gateway's routes at its document's paths, the admin API, and the hub's
//! platform-error 404 for any other path (the hub's paths have no prefix, so an unknown path is
//! answered as the hub would).

use axum::Router;

use super::state::ServerState;
use crate::admin;
use crate::arkadu::routes as arkadu;
use crate::pennymatic::routes as pennymatic;
use crate::quickpay::routes as quickpay;
use crate::traxion::routes as traxion;

pub fn router(state: ServerState) -> Router {
    traxion::router(&state)
        .merge(arkadu::router(&state))
        .merge(pennymatic::router(&state))
        .merge(quickpay::router(&state))
        .merge(admin::router())
        .fallback(traxion::not_found)
        .with_state(state)
}
