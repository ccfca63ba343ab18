//! What a fault does instead of (or after) answering.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Body of an `http_status` fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorBody {
    /// An nginx-like HTML error page (`text/html`).
    #[default]
    Html,
    /// No body at all.
    Empty,
    /// The gateway's own error JSON (Traxion's platform error `{code, message, data:{...}}`).
    Json,
}

impl FromStr for ErrorBody {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(ErrorBody::Html),
            "empty" | "none" => Ok(ErrorBody::Empty),
            "json" => Ok(ErrorBody::Json),
            other => Err(format!("unknown http_body {other:?} (html, empty or json)")),
        }
    }
}

/// What to do instead of (or after) answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NoAnswer,
    Reset,
    Status(u16, ErrorBody),
    Garbage,
}
