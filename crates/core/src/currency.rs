use serde::{Deserialize, Serialize};

/// The currencies Ventanilla handles, each with the number of decimals it is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Ars,
    Ves,
    Eur,
    Clp,
    Bsv,
}

impl Currency {
    /// Decimal places this currency is counted in (BSV: satoshis).
    pub const fn scale(self) -> u32 {
        match self {
            Currency::Ars | Currency::Ves | Currency::Eur => 2,
            Currency::Clp => 0,
            Currency::Bsv => 8,
        }
    }

    pub const fn iso(self) -> &'static str {
        match self {
            Currency::Ars => "ARS",
            Currency::Ves => "VES",
            Currency::Eur => "EUR",
            Currency::Clp => "CLP",
            Currency::Bsv => "BSV",
        }
    }

    /// The symbol printed before an amount on screens and receipts.
    pub const fn symbol(self) -> &'static str {
        match self {
            Currency::Ars | Currency::Clp => "$",
            Currency::Ves => "Bs.",
            Currency::Eur => "€",
            Currency::Bsv => "BSV",
        }
    }

    pub fn from_iso(code: &str) -> Option<Currency> {
        match code.trim().to_ascii_uppercase().as_str() {
            "ARS" => Some(Currency::Ars),
            "VES" => Some(Currency::Ves),
            "EUR" => Some(Currency::Eur),
            "CLP" => Some(Currency::Clp),
            "BSV" => Some(Currency::Bsv),
            _ => None,
        }
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.iso())
    }
}
