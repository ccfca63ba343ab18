//! Amounts as the journal stores them: the decimal's own text (`2748.00`), never a float.

use ventanilla_core::{Currency, Money};

use crate::error::StoreError;

pub(crate) fn decode(text: &str, currency: Currency) -> Result<Money, StoreError> {
    let value: rust_decimal::Decimal = text
        .parse()
        .map_err(|_| StoreError::Decode(format!("amount {text}")))?;
    Money::new(value, currency).map_err(|e| StoreError::Decode(e.to_string()))
}
