//! The sandbox's own URLs as a client reached it: the base from the request's `Host` header
//! (what the counter used is what the customer's side can use too), and the terminal page of a
//! capture.

use axum::http::{header, HeaderMap};

/// `http://HOST:PORT` of the request, no trailing slash.
pub fn base(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

/// `<base>/_sandbox/quickpay/terminal/<reference_id>`, the reference percent-encoded.
pub fn page(base: &str, reference_id: &str) -> String {
    format!("{base}/_sandbox/quickpay/terminal/{}", encode(reference_id))
}

/// Percent-encodes all but RFC 3986's unreserved characters, so any reference is one segment.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn references_are_one_segment() {
        assert_eq!(
            super::page("http://h", "T-1/a b"),
            "http://h/_sandbox/quickpay/terminal/T-1%2Fa%20b"
        );
    }
}
