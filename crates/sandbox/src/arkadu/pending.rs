//! `/api/payments/pending/`: lookup, create, update, report and cancel, as `classify.rs` told
//! them apart.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde_json::Value;

use super::body::Fields;
use super::book::{Change, Reported};
use super::callbacks::{self, Plan};
use super::classify::Call;
use super::endpoint::Endpoint;
use super::error::ArkaduError;
use super::platform::{now, Arkadu};
use super::wire;
use crate::faults::ctl::FaultCtl;
use crate::faults::target::Target;
use crate::saver::Saver;

type Answer = Result<Json<Value>, ArkaduError>;

pub async fn dispatch(
    State(platform): State<Arc<Arkadu>>,
    State(faults): State<Arc<FaultCtl>>,
    State(saver): State<Saver>,
    Extension(call): Extension<Call>,
) -> Answer {
    let f = &call.fields;
    match call.action {
        Some(Endpoint::Lookup) => lookup(&platform, f),
        Some(Endpoint::Create) => {
            let ids = required_ids(f)?;
            let answer = {
                let mut book = platform.book();
                let order = book.create(&ids, now(), platform.config.order_ttl)?;
                wire::order(&book, &order)
            };
            saver.save().await;
            Ok(Json(answer))
        }
        Some(Endpoint::Update) => {
            let order_id = required_text(f, "order_id")?;
            let ids = required_ids(f)?;
            let change = match f.text("action").map(|a| a.to_ascii_uppercase()).as_deref() {
                Some("ADD") => Change::Add,
                Some("REMOVE") => Change::Remove,
                _ => {
                    return Err(ArkaduError::invalid(
                        "INVALID_ACTION",
                        "action debe ser ADD o REMOVE",
                    ))
                }
            };
            let answer = {
                let mut book = platform.book();
                let order = book.update(&order_id, &ids, change, now())?;
                wire::order(&book, &order)
            };
            saver.save().await;
            Ok(Json(answer))
        }
        Some(Endpoint::Report) => report(platform, &faults, saver, f).await,
        Some(Endpoint::Cancel) => {
            let order_id = required_text(f, "order_id")?;
            let order = platform.book().cancel(&order_id)?;
            saver.save().await;
            Ok(Json(wire::cancelled(&order)))
        }
        _ => Err(ArkaduError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_REQUEST",
            "La solicitud no corresponde a ninguna operación: consulta (doc_id), orden \
             (pending_ids), actualización (order_id, pending_ids, action), reporte de pago \
             (order_id, amount, reference, created, result) o anulación (order_id, action)",
        )),
    }
}

fn lookup(platform: &Arkadu, f: &Fields) -> Answer {
    let doc_id = required_text(f, "doc_id")?;
    let book = platform.book();
    Ok(Json(wire::pending(&book.pending(&doc_id)?)))
}

async fn report(platform: Arc<Arkadu>, faults: &FaultCtl, saver: Saver, f: &Fields) -> Answer {
    let order_id = required_text(f, "order_id")?;
    let reference = f
        .text("reference")
        .or_else(|| f.text("Reference"))
        .ok_or_else(|| missing("reference"))?;
    let amount = f
        .amount("amount")
        .ok_or_else(|| missing("amount"))?
        .map_err(|e| ArkaduError::invalid("INVALID_AMOUNT", e))?;
    if let Some(result) = f.text("result") {
        if !result.eq_ignore_ascii_case("approved") {
            return Err(ArkaduError::invalid(
                "INVALID_RESULT",
                format!("result debe ser Approved, no {result:?}"),
            ));
        }
    }
    let at = now();
    let created = f
        .text("created")
        .unwrap_or_else(|| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    // The callback faults are taken only for a new report, so a refused or repeated one does
    // not spend them.
    let mut plan = Plan::default();
    let reported = platform
        .book()
        .report(&order_id, amount, &reference, &created, at, || {
            let applied = faults.take(Target::of(Endpoint::Callback));
            plan = Plan {
                delay: Duration::from_millis(applied.before.latency_ms),
                faults: applied.callbacks,
            };
            plan.faults.fail_items.unwrap_or(0)
        })?;
    if let Reported::New(order) = reported {
        saver.save().await;
        callbacks::spawn(Arc::clone(&platform), saver, *order, plan);
    }
    Ok(Json(wire::ok()))
}

fn missing(field: &str) -> ArkaduError {
    ArkaduError::invalid("INVALID_REQUEST", format!("Falta el parámetro {field}"))
}

fn required_text(f: &Fields, key: &str) -> Result<String, ArkaduError> {
    f.text(key).ok_or_else(|| missing(key))
}

fn required_ids(f: &Fields) -> Result<Vec<u64>, ArkaduError> {
    f.ids("pending_ids")
        .ok_or_else(|| missing("pending_ids"))?
        .map_err(|e| ArkaduError::invalid("INVALID_REQUEST", e))
}
