//! Bills as the hub shows them, the company chooser and the customer-data form.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::money::MoneyView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParamView {
    pub id: String,
    pub name: String,
    /// `text`, `integer`, `decimal` or `date`.
    pub input_type: String,
    pub max_length: u32,
    pub read_only: bool,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BillModeView {
    pub id: String,
    pub name: String,
    pub parameters: Vec<ParamView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CompanyView {
    pub code: String,
    pub name: String,
    pub bill_modes: Vec<BillModeView>,
}

/// Where this counter's own latest sale of a bill stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EarlierSale {
    /// Approved by the hub: the bill is paid.
    Approved,
    /// Sent (or about to be) and not answered yet.
    InFlight,
    /// Taken offline on a provisional receipt; the hub has not confirmed it yet.
    Provisional,
    /// Rejected by the hub: nothing was charged, so the bill may be charged again.
    Rejected,
}

impl EarlierSale {
    /// Anything but a rejection means the customer's money is already taken for this bill.
    pub fn blocks_payment(self) -> bool {
        !matches!(self, EarlierSale::Rejected)
    }
}

/// This counter's latest sale of a bill, found in its journal when the bill is looked up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EarlierSaleView {
    #[ts(type = "number")]
    pub sale_id: i64,
    pub state: EarlierSale,
    /// When the cashier took it (RFC 3339).
    pub taken_at: String,
    pub amount: MoneyView,
    /// True when the bill must not be charged again (anything but a rejection).
    pub blocks_payment: bool,
    /// The whole notice in the cashier's words: which sale, how it stands, since when.
    pub notice: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BillView {
    /// Handle for paying this bill; the bill's data stays in the journal.
    #[ts(type = "number")]
    pub key: i64,
    pub company_code: String,
    pub company_name: String,
    pub customer_id: String,
    pub barcode: Option<String>,
    pub description: String,
    pub total: MoneyView,
    /// True when the cashier may charge any amount between `min` and `max`.
    pub open_amount: bool,
    pub min: MoneyView,
    pub max: MoneyView,
    /// This counter already charged this bill (approved, in flight or offline): it is refused
    /// unless that sale was rejected.
    pub earlier_sale: Option<EarlierSaleView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CompanyChoice {
    pub code: String,
    pub name: String,
    pub customer_id: String,
    pub total: MoneyView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum BarcodeLookup {
    /// The barcode identified the bill(s).
    Bills { bills: Vec<BillView> },
    /// The barcode matches bills of several companies: the cashier picks one.
    ChooseCompany {
        barcode: String,
        companies: Vec<CompanyChoice>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParamValue {
    pub id: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CashQuote {
    pub amount: MoneyView,
    pub received: MoneyView,
    pub change: MoneyView,
}
