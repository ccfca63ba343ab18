//! `POST /bsv/pay?token=..` `{"secret", "usertoken", "currency", "amount", "description"}`:
//! charges the customer's connected wallet and answers HandCash's payment result in `data`.
//! The amount is a JSON number or a string, read exactly; the currency one of `rates.rs`.
//! Every payment is recorded before the answer, so an answer lost on the way (a fault with
//! `after_commit`) still leaves the payment made, once.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::Json;
use chrono::Utc;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::envelope::{success, Code, WalletError};
use super::ids;
use super::payment::WalletPayment;
use super::rates::{self, SATOSHI_FEES};
use super::wallet::Pennymatic;
use crate::json_amount as amount;

pub async fn pay(
    State(gateway): State<Arc<Pennymatic>>,
    body: Bytes,
) -> Result<Json<Value>, WalletError> {
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(&body) else {
        return Err(WalletError::bad_request(
            "El cuerpo debe ser un objeto JSON: {secret, usertoken, currency, amount, description}",
        ));
    };
    if text(&fields, "secret")? != Some(gateway.config.secret.expose()) {
        return Err(WalletError::unauthorized("Secret no válido"));
    }
    let usertoken = text(&fields, "usertoken")?.ok_or_else(|| missing("usertoken"))?;
    let currency = text(&fields, "currency")?.ok_or_else(|| missing("currency"))?;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(WalletError::bad_request(format!(
            "currency debe ser un código ISO 4217 de tres letras, no {currency:?}"
        )));
    }
    let rate = rates::of(currency).ok_or_else(|| {
        WalletError::new(
            Code::Unsupported,
            format!(
                "Moneda no soportada: {currency} (se aceptan {})",
                rates::codes()
            ),
        )
    })?;
    let amount = read_amount(&fields, rate.scale)?;
    let satoshis = rate.satoshis(amount).filter(|s| *s >= 1).ok_or_else(|| {
        WalletError::bad_request(format!(
            "El importe {amount} {} no llega a un satoshi o es demasiado grande",
            rate.code
        ))
    })?;
    let description = text(&fields, "description")?.unwrap_or_default().to_owned();

    let now = Utc::now();
    let session_id = gateway
        .sessions()
        .connected(usertoken, now)
        .map(|s| s.id.clone())
        .ok_or_else(|| {
            WalletError::new(
                Code::NotConnected,
                "La billetera no está conectada: invite al cliente a conectarla de nuevo",
            )
        })?;
    let payment = WalletPayment {
        transaction_id: ids::hex(32),
        amount,
        currency: rate.code.to_owned(),
        description,
        time: now.timestamp_millis(),
        satoshi_amount: satoshis,
        satoshi_fees: SATOSHI_FEES,
        fiat_exchange_rate: rate.per_bsv,
        session_id,
        confirmed_at: gateway.confirmed_at(now),
    };
    let result = payment.result();
    tracing::debug!(txid = %payment.transaction_id, "wallet payment");
    gateway.payments().push(payment);
    Ok(success(result))
}

/// A string field (`None` when missing or empty); anything else but a string is refused.
fn text<'a>(fields: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, WalletError> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim()).filter(|s| !s.is_empty())),
        Some(_) => Err(WalletError::bad_request(format!("{key} debe ser un texto"))),
    }
}

fn missing(key: &str) -> WalletError {
    WalletError::bad_request(format!("Falta el parámetro {key}"))
}

/// The amount: above zero, and with no more decimals than the currency has.
fn read_amount(fields: &Map<String, Value>, scale: u32) -> Result<Decimal, WalletError> {
    let value = fields
        .get("amount")
        .filter(|v| !v.is_null())
        .ok_or_else(|| missing("amount"))?;
    let amount = amount::read(value)
        .ok_or_else(|| WalletError::bad_request(format!("amount no es un importe: {value}")))?;
    if amount <= Decimal::ZERO {
        return Err(WalletError::bad_request(format!(
            "El importe debe ser mayor que cero, no {amount}"
        )));
    }
    if amount.normalize().scale() > scale {
        return Err(WalletError::bad_request(format!(
            "El importe {amount} tiene más de {scale} decimales"
        )));
    }
    Ok(amount)
}
