//! Stable, seedable hashing and id generation.
//!
//! Everything here is deterministic: the same seed gives the same catalogue, the same sale ids and
//! the same `reject_rate` decisions on every run and every Rust version (no `DefaultHasher`).

/// SplitMix64 finaliser: a good 64-bit mixer.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over bytes, then mixed with `seed`.
pub fn hash_str(seed: u64, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h ^ mix(seed))
}

/// `len` uppercase hex characters derived from `(seed, n)`.
pub fn hex_id(seed: u64, n: u64, len: usize) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let base = mix(seed ^ mix(n));
    let mut out = vec![0u8; len];
    let mut w = 0;
    for (i, byte) in out.iter_mut().enumerate() {
        if i % 16 == 0 {
            w = mix(base.wrapping_add(i as u64 / 16));
        }
        *byte = HEX[(w & 0xF) as usize];
        w >>= 4;
    }
    String::from_utf8(out).expect("ASCII")
}

/// `len` decimal digits derived from `(seed, n)`.
pub fn digits(seed: u64, n: u64, len: usize) -> String {
    let base = mix(seed ^ mix(n));
    let mut out = vec![0u8; len];
    let mut w = 0;
    for (i, byte) in out.iter_mut().enumerate() {
        if i % 19 == 0 {
            w = mix(base.wrapping_add(i as u64 / 19));
        }
        *byte = b'0' + (w % 10) as u8;
        w /= 10;
    }
    String::from_utf8(out).expect("ASCII")
}

/// A fast, non-cryptographic hasher (FNV-1a, mixed at the end) for the catalogue's indices: building them is
/// several times faster than with SipHash, which matters in unoptimised test builds.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// `BuildHasher` of [`FastHasher`].
pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;
/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastBuild>;

/// A tiny deterministic generator (SplitMix64 stream).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform-ish in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_sized() {
        assert_eq!(hex_id(1, 2, 20), hex_id(1, 2, 20));
        assert_ne!(hex_id(1, 2, 20), hex_id(1, 3, 20));
        assert_eq!(hex_id(7, 9, 20).len(), 20);
        assert_eq!(hex_id(7, 9, 37).len(), 37);
        let d = digits(3, 4, 45);
        assert_eq!(d.len(), 45);
        assert!(d.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(hash_str(1, "abc"), hash_str(1, "abc"));
        assert_ne!(hash_str(1, "abc"), hash_str(2, "abc"));
    }
}
