//! The hub's JSON shapes, as in traxion-bill-payment.md. Field names are the document's, typos
//! included (`aditionalData`, `requireAditionalData`, `minimium`, `maximium`).
//!
//! Amounts are `Decimal` serialised as JSON numbers with their scale (`2748.00`). Amounts that
//! come in (a pay request, the sandbox's own state file) are read by [`exact_amount`]: a JSON
//! number from its exact text, or a string holding a plain decimal, and nothing else.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `POST /login` body.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest {
    pub user_id: String,
    pub user_password: String,
}

/// `POST /login` answer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    pub access_token: String,
    pub lifetime: u64,
    pub need_change_password: bool,
}

/// A company (`billCompany`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    pub id: String,
    pub description: String,
    pub name: String,
    pub code: String,
    pub enable: bool,
    pub external_name: String,
    pub allow_voluntary_amount: bool,
    pub allow_bill_manual_payment: bool,
    pub allow_bill_relation_payment: bool,
    pub allow_partial_amount: bool,
    pub customer_identifier_description: String,
    pub bill_modes: Vec<BillModeEntry>,
}

/// One entry of `billModes`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BillModeEntry {
    pub bill_mode: BillMode,
    pub parameters: Vec<Parameter>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BillMode {
    pub id: String,
    pub name: String,
}

/// A form field of a bill mode. `inputType`: T text, N integer, I decimal, D date.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub id: String,
    pub name: String,
    #[serde(alias = "inputTipe")]
    pub input_type: String,
    pub order: u32,
    pub length: u32,
    pub read_only: bool,
    pub optional: bool,
}

/// A bill as the search methods return it (and as `transactionData` of a sale).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BillData {
    pub class_name: String,
    pub external_data: String,
    pub bill_company: Company,
    pub currency_iso: String,
    pub customer_identifier: String,
    pub bill_bar_code: String,
    pub description: String,
    #[serde(with = "exact_amount")]
    pub total_amount: Decimal,
    pub open_amount: bool,
    pub require_aditional_data: bool,
    pub aditional_data: Vec<Value>,
    #[serde(with = "exact_amount")]
    pub min_amount: Decimal,
    #[serde(with = "exact_amount")]
    pub max_amount: Decimal,
}

/// `{code}` as sent inside search requests.
#[derive(Debug, Clone, Deserialize)]
pub struct CompanyRef {
    pub code: String,
}

/// `POST /sales/billPayment/availablesBill/findByBarCode` body.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindByBarCode {
    pub bill_bar_code: String,
    #[serde(default)]
    pub bill_company: Option<CompanyRef>,
}

/// `POST /sales/billPayment/availablesBill/findByCustomerData` body.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindByCustomerData {
    pub bill_company: CompanyRef,
    pub bill_mode: BillModeRef,
    #[serde(default)]
    pub parameters: Vec<ParameterValue>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BillModeRef {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ParameterValue {
    pub id: String,
    pub value: String,
}

/// Query of `GET /sales/billPayment/availablesCompanies`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompaniesQuery {
    pub company_name: Option<String>,
    pub company_code: Option<String>,
}

/// Query of `GET /sales`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SalesQuery {
    pub client_transaction_id: Option<String>,
}

/// `POST /sales/billPayment/` body.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayRequest {
    pub transaction_type: String,
    #[serde(with = "exact_amount")]
    pub amount: Decimal,
    pub client_transaction_id: String,
    pub product: ProductRef,
    pub transaction_data: PayTransactionData,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProductRef {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayTransactionData {
    pub class_name: String,
    pub external_data: String,
}

/// A sale, as answered by the pay method, `GET /sale/{id}` and `GET /sales`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sale {
    pub id: String,
    pub number: u64,
    #[serde(serialize_with = "ts")]
    pub created: DateTime<FixedOffset>,
    #[serde(serialize_with = "ts_opt", skip_serializing_if = "Option::is_none")]
    pub confirmation_date: Option<DateTime<FixedOffset>>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount: Decimal,
    pub description: String,
    pub state: String,
    pub state_detail: StateDetail,
    pub transaction_type: String,
    pub client_transaction_id: String,
    pub confirmation_id: String,
    pub product: Product,
    pub transaction_data: BillData,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateDetail {
    pub message: String,
    pub transaction_type: String,
}

/// `GET /sale/{id}/receipt` answer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptResponse {
    pub receipt_string: String,
}

/// `2021-05-18T13:20:20-03:00`: whole seconds, numeric offset.
pub fn format_ts(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn ts<S: serde::Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_ts(t))
}

fn ts_opt<S: serde::Serializer>(
    t: &Option<DateTime<FixedOffset>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => ts(t, s),
        None => s.serialize_none(),
    }
}

/// The `product` of every bill-payment sale: the hub's own "Cobro de Servicios".
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub id: &'static str,
    pub name: &'static str,
    pub code: &'static str,
    pub enable: bool,
    pub small_description: &'static str,
    pub vendor: ProductParty,
    pub product_group: ProductParty,
    pub minimium: u64,
    pub maximium: u64,
    pub product_type: &'static str,
    pub transaction_data_class_name: &'static str,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub sale_price: Decimal,
}

