//! The cashier's language. Spanish is the default; English is available.
//! Every message says what happened and what to do next.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use ventanilla_core::{Money, NumberStyle};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Es,
    En,
}

impl Locale {
    pub fn parse(s: &str) -> Option<Locale> {
        match s.trim().to_ascii_lowercase().get(..2) {
            Some("es") => Some(Locale::Es),
            Some("en") => Some(Locale::En),
            _ => None,
        }
    }

    pub fn money(self, m: &Money) -> String {
        match self {
            Locale::Es => m.format_es(),
            Locale::En => m.format_en(),
        }
    }

    /// How this screen writes numbers, and so how typed amounts are read: the same style the
    /// amounts on it are shown in, so what the cashier sees is what they can type.
    pub fn number_style(self) -> NumberStyle {
        match self {
            Locale::Es => NumberStyle::Es,
            Locale::En => NumberStyle::En,
        }
    }

    /// Picks the sentence for this locale.
    pub fn pick(self, es: impl Into<String>, en: impl Into<String>) -> String {
        match self {
            Locale::Es => es.into(),
            Locale::En => en.into(),
        }
    }
}
