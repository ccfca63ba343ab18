//! The gateway's `data` into core types. Every check that decides whether an answer can be
//! trusted lives here; whatever fails is a `BadAnswer` (transient: for a charge, its outcome
//! is unknown and goes to a supervisor, never resent).

use chrono::{DateTime, TimeZone, Utc};
use rust_decimal::Decimal;
use serde_json::Value;
use ventanilla_core::pennymatic::{is_wallet_url, Confirmation, SessionId, TxId, WalletPayment};
use ventanilla_core::Money;

use super::wire;
use crate::error::GatewayError;
use crate::http::json;

fn bad(reason: impl Into<String>) -> GatewayError {
    GatewayError::BadAnswer(reason.into())
}

pub fn coins(data: Value) -> Result<Vec<String>, GatewayError> {
    let w: wire::Coins = json::shape(data, "a list of coins")?;
    Ok(w.coins
        .into_iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty())
        .collect())
}

/// The session id and the url the QR code shows.
pub fn session(data: Value) -> Result<(SessionId, String), GatewayError> {
    let w: wire::Connect = json::shape(data, "a session")?;
    let id = SessionId::new(w.sessionid.trim()).map_err(|e| bad(format!("sessionid: {e}")))?;
    let url = w.url.trim();
    if !is_wallet_url(url) {
        return Err(bad("the session's url is not an http(s) address"));
    }
    Ok((id, url.to_string()))
}

/// `connected`'s `true` or `false`.
pub fn connected(data: Value) -> Result<bool, GatewayError> {
    match data {
        Value::Bool(b) => Ok(b),
        other => Err(bad(format!(
            "expected true or false, got {}",
            json::kind(&other)
        ))),
    }
}

/// `isconfirmed`'s `true`, `false`, or `undefined` (read as `null`, or missing altogether).
pub fn confirmation(data: Value) -> Result<Confirmation, GatewayError> {
    match data {
        Value::Bool(true) => Ok(Confirmation::Confirmed),
        Value::Bool(false) => Ok(Confirmation::Unconfirmed),
        Value::Null => Ok(Confirmation::Unknown),
        other => Err(bad(format!(
            "expected true, false or undefined, got {}",
            json::kind(&other)
        ))),
    }
}

/// `pay`'s payment result for a charge of `asked`. A readable transaction id goes into every
/// error, so whoever settles the unknown outcome can look the transaction up.
pub fn payment(data: Value, asked: Money) -> Result<WalletPayment, GatewayError> {
    let w: wire::PaymentResult = json::shape(data, "a payment result")?;
    let txid = TxId::new(&w.transaction_id).map_err(|e| bad(format!("transactionId: {e}")))?;
    let about = |reason: String| bad(format!("payment {txid}: {reason}"));
    if let Some(code) = w.fiat_currency_code.as_deref().map(str::trim) {
        if !code.eq_ignore_ascii_case(asked.currency().iso()) {
            return Err(about(format!(
                "charged in {code}, asked in {}",
                asked.currency()
            )));
        }
    }
    let rate = w.fiat_exchange_rate.0;
    if rate <= Decimal::ZERO {
        return Err(about(format!("fiatExchangeRate {rate} is not positive")));
    }
    Ok(WalletPayment {
        satoshis: satoshis(&w.satoshi_amount).ok_or_else(|| about("satoshiAmount".into()))?,
        fee_satoshis: match &w.satoshi_fees {
            Value::Null => 0,
            fees => satoshis(fees).ok_or_else(|| about("satoshiFees".into()))?,
        },
        at: time(&w.time).ok_or_else(|| about("time is not a time".into()))?,
        txid,
        fiat: asked,
        rate,
    })
}

/// A whole, non-negative number of satoshis, written as a JSON integer.
fn satoshis(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

/// Unix seconds or milliseconds (a JSON integer, or its text), or RFC 3339 text. Values from
/// 10^11 on are milliseconds: as seconds they would be past the year 5000, as milliseconds
/// they are from 1973 on.
pub fn time(v: &Value) -> Option<DateTime<Utc>> {
    let number = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let s = s.trim();
            if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                return Some(t.with_timezone(&Utc));
            }
            s.to_string()
        }
        _ => return None,
    };
    let n: i64 = number.parse().ok().filter(|n| *n >= 0)?;
    if n >= 100_000_000_000 {
        Utc.timestamp_millis_opt(n).single()
    } else {
        Utc.timestamp_opt(n, 0).single()
    }
}
