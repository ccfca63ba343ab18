//! Reading a request's fields, whatever way they came: a JSON object, a form-encoded body, or
//! the query string. Field values stay `serde_json::Value`s (numbers keep their exact text, as
//! serde_json's `arbitrary_precision` holds them), and are read into their types here: amounts
//! from numbers or strings straight into `Decimal`, never through `f64`; ids from numbers or
//! strings.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// A request's fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(pub Map<String, Value>);

impl Fields {
    /// A JSON object body, or a form-encoded one (by content type, or when it is not JSON).
    /// An empty body has no fields; anything else unreadable is `Err`.
    pub fn from_body(content_type: Option<&str>, body: &[u8]) -> Result<Fields, String> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Fields::default());
        }
        let form = content_type.is_some_and(|c| {
            c.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
        if !form {
            match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(map)) => return Ok(Fields(map)),
                Ok(_) => return Err("the body must be a JSON object".to_owned()),
                Err(e) if body.trim_ascii_start().starts_with(b"{") => {
                    return Err(format!("the body is not valid JSON: {e}"))
                }
                Err(_) => {}
            }
        }
        let text = std::str::from_utf8(body).map_err(|_| "the body is not UTF-8".to_owned())?;
        Ok(Fields::from_form(text))
    }

    /// `a=1&b=x&pending_ids=1&pending_ids=2` (also `pending_ids[]=`): repeated keys become arrays.
    pub fn from_form(text: &str) -> Fields {
        let mut map = Map::new();
        for pair in text.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(k);
            let key = key.strip_suffix("[]").unwrap_or(&key).to_owned();
            let value = Value::String(decode(v));
            match map.get_mut(&key) {
                Some(Value::Array(items)) => items.push(value),
                Some(first) => *first = Value::Array(vec![first.take(), value]),
                None => {
                    map.insert(key, value);
                }
            }
        }
        Fields(map)
    }

    /// Fields of `other` this one lacks (the query string's, under the body's).
    pub fn merge_missing(&mut self, other: Fields) {
        for (k, v) in other.0 {
            self.0.entry(k).or_insert(v);
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.get(key).is_some_and(|v| !v.is_null())
    }

    /// A text field; numbers are taken as their text (ids may come either way).
    pub fn text(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    }

    /// An amount: a JSON number or a string holding a plain decimal.
    pub fn amount(&self, key: &str) -> Option<Result<Decimal, String>> {
        let value = self.0.get(key).filter(|v| !v.is_null())?;
        Some(amount(value).ok_or_else(|| format!("{key} is not an amount: {value}")))
    }

    /// A list of integer ids: an array (of numbers or numeric strings), one number, or a
    /// comma-separated string (`1,2` from a form).
    pub fn ids(&self, key: &str) -> Option<Result<Vec<u64>, String>> {
        let value = self.0.get(key).filter(|v| !v.is_null())?;
        let items: Vec<Value> = match value {
            Value::Array(items) => items.clone(),
            Value::String(s) => s
                .split(',')
                .map(|p| Value::String(p.trim().to_owned()))
                .collect(),
            other => vec![other.clone()],
        };
        Some(
            items
                .iter()
                .map(|v| match v {
                    Value::Number(n) => n.to_string().parse::<u64>().ok(),
                    Value::String(s) => s.trim().parse::<u64>().ok(),
                    _ => None,
                })
                .collect::<Option<Vec<u64>>>()
                .ok_or_else(|| format!("{key} must be a list of integer ids: {value}")),
        )
    }
}

/// A plain decimal from a JSON number's exact text or a string: an optional `-`, digits, and
/// optionally `.` and digits. Nothing else (no exponent, no `1_0`, no `.5`).
pub fn amount(value: &Value) -> Option<Decimal> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_owned(),
        _ => return None,
    };
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !plain(int) || !plain(frac) {
        return None;
    }
    Decimal::from_str_exact(&text).ok()
}

fn decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_come_exact_from_numbers_and_strings() {
        let f = Fields::from_body(
            None,
            br#"{"a": 4850.00, "b": "1275.50", "c": 1e3, "d": "5."}"#,
        )
        .unwrap();
        assert_eq!(f.amount("a").unwrap().unwrap().to_string(), "4850.00");
        assert_eq!(f.amount("b").unwrap().unwrap().to_string(), "1275.50");
        assert!(f.amount("c").unwrap().is_err());
        assert!(f.amount("d").unwrap().is_err());
        assert!(f.amount("e").is_none());
    }

    #[test]
    fn forms_and_ids() {
        let f = Fields::from_body(
            Some("application/x-www-form-urlencoded"),
            b"doc_id=V-12345678&pending_ids=1001&pending_ids=1002&reference=REF%2001+x",
        )
        .unwrap();
        assert_eq!(f.text("doc_id").as_deref(), Some("V-12345678"));
        assert_eq!(f.ids("pending_ids").unwrap().unwrap(), vec![1001, 1002]);
        assert_eq!(f.text("reference").as_deref(), Some("REF 01 x"));
        let f =
            Fields::from_body(None, br#"{"pending_ids": [1001, "1002"], "order_id": 7}"#).unwrap();
        assert_eq!(f.ids("pending_ids").unwrap().unwrap(), vec![1001, 1002]);
        assert_eq!(f.text("order_id").as_deref(), Some("7"));
        assert!(Fields::from_body(None, b"{broken").is_err());
        assert_eq!(Fields::from_body(None, b"").unwrap(), Fields::default());
    }
}
