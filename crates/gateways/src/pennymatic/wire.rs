//! The gateway's paths and JSON, as `specs/pennymatic-wallet.md` writes them and
//! `specs/README.md` settles them. Nothing here leaves the module.

use serde::{Deserialize, Serialize};

use crate::http::decimal::JsonDecimal;

/// The document's example is `/bsv/coins`; the sandbox also serves `/coins`.
pub const PATH_COINS: &str = "/bsv/coins";
pub const PATH_CONNECT: &str = "/bsv/connect";
pub const PATH_CONNECTED: &str = "/bsv/connected";
pub const PATH_PAY: &str = "/bsv/pay";
pub const PATH_ISCONFIRMED: &str = "/bsv/isconfirmed";

/// `data` of `/coins`.
#[derive(Debug, Deserialize)]
pub struct Coins {
    pub coins: Vec<String>,
}

/// `data` of `/connect`.
#[derive(Debug, Deserialize)]
pub struct Connect {
    pub sessionid: String,
    pub url: String,
}

/// The body of `POST /bsv/pay`. Holds the operator secret and the user token: it is sent,
/// never printed (no `Debug`).
#[derive(Serialize)]
pub struct Pay<'a> {
    pub secret: &'a str,
    pub usertoken: &'a str,
    /// The ISO code of the amount's currency.
    pub currency: &'a str,
    /// A JSON number at the currency's scale (`0.01`).
    pub amount: JsonDecimal,
    pub description: &'a str,
}

/// `data` of `pay`: HandCash's payment result (its other fields are not needed).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentResult {
    pub transaction_id: String,
    /// HandCash's `time`: unix seconds (the sandbox writes milliseconds); see `convert::time`.
    pub time: serde_json::Value,
    pub satoshi_amount: serde_json::Value,
    #[serde(default)]
    pub satoshi_fees: serde_json::Value,
    pub fiat_exchange_rate: JsonDecimal,
    #[serde(default)]
    pub fiat_currency_code: Option<String>,
}
