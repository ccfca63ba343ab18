//! How a delivery proves it comes from the gateway the route belongs to: a secret only that
//! gateway knows, in the URL it was given or in a header it sends.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, HeaderName};
use sha2::{Digest, Sha256};
use ventanilla_core::Secret;

/// Where a route's secret travels. Every route has one: there is no unauthenticated route.
#[derive(Debug, Clone)]
pub(crate) enum RouteAuth {
    /// The last segment of the URL the gateway was given: `<path>/<secret>`.
    InPath(Secret),
    /// The whole value of this header.
    Header { name: HeaderName, secret: Secret },
    /// The last segment of the URL, one of many: each wallet session is given a URL of its own,
    /// so a consent can only come from the session it was given to.
    InPathAny(Arc<PathSecrets>),
}

/// The digests of the secrets a route takes in its path, added as they are handed out.
#[derive(Debug, Default)]
pub(crate) struct PathSecrets(Mutex<HashSet<[u8; 32]>>);

impl PathSecrets {
    /// Takes `secret` from now on (refused when too short or not URL-safe). Returns its
    /// digest, which is all that is kept (the journal keeps it too, so a restart takes the
    /// same URLs).
    pub fn add(&self, secret: &Secret) -> Result<String, String> {
        RouteAuth::in_path(secret.clone())?;
        let d = digest(secret.expose().as_bytes());
        self.lock().insert(d);
        Ok(hex(&d))
    }

    /// Takes the secret whose digest is `hex_digest` (as [`PathSecrets::add`] returned it).
    pub fn add_digest(&self, hex_digest: &str) {
        if let Some(d) = unhex(hex_digest) {
            self.lock().insert(d);
        }
    }

    fn passes(&self, given: Option<&str>) -> bool {
        let Some(given) = given else {
            return false;
        };
        let d = digest(given.as_bytes());
        // A set lookup by digest: the time it takes says nothing about how close a guess is.
        self.lock().contains(&d)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<[u8; 32]>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn hex(d: &[u8; 32]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 {
        return None;
    }
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Characters a secret in a path may have: those a URL carries unchanged, so the URL given to
/// the gateway is the one it calls, and the secret never needs escaping.
fn path_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')
}

/// At least this many characters: a short secret can be guessed.
const MIN_SECRET_LEN: usize = 16;

impl RouteAuth {
    /// A secret carried in the path; refused when too short or not URL-safe (the message never
    /// shows it).
    pub fn in_path(secret: Secret) -> Result<RouteAuth, String> {
        let s = secret.expose();
        if s.len() < MIN_SECRET_LEN || !s.chars().all(path_safe) {
            return Err(format!(
                "a webhook secret in a path needs {MIN_SECRET_LEN} or more of A-Z a-z 0-9 - _ . ~"
            ));
        }
        Ok(RouteAuth::InPath(secret))
    }

    /// A secret carried as the whole value of header `name`.
    pub fn header(name: &str, secret: Secret) -> Result<RouteAuth, String> {
        let name = HeaderName::try_from(name).map_err(|e| format!("header {name:?}: {e}"))?;
        if secret.expose().len() < MIN_SECRET_LEN {
            return Err(format!(
                "a webhook secret needs {MIN_SECRET_LEN} or more characters"
            ));
        }
        Ok(RouteAuth::Header { name, secret })
    }

    /// What the listener checks deliveries against: the secret's digest only.
    pub(crate) fn check(&self) -> AuthCheck {
        match self {
            RouteAuth::InPath(secret) => AuthCheck::InPath(digest(secret.expose().as_bytes())),
            RouteAuth::Header { name, secret } => AuthCheck::Header {
                name: name.clone(),
                digest: digest(secret.expose().as_bytes()),
            },
            RouteAuth::InPathAny(secrets) => AuthCheck::InPathAny(Arc::clone(secrets)),
        }
    }

    /// The URL the gateway is to call, given the route's: with the secret when it travels in
    /// the path (hence a secret itself).
    pub fn url(&self, route_url: &str) -> Secret {
        match self {
            RouteAuth::InPath(secret) => Secret::new(format!("{route_url}/{}", secret.expose())),
            RouteAuth::Header { .. } | RouteAuth::InPathAny(_) => Secret::new(route_url),
        }
    }
}

/// A route's secret as the listener keeps it: its SHA-256, so the secret itself is held only
/// where it must be given out (the URL for the gateway), and comparing digests takes the same
/// time whatever the length or content of a guess.
#[derive(Clone)]
pub(crate) enum AuthCheck {
    InPath([u8; 32]),
    Header { name: HeaderName, digest: [u8; 32] },
    InPathAny(Arc<PathSecrets>),
}

impl std::fmt::Debug for AuthCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthCheck::InPath(_) => f.write_str("InPath"),
            AuthCheck::Header { name, .. } => write!(f, "Header({name})"),
            AuthCheck::InPathAny(_) => f.write_str("InPathAny"),
        }
    }
}

