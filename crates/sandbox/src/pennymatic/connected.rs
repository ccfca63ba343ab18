//! `GET /bsv/connected?token=..&authtoken=<usertoken>` (`usertoken=` is taken too):
//! `data: true` while the user token is connected, `false` once the customer disconnected the
//! app in the wallet, or for a token the gateway never gave.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use chrono::Utc;
use serde_json::{json, Value};

use super::envelope::{success, WalletError};
use super::params::Params;
use super::wallet::Pennymatic;

pub async fn connected(
    State(gateway): State<Arc<Pennymatic>>,
    params: Params,
) -> Result<Json<Value>, WalletError> {
    let token = params
        .get("authtoken")
        .or_else(|| params.get("usertoken"))
        .ok_or_else(|| WalletError::bad_request("Falta el parámetro authtoken"))?;
    let connected = gateway.sessions().connected(token, Utc::now()).is_some();
    Ok(success(json!(connected)))
}
