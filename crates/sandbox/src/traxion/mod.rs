//! The bill-payment hub of traxion-bill-payment.md.

mod auth;
pub mod catalogue;
mod error;
pub mod fixtures;
mod ledger;
mod lookup;
pub mod payments;
pub mod receipt;
mod sales;
pub mod wire;

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use chrono::{DateTime, FixedOffset, Utc};

pub use auth::Tokens;
pub use catalogue::Catalogue;
pub use error::PlatformError;
pub use ledger::{Ledger, LedgerEntry, LedgerSnapshot, SaleRecord, SaleState, FIRST_SALE_NUMBER};

use crate::app::AppState;
use crate::config::{Credentials, SandboxConfig};
use crate::faults::{self, Endpoint, FaultLayer};

/// The hub's state.
#[derive(Debug)]
pub struct Hub {
    pub catalogue: &'static Catalogue,
    ledger: Mutex<Ledger>,
    pub tokens: Tokens,
    pub credentials: Credentials,
    pub token_lifetime: Duration,
    pub seed: u64,
}

impl Hub {
    pub fn new(cfg: &SandboxConfig, saved: Option<LedgerSnapshot>) -> Self {
        Hub {
            catalogue: fixtures::catalogue(),
            ledger: Mutex::new(saved.map(Ledger::from_snapshot).unwrap_or_default()),
            tokens: Tokens::default(),
            credentials: cfg.credentials.clone(),
            token_lifetime: cfg.token_lifetime,
            seed: cfg.seed,
        }
    }

    pub fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every sale as the ledger endpoint lists it.
    pub fn ledger_entries(&self) -> Vec<LedgerEntry> {
        let at = now();
        self.ledger()
            .sales()
            .iter()
            .map(|s| s.ledger_entry(at))
            .collect()
    }
}

/// The hub's clock: now, at -03:00 (Argentina).
pub fn now() -> DateTime<FixedOffset> {
    let offset = FixedOffset::west_opt(3 * 3600).expect("valid offset");
    Utc::now().with_timezone(&offset)
}

/// The hub's routes, each with its fault layer (outermost) and, but for login, its auth layer.
pub fn router(app: &AppState) -> Router<AppState> {
    let route = |endpoint: Endpoint, mr: MethodRouter<AppState>, auth: bool| {
        let mr = if auth {
            mr.layer(from_fn_with_state(app.clone(), auth::require_auth))
        } else {
            mr
        };
        mr.layer(from_fn_with_state(
            FaultLayer {
                ctl: app.faults.clone(),
                endpoint,
            },
            faults::middleware,
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