impl AuthCheck {
    /// Whether the delivery carries the route's secret: `in_path` is the path's last segment
    /// when the route was called with one.
    pub fn passes(&self, in_path: Option<&str>, headers: &HeaderMap) -> bool {
        let (given, expected) = match self {
            AuthCheck::InPathAny(secrets) => return secrets.passes(in_path),
            AuthCheck::InPath(expected) => (in_path.map(str::as_bytes), expected),
            AuthCheck::Header { name, digest } => (headers.get(name).map(|v| v.as_bytes()), digest),
        };
        // A missing secret is compared too (as empty), so it costs what a wrong one costs.
        same_digest(&digest(given.unwrap_or_default()), expected) && given.is_some()
    }
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Compares every byte whatever the first difference: no early exit for timing to reveal.
fn same_digest(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let diff = a
        .iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | std::hint::black_box(x ^ y));
    diff == 0
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    const SECRET: &str = "s3cret-s3cret-s3cret";

    #[test]
    fn only_the_exact_secret_passes_where_the_route_expects_it() {
        let path = RouteAuth::in_path(Secret::new(SECRET)).unwrap().check();
        let none = HeaderMap::new();
        assert!(path.passes(Some(SECRET), &none));
        for wrong in [
            "",
            "s3cret",
            "s3cret-s3cret-s3creT",
            "s3cret-s3cret-s3cret-",
        ] {
            assert!(!path.passes(Some(wrong), &none), "{wrong:?}");
        }
        assert!(!path.passes(None, &none));

        let header = RouteAuth::header("x-hook-secret", Secret::new(SECRET))
            .unwrap()
            .check();
        let mut headers = HeaderMap::new();
        assert!(!header.passes(Some(SECRET), &headers), "not in the path");
        headers.insert("x-hook-secret", HeaderValue::from_static("nope"));
        assert!(!header.passes(None, &headers));
        headers.insert("x-hook-secret", HeaderValue::from_static(SECRET));
        assert!(header.passes(None, &headers));
    }

    #[test]
    fn each_session_secret_handed_out_passes_and_nothing_else() {
        let secrets = Arc::new(PathSecrets::default());
        let check = RouteAuth::InPathAny(Arc::clone(&secrets)).check();
        let none = HeaderMap::new();
        assert!(!check.passes(Some(SECRET), &none), "not handed out yet");
        let digest = secrets.add(&Secret::new(SECRET)).unwrap();
        assert!(check.passes(Some(SECRET), &none));
        assert!(!check.passes(Some("s3cret-s3cret-s3creT"), &none));
        assert!(!check.passes(None, &none));
        assert!(secrets.add(&Secret::new("short")).is_err());
        // A restart takes the URLs handed out before, from their digests.
        let again = Arc::new(PathSecrets::default());
        again.add_digest(&digest);
        assert!(RouteAuth::InPathAny(again)
            .check()
            .passes(Some(SECRET), &none));
    }

    #[test]
    fn weak_or_unsafe_secrets_are_refused_and_never_shown() {
        for bad in ["short", "has a space in it!!", "slash/in/the/secret/x"] {
            let err = RouteAuth::in_path(Secret::new(bad)).unwrap_err();
            assert!(!err.contains(bad), "{err}");
        }
        assert!(RouteAuth::header("bad header", Secret::new(SECRET)).is_err());
        let auth = RouteAuth::in_path(Secret::new(SECRET)).unwrap();
        assert!(!format!("{auth:?} {:?}", auth.check()).contains(SECRET));
        assert_eq!(
            auth.url("http://127.0.0.1:1/arkadu").expose(),
            format!("http://127.0.0.1:1/arkadu/{SECRET}")
        );
    }
}
