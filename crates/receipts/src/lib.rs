//! Cashier receipts for Ventanilla: a one-page PDF for an 80 mm thermal roll, and the same
//! receipt as plain text.
//!
//! The caller hands over everything already formatted (money included, as strings) and in the
//! cashier's language, marks and PDF title included; this crate only lays it out and has no
//! words of its own. Both outputs come from one layout on a grid of [`COLUMNS`] monospaced
//! columns, so [`render_text`] shows exactly the lines the PDF prints.
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//! use ventanilla_receipts::{render_pdf, render_text, ReceiptDocument};
//!
//! let doc = ReceiptDocument {
//!     title: "Receipt - Ventanilla".into(),
//!     business_name: "Ventanilla — Bill payments".into(),
//!     header: vec![("Amount".into(), "$ 2,748.00".into())],
//!     body: "DIRECT TV\r\nPAYMENT DONE".into(),
//!     footer: vec!["Operation 743698523".into()],
//!     training_mark: None,
//!     copy_mark: Some("DUPLICATE - COPY".into()),
//!     issued_at: UNIX_EPOCH + Duration::from_secs(1_773_500_966),
//! };
//! let text = render_text(&doc);
//! assert!(text.contains("$ 2,748.00") && text.contains("DUPLICATE - COPY"));
//! assert!(render_pdf(&doc).unwrap().starts_with(b"%PDF"));
//! ```

use std::io::Write;
use std::path::Path;

mod document;
mod error;
mod layout;
mod pdf;

pub use document::ReceiptDocument;
pub use error::ReceiptError;
pub use layout::{wrap_words, COLUMNS};
pub use pdf::MAX_LINES;

/// The receipt as a one-page PDF, 80 mm wide and as tall as its lines, titled
/// [`ReceiptDocument::title`].
pub fn render_pdf(doc: &ReceiptDocument) -> Result<Vec<u8>, ReceiptError> {
    pdf::render(&layout::lay_out(doc), doc.title.trim(), doc.issued_at)
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
