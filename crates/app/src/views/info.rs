//! What this counter is and how it is set up.

use serde::Serialize;
use ts_rs::TS;

use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// Running against the built-in simulator: nothing is really charged.
    pub sandbox: bool,
    /// The banner's words when `sandbox` ("Modo prueba (simulador)"), in the cashier's language.
    pub mode_label: Option<String>,
    pub hub_url: String,
    pub counter: String,
    pub cashier: String,
    pub locale: Locale,
    pub scan_gap_ms: u32,
    #[ts(type = "number")]
    pub pay_timeout_secs: u64,
    pub data_dir: String,
}
