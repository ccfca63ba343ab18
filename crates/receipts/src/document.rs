//! What a receipt says, already formatted and already in the cashier's language.

use std::time::SystemTime;

/// One receipt, ready to print. Every value is already formatted by the caller, and every word
/// is the caller's: this crate prints no text of its own, so a receipt is in whatever language
/// the counter speaks.
///
/// No `Default`: a receipt always says when its sale happened (see [`Self::issued_at`]), and a
/// default would quietly date it 1970.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDocument {
    /// The PDF's document title (its metadata, shown by viewers in the window's title bar),
    /// e.g. "Receipt - Ventanilla". Not printed on the paper.
    pub title: String,
    /// Printed bold and centred at the top, e.g. "Ventanilla — Bill payments".
    pub business_name: String,
    /// Label/value pairs under the name, e.g. counter, cashier, date, tender, amount, received,
    /// change. The label goes at the left (a ':' is added), the value at the right.
    pub header: Vec<(String, String)>,
    /// The hub's receipt text (about 31 columns), lines separated by "\r\n" or "\n". Printed
    /// verbatim in the monospaced font, the block centred; lines wider than
    /// [`COLUMNS`](crate::COLUMNS) wrap.
    pub body: String,
    /// Centred lines at the bottom, e.g. "Operation 743698523".
    pub footer: Vec<String>,
    /// Set on every receipt made in training mode (against a simulated hub), e.g. "TRAINING
    /// MODE - NOT A FISCAL RECEIPT": printed large, framed in '*', at the top and at the bottom,
    /// before the copy mark.
    pub training_mark: Option<String>,
    /// Set on a reprint, e.g. "DUPLICATE - COPY": printed large, framed in '=', at the top and
    /// at the bottom.
    pub copy_mark: Option<String>,
    /// When the sale was made. It becomes the PDF's creation and modification dates, so a file
    /// browser or a PDF viewer shows when the payment happened, also on a later reprint.
    pub issued_at: SystemTime,
}
