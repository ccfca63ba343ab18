//! What happened to a receipt the cashier asked for.

use serde::Serialize;
use ts_rs::TS;

use super::sale::SaleView;

/// What was done with the receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReceiptOutcome {
    /// The hub's receipt was saved as a PDF, ready to print.
    Saved,
    /// The sale was taken offline: our provisional receipt was saved as a PDF. The hub's own
    /// replaces it once the sale is confirmed.
    SavedProvisional,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptFile {
    #[ts(type = "number")]
    pub sale_id: i64,
    pub outcome: ReceiptOutcome,
    /// The outcome in the cashier's words, e.g. "Copia del comprobante guardada (PDF)".
    pub outcome_label: String,
    pub copy: bool,
    /// The receipt as text, for the on-screen preview.
    pub text: String,
    /// Where the PDF is, for the desktop shell to open or print. Never shown to the cashier:
    /// `outcome_label` says what happened.
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionalSale {
    pub sale: SaleView,
    pub receipt: ReceiptFile,
}
