//! A wallet-connect session: what `connect` answers (`{sessionid, url}`), and until when the
//! counter waits for the customer's consent. The url is what the QR code shows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::WalletError;

/// The gateway's `sessionid`, which the consent webhook brings back: opaque, 1 to
/// [`SESSION_ID_MAX`] characters, no whitespace (it travels in a query string).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SessionId(String);

pub const SESSION_ID_MAX: usize = 100;
pub const WALLET_URL_MAX: usize = 2000;

impl SessionId {
    pub fn new(text: &str) -> Result<SessionId, WalletError> {
        let ok = !text.is_empty()
            && text.chars().count() <= SESSION_ID_MAX
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        ok.then(|| SessionId(text.to_string()))
            .ok_or(WalletError::SessionId)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SessionId {
    type Error = WalletError;

    fn try_from(text: String) -> Result<SessionId, WalletError> {
        SessionId::new(&text)
    }
}

impl From<SessionId> for String {
    fn from(id: SessionId) -> String {
        id.0
    }
}

impl std::fmt::Display for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// True for an `http://` or `https://` address with a host, at most [`WALLET_URL_MAX`]
/// characters, without whitespace or control characters: anything else cannot be a link a
/// phone opens from a QR code (and `javascript:` must never be one).
pub fn is_wallet_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    url.chars().count() <= WALLET_URL_MAX
        && !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A session the counter shows as a QR code until `expires_at`. Built by [`WalletSession::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WalletSession {
    id: SessionId,
    url: String,
    expires_at: DateTime<Utc>,
}

impl WalletSession {
    pub fn new(
        id: SessionId,
        url: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<WalletSession, WalletError> {
        if !is_wallet_url(url) {
            return Err(WalletError::Url);
        }
        Ok(WalletSession {
            id,
            url: url.to_string(),
            expires_at,
        })
    }

    pub fn id(&self) -> &SessionId {
        &self.id
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }
}

impl<'de> Deserialize<'de> for WalletSession {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            id: SessionId,
            url: String,
            expires_at: DateTime<Utc>,
        }
        let raw = Raw::deserialize(d)?;
        WalletSession::new(raw.id, &raw.url, raw.expires_at).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const HANDCASH: &str = "https://app.handcash.io/#/authorizeApp?appId=6257ed344f6a4baa2eeefcec&sessionid=c89d21c7-3140-4d44-adea-69e24541648d";

    #[test]
    fn session_ids_are_opaque_but_bounded() {
        assert!(SessionId::new("c89d21c7-3140-4d44-adea-69e24541648d").is_ok());
        assert!(SessionId::new(&"s".repeat(100)).is_ok());
        for bad in ["", " ", "a b", "a\tb", "a\n", &"s".repeat(101)] {
            assert_eq!(SessionId::new(bad), Err(WalletError::SessionId), "{bad:?}");
        }
    }

    #[test]
    fn only_http_links_with_a_host() {
        #[rustfmt::skip]
        let table = [
            (HANDCASH, true),
            ("http://localhost:8080/w", true),
            ("HTTPS://EXAMPLE.COM", true),
            ("https://h", true),
            ("https://", false),
            ("https:///path", false),
            ("ftp://example.com", false),
            ("javascript:alert(1)", false),
            ("handcash://connect", false),
            ("https://example.com/a b", false),
            ("", false),
            ("http", false),
        ];
        for (url, ok) in table {
            assert_eq!(is_wallet_url(url), ok, "{url:?}");
        }
        let long = format!("https://h/{}", "a".repeat(WALLET_URL_MAX - 10));
        assert_eq!(long.len(), WALLET_URL_MAX);
        assert!(is_wallet_url(&long));
        assert!(!is_wallet_url(&format!("{long}a")));
    }

    #[test]
    fn a_session_expires_at_its_time_and_reads_back_checked() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 12, 5, 0).unwrap();
        let id = SessionId::new("c89d21c7").unwrap();
        let s = WalletSession::new(id.clone(), HANDCASH, at).unwrap();
        assert!(!s.is_expired(at - chrono::Duration::seconds(1)));
        assert!(s.is_expired(at));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<WalletSession>(&json).unwrap(), s);
        let bad = json.replace("https://app.handcash.io", "javascript:x");
        assert!(serde_json::from_str::<WalletSession>(&bad).is_err());
        assert_eq!(WalletSession::new(id, "ftp://x", at), Err(WalletError::Url));
    }
}
