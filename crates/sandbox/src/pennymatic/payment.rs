//! The payments the gateway made, as HandCash reports one (specs/README: `pay` answers with
//! HandCash's payment result), and when each counts as confirmed on the chain.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};

/// One payment, as `GET /_sandbox/pennymatic/payments` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WalletPayment {
    /// The blockchain txid: 64 hex digits.
    pub transaction_id: String,
    /// As asked, exactly (a string in JSON).
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// ISO code, uppercase.
    pub currency: String,
    pub description: String,
    /// When it was made (unix milliseconds, HandCash's `time`).
    pub time: i64,
    pub satoshi_amount: u64,
    pub satoshi_fees: u64,
    /// The price of one BSV in `currency` it was made at (a string in JSON).
    #[serde(with = "rust_decimal::serde::str")]
    pub fiat_exchange_rate: Decimal,
    /// The connect session whose user token paid (never the token).
    pub session_id: String,
    /// From when `isconfirmed` answers true (unix milliseconds).
    pub confirmed_at: i64,
}

impl WalletPayment {
    pub fn is_confirmed(&self, now: DateTime<Utc>) -> bool {
        now.timestamp_millis() >= self.confirmed_at
    }

    /// The `data` of the pay answer: HandCash's payment result, the rate a JSON number.
    pub fn result(&self) -> Value {
        json!({
            "transactionId": self.transaction_id,
            "note": self.description,
            "time": self.time,
            "satoshiAmount": self.satoshi_amount,
            "satoshiFees": self.satoshi_fees,
            "fiatExchangeRate": number(self.fiat_exchange_rate),
            "fiatCurrencyCode": self.currency,
        })
    }
}

/// A decimal as a JSON number with exactly its digits (serde_json's `arbitrary_precision`
/// keeps a number's text).
fn number(value: Decimal) -> Value {
    value
        .to_string()
        .parse::<serde_json::Number>()
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_an_exact_number() {
        let p = WalletPayment {
            transaction_id: "ab".repeat(32),
            amount: "0.01".parse().unwrap(),
            currency: "EUR".into(),
            description: "x".into(),
            time: 1,
            satoshi_amount: 23_529,
            satoshi_fees: 50,
            fiat_exchange_rate: "42.50".parse().unwrap(),
            session_id: "s".into(),
            confirmed_at: 2,
        };
        let text = p.result().to_string();
        assert!(text.contains("\"fiatExchangeRate\":42.50"), "{text}");
        let listed = serde_json::to_value(&p).unwrap();
        assert_eq!(listed["amount"], "0.01");
    }
}
