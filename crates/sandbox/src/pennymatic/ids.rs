//! The gateway's fresh identifiers: session ids, user tokens and transaction ids. Random (not
//! seeded): a user token is a credential, and one a test could predict would be none.

use rand::Rng;

/// A random version-4 UUID, lowercase (`c89d21c7-3140-4d44-adea-69e24541648d`).
pub fn uuid() -> String {
    let mut b: [u8; 16] = rand::thread_rng().gen();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = to_hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// `bytes` random bytes as lowercase hex (a txid is 32 bytes: 64 hex digits).
pub fn hex(bytes: usize) -> String {
    let mut rng = rand::thread_rng();
    let b: Vec<u8> = (0..bytes).map(|_| rng.gen()).collect();
    to_hex(&b)
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shapes() {
        let id = super::uuid();
        assert_eq!(id.len(), 36);
        assert_ne!(id, super::uuid());
        let tx = super::hex(32);
        assert!(tx.len() == 64 && tx.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
