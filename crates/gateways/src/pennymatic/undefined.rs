//! The gateway writes JavaScript's `undefined` where a value belongs (`"data": undefined` from
//! `isconfirmed` for a transaction that is not ours). That is not JSON; it is read as `null`,
//! and only where a value belongs: never inside a string, never as part of a longer word.

use std::borrow::Cow;

const WORD: &[u8] = b"undefined";

/// `text` with each bare `undefined` value replaced by `null`.
pub fn undefined_as_null(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if !text.contains("undefined") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut in_string = false;
    let mut escaped = false;
    // The last byte outside strings that was not whitespace.
    let mut before = 0u8;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
        } else if bytes[i..].starts_with(WORD)
            && matches!(before, b':' | b',' | b'[')
            && !bytes
                .get(i + WORD.len())
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'_' || *n == b'$')
        {
            // Every byte before `i` and at `i` is ASCII here or a whole UTF-8 sequence, so
            // both slices fall on character boundaries.
            out.push_str(&text[copied..i]);
            out.push_str("null");
            i += WORD.len();
            copied = i;
            before = b'l';
            continue;
        }
        if !b.is_ascii_whitespace() {
            before = b;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bare_values_are_read_as_null() {
        #[rustfmt::skip]
        let table = [
            (r#"{"status":"success","code":0,"data": undefined}"#, r#"{"status":"success","code":0,"data": null}"#),
            (r#"{"data":undefined}"#, r#"{"data":null}"#),
            ("{\"data\":\n\tundefined\n}", "{\"data\":\n\tnull\n}"),
            (r#"{"a":[undefined, undefined]}"#, r#"{"a":[null, null]}"#),
            (r#"{"data":"undefined"}"#, r#"{"data":"undefined"}"#),
            (r#"{"m":"x \" undefined","d":undefined}"#, r#"{"m":"x \" undefined","d":null}"#),
            (r#"{"data": undefinedness}"#, r#"{"data": undefinedness}"#),
            (r#"{"ñ":"á", "data": undefined}"#, r#"{"ñ":"á", "data": null}"#),
            ("undefined", "undefined"),
            (r#"{"status":"success"}"#, r#"{"status":"success"}"#),
        ];
        for (text, expected) in table {
            assert_eq!(undefined_as_null(text), expected, "{text}");
        }
    }
}
