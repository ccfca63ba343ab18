//! The hub's JSON, spelled as in traxion-bill-payment.md (its typos included: `aditionalData`,
//! `requireAditionalData`, `minimium`, `maximium`, `inputTipe`). Nothing here leaves the module.
//!
//! Answers are read leniently where a field does not change what we do with them (missing flags
//! default to false, the echoed `product` is kept as raw JSON) and strictly where it does (ids,
//! states, currencies and amounts), so a cosmetic quirk never hides a sale's verdict.

// Answers are modelled in full, as the document writes them, so the shape is visible here and
// in debug output; the client reads only some fields.
#![allow(dead_code)]

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use ventanilla_core::Secret;

use crate::http::json::kind;

/// Amounts as the hub writes them: JSON numbers such as `2748.00`, read and written exactly.
pub use crate::http::decimal::JsonDecimal as WireAmount;

// ---- paths ----

pub const PATH_LOGIN: &str = "/login";
pub const PATH_COMPANIES: &str = "/sales/billPayment/availablesCompanies";
pub const PATH_FIND_BY_BARCODE: &str = "/sales/billPayment/availablesBill/findByBarCode";
pub const PATH_FIND_BY_CUSTOMER_DATA: &str = "/sales/billPayment/availablesBill/findByCustomerData";
/// With the trailing slash, as the document writes it.
pub const PATH_PAY: &str = "/sales/billPayment/";
pub const PATH_SALES: &str = "/sales";

/// `/sale/{id}`, with the id escaped so it stays one path segment whatever it contains.
pub fn path_sale(id: &str) -> String {
    format!("/sale/{}", path_segment(id))
}

/// `/sale/{id}/receipt`.
pub fn path_receipt(id: &str) -> String {
    format!("/sale/{}/receipt", path_segment(id))
}

fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---- requests ----

/// `POST /login`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest<'a> {
    pub user_id: &'a str,
    pub user_password: &'a str,
}

/// `{code}` of a company inside search requests.
#[derive(Debug, Serialize)]
pub struct CompanyRef<'a> {
    pub code: &'a str,
}

/// `POST /sales/billPayment/availablesBill/findByBarCode`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindByBarCodeRequest<'a> {
    pub bill_bar_code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bill_company: Option<CompanyRef<'a>>,
}

/// `POST /sales/billPayment/availablesBill/findByCustomerData`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindByCustomerDataRequest<'a> {
    pub bill_company: CompanyRef<'a>,
    pub bill_mode: BillModeRef<'a>,
    pub parameters: Vec<ParameterValue<'a>>,
}

#[derive(Debug, Serialize)]
pub struct BillModeRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ParameterValue<'a> {
    pub id: &'a str,
    pub value: &'a str,
}

/// `POST /sales/billPayment/`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PayRequest<'a> {
    pub transaction_type: &'a str,
    pub amount: WireAmount,
    pub client_transaction_id: &'a str,
    pub product: ProductRef<'a>,
    pub transaction_data: PayTransactionData<'a>,
}

#[derive(Debug, Serialize)]
pub struct ProductRef<'a> {
    pub id: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PayTransactionData<'a> {
    pub class_name: &'a str,
    pub external_data: &'a str,
}

pub const TRANSACTION_TYPE_SALE: &str = "Sale";
pub const CLASS_BILL_PAYMENT: &str = "BillPaymentData";

// ---- answers ----

/// `POST /login` answer. No `Debug`: it holds the token.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    pub access_token: Secret,
    /// Seconds the token lives; the platform says 1800.
    #[serde(default)]
    pub lifetime: Option<u64>,
    #[serde(default)]
    pub need_change_password: bool,
}

/// A company (`billCompany`), as listed by `availablesCompanies` and inside every bill.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    pub id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    pub code: String,
    #[serde(default)]
    pub enable: bool,
    #[serde(default)]
    pub external_name: Option<String>,
    #[serde(default)]
    pub allow_voluntary_amount: bool,
    #[serde(default)]
    pub allow_bill_manual_payment: bool,
    #[serde(default)]
    pub allow_bill_relation_payment: bool,
    #[serde(default)]
    pub allow_partial_amount: bool,
    #[serde(default)]
    pub customer_identifier_description: Option<String>,
    #[serde(default)]
    pub bill_modes: Vec<BillModeEntry>,
}

/// One entry of `billModes`: the agreement and the form it asks for.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillModeEntry {
    pub bill_mode: BillMode,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BillMode {
    pub id: String,
    #[serde(default)]
    pub name: String,
}

/// A form field. The document's table spells `inputType` as `inputTipe` once; both are read.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, alias = "inputTipe")]
    pub input_type: String,
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub length: u32,
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub optional: bool,
}

/// A bill, as the search methods return it and as a sale's `transactionData` echoes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bill {
    #[serde(default)]
    pub class_name: Option<String>,
    pub external_data: String,
    pub bill_company: Company,
    pub currency_iso: String,
    #[serde(default)]
    pub customer_identifier: Option<String>,
    #[serde(default)]
    pub bill_bar_code: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub total_amount: WireAmount,
    #[serde(default)]
    pub open_amount: bool,
    #[serde(default)]
    pub require_aditional_data: bool,
    #[serde(default)]
    pub aditional_data: Vec<Value>,
    #[serde(default)]
    pub min_amount: Option<WireAmount>,
    #[serde(default)]
    pub max_amount: Option<WireAmount>,
}

/// A sale: the answer to the pay method, `GET /sale/{id}` and `GET /sales`. Only `id` and
/// `state` are required; `product` and `transactionData` are echoes kept as raw JSON, because
/// an oddity in them must never turn a known verdict into an unreadable answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sale {
    pub id: String,
    #[serde(default, deserialize_with = "number_or_digits")]
    pub number: Option<i64>,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub confirmation_date: Option<String>,
    #[serde(default)]
    pub amount: Option<WireAmount>,
    #[serde(default)]
    pub description: Option<String>,
    pub state: String,
    #[serde(default)]
    pub state_detail: Option<StateDetail>,
    #[serde(default)]
    pub transaction_type: Option<String>,
    #[serde(default)]
    pub client_transaction_id: Option<String>,
    #[serde(default)]
    pub confirmation_id: Option<String>,
    #[serde(default)]
    pub product: Option<Value>,
    #[serde(default)]
    pub transaction_data: Option<Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateDetail {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub transaction_type: Option<String>,
}

/// The platform's error body (HTTP 400): `{code, message, data:{errorCode, errorType, messageText}}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformError {
    #[serde(default)]
    pub code: Option<Value>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub data: Option<PlatformErrorData>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformErrorData {
    #[serde(default)]
    pub error_code: Option<Value>,
    #[serde(default)]
    pub error_type: Option<String>,
    #[serde(default)]
    pub message_text: Option<String>,
}

/// `GET /sale/{id}/receipt` answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    pub receipt_string: String,
}

/// The sale `number` is a JSON integer in the document; a string of digits means the same.
fn number_or_digits<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("sale number {n} is not an integer"))),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => {
            s.trim().parse().map(Some).map_err(|_| {
                serde::de::Error::custom(format!("sale number '{s}' is not an integer"))
            })
        }
        Some(other) => Err(serde::de::Error::custom(format!(
            "sale number is {}",
            kind(&other)
        ))),
    }
}
