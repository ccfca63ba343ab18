//! What the screen receives. Every amount arrives formatted; the UI never computes money.
//! TypeScript declarations for these types are generated into `ui/src/bindings.ts`
//! (see `tests/bindings.rs`), so the screen and the core cannot drift apart silently.
//! Ids and second counts are typed `number` there: they stay far below 2^53.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use ventanilla_core::Money;

use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MoneyView {
    /// Machine form at the currency's scale, e.g. `2748.00`.
    pub amount: String,
    pub currency: String,
    /// As the cashier reads it, e.g. `$ 2.748,00`.
    pub display: String,
}

impl MoneyView {
    pub fn new(m: &Money, l: Locale) -> MoneyView {
        MoneyView {
            amount: m.amount().to_string(),
            currency: m.currency().iso().to_string(),
            display: l.money(m),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub sandbox: bool,
    pub hub_url: String,
    pub counter: String,
    pub cashier: String,
    pub locale: Locale,
    pub scan_gap_ms: u32,
    #[ts(type = "number")]
    pub pay_timeout_secs: u64,
    pub data_dir: String,
}

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
    /// A sale of this bill still waiting for the hub: it cannot be charged again meanwhile.
    #[ts(type = "number | null")]
    pub busy_sale_id: Option<i64>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleView {
    #[ts(type = "number")]
    pub id: i64,
    pub client_transaction_id: String,
    pub company_name: String,
    pub customer_id: String,
    pub barcode: Option<String>,
    pub amount: MoneyView,
    pub tender: String,
    pub received: MoneyView,
    pub change: MoneyView,
    /// `journaled`, `sending`, `querying`, `approved` or `rejected`.
    pub state: String,
    /// The state in the cashier's words.
    pub state_label: String,
    pub is_final: bool,
    /// Why it was rejected, in the cashier's words.
    pub reason: Option<String>,
    /// The hub's own words for the rejection, verbatim (for support staff).
    pub hub_reason: Option<String>,
    #[ts(type = "number | null")]
    pub hub_number: Option<i64>,
    pub created_at: String,
    /// Seconds since the cashier confirmed the sale.
    #[ts(type = "number")]
    pub waited_secs: u64,
    /// Seconds until Ventanilla asks the hub again, while it is asking.
    #[ts(type = "number | null")]
    pub next_check_in_secs: Option<u64>,
    /// How long the hub is given to answer before Ventanilla starts asking.
    #[ts(type = "number")]
    pub answer_timeout_secs: u64,
    pub receipt_ready: bool,
    /// Taken while the hub was unreachable, on a provisional receipt.
    pub provisional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptFile {
    #[ts(type = "number")]
    pub sale_id: i64,
    pub path: String,
    pub copy: bool,
    /// The receipt as text, for the on-screen preview.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkView {
    /// `traxion` for the bill-payment hub.
    pub gateway: String,
    pub name: String,
    /// `unknown` (before the first call), `online`, `degraded` or `offline`.
    pub state: String,
    pub label: String,
    pub last_success_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContingencyView {
    pub enabled: bool,
    pub per_payment_cap: MoneyView,
    pub total_cap: MoneyView,
    #[ts(type = "number")]
    pub window_hours: u32,
    /// Money taken offline and not yet confirmed by the hub.
    pub held_offline: MoneyView,
    /// True when a provisional sale may be taken right now (enabled and the hub unreachable).
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusView {
    pub links: Vec<LinkView>,
    /// Operations waiting to be delivered.
    #[ts(type = "number")]
    pub queue_depth: u64,
    /// Age of the oldest of them.
    #[ts(type = "number | null")]
    pub oldest_queued_secs: Option<u64>,
    /// When an operation was last delivered.
    pub last_sync_at: Option<String>,
    /// Operations that wait for a supervisor.
    #[ts(type = "number")]
    pub attention: u64,
    #[ts(type = "number")]
    pub provisional_pending: u64,
    pub contingency: ContingencyView,
    /// The journal refuses writes (full disk, or its size cap): queued sales wait, unsent, until
    /// it takes them again. `warning` says so in words.
    pub journal_refusing: bool,
    /// Something the cashier must know now (journal full, clock behind the journal, old offline
    /// sales), the most urgent first.
    pub warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttentionView {
    #[ts(type = "number")]
    pub outbox_id: i64,
    pub sale: SaleView,
    /// What happened and what to do, in the cashier's language.
    pub reason: String,
    /// The hub's own words, verbatim, when it gave any.
    pub hub_reason: Option<String>,
    pub since: String,
    #[ts(type = "number")]
    pub attempts: u32,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionalSale {
    pub sale: SaleView,
    pub receipt: ReceiptFile,
}
