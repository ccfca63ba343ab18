//! The sandbox's own URLs as a client reached it (the request's `Host` header): where the
//! customer's phone authorizes a connection.

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

/// `<base>/_sandbox/pennymatic/authorize?appId=..&sessionid=..`: the connect answer's `url`,
/// shaped like the document's HandCash link.
pub fn authorize(base: &str, app_id: &str, session_id: &str) -> String {
    format!(
        "{base}/_sandbox/pennymatic/authorize?appId={}&sessionid={}",
        encode(app_id),
        encode(session_id)
    )
}

/// The path the authorize page's form posts to.
pub fn approve_path(session_id: &str) -> String {
    format!(
        "/_sandbox/pennymatic/sessions/{}/approve",
        encode(session_id)
    )
}

/// Percent-encodes all but RFC 3986's unreserved characters.
pub fn encode(text: &str) -> String {
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
