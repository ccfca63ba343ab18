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

    pub fn phase_label(self, phase: &str) -> String {
        let (es, en) = match phase {
            "journaled" => ("Registrado", "Recorded"),
            "sending" => ("Enviando", "Sending"),
            "querying" => ("Consultando estado", "Checking status"),
            "approved" => ("Aprobado", "Approved"),
            "rejected" => ("Rechazado", "Rejected"),
            _ => ("Desconocido", "Unknown"),
        };
        self.pick(es, en)
    }

    /// The hub's rejection in the cashier's words (the hub's own text travels beside it, for
    /// support staff).
    pub fn explain_rejection(self, hub_message: &str) -> String {
        let code = hub_message.split([' ', '-']).next().unwrap_or("");
        let (es, en) = match code {
            "409_BILL_ALREADY_PAID" => (
                "La factura ya estaba pagada: no se cobró. Devuelva el dinero al cliente.",
                "The bill was already paid: nothing was charged. Give the money back.",
            ),
            _ => (
                "El sistema de cobro rechazó el pago: no se cobró. Devuelva el dinero al cliente.",
                "The bill-payment system rejected the payment: nothing was charged. Give the money back.",
            ),
        };
        self.pick(es, en)
    }
}
