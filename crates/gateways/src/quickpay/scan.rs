//! Looking for a full card number anywhere in a capture's body: every string, every number and
//! every key, at any depth. The sender should never put one there; when it does, the capture is
//! still read (its money was taken) and the app is told, so someone fixes the sender.

use serde_json::Value;
use ventanilla_core::quickpay::contains_card_number;

/// True when a card number appears anywhere in `value` except at `skip` (a path of keys), which
/// the caller judges by its own rule.
pub fn card_number_anywhere(value: &Value, skip: &[&str]) -> bool {
    match value {
        Value::String(s) => contains_card_number(s),
        // Numbers keep their text (`arbitrary_precision`), so a card number sent as a number
        // is seen as the digits it is.
        Value::Number(n) => contains_card_number(&n.to_string()),
        Value::Array(items) => items.iter().any(|v| card_number_anywhere(v, &[])),
        Value::Object(fields) => fields.iter().any(|(key, v)| {
            let rest = match skip.split_first() {
                Some((first, rest)) if first == key => {
                    if rest.is_empty() {
                        return contains_card_number(key);
                    }
                    rest
                }
                _ => &[],
            };
            contains_card_number(key) || card_number_anywhere(v, rest)
        }),
        Value::Bool(_) | Value::Null => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn anywhere_but_where_told() {
        let pan = "4111111111111111";
        #[rustfmt::skip]
        let table = [
            (json!({"a": "x"}), false),
            (json!({"a": pan}), true),
            (json!({"a": {"b": [1, {"c": format!("tarjeta {pan}")}]}}), true),
            (json!({pan: 1}), true),
            (json!({"g": {"token": pan}}), false),
            (json!({"g": {"token": "x", "n": pan}}), true),
            (json!({"token": pan}), true),
            (json!({"g": {"token": {"deep": pan}}}), false),
        ];
        for (value, expected) in table {
            assert_eq!(
                card_number_anywhere(&value, &["g", "token"]),
                expected,
                "{value}"
            );
        }
        let number: Value = serde_json::from_str(r#"{"n": 4111111111111111}"#).unwrap();
        assert!(card_number_anywhere(&number, &[]));
    }
}
