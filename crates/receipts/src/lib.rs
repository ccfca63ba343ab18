//! Cashier receipts for Ventanilla: a one-page PDF for an 80 mm thermal roll, and the same
//! receipt as plain text.
//!
//! The caller hands over everything already formatted (money included, as strings); this crate
//! only lays it out. Both outputs come from one layout on a grid of [`COLUMNS`] monospaced
//! columns, so [`render_text`] shows exactly the lines the PDF prints.
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//! use ventanilla_receipts::{render_pdf, render_text, ReceiptDocument};
//!
//! let doc = ReceiptDocument {
//!     business_name: "Ventanilla — Cobro de servicios".into(),
//!     header: vec![("Importe".into(), "$ 2.748,00".into())],
//!     body: "DIRECT TV\r\nPAGO REALIZADO".into(),
//!     footer: vec!["Operación 743698523".into()],
//!     copy: false,
//!     sandbox: false,
//!     issued_at: UNIX_EPOCH + Duration::from_secs(1_773_500_966),
//! };
//! assert!(render_text(&doc).contains("$ 2.748,00"));
//! assert!(render_pdf(&doc).unwrap().starts_with(b"%PDF"));
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

mod layout;
mod pdf;

pub use layout::{COLUMNS, COPY_MARK, SANDBOX_MARK};
pub use pdf::MAX_LINES;

/// One receipt, ready to print. Every value is already formatted by the caller.
///
/// No `Default`: a receipt always says when its sale happened (see [`Self::issued_at`]), and a
/// default would quietly date it 1970.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDocument {
    /// Printed bold and centred at the top, e.g. "Ventanilla — Cobro de servicios".
    pub business_name: String,
    /// Label/value pairs under the name: Caja, Cajero, Fecha, Medio de pago, Importe,
    /// Recibido, Vuelto ... The label goes at the left (a ':' is added), the value at the right.
    pub header: Vec<(String, String)>,
    /// The hub's receipt text (about 31 columns), lines separated by "\r\n" or "\n". Printed
    /// verbatim in the monospaced font, the block centred; lines wider than [`COLUMNS`] wrap.
    pub body: String,
    /// Centred lines at the bottom, e.g. "Operación 743698523".
    pub footer: Vec<String>,
    /// A reprint: [`COPY_MARK`] is printed at the top and at the bottom.
    pub copy: bool,
    /// Training/sandbox mode: [`SANDBOX_MARK`] is printed at the top and at the bottom.
    pub sandbox: bool,
    /// When the sale was made. It becomes the PDF's creation and modification dates, so a file
    /// browser or a PDF viewer shows when the payment happened, also on a later reprint.
    pub issued_at: SystemTime,
}

#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error(
        "el comprobante tiene {lines} líneas y entran {max} en una sola hoja; \
         acorte el texto del comprobante"
    )]
    TooLong { lines: usize, max: usize },
    #[error("no se pudo generar el PDF del comprobante: {0}")]
    Pdf(String),
    #[error(
        "no se pudo guardar el comprobante en {}: {source}; \
         revise que la carpeta exista y tenga espacio y permisos",
        path.display()
    )]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The receipt as a one-page PDF, 80 mm wide and as tall as its lines.
pub fn render_pdf(doc: &ReceiptDocument) -> Result<Vec<u8>, ReceiptError> {
    let title = if doc.business_name.trim().is_empty() {
        "Comprobante".to_string()
    } else {
        format!("Comprobante - {}", doc.business_name.trim())
    };
    pdf::render(&layout::lay_out(doc), &title, doc.issued_at)
}

/// The same receipt as plain text, [`COLUMNS`] (42) columns wide, each line ending in "\n".
pub fn render_text(doc: &ReceiptDocument) -> String {
    layout::to_text(&layout::lay_out(doc))
}

/// Renders the PDF and writes it to `path` atomically: into a temporary file in the same
/// folder, flushed to disk, then renamed over `path`. A half-written PDF never exists at `path`.
pub fn write_pdf(doc: &ReceiptDocument, path: &Path) -> Result<(), ReceiptError> {
    let bytes = render_pdf(doc)?;
    let io_err = |source| ReceiptError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".receipt-")
        .suffix(".pdf.tmp")
        .tempfile_in(dir)
        .map_err(io_err)?;
    tmp.write_all(&bytes).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    // The temporary file is removed if the rename fails.
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable. Best effort: the file's bytes are already on disk, and
/// some filesystems refuse to sync a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
