//! Fingerprints of article text: the content hash that makes ingest
//! idempotent, and the MinHash over word shingles that finds reprints.
//!
//! Both must stay stable across builds and platforms, since they are
//! stored: they use only fixed, hand-written hash functions (FNV-1a and
//! splitmix64), never `std`'s `DefaultHasher`, whose output may change
//! between Rust releases.

use hearsay_core::hash::{fnv1a_128, fnv1a_lowercase, minhash, splitmix64};

/// Number of MinHash values per article.
pub(crate) const ARTICLE_MINHASH_LEN: usize = 32;
/// Rows per LSH band: 8 bands of 4. Two articles with shingle Jaccard 0.8
/// share a band with probability 0.98; at 0.3, 0.06.
const ARTICLE_BAND_ROWS: usize = 4;
/// Shingle size in words.
const SHINGLE: usize = 4;
/// Estimated Jaccard similarity at or above which an article is a reprint
/// of another. Wire copy lightly edited (a new headline, a changed
/// sentence, a name spelt differently) stays well above it.
pub(crate) const NEAR_DUPLICATE_JACCARD: f64 = 0.6;

/// The 128-bit FNV-1a hash of `text`: the identity of an article's content.
/// Not cryptographic; it guards against accidental repeats, not attackers.
pub(crate) fn content_hash(text: &str) -> [u8; 16] {
    fnv1a_128(text.as_bytes())
}

/// MinHash of the word 4-shingles of `text` (lowercased alphanumeric
/// words). Texts shorter than a shingle hash their words.
pub(crate) fn article_minhash(text: &str) -> [u64; ARTICLE_MINHASH_LEN] {
    let words: Vec<u64> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fnv1a_lowercase).collect();
    if words.len() < SHINGLE {
        return minhash::by_row_seed(words);
    }
    minhash::by_row_seed(words.windows(SHINGLE).map(|window| window.iter().fold(0, |h, &w| splitmix64(h ^ w))))
}

/// The LSH band hashes of an article signature, below 2^63.
pub(crate) fn article_bands(signature: &[u64; ARTICLE_MINHASH_LEN]) -> Vec<i64> {
    signature
        .chunks(ARTICLE_BAND_ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut h = splitmix64(0xA57 + band as u64);
            for &row in rows {
                h = splitmix64(h ^ row);
            }
            (h >> 1) as i64
        })
        .collect()
}

/// The share of equal rows: an estimate of the shingle Jaccard similarity.
pub(crate) fn estimated_jaccard(a: &[u64; ARTICLE_MINHASH_LEN], b: &[u64; ARTICLE_MINHASH_LEN]) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / ARTICLE_MINHASH_LEN as f64
}

pub(crate) fn signature_to_bytes(signature: &[u64; ARTICLE_MINHASH_LEN]) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// `None` when the stored bytes are not a signature (a corrupt row).
pub(crate) fn signature_from_bytes(bytes: &[u8]) -> Option<[u64; ARTICLE_MINHASH_LEN]> {
    if bytes.len() != ARTICLE_MINHASH_LEN * 8 {
        return None;
    }
    let mut signature = [0u64; ARTICLE_MINHASH_LEN];
    for (slot, chunk) in signature.iter_mut().zip(bytes.chunks_exact(8)) {
        let mut raw = [0u8; 8];
        raw.copy_from_slice(chunk);
        *slot = u64::from_le_bytes(raw);
    }
    Some(signature)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The fingerprints as they were written before the hash module took
    // them over: test oracles, so that stored ledgers stay readable.
    fn content_hash_as_first_written(text: &str) -> [u8; 16] {
        let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        for &b in text.as_bytes() {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
        }
        h.to_be_bytes()
    }
    fn article_minhash_as_first_written(text: &str) -> [u64; ARTICLE_MINHASH_LEN] {
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for c in w.chars().flat_map(char::to_lowercase) {
                    let mut buf = [0u8; 4];
                    for &b in c.encode_utf8(&mut buf).as_bytes() {
                        h ^= u64::from(b);
                        h = h.wrapping_mul(0x0100_0000_01b3);
                    }
                }
                h
            })
            .collect();
        let mut signature = [u64::MAX; ARTICLE_MINHASH_LEN];
        let mut add = |shingle: u64| {
            let base = splitmix64(shingle);
            for (i, slot) in signature.iter_mut().enumerate() {
                // One strong hash per shingle, cheap per-row permutations of it.
                let h = (base ^ SEEDS[i]).wrapping_mul(0x9E37_79B9_7F4A_7C15 | 1).rotate_left(29);
                if h < *slot {
                    *slot = h;
                }
            }
        };
        if words.len() < SHINGLE {
            words.iter().for_each(|&w| add(w));
        } else {
            for window in words.windows(SHINGLE) {
                let mut h = 0u64;
                for &w in window {
                    h = splitmix64(h ^ w);
                }
                add(h);
            }
        }
        signature
    }
    fn splitmix64(x: u64) -> u64 {
        let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    const SEEDS: [u64; ARTICLE_MINHASH_LEN] = {
        let mut seeds = [0u64; ARTICLE_MINHASH_LEN];
        let mut i = 0;
        while i < ARTICLE_MINHASH_LEN {
            let mut z = (i as u64 + 1).wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            seeds[i] = z ^ (z >> 31);
            i += 1;
        }
        seeds
    };

    #[test]
    fn fingerprints_are_those_ledgers_store() {
        for text in [
            "",
            "a",
            "a b",
            "Three word text",
            "The minister said on Monday that the line would open.",
            "Zoë’s ÉTÉ café, 2025",
        ] {
            assert_eq!(content_hash(text), content_hash_as_first_written(text), "{text}");
            assert_eq!(article_minhash(text), article_minhash_as_first_written(text), "{text}");
        }
    }

    #[test]
    fn content_hash_tells_texts_apart() {
        assert_eq!(content_hash("a b"), content_hash("a b"));
        assert_ne!(content_hash("a b"), content_hash("a c"));
    }

    #[test]
    fn reprint_is_similar_and_other_story_is_not() {
        let story = "The minister said on Monday that the new rail line would open next spring, \
                     two years later than planned, because of rising costs and a shortage of engineers. \
                     Opposition leaders called the delay a scandal and demanded an inquiry into the budget.";
        let reprint = story.replace("Monday", "Tuesday");
        let other = "Shares in the carmaker fell sharply after it warned that profits would be lower \
                     than expected this year, blaming weak demand in Europe and higher steel prices.";
        let a = article_minhash(story);
        assert!(estimated_jaccard(&a, &article_minhash(&reprint)) >= NEAR_DUPLICATE_JACCARD);
        assert!(estimated_jaccard(&a, &article_minhash(other)) < 0.2);
        assert_eq!(signature_from_bytes(&signature_to_bytes(&a)), Some(a));
    }
}
