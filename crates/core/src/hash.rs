//! The hash functions whose outputs are stored: in the tagger's weights
//! file (feature keys), in claim keys and in ledgers (content hashes,
//! MinHash signatures, LSH bands, ids). This module is their one home.
//!
//! Invariant: every function here gives the same output on every build and
//! platform, forever; files on disk and ledgers depend on it. They are
//! hand-written (FNV-1a, splitmix64), never `std`'s `DefaultHasher`, whose
//! output may change between Rust releases. The tests at the end pin known
//! values; a change that moves them breaks every saved model and ledger.

/// The 64-bit FNV-1a offset basis.
const FNV64_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// The 64-bit FNV-1a prime.
const FNV64_PRIME: u64 = 0x100_0000_01b3;
/// The 128-bit FNV-1a offset basis.
const FNV128_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
/// The 128-bit FNV-1a prime.
const FNV128_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
/// 2^64 divided by the golden ratio: splitmix64's increment, and the
/// multiplier that spreads small integers.
pub const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// 64-bit FNV-1a, fed a byte at a time.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Fnv1a {
    /// The hash of nothing (the offset basis).
    pub const fn new() -> Fnv1a {
        Fnv1a(FNV64_OFFSET)
    }

    /// A hasher that goes on from a hash already computed.
    pub const fn from_state(state: u64) -> Fnv1a {
        Fnv1a(state)
    }

    /// Feeds one byte.
    #[inline]
    pub fn write_byte(&mut self, byte: u8) {
        self.0 ^= u64::from(byte);
        self.0 = self.0.wrapping_mul(FNV64_PRIME);
    }

    /// Feeds bytes.
    #[inline]
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_byte(b);
        }
    }

    /// Feeds a char as its UTF-8 bytes.
    #[inline]
    pub fn write_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.write(c.encode_utf8(&mut buf).as_bytes());
    }

    /// The hash so far.
    pub const fn finish(self) -> u64 {
        self.0
    }
}

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a::new()
    }
}

/// 64-bit FNV-1a of raw bytes: the lexicon's key of a lowercase word, the
/// claim MinHash's concept hash, the server's ids of posted texts.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::new();
    h.write(bytes);
    h.finish()
}

/// 64-bit FNV-1a of a word's lowercased characters (Unicode lowercase,
/// UTF-8): the ledger's word hash for article shingles.
pub fn fnv1a_lowercase(word: &str) -> u64 {
    let mut h = Fnv1a::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        h.write_char(c);
    }
    h.finish()
}

/// 64-bit FNV-1a of a word's lowercased characters with the curly
/// apostrophe folded to a straight one: the tagger's word feature (stored,
/// through the feature keys, in `data/tagger.bin`).
pub fn fnv1a_folded(word: &str) -> u64 {
    let mut h = Fnv1a::new();
    for c in word.chars() {
        if c.is_ascii() {
            // The common case, the same bytes as below without the iterator.
            h.write_byte(c.to_ascii_lowercase() as u8);
            continue;
        }
        let c = if c == '’' { '\'' } else { c };
        for l in c.to_lowercase() {
            h.write_char(l);
        }
    }
    h.finish()
}

/// 128-bit FNV-1a of `bytes`, big-endian: the identity of an article's
/// content in the ledger. Not cryptographic; it guards against accidental
/// repeats, not attackers.
pub fn fnv1a_128(bytes: &[u8]) -> [u8; 16] {
    let mut h = FNV128_OFFSET;
    for &b in bytes {
        h ^= u128::from(b);
        h = h.wrapping_mul(FNV128_PRIME);
    }
    h.to_be_bytes()
}

/// splitmix64's output function without its increment: cheap and well
/// spread (the tagger's feature mixer).
#[inline]
pub const fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One step of splitmix64: `x` plus the golden gamma, mixed.
#[inline]
pub const fn splitmix64(x: u64) -> u64 {
    mix64(x.wrapping_add(GOLDEN_GAMMA))
}

/// MinHash signatures. Two schemes are stored today, each in its own
/// place, so both live on; they differ in how one strong hash per item is
/// turned into a value per row.
pub mod minhash {
    use super::{splitmix64, GOLDEN_GAMMA};

