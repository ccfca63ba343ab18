//! What can keep a receipt from being made or saved.
//!
//! The messages are English, for logs and support: the caller tells the cashier in their own
//! language, matching on the variant.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error("the receipt has {lines} lines and one page holds {max}")]
    TooLong { lines: usize, max: usize },
    #[error("could not make the receipt's PDF: {0}")]
    Pdf(String),
    #[error("could not save the receipt to {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
