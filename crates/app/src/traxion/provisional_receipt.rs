//! The receipt of a sale taken offline, before the hub has seen it: ours, and it says so.

use ventanilla_store::SaleRow;

use crate::i18n::Locale;

/// Its body, in lines of at most 31 columns (the width of the hub's own receipts), written
/// with every accent: the PDF's font has them all.
pub(crate) fn provisional_body(row: &SaleRow, l: Locale) -> String {
    let lines = [
        l.pick(
            "*** COMPROBANTE PROVISORIO ***",
            "*** PROVISIONAL RECEIPT ***",
        ),
        String::new(),
        l.pick("Cobro registrado SIN CONEXIÓN", "Payment taken OFFLINE"),
        l.pick("con el sistema de cobro.", "from the bill-payment hub."),
        l.pick(
            "Se enviará a la empresa al",
            "It will reach the company when",
        ),
        l.pick(
            "volver la conexión. Conserve",
            "the link is back. Keep this",
        ),
        l.pick("este comprobante.", "receipt."),
        String::new(),
        format!(
            "{} {}",
            l.pick("Factura:", "Bill:"),
            row.barcode.as_deref().unwrap_or("-")
        ),
        format!("{} {}", l.pick("Importe:", "Amount:"), l.money(&row.amount)),
    ];
    lines.join("\r\n")
}