    /// Claim keys' scheme: row `i` of item `base` is
    /// `splitmix64(base ^ i * GOLDEN_GAMMA)`. An empty set gives all
    /// `u64::MAX`.
    pub fn by_row_index<const N: usize>(bases: impl IntoIterator<Item = u64>) -> [u64; N] {
        let mut signature = [u64::MAX; N];
        for base in bases {
            for (i, slot) in signature.iter_mut().enumerate() {
                let h = splitmix64(base ^ (i as u64).wrapping_mul(GOLDEN_GAMMA));
                if h < *slot {
                    *slot = h;
                }
            }
        }
        signature
    }

    /// Article shingles' scheme: one splitmix64 per item, then row `i` is
    /// `((base ^ seed_i) * (GOLDEN_GAMMA | 1)).rotate_left(29)`, with
    /// `seed_i = splitmix64(i + 1)`. An empty set gives all `u64::MAX`.
    pub fn by_row_seed<const N: usize>(items: impl IntoIterator<Item = u64>) -> [u64; N] {
        let seeds: [u64; N] = std::array::from_fn(|i| splitmix64(i as u64 + 1));
        let mut signature = [u64::MAX; N];
        for item in items {
            let base = splitmix64(item);
            for (slot, seed) in signature.iter_mut().zip(seeds) {
                let h = (base ^ seed).wrapping_mul(GOLDEN_GAMMA | 1).rotate_left(29);
                if h < *slot {
                    *slot = h;
                }
            }
        }
        signature
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Known values, pinned: saved models and ledgers depend on them.
    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        // The FNV reference test vectors (64-bit FNV-1a).
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(fnv1a_128(b""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d_u128.to_be_bytes());
        assert_eq!(fnv1a_128(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964_u128.to_be_bytes());
    }

    #[test]
    fn lowercase_and_folded_variants_hash_what_they_say() {
        assert_eq!(fnv1a_lowercase("Said"), fnv1a(b"said"));
        assert_eq!(fnv1a_lowercase("ÉTÉ"), fnv1a("été".as_bytes()));
        assert_eq!(fnv1a_folded("Don’t"), fnv1a(b"don't"));
        assert_eq!(fnv1a_folded("SAID"), fnv1a(b"said"));
        // The lowercase variant does not fold apostrophes.
        assert_ne!(fnv1a_lowercase("don’t"), fnv1a(b"don't"));
    }

    #[test]
    fn splitmix64_and_minhash_are_pinned() {
        // splitmix64 seeded with 0: the first output of the reference generator.
        assert_eq!(splitmix64(0), 0xe220_a839_7b1d_cdaf);
        assert_eq!(mix64(0), 0);
        let claim: [u64; 4] = minhash::by_row_index([fnv1a(b"china"), fnv1a(b"weapon")]);
        let article: [u64; 4] = minhash::by_row_seed([10, 20, 30]);
        assert_eq!(claim, PINNED_CLAIM);
        assert_eq!(article, PINNED_ARTICLE);
        assert_eq!(minhash::by_row_index::<2>([]), [u64::MAX; 2]);
    }

    /// `fnv1a_folded` as first written: every char through `to_lowercase`.
    fn folded_by_lowercasing(word: &str) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in word.chars() {
            let c = if c == '’' { '\'' } else { c };
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x100_0000_01b3);
                }
            }
        }
        h
    }

    #[test]
    fn folded_ascii_fast_path_hashes_like_lowercasing() {
        let all_ascii: String = (0u8..128).map(char::from).collect();
        for word in ["Said", "SAID", "U.S.", "Clinton’s", "don't", "İstanbul", "ΣΟΦΙΑ", "Zoë", "", &all_ascii]
        {
            assert_eq!(fnv1a_folded(word), folded_by_lowercasing(word), "{word}");
        }
        assert_ne!(fnv1a_folded("said"), fnv1a_folded("says"));
    }

    const PINNED_CLAIM: [u64; 4] =
        [0x21fe_729f_ddb6_da87, 0x0b83_eff3_0266_1cee, 0x3dc8_bb01_3850_0650, 0x0a0f_4aeb_d810_89b5];
    const PINNED_ARTICLE: [u64; 4] =
        [0x03a5_2e6a_2a99_eee7, 0xda99_5baa_80a3_5c1b, 0x5746_60e6_7b9b_ed4b, 0x22bd_c06a_9d52_0aeb];
}
