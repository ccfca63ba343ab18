//! The hub's routes at the document's paths, each with its fault layer (outermost) and, but for
//! login, its auth layer. Generic over the server's state: handlers take the hub (and the
//! state file's saver) from it through `FromRef`, so nothing here knows the server.

use std::sync::Arc;

use axum::extract::FromRef;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, MethodRouter};
use axum::Router;

use super::endpoint::Endpoint;
use super::error::{fault_body, PlatformError};
use super::hub::Hub;
use super::{auth, lookup, sales};
use crate::faults::ctl::FaultCtl;
use crate::faults::layer::{middleware, FaultLayer};
use crate::saver::Saver;

pub fn router<S>(state: &S) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Arc<Hub>: FromRef<S>,
    Arc<FaultCtl>: FromRef<S>,
    Saver: FromRef<S>,
{
    let hub = Arc::<Hub>::from_ref(state);
    let faults = Arc::<FaultCtl>::from_ref(state);
    let route = |endpoint: Endpoint, mr: MethodRouter<S>, needs_token: bool| {
        let mr = if needs_token {
            mr.layer(from_fn_with_state(hub.clone(), auth::require_auth))
        } else {
            mr
        };
        mr.layer(from_fn_with_state(
            FaultLayer::new(faults.clone(), endpoint, fault_body),
            middleware,
        ))
    };
    Router::new()
        .route("/login", route(Endpoint::Login, post(auth::login), false))
        .route(
            "/sales/billPayment/availablesCompanies",
            route(Endpoint::Companies, get(lookup::companies), true),
        )
        .route(
            "/sales/billPayment/availablesBill/findByBarCode",
            route(Endpoint::FindBarcode, post(lookup::find_by_barcode), true),
        )
        .route(
            "/sales/billPayment/availablesBill/findByCustomerData",
            route(
                Endpoint::FindCustomer,
                post(lookup::find_by_customer_data),
                true,
            ),
        )
        .route(
            "/sales/billPayment/",
            route(Endpoint::Pay, post(sales::pay), true),
        )
        .route(
            "/sales/billPayment",
            route(Endpoint::Pay, post(sales::pay), true),
        )
        .route(
            "/sale/{id}",
            route(Endpoint::Sale, get(sales::get_sale), true),
        )
        .route(
            "/sale/{id}/receipt",
            route(Endpoint::Receipt, get(sales::receipt), true),
        )
        .route(
            "/sales",
            route(Endpoint::SalesQuery, get(sales::query), true),
        )
}

/// Answer for paths the hub does not have.
pub async fn not_found() -> PlatformError {
    PlatformError::not_found("NOT_FOUND", "El recurso solicitado no existe")
}
