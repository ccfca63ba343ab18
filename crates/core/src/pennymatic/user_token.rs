//! The customer's wallet user token (`usertoken` from the consent webhook). Whoever holds it can
//! charge the customer's wallet, so it is a [`Secret`]: it never prints, and it has no
//! serialized form at all, so it cannot reach the journal; it lives only as long as the sale.

use crate::secret::Secret;

use super::error::WalletError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserToken(Secret);

impl UserToken {
    /// The token as the webhook brought it; spaces around it are not part of it.
    pub fn new(text: &str) -> Result<UserToken, WalletError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(WalletError::UserToken);
        }
        Ok(UserToken(Secret::new(text)))
    }

    /// For the one place that sends it.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_and_is_never_blank() {
        let t = UserToken::new(" hc-user-token-42 ").unwrap();
        assert_eq!(t.expose(), "hc-user-token-42");
        assert!(!format!("{t:?}").contains("token-42"));
        assert_eq!(UserToken::new("  "), Err(WalletError::UserToken));
    }
}
