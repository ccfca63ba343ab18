use serde::{Deserialize, Serialize};

/// The idempotency key of a sale at the hub. The platform's schema caps it at 22 characters, so
/// it is a 128-bit random value in base62 (at most 22 characters), which also fits any reading
/// of the document that expects a UUID-sized unique value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientTransactionId(String);

pub const CLIENT_TRANSACTION_ID_MAX: usize = 22;
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl ClientTransactionId {
    pub fn from_u128(mut n: u128) -> ClientTransactionId {
        let mut out = Vec::with_capacity(CLIENT_TRANSACTION_ID_MAX);
        loop {
            out.push(BASE62[(n % 62) as usize]);
            n /= 62;
            if n == 0 {
                break;
            }
        }
        out.reverse();
        ClientTransactionId(String::from_utf8(out).unwrap_or_default())
    }

    /// Re-reads a stored id; refuses anything that could not have been generated here.
    pub fn parse(s: &str) -> Option<ClientTransactionId> {
        let ok = !s.is_empty()
            && s.len() <= CLIENT_TRANSACTION_ID_MAX
            && s.bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then(|| ClientTransactionId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ClientTransactionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where new ids come from. Passed in so tests can be exact.
pub trait IdGen: Send + Sync {
    fn client_transaction_id(&self) -> ClientTransactionId;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RandomIds;

impl IdGen for RandomIds {
    fn client_transaction_id(&self) -> ClientTransactionId {
        ClientTransactionId::from_u128(uuid::Uuid::new_v4().as_u128())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_fit_the_platform_cap() {
        assert_eq!(ClientTransactionId::from_u128(0).as_str(), "0");
        assert_eq!(ClientTransactionId::from_u128(u128::MAX).as_str().len(), 22);
        for _ in 0..1000 {
            let id = RandomIds.client_transaction_id();
            assert!(id.as_str().len() <= CLIENT_TRANSACTION_ID_MAX);
            assert_eq!(ClientTransactionId::parse(id.as_str()), Some(id));
        }
        assert_eq!(
            ClientTransactionId::parse("b623a420-bddb-49e7-9ea6-aca7261111124"),
            None
        );
    }
}
