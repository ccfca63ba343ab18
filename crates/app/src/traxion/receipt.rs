//! Receipts: the hub's text inside our header (counter, cashier, date, tender, change), as a
//! PDF for an 80 mm roll. Reprints are marked as copies and logged. What happened is told to
//! the cashier in words; the file's place is only for the desktop shell to open it.

use std::path::PathBuf;

use ventanilla_core::ledger::Tender as LedgerTender;
use ventanilla_core::payment::SaleState;
use ventanilla_receipts::{write_pdf, ReceiptDocument, ReceiptError};
use ventanilla_store::{SaleRow, Tender};

use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;
use crate::traxion::gateway::Traxion;
use crate::traxion::provisional_receipt::provisional_body;
use crate::views::{ReceiptFile, ReceiptOutcome};

impl Traxion {
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
        let l = self.locale();
        let text = self
            .ctx
            .store()
            .receipt_text(sale_id)
            .map_err(|e| UiError::store(&e, l))?;
        let Some(text) = text else { return Ok(None) };
        let path = self
            .ctx
            .cfg
            .receipts_dir()
            .join(format!("venta-{sale_id}.pdf"));
        Ok(path.is_file().then(|| ReceiptFile {
            sale_id,
            outcome: ReceiptOutcome::Saved,
            outcome_label: outcome_label(ReceiptOutcome::Saved, false, l),
            copy: false,
            text,
            file: path.display().to_string(),
        }))
    }

    pub fn render_receipt(&self, sale_id: i64, copy: bool) -> Result<ReceiptFile, UiError> {
        let l = self.locale();
        let (row, text) = {
            let store = self.ctx.store();
            let row = store.sale(sale_id).map_err(|e| UiError::store(&e, l))?;
            let text = store
                .receipt_text(sale_id)
                .map_err(|e| UiError::store(&e, l))?;
            (row, text)
        };
        let (body, outcome) = match text {
            Some(text) => (text, ReceiptOutcome::Saved),
            // Until the hub confirms an offline sale, its receipt is ours and says so.
            None if row.provisional && !row.state.is_final() => {
                (provisional_body(&row, l), ReceiptOutcome::SavedProvisional)
            }
            None => return Err(no_receipt(&row, l)),
        };
        let ticket = self.ticket_of(&row)?;
        let doc = self.document(&row, body.clone(), copy, ticket);
        let dir = self.ctx.cfg.receipts_dir();
        let path: PathBuf = if outcome == ReceiptOutcome::SavedProvisional && !copy {
            dir.join(format!("venta-{sale_id}-provisorio.pdf"))
        } else if copy {
            let stamp = self.ctx.now().format("%Y%m%d-%H%M%S%3f");
            dir.join(format!("venta-{sale_id}-copia-{stamp}.pdf"))
        } else {
            dir.join(format!("venta-{sale_id}.pdf"))
        };
        write_pdf(&doc, &path).map_err(|e| not_written(&e, l))?;
        if copy {
            let now = self.ctx.now();
            self.ctx
                .store()
                .record_reprint(sale_id, &path.display().to_string(), now)
                .map_err(|e| UiError::store(&e, l))?;
        }
        Ok(ReceiptFile {
            sale_id,
            outcome,
            outcome_label: outcome_label(outcome, copy, l),
            copy,
            text: body,
            file: path.display().to_string(),
        })
    }

    /// The ticket a sale was paid in, when its money is the ticket's: it had more than one
    /// bill, or was paid (also) by card or wallet. The handful, the change and the card and
    /// wallet references are the ticket's then.
    fn ticket_of(&self, row: &SaleRow) -> Result<Option<PaidIn>, UiError> {
        let l = self.locale();
        let store = self.ctx.store();
        let found = store
            .ticket_and_size_of(ventanilla_store::BILL_GATEWAY, row.id)
            .map_err(|e| UiError::store(&e, l))?;
        let Some((id, bills)) = found else {
            return Ok(None);
        };
        let tenders: Vec<LedgerTender> = store
            .payment_transactions(id, row.amount.currency())
            .map_err(|e| UiError::store(&e, l))?
            .into_iter()
            .filter_map(|t| match t {
                ventanilla_core::ledger::Transaction::Tender(t) => Some(t.tender),
                ventanilla_core::ledger::Transaction::Refund(_) => None,
            })
            .collect();
        let charged = tenders
            .iter()
            .any(|t| !matches!(t, LedgerTender::Cash { .. }));
        Ok((bills > 1 || charged).then_some(PaidIn { id, bills, tenders }))
    }

    fn document(
        &self,
        row: &SaleRow,
        body: String,
        copy: bool,
        ticket: Option<PaidIn>,
    ) -> ReceiptDocument {
        let l = self.locale();
        let Tender::Cash { received, change } = row.tender;
        let how = ticket
            .as_ref()
            .map(|t| tender_names(&t.tenders, l))
            .unwrap_or_else(|| l.pick("Efectivo", "Cash"));
        let charges = ticket
            .as_ref()
            .map(|t| charge_lines(&t.tenders, l))
            .unwrap_or_default();
        // A bill of a larger ticket took its share of one handful: the handful and the change
        // are on the ticket's summary, so this receipt names the ticket instead.
        let cash = match &ticket {
            Some(PaidIn { id, bills: 1, .. }) => vec![(l.pick("Ticket", "Ticket"), id.to_string())],
            Some(PaidIn { id, bills: n, .. }) => vec![(
                l.pick("Ticket", "Ticket"),
                l.pick(format!("{id} ({n} facturas)"), format!("{id} ({n} bills)")),
            )],
            None => vec![
                (l.pick("Recibido", "Received"), l.money(&received)),
                (l.pick("Vuelto", "Change"), l.money(&change)),
            ],
        };
        let local_time = row.created_at.with_timezone(&chrono::Local);
        let business_name = l.pick(
            "Ventanilla - Cobro de servicios",
            "Ventanilla - Bill payments",
        );
        ReceiptDocument {
            title: l.pick(
                format!("Comprobante - {business_name}"),
                format!("Receipt - {business_name}"),
            ),
            business_name,
            header: vec![
                (l.pick("Caja", "Counter"), row.counter.clone()),
                (l.pick("Cajero", "Cashier"), row.cashier.clone()),
                (
                    l.pick("Fecha", "Date"),
                    local_time.format("%d/%m/%Y %H:%M:%S").to_string(),
                ),
                (l.pick("Empresa", "Company"), row.company_name.clone()),
                (l.pick("Cliente", "Customer"), row.customer_id.clone()),
                (l.pick("Medio de pago", "Tender"), how),
                (l.pick("Importe", "Amount"), l.money(&row.amount)),
            ]
            .into_iter()
            .chain(cash)
            .collect(),
            body,
            footer: charges
                .into_iter()
                .chain([
                    match row.state.hub().and_then(|h| h.number) {
                        Some(n) => l.pick(format!("Operación {n}"), format!("Operation {n}")),
                        None => String::new(),
                    },
                    format!("Ref. {}", row.client_transaction_id),
                ])
                .collect(),
            // Against the simulated hub nothing was really paid: every receipt says so.
            training_mark: self.ctx.cfg.is_sandbox().then(|| {
                l.pick(
                    "MODO PRUEBA - SIN VALOR FISCAL",
                    "TRAINING MODE - NOT A FISCAL RECEIPT",
                )
            }),
            copy_mark: copy.then(|| l.pick("DUPLICADO - COPIA", "DUPLICATE - COPY")),
            // The sale's time, also on a reprint: the PDF's dates say when the payment was made.
            issued_at: row.created_at.into(),
        }
    }
}

