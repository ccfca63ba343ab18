/// How a screen writes numbers: which character marks the decimals and which groups thousands.
///
/// The screen's language decides it, and amounts are read under exactly that one style, so
/// `1.000` is a thousand on a Spanish screen and refused as too precise on an English one: never
/// guessed from the digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberStyle {
    /// Spanish (Argentina, Venezuela, Chile, Spain): `2.748,50`.
    Es,
    /// English: `2,748.50`.
    En,
}

impl NumberStyle {
    pub const fn decimal_mark(self) -> char {
        match self {
            NumberStyle::Es => ',',
            NumberStyle::En => '.',
        }
    }

    pub const fn thousands_separator(self) -> char {
        match self {
            NumberStyle::Es => '.',
            NumberStyle::En => ',',
        }
    }
}
