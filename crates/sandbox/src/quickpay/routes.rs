//! The terminal's routes, all under `/_sandbox/quickpay/` (the document covers only the
//! webhook; the rest is the sandbox's own API), each but the subscription and redelivery with
//! its fault layer. Generic over the server's state: handlers take the terminal and the fault
//! plan from it through `FromRef`, so nothing here knows the server.

use std::sync::Arc;

use axum::extract::FromRef;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, MethodRouter};
use axum::Router;

use super::endpoint::Endpoint;
use super::error::fault_body;
use super::terminal::Quickpay;
use super::{captures, page, present, subscription};
use crate::faults::ctl::FaultCtl;
use crate::faults::layer::{middleware, FaultLayer};

pub fn router<S>(state: &S) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Arc<Quickpay>: FromRef<S>,
    Arc<FaultCtl>: FromRef<S>,
{
    let faults = Arc::<FaultCtl>::from_ref(state);
    let route = |endpoint: Endpoint, mr: MethodRouter<S>| {
        mr.layer(from_fn_with_state(
            FaultLayer::new(faults.clone(), endpoint, fault_body),
            middleware,
        ))
    };
    Router::new()
        .route(
            "/_sandbox/quickpay/captures",
            route(
                Endpoint::Captures,
                post(captures::start).get(captures::list),
            ),
        )
        .route(
            "/_sandbox/quickpay/captures/{reference_id}",
            route(Endpoint::Captures, get(captures::get_one)),
        )
        .route(
            "/_sandbox/quickpay/captures/{reference_id}/present",
            route(Endpoint::Present, post(present::present_json)),
        )
        .route(
            "/_sandbox/quickpay/captures/{reference_id}/redeliver",
            post(present::redeliver),
        )
        .route(
            "/_sandbox/quickpay/terminal/{reference_id}",
            get(page::show)
                .layer(from_fn_with_state(
                    FaultLayer::new(faults.clone(), Endpoint::Captures, fault_body),
                    middleware,
                ))
                .merge(route(Endpoint::Present, post(page::submit))),
        )
        .route(
            "/_sandbox/quickpay/subscription",
            get(subscription::get)
                .put(subscription::put)
                .delete(subscription::delete),
        )
}
