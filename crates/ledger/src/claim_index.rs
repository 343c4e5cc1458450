//! Claim attachment in memory: every stored claim's concepts, interned, and
//! an inverted index from each concept to the claims that hold it, so that
//! finding and scoring the candidates of a new statement costs no SQL.
//!
//! Candidates are the most recent claims holding one of the new key's
//! rarest concepts ("index by rare content words"): a claim similar enough
//! to join ([`CROSS_DOCUMENT_THRESHOLD`]) shares most of its concepts, so it
//! shares a rare one. We chose this over MinHash LSH bands in SQL: twelve
//! band rows per claim made the band table the largest in the ledger and
//! its lookups and random inserts most of the ingest cost, while this index
//! takes about 60 bytes per claim.
//!
//! It is built from the `claims` table on the first ingest of a session and
//! extended as claims are created (on PostgreSQL also with the claims other
//! writers created since, at the start of each batch). It is dropped whenever a transaction
//! fails, since it may then hold claims that were rolled back; the next
//! ingest rebuilds it.
//!
//! [`CROSS_DOCUMENT_THRESHOLD`]: hearsay_core::claims::CROSS_DOCUMENT_THRESHOLD

use std::collections::HashMap;

use hearsay_core::claims::{concept_weight, ClaimKey};

pub(crate) struct ClaimIndex {
    interner: HashMap<String, u32>,
    // Invariant: weights[id] is concept_weight of the concept interned as id.
    weights: Vec<f32>,
    // Claim id → (start, len) in `arena`; each slice sorted by concept id.
    claims: HashMap<i64, (u32, u32)>,
    arena: Vec<u32>,
    // Concept id → claims holding it, oldest first.
    postings: Vec<Vec<i64>>,
}

/// How many of a key's rarest concepts are looked up.
const RARE_CONCEPTS: usize = 3;
/// How many of the most recent claims per concept are scored: news repeats
/// recent claims far more than old ones.
const CANDIDATES_PER_CONCEPT: usize = 32;

impl ClaimIndex {
    pub(crate) fn new() -> ClaimIndex {
        ClaimIndex {
            interner: HashMap::new(),
            weights: Vec::new(),
            claims: HashMap::new(),
            arena: Vec::new(),
            postings: Vec::new(),
        }
    }

    /// Adds a stored claim by its key as stored (`ClaimKey::to_storage`:
    /// concepts joined by spaces).
    pub(crate) fn insert_stored(&mut self, claim_id: i64, stored_key: &str) {
        self.insert_concepts(claim_id, stored_key.split(' ').filter(|c| !c.is_empty()));
    }

    pub(crate) fn insert(&mut self, claim_id: i64, key: &ClaimKey) {
        self.insert_concepts(claim_id, key.concepts().iter().map(String::as_str));
    }

