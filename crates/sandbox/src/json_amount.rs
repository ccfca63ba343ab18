//! Reading an amount from a JSON request (a card capture's, a wallet charge's), a number or a
//! string, straight into a `Decimal`: a number keeps its exact text under serde_json's
//! `arbitrary_precision`, so nothing passes through `f64`.

use rust_decimal::Decimal;
use serde_json::Value;
use ventanilla_core::parse_plain_decimal;

/// A plain decimal (`1500`, `1500.00`, `"1500.00"`); no exponent, sign or separators but `-`.
pub fn read(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => parse_plain_decimal(&n.to_string()),
        Value::String(s) => parse_plain_decimal(s.trim()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::read;
    use serde_json::Value;

    #[test]
    fn numbers_and_strings_are_exact() {
        let v: Value =
            serde_json::from_str(r#"[1500.10, "0.07", 1e3, "1,5", 12345678901234567.89]"#).unwrap();
        assert_eq!(read(&v[0]).unwrap().to_string(), "1500.10");
        assert_eq!(read(&v[1]).unwrap().to_string(), "0.07");
        assert_eq!(read(&v[2]), None);
        assert_eq!(read(&v[3]), None);
        assert_eq!(read(&v[4]).unwrap().to_string(), "12345678901234567.89");
    }
}