/// `vendor` and `productGroup` of [`Product`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProductParty {
    pub id: &'static str,
    pub description: &'static str,
    pub name: &'static str,
    pub code: &'static str,
    pub enable: bool,
}

/// The product object of the document's sale examples.
pub fn service_product() -> Product {
    Product {
        id: "7F1128557A1717E829B6",
        name: "Cobro de Servicios",
        code: "002224",
        enable: true,
        small_description: "Cobro Serv.",
        vendor: ProductParty {
            id: "3B2675DEEF7B2F9132D6",
            description: "Traxion",
            name: "Traxion",
            code: "007087",
            enable: true,
        },
        product_group: ProductParty {
            id: "59846EDCFCAE0E47FF5E",
            description: "Cobros",
            name: "Cobros",
            code: "010979",
            enable: true,
        },
        minimium: 1,
        maximium: 1_000_000,
        product_type: "BillPayment",
        transaction_data_class_name: "WithoutData",
        sale_price: Decimal::new(0, 8),
    }
}

/// Serde adapter for amounts that are read as well as written. Written like
/// `rust_decimal::serde::arbitrary_precision`; read strictly, because that one parses strings
/// (and long numbers) with `Decimal::from_str`, which takes `"1_0"` as 10, `"5."` as 5 and
/// rounds digits it cannot hold: a pay request for an amount nobody wrote.
pub mod exact_amount {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::Value;

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision::serialize(value, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        // `Value` keeps a number's original text under serde_json's `arbitrary_precision`.
        let read = match Value::deserialize(d)? {
            Value::Number(n) => super::parse_json_number(&n.to_string()),
            Value::String(s) => super::parse_plain_decimal(&s),
            _ => None,
        };
        read.ok_or_else(|| {
            serde::de::Error::custom(
                "importe no válido: se espera un número o un texto como \"50.00\"",
            )
        })
    }
}

/// A plain decimal: an optional `-`, one or more digits, and optionally `.` and one or more
/// digits, held exactly by a `Decimal`. Nothing else: not `1_0`, `5.`, `.5`, ` 5`, `+5`, `1e3`.
pub fn parse_plain_decimal(text: &str) -> Option<Decimal> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !frac.is_none_or(digits) {
        return None;
    }
    // With the grammar checked, all `from_str_exact` can still refuse is too many digits.
    Decimal::from_str_exact(text).ok()
}

/// A JSON number's text (`2748.00`, `2.748e3`), the point moved exactly by the exponent; `None`
/// where a `Decimal` cannot hold it without rounding.
fn parse_json_number(text: &str) -> Option<Decimal> {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (text, 0),
    };
    let mut value = parse_plain_decimal(mantissa)?;
    let scale = i64::from(value.scale()).checked_sub(exponent)?;
    if scale >= 0 {
        value.set_scale(u32::try_from(scale).ok()?).ok()?;
        return Some(value);
    }
    let zeros = u32::try_from(-scale)
        .ok()
        .filter(|z| *z <= Decimal::MAX_SCALE)?;
    value.set_scale(0).ok()?;
    value.checked_mul(Decimal::from_i128_with_scale(10i128.pow(zeros), 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::traxion::error::parse_json;

    fn pay_body(amount: &str) -> String {
        format!(
            r#"{{"transactionType":"Sale","amount":{amount},"clientTransactionId":"c1","product":{{"id":"p"}},"transactionData":{{"className":"BillPaymentData","externalData":"x"}}}}"#
        )
    }

    #[test]
    fn pay_requests_take_numbers_and_plain_decimal_strings() {
        for (amount, want) in [
            ("50.00", "50.00"),
            ("50", "50"),
            ("\"37.50\"", "37.50"),
            ("2.748e3", "2748"),
            ("5E-2", "0.05"),
        ] {
            let req: PayRequest = parse_json(pay_body(amount).as_bytes()).unwrap();
            assert_eq!(req.amount.to_string(), want, "{amount}");
        }
    }

    #[test]
    fn pay_requests_with_an_amount_nobody_wrote_are_refused() {
        for amount in [
            "\"1_0\"",
            "\"5.\"",
            "\".5\"",
            "\" 5\"",
            "\"+5\"",
            "\"1e3\"",
            "\"\"",
            "\"12,50\"",
            "0.12345678901234567890123456789",
            "1e40",
            "true",
            "null",
        ] {
            let err = parse_json::<PayRequest>(pay_body(amount).as_bytes()).unwrap_err();
            assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST, "{amount}");
        }
    }

    #[test]
    fn plain_decimals() {
        for ok in ["0", "-5", "0.10", "007.5", "2748.00"] {
            assert!(parse_plain_decimal(ok).is_some(), "{ok}");
        }
        for bad in [
            "", "-", "1_0", "5.", ".5", " 5", "5 ", "+5", "1e3", "5.0.0", "1,5",
        ] {
            assert_eq!(parse_plain_decimal(bad), None, "{bad:?}");
        }
    }
}
