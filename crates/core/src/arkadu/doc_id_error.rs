//! Why a document id was refused. Structured, so the app can point at the problem in the
//! cashier's words (and at the character, by its 1-based position in what was typed).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What a document id must be: a person's cédula, or a RIF with its check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Cedula,
    Rif,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum DocIdError {
    #[error("the document id is empty")]
    Empty,
    /// More characters than any id needs, even with every separator a cashier might type.
    #[error("the document id has {length} characters, at most {max} are accepted")]
    TooLong { length: usize, max: usize },
    /// Only digits were typed: the letter (V, E, J, G, P) cannot be guessed.
    #[error("the document id has no letter before its number")]
    MissingPrefix,
    #[error("'{found}' at position {position} is not a document letter (V, E, J, G, P)")]
    UnknownPrefix { position: usize, found: char },
    #[error("'{found}' at position {position} does not belong in a document number")]
    NotDigits { position: usize, found: char },
    /// `found` counts the digits typed, check digit included when there was one.
    #[error("a {kind:?} has {min} to {max} digits, {found} were typed")]
    WrongLength {
        kind: DocKind,
        min: usize,
        max: usize,
        found: usize,
    },
    /// A number made only of zeros identifies nobody.
    #[error("the document number is zero")]
    Zero,
    #[error("the RIF's check digit is {found}, {expected} was expected")]
    WrongCheckDigit { expected: u8, found: u8 },
}
