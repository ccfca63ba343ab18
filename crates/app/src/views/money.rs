//! An amount as the screen shows it.

use serde::Serialize;
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
