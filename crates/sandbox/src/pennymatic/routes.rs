//! The gateway's routes at the document's paths (`/coins` at both `/coins` and `/bsv/coins`,
//! as specs/README decides), each with its fault layer (outermost) and the `token` check, and
//! its wallet side under `/_sandbox/pennymatic/`. Generic over the server's state: handlers
//! take the gateway and the fault plan from it through `FromRef`, so nothing here knows the
//! server.

use std::sync::Arc;

use axum::extract::FromRef;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, MethodRouter};
use axum::Router;

use super::endpoint::Endpoint;
use super::envelope::fault_body;
use super::wallet::Pennymatic;
use super::{admin, auth, authorize, coins, connect, connected, isconfirmed, pay};
use crate::faults::ctl::FaultCtl;
use crate::faults::layer::{middleware, FaultLayer};

pub fn router<S>(state: &S) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Arc<Pennymatic>: FromRef<S>,
    Arc<FaultCtl>: FromRef<S>,
{
    let gateway = Arc::<Pennymatic>::from_ref(state);
    let faults = Arc::<FaultCtl>::from_ref(state);
    let route = |endpoint: Endpoint, mr: MethodRouter<S>| {
        mr.layer(from_fn_with_state(gateway.clone(), auth::require_token))
            .layer(from_fn_with_state(
                FaultLayer::new(faults.clone(), endpoint, fault_body),
                middleware,
            ))
    };
    Router::new()
        .route("/coins", route(Endpoint::Coins, get(coins::coins)))
        .route("/bsv/coins", route(Endpoint::Coins, get(coins::coins)))
        .route(
            "/bsv/connect",
            route(Endpoint::Connect, get(connect::connect)),
        )
        .route(
            "/bsv/connected",
            route(Endpoint::Connected, get(connected::connected)),
        )
        .route("/bsv/pay", route(Endpoint::Pay, post(pay::pay)))
        .route(
            "/bsv/isconfirmed",
            route(Endpoint::IsConfirmed, get(isconfirmed::isconfirmed)),
        )
        .route("/_sandbox/pennymatic/authorize", get(authorize::page))
        .route("/_sandbox/pennymatic/sessions", get(admin::sessions))
        .route(
            "/_sandbox/pennymatic/sessions/{sessionid}",
            get(admin::session),
        )
        .route(
            "/_sandbox/pennymatic/sessions/{sessionid}/approve",
            post(admin::approve),
        )
        .route(
            "/_sandbox/pennymatic/sessions/{sessionid}/revoke",
            post(admin::revoke),
        )
        .route("/_sandbox/pennymatic/payments", get(admin::payments))
}
