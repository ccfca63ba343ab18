//! Receipts: the hub's text inside our header (counter, cashier, date, tender, change), as a
//! PDF for an 80 mm roll. Reprints are marked as copies and logged.

use std::path::PathBuf;

use ventanilla_receipts::{write_pdf, ReceiptDocument};
use ventanilla_store::Tender;

use crate::error::UiError;
use crate::service::Ventanilla;
use crate::views::ReceiptFile;

impl Ventanilla {
    /// The receipt of a sale: the original as already rendered (rendered now if missing), or,
    /// with `copy`, a new reprint marked as a copy (and logged).
    pub fn receipt_pdf(&self, sale_id: i64, copy: bool) -> Result<ReceiptFile, UiError> {
        if !copy {
            if let Some(file) = self.existing_receipt(sale_id)? {
                return Ok(file);
            }
        }
        self.render_receipt(sale_id, copy)
    }

    /// The original receipt if its PDF is already on disk (it is written atomically, so an
    /// existing file is complete).
    fn existing_receipt(&self, sale_id: i64) -> Result<Option<ReceiptFile>, UiError> {
        let l = self.inner.cfg.locale;
        let text = self
            .inner
            .store()
            .receipt_text(sale_id)
            .map_err(|e| UiError::store(&e, l))?;
        let Some(text) = text else { return Ok(None) };
        let path = self
            .inner
            .cfg
            .receipts_dir()
            .join(format!("venta-{sale_id}.pdf"));
        Ok(path.is_file().then(|| ReceiptFile {
            sale_id,
            path: path.display().to_string(),
            copy: false,
            text,
        }))
    }

    pub(crate) fn render_receipt(&self, sale_id: i64, copy: bool) -> Result<ReceiptFile, UiError> {
        let l = self.inner.cfg.locale;
        let (row, text) = {
            let store = self.inner.store();
            let row = store.sale(sale_id).map_err(|e| UiError::store(&e, l))?;
            let text = store
                .receipt_text(sale_id)
                .map_err(|e| UiError::store(&e, l))?;
            (row, text)
        };
        let body = match (text, row.provisional) {
            (Some(text), _) => text,
            // Until the hub confirms an offline sale, its receipt is ours and says so.
            (None, true) if !row.state.is_final() => provisional_body(&row, l),
            (None, _) => {
                return Err(UiError::new(
                    crate::ErrorCode::NotFound,
                    l.pick(
                        "El comprobante de esta operación todavía no está disponible: solo las aprobadas tienen comprobante, y puede tardar unos segundos en llegar.",
                        "This operation's receipt is not available yet: only approved sales have one, and it may take a few seconds to arrive.",
                    ),
                ));
            }
        };
        let provisional = row.provisional && !row.has_receipt;
        let Tender::Cash { received, change } = row.tender;
        let local_time = row.created_at.with_timezone(&chrono::Local);
        let doc = ReceiptDocument {
            business_name: l.pick(
                "Ventanilla - Cobro de servicios",
                "Ventanilla - Bill payments",
            ),
            header: vec![
                (l.pick("Caja", "Counter"), row.counter.clone()),
                (l.pick("Cajero", "Cashier"), row.cashier.clone()),
                (
                    l.pick("Fecha", "Date"),
                    local_time.format("%d/%m/%Y %H:%M:%S").to_string(),
                ),
                (l.pick("Empresa", "Company"), row.company_name.clone()),
                (l.pick("Cliente", "Customer"), row.customer_id.clone()),
                (
                    l.pick("Medio de pago", "Tender"),
                    l.pick("Efectivo", "Cash"),
                ),
                (l.pick("Importe", "Amount"), l.money(&row.amount)),
                (l.pick("Recibido", "Received"), l.money(&received)),
                (l.pick("Vuelto", "Change"), l.money(&change)),
            ],
            body: body.clone(),
            footer: vec![
                match row.state.hub().and_then(|h| h.number) {
                    Some(n) => l.pick(format!("Operación {n}"), format!("Operation {n}")),
                    None => String::new(),
                },
                format!("Ref. {}", row.client_transaction_id),
            ],
            copy,
            sandbox: self.inner.cfg.is_sandbox(),
            // The sale's time, also on a reprint: the PDF's dates say when the payment was made.
            issued_at: row.created_at.into(),
        };
        let dir = self.inner.cfg.receipts_dir();
        let path: PathBuf = if provisional && !copy {
            dir.join(format!("venta-{sale_id}-provisorio.pdf"))
        } else if copy {
            let stamp = self.inner.clock.now().format("%Y%m%d-%H%M%S%3f");
            dir.join(format!("venta-{sale_id}-copia-{stamp}.pdf"))
        } else {
            dir.join(format!("venta-{sale_id}.pdf"))
        };
        write_pdf(&doc, &path).map_err(|e| UiError::internal(l, e))?;
        if copy {
            let now = self.inner.clock.now();
            self.inner
                .store()
                .record_reprint(sale_id, &path.display().to_string(), now)
                .map_err(|e| UiError::store(&e, l))?;
        }
        Ok(ReceiptFile {
            sale_id,
            path: path.display().to_string(),
            copy,
            text: body,
        })
    }
}

/// The receipt of a sale taken offline, before the hub has seen it.
fn provisional_body(row: &ventanilla_store::SaleRow, l: crate::Locale) -> String {
    let lines = [
        l.pick(
            "*** COMPROBANTE PROVISORIO ***",
            "*** PROVISIONAL RECEIPT ***",
        ),
        String::new(),
        l.pick("Cobro registrado SIN CONEXIÓN", "Payment taken OFFLINE"),
        l.pick("con el sistema de cobro.", "from the bill-payment hub."),
        l.pick(
            "Se enviara a la empresa al",
            "It will reach the company when",
        ),
        l.pick(
            "volver la conexion. Conserve",
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
