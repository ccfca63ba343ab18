//! The last guard against a credential in an error: whatever produced the message (reqwest, a
//! refusal that echoes its input), the credentials are cut out before anyone sees it.

use crate::error::GatewayError;

const MASK: &str = "«secreto»";

/// `err` with every occurrence of each of `secrets`, as written and as a query string encodes
/// it, replaced by a mask. Blank secrets are skipped (they would match everywhere).
pub fn scrub(err: GatewayError, secrets: &[&str]) -> GatewayError {
    let clean = |text: String| {
        secrets
            .iter()
            .filter(|s| !s.is_empty())
            .fold(text, |text, s| {
                text.replace(*s, MASK).replace(&query_encoded(s), MASK)
            })
    };
    match err {
        GatewayError::Unreachable(m) => GatewayError::Unreachable(clean(m)),
        GatewayError::NotDelivered(m) => GatewayError::NotDelivered(clean(m)),
        GatewayError::BadAnswer(m) => GatewayError::BadAnswer(clean(m)),
        GatewayError::Refused { code, message } => GatewayError::Refused {
            code: clean(code),
            message: clean(message),
        },
        other => other,
    }
}

/// `text` as `application/x-www-form-urlencoded` writes it (what reqwest's `query` sends).
fn query_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_survive_in_a_message() {
        let err = GatewayError::Unreachable(
            "http://h/bsv/pay?token=tok%2F1&x=1 refused tok/1, secret s3cr3t".into(),
        );
        let text = scrub(err, &["tok/1", "s3cr3t", ""]).to_string();
        assert!(
            !text.contains("tok/1") && !text.contains("tok%2F1"),
            "{text}"
        );
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(text.contains("x=1"), "the rest stays: {text}");
        let refused = GatewayError::Refused {
            code: "1".into(),
            message: "token s3cr3t desconocido".into(),
        };
        assert_eq!(
            scrub(refused, &["s3cr3t"]),
            GatewayError::Refused {
                code: "1".into(),
                message: "token «secreto» desconocido".into()
            }
        );
        assert_eq!(
            scrub(GatewayError::Timeout, &["s3cr3t"]),
            GatewayError::Timeout
        );
    }
}