/// The ticket a sale's money belongs to.
struct PaidIn {
    id: i64,
    bills: usize,
    tenders: Vec<LedgerTender>,
}

/// How the ticket was paid, in words: `Tarjeta + Efectivo`.
fn tender_names(tenders: &[LedgerTender], l: Locale) -> String {
    let mut names: Vec<String> = Vec::new();
    for t in tenders {
        let name = match t {
            LedgerTender::Cash { .. } => l.pick("Efectivo", "Cash"),
            LedgerTender::Card(_) => l.pick("Tarjeta", "Card"),
            LedgerTender::Wallet(_) => l.pick("Billetera BSV", "BSV wallet"),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(" + ")
}

/// Each card's last four digits and capture number, and each wallet payment's whole txid (the
/// blockchain's record of it), for the receipt's foot.
fn charge_lines(tenders: &[LedgerTender], l: Locale) -> Vec<String> {
    let mut lines = Vec::new();
    for t in tenders {
        match t {
            LedgerTender::Cash { .. } => {}
            LedgerTender::Card(c) => lines.push(l.pick(
                format!("Tarjeta **** {} {}", c.last4, c.capture_number),
                format!("Card **** {} {}", c.last4, c.capture_number),
            )),
            LedgerTender::Wallet(w) => {
                lines.push(l.pick("Billetera BSV, txid:", "BSV wallet, txid:"));
                lines.extend(
                    w.txid
                        .as_bytes()
                        .chunks(32)
                        .map(|c| String::from_utf8_lossy(c).into_owned()),
                );
            }
        }
    }
    lines
}

/// What was done with the receipt, as the cashier reads it.
fn outcome_label(outcome: ReceiptOutcome, copy: bool, l: Locale) -> String {
    match (outcome, copy) {
        (ReceiptOutcome::Saved, false) => l.pick(
            "Comprobante guardado (PDF), listo para imprimir.",
            "Receipt saved (PDF), ready to print.",
        ),
        (ReceiptOutcome::Saved, true) => l.pick(
            "Copia del comprobante guardada (PDF), lista para imprimir.",
            "Copy of the receipt saved (PDF), ready to print.",
        ),
        (ReceiptOutcome::SavedProvisional, _) => l.pick(
            "Comprobante provisorio guardado (PDF), listo para imprimir. El definitivo llega cuando vuelva la conexión.",
            "Provisional receipt saved (PDF), ready to print. The final one comes when the link is back.",
        ),
    }
}

/// Why the receipt's PDF could not be made or saved, as the cashier reads it: the receipts crate
/// speaks English for the logs, its detail is kept in brackets for support.
pub(crate) fn not_written(e: &ReceiptError, l: Locale) -> UiError {
    match e {
        ReceiptError::Io { .. } => UiError::new(
            ErrorCode::Internal,
            l.pick(
                format!("No se pudo guardar el comprobante. Revise que la carpeta de comprobantes exista y tenga espacio y permisos, y vuelva a pedir el comprobante; si sigue, avise al supervisor. ({e})"),
                format!("The receipt could not be saved. Check that the receipts folder exists and has space and permissions, then ask for the receipt again; if it goes on, tell your supervisor. ({e})"),
            ),
        ),
        ReceiptError::TooLong { .. } => UiError::new(
            ErrorCode::Internal,
            l.pick(
                format!("El comprobante es demasiado largo para una hoja y no se pudo generar. Avise al supervisor. ({e})"),
                format!("The receipt is too long for one page and could not be made. Tell your supervisor. ({e})"),
            ),
        ),
        ReceiptError::Pdf(_) => UiError::internal(l, e),
    }
}

/// Why a sale has no receipt to give, as the cashier reads it.
fn no_receipt(row: &SaleRow, l: Locale) -> UiError {
    let message = match &row.state {
        SaleState::Rejected { .. } => l.pick(
            "Las ventas rechazadas no tienen comprobante: no se cobró nada.",
            "Rejected sales have no receipt: nothing was charged.",
        ),
        SaleState::Approved { .. } => l.pick(
            "El comprobante del sistema de cobro todavía no llegó: se está pidiendo y llega en unos segundos.",
            "The hub's receipt has not arrived yet: it is being fetched and comes in a few seconds.",
        ),
        _ => l.pick(
            "La venta todavía espera la respuesta del sistema de cobro: el comprobante estará cuando se apruebe.",
            "The sale is still waiting for the hub's answer: its receipt comes once it is approved.",
        ),
    };
    UiError::new(ErrorCode::NotFound, message)
}
