//! `GET /bsv/connect?token=..&webhook=<urlencoded URL>`: opens a session for the customer to
//! connect a wallet; `data: {sessionid, url}`, the url (what the QR code shows) pointing at the
//! sandbox's authorize page, shaped like the document's HandCash link. The consent later goes
//! to the webhook (`consent.rs`).

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::Utc;
use serde_json::{json, Value};

use super::config::APP_ID;
use super::envelope::{success, WalletError};
use super::params::Params;
use super::urls;
use super::wallet::Pennymatic;

pub async fn connect(
    State(gateway): State<Arc<Pennymatic>>,
    headers: HeaderMap,
    params: Params,
) -> Result<Json<Value>, WalletError> {
    let webhook = params
        .get("webhook")
        .ok_or_else(|| WalletError::bad_request("Falta el parámetro webhook"))?;
    if !is_webhook(webhook) {
        return Err(WalletError::bad_request(
            "El parámetro webhook debe ser una URL http(s) codificada (uriencoded)",
        ));
    }
    let session = gateway
        .sessions()
        .open(webhook, Utc::now(), gateway.config.session_ttl);
    let url = urls::authorize(&urls::base(&headers), APP_ID, &session.id);
    Ok(success(json!({"sessionid": session.id, "url": url})))
}

/// An absolute http(s) URL with a host.
pub fn is_webhook(url: &str) -> bool {
    reqwest::Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}
