//! The customer-data form's fields, checked before anything is sent to the hub.

use ventanilla_core::InputType;

use crate::error::UiError;
use crate::i18n::Locale;

/// Longest value accepted in a customer-data field when the hub gives no length.
const MAX_PARAM_LEN: usize = 64;

pub(crate) fn check_param(
    value: &str,
    kind: InputType,
    max_len: usize,
    name: &str,
    l: Locale,
) -> Result<(), UiError> {
    let limit = if max_len == 0 {
        MAX_PARAM_LEN
    } else {
        max_len.min(MAX_PARAM_LEN)
    };
    let len = value.chars().count();
    if len > limit {
        return Err(UiError::validation(
            l,
            format!("«{name}» admite hasta {limit} caracteres y tiene {len}."),
            format!("'{name}' takes at most {limit} characters and has {len}."),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(UiError::validation(
            l,
            format!("«{name}» tiene caracteres no válidos."),
            format!("'{name}' has invalid characters."),
        ));
    }
    let ok = match kind {
        InputType::Text => true,
        InputType::Integer => value.chars().all(|c| c.is_ascii_digit()),
        InputType::Decimal => {
            value
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && value.chars().filter(|c| *c == ',' || *c == '.').count() <= 1
        }
        InputType::Date => is_date(value),
    };
    if ok {
        Ok(())
    } else {
        let (es, en) = match kind {
            InputType::Integer => ("solo números", "digits only"),
            InputType::Decimal => ("un número", "a number"),
            InputType::Date => ("una fecha (AAAA-MM-DD)", "a date (YYYY-MM-DD)"),
            InputType::Text => ("texto", "text"),
        };
        Err(UiError::validation(
            l,
            format!("«{name}» debe ser {es}."),
            format!("'{name}' must be {en}."),
        ))
    }
}

fn is_date(v: &str) -> bool {
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()
        || chrono::NaiveDate::parse_from_str(v, "%d/%m/%Y").is_ok()
}
