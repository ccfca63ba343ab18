//! The proxy's fresh identifiers: GUIDs, digit tokens and request tokens. Random (not seeded):
//! a token a test could predict would be no token.

use rand::Rng;

/// A random version-4 GUID, lowercase (`71230785-c66e-4c96-b2d9-658bfd41235b`).
pub fn guid() -> String {
    let mut b: [u8; 16] = rand::thread_rng().gen();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// `len` random decimal digits, the first not zero.
pub fn digits(len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|i| {
            let low = u8::from(i == 0);
            char::from(b'0' + rng.gen_range(low..10))
        })
        .collect()
}

/// A request token shaped like the document's (`AhjzbwSTEVl7HB+4nFDK...`): 56 base64 letters.
pub fn request_token() -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rng = rand::thread_rng();
    (0..56)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..64)]))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shapes() {
        let g = super::guid();
        assert_eq!(g.len(), 36);
        assert_eq!(&g[14..15], "4");
        assert_ne!(g, super::guid());
        let d = super::digits(22);
        assert!(d.len() == 22 && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0'));
        assert_eq!(super::request_token().len(), 56);
    }
}