    fn insert_concepts<'a>(&mut self, claim_id: i64, concepts: impl Iterator<Item = &'a str>) {
        let start = self.arena.len();
        for concept in concepts {
            let id = self.intern(concept);
            self.arena.push(id);
        }
        let slice = &mut self.arena[start..];
        slice.sort_unstable();
        let len = slice.len();
        for idx in start..self.arena.len() {
            let concept = self.arena[idx] as usize;
            if let Some(posting) = self.postings.get_mut(concept) {
                posting.push(claim_id);
            }
        }
        // Arena offsets fit u32 up to 4 billion concepts; far beyond any ledger.
        self.claims.insert(claim_id, (start as u32, len as u32));
    }

    /// The concept ids of `key`, sorted; concepts never seen get no id and
    /// only add to the key's own norm (returned second).
    pub(crate) fn lookup(&self, key: &ClaimKey) -> (Vec<u32>, f32) {
        let mut ids = Vec::with_capacity(key.concepts().len());
        let mut unseen_norm = 0.0;
        for concept in key.concepts() {
            match self.interner.get(concept) {
                Some(&id) => ids.push(id),
                None => unseen_norm += concept_weight(concept).powi(2),
            }
        }
        ids.sort_unstable();
        (ids, unseen_norm)
    }

    /// Claims worth scoring against a looked-up key: the most recent
    /// holders of its rarest concepts.
    pub(crate) fn candidates(&self, key_ids: &[u32]) -> Vec<i64> {
        let mut by_rarity: Vec<&Vec<i64>> =
            key_ids.iter().filter_map(|&id| self.postings.get(id as usize)).filter(|p| !p.is_empty()).collect();
        by_rarity.sort_by_key(|posting| posting.len());
        let mut out: Vec<i64> = Vec::new();
        for posting in by_rarity.into_iter().take(RARE_CONCEPTS) {
            out.extend(posting.iter().rev().take(CANDIDATES_PER_CONCEPT));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// `ClaimKey::similarity` between a looked-up key and a stored claim,
    /// and how many concepts other than entities they share (0 and 0 for an
    /// unknown claim).
    pub(crate) fn similarity(&self, key_ids: &[u32], key_unseen_norm: f32, claim_id: i64) -> (f32, usize) {
        let Some(&(start, len)) = self.claims.get(&claim_id) else {
            return (0.0, 0);
        };
        let mut shared_content = 0;
        let stored = &self.arena[start as usize..(start + len) as usize];
        let weight = |id: u32| self.weights.get(id as usize).copied().unwrap_or(1.0).powi(2);
        let (mut i, mut j) = (0, 0);
        let (mut shared, mut norm_a, mut norm_b) = (0.0f32, key_unseen_norm, 0.0f32);
        while i < key_ids.len() || j < stored.len() {
            match (key_ids.get(i), stored.get(j)) {
                (Some(&x), Some(&y)) if x == y => {
                    let w = weight(x);
                    if w >= 1.0 {
                        shared_content += 1;
                    }
                    shared += w;
                    norm_a += w;
                    norm_b += w;
                    i += 1;
                    j += 1;
                }
                (Some(&x), Some(&y)) if x < y => {
                    norm_a += weight(x);
                    i += 1;
                }
                (Some(&x), None) => {
                    norm_a += weight(x);
                    i += 1;
                }
                (_, Some(&y)) => {
                    norm_b += weight(y);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        if norm_a == 0.0 || norm_b == 0.0 {
            return (0.0, 0);
        }
        (shared / (norm_a * norm_b).sqrt(), shared_content)
    }

    fn intern(&mut self, concept: &str) -> u32 {
        if let Some(&id) = self.interner.get(concept) {
            return id;
        }
        let id = self.weights.len() as u32;
        self.weights.push(concept_weight(concept));
        self.postings.push(Vec::new());
        self.interner.insert(concept.to_string(), id);
        id
    }
}

/// The claims of an analysis to store, both backends': its own, or, for an
/// analysis made without them (a caller's), its statements grouped here.
pub(crate) fn claims_to_store<'a>(
    text: &str,
    analysis: &'a hearsay_core::Analysis,
) -> std::borrow::Cow<'a, [hearsay_core::Claim]> {
    if analysis.claims.is_empty() && !analysis.attributions.is_empty() {
        std::borrow::Cow::Owned(hearsay_core::claims::group_claims(text, &analysis.attributions, &analysis.entities))
    } else {
        std::borrow::Cow::Borrowed(&analysis.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_matches_claim_key() {
        let mut index = ClaimIndex::new();
        let stored = ClaimKey::of_text("China was supplying weapons and gunpowder to Russia");
        index.insert(7, &stored);
        for text in ["The Chinese side has never provided lethal weapons", "China supplied drones to Iran", "rain"] {
            let key = ClaimKey::of_text(text);
            let (ids, unseen) = index.lookup(&key);
            let (got, _) = index.similarity(&ids, unseen, 7);
            assert!((got - key.similarity(&stored)).abs() < 1e-6, "{text}: {got} vs {}", key.similarity(&stored));
        }
        assert_eq!(index.similarity(&[], 1.0, 8), (0.0, 0));
        let (ids, unseen) = index.lookup(&ClaimKey::of_text("China supplied arms to Russia"));
        assert_eq!(index.similarity(&ids, unseen, 7).1, 2);
        let (ids, _) = index.lookup(&ClaimKey::of_text("China supplied arms"));
        assert_eq!(index.candidates(&ids), [7]);
        assert!(index.candidates(&index.lookup(&ClaimKey::of_text("rain")).0).is_empty());
    }
}
