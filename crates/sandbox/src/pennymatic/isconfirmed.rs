//! `GET /bsv/isconfirmed?token=..&txhash=<txid>`: `data: true` once the payment is confirmed
//! (`confirm_delay` after it was made), `false` before, and for a txid the gateway never made
//! the document's literal `"data": undefined`, which is not JSON: specs/README has the sandbox
//! reproduce it so clients learn to read it as "unknown transaction".

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::json;

use super::envelope::{success, WalletError};
use super::params::Params;
use super::wallet::Pennymatic;

/// The document's answer for a transaction that is not the operator's, byte for byte.
pub const UNDEFINED_BODY: &str = r#"{"status":"success","code":0,"data": undefined}"#;

pub async fn isconfirmed(
    State(gateway): State<Arc<Pennymatic>>,
    params: Params,
) -> Result<Response, WalletError> {
    let txid = params
        .get("txhash")
        .ok_or_else(|| WalletError::bad_request("Falta el parámetro txhash"))?;
    let confirmed = gateway
        .payments()
        .iter()
        .find(|p| p.transaction_id.eq_ignore_ascii_case(txid))
        .map(|p| p.is_confirmed(Utc::now()));
    Ok(match confirmed {
        Some(c) => success(json!(c)).into_response(),
        None => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            UNDEFINED_BODY,
        )
            .into_response(),
    })
}
