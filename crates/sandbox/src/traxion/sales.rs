//! Paying, and reading sales back: `POST /sales/billPayment/`, `GET /sale/{id}`,
//! `GET /sale/{id}/receipt`, `GET /sales?clientTransactionId=`.

use std::sync::Arc;

use axum::body::to_bytes;
use axum::extract::{Path, Query, Request, State};
use axum::Json;

use super::error::{parse_json, PlatformError};
use super::hub::{now, Hub};
use super::ledger::SaleState;
use super::payments::{self, PayContext, PayOutcome};
use super::receipt;
use super::wire::{PayRequest, ReceiptResponse, Sale, SalesQuery};
use crate::faults::ctl::PayFaults;
use crate::saver::Saver;

const MAX_BODY: usize = 1 << 20;

/// Records the sale (saving the state file before answering), then answers it, bent by the
/// request's payment faults.
pub async fn pay(
    State(hub): State<Arc<Hub>>,
    State(saver): State<Saver>,
    req: Request,
) -> Result<Json<Sale>, PlatformError> {
    let faults = req
        .extensions()
        .get::<PayFaults>()
        .cloned()
        .unwrap_or_default();
    let body = to_bytes(req.into_body(), MAX_BODY)
        .await
        .map_err(|e| PlatformError::invalid("INVALID_REQUEST", format!("Cuerpo ilegible: {e}")))?;
    let pay_req: PayRequest = parse_json(&body)?;
    let ctx = PayContext {
        now: now(),
        seed: hub.seed,
        pending_secs: faults.pending_secs,
        reject_rate: faults.reject_rate,
    };
    let outcome = {
        let mut ledger = hub.ledger();
        payments::pay(&mut ledger, hub.catalogue, &pay_req, &ctx)?
    };
    if let PayOutcome::Created(sale) = &outcome {
        tracing::info!(
            id = %sale.id,
            client_transaction_id = %sale.client_transaction_id,
            state = sale.final_state.as_str(),
            amount = %sale.amount,
            "sale"
        );
        saver.save().await;
    }
    let mut answer = outcome.sale().to_wire(now());
    // Crossed-wire faults: the sale above is recorded as asked; only the answer lies.
    if faults.echo_other_id {
        answer.client_transaction_id = format!("{}-OTRA", answer.client_transaction_id);
    }
    if faults.echo_other_amount {
        answer.amount += rust_decimal::Decimal::ONE;
    }
    Ok(Json(answer))
}

pub async fn get_sale(
    State(hub): State<Arc<Hub>>,
    Path(id): Path<String>,
) -> Result<Json<Sale>, PlatformError> {
    let ledger = hub.ledger();
    let sale = ledger.get(&id).ok_or_else(|| sale_not_found(&id))?;
    Ok(Json(sale.to_wire(now())))
}

pub async fn receipt(
    State(hub): State<Arc<Hub>>,
    Path(id): Path<String>,
) -> Result<Json<ReceiptResponse>, PlatformError> {
    let ledger = hub.ledger();
    let sale = ledger.get(&id).ok_or_else(|| sale_not_found(&id))?;
    match sale.state_at(now()) {
        SaleState::Approved => Ok(Json(ReceiptResponse {
            receipt_string: receipt::render(sale),
        })),
        state => Err(PlatformError::state(
            "RECEIPT_NOT_AVAILABLE",
            format!(
                "La operación {id} está {}: solo las operaciones aprobadas tienen comprobante",
                match state {
                    SaleState::Pending => "pendiente",
                    _ => "rechazada",
                }
            ),
        )),
    }
}

pub async fn query(State(hub): State<Arc<Hub>>, Query(q): Query<SalesQuery>) -> Json<Vec<Sale>> {
    let at = now();
    let ledger = hub.ledger();
    let sales = match q.client_transaction_id.as_deref().map(str::trim) {
        Some(cid) => ledger
            .by_client_transaction_id(cid)
            .into_iter()
            .map(|s| s.to_wire(at))
            .collect(),
        None => ledger.sales().iter().map(|s| s.to_wire(at)).collect(),
    };
    Json(sales)
}

fn sale_not_found(id: &str) -> PlatformError {
    PlatformError::not_found("SALE_NOT_FOUND", format!("No existe la operación {id}"))
}
