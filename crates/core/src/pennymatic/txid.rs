//! A blockchain transaction id (`transactionId`, `txhash`): 32 bytes in hex.

use serde::{Deserialize, Serialize};

use super::error::WalletError;

/// Always 64 lowercase hex characters, so the same transaction is one value however it was
/// written (a customer may read it off a wallet that prints capitals).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TxId(String);

pub const TXID_LEN: usize = 64;

impl TxId {
    /// Spaces around it are ignored; anything but 64 hex digits is refused.
    pub fn new(text: &str) -> Result<TxId, WalletError> {
        let text = text.trim();
        if text.len() != TXID_LEN || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(WalletError::TxId);
        }
        Ok(TxId(text.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TxId {
    type Error = WalletError;

    fn try_from(text: String) -> Result<TxId, WalletError> {
        TxId::new(&text)
    }
}

impl From<TxId> for String {
    fn from(id: TxId) -> String {
        id.0
    }
}

impl std::fmt::Display for TxId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_four_hex_digits_in_lowercase() {
        let hex = "4e1bd1d6b1b6ae2a9e5a5d2b5c2f3a2d8e9f0a1b2c3d4e5f60718293a4b5c6d7";
        assert_eq!(TxId::new(hex).unwrap().as_str(), hex);
        assert_eq!(TxId::new(&hex.to_uppercase()).unwrap().as_str(), hex);
        assert_eq!(TxId::new(&format!(" {hex}\n")).unwrap().as_str(), hex);
        for bad in ["", &hex[1..], &format!("{hex}0"), &hex.replace('4', "g")] {
            assert_eq!(TxId::new(bad), Err(WalletError::TxId), "{bad:?}");
        }
    }
}
