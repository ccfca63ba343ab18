//! Amounts in JSON, read and written exactly: never through `f64`.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::str::FromStr;

use super::json::kind;

/// An amount as a gateway writes it: a JSON number such as `2748.00`, read from its text
/// (serde_json's `arbitrary_precision` keeps it), so it never passes through `f64`. A JSON string
/// is accepted only when it holds a plain decimal (`"37.50"`), the one other form that is just
/// as exact. Written back as a JSON number with the `Decimal`'s own scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonDecimal(pub Decimal);

impl JsonDecimal {
    /// Exact reading of a JSON number's text, exponent included (the JSON grammar already keeps
    /// out `1_0` and `5.`); refuses what `Decimal` cannot hold exactly instead of rounding it,
    /// which `Decimal::from_scientific` would do to a long mantissa.
    pub fn from_json_number(text: &str) -> Result<JsonDecimal, String> {
        exact_scientific(text)
            .map(JsonDecimal)
            .ok_or_else(|| format!("'{text}' is not an exact amount"))
    }

    /// A JSON string holding an amount: an optional `-`, digits, and optionally `.` and digits.
    /// `Decimal::from_str_exact` alone would also take `1_0` as 10 and `5.` as 5.
    pub fn from_json_string(text: &str) -> Result<JsonDecimal, String> {
        ventanilla_core::parse_plain_decimal(text)
            .map(JsonDecimal)
            .ok_or_else(|| format!("\"{text}\" is not a plain decimal amount"))
    }
}

/// `mantissa[e exponent]` with the point moved exactly: the scale absorbs the exponent, or the
/// digits grow by whole powers of ten; what does not fit in a `Decimal` is `None`.
fn exact_scientific(text: &str) -> Option<Decimal> {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (text, 0),
    };
    let mut value = ventanilla_core::parse_plain_decimal(mantissa)?;
    let scale = i64::from(value.scale()).checked_sub(exponent)?;
    if scale >= 0 {
        value.set_scale(u32::try_from(scale).ok()?).ok()?;
        return Some(value);
    }
    let zeros = u32::try_from(-scale)
        .ok()
        .filter(|z| *z <= Decimal::MAX_SCALE)?;
    value.set_scale(0).ok()?;
    value.checked_mul(Decimal::from_i128_with_scale(10i128.pow(zeros), 0))
}

impl<'de> Deserialize<'de> for JsonDecimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `Value` keeps the number's original text under `arbitrary_precision`.
        match Value::deserialize(d)? {
            Value::Number(n) => JsonDecimal::from_json_number(&n.to_string()),
            Value::String(s) => JsonDecimal::from_json_string(&s),
            other => Err(format!("expected an amount, found {}", kind(&other))),
        }
        .map_err(serde::de::Error::custom)
    }
}

impl Serialize for JsonDecimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A JSON number with the Decimal's own scale: `50.00`, never `50` or `"50.00"`.
        serde_json::Number::from_str(&self.0.to_string())
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}
