//! Grouping one statement at a time, as a growing ledger needs it (docs/claims-method.md,
//! "Grouping"): score the new statement against its candidates, then join the claim with the
//! best average link, pair with a single statement, or stay alone.
//!
//! Candidates come from two indexes kept here: key-term postings (as the batch form: a key term
//! shared with 1 to `key_postings - 1` earlier statements), and random-hyperplane SimHash bands
//! over the statement vectors (8 bands of 16 bits; hyperplanes drawn from a fixed seed with
//! `crate::hash::splitmix64`, so every run builds the same index), of which the `cand_k` nearest
//! by cosine are kept. Unlike the batch form, the result depends on the order statements arrive
//! in: regroup a ledger with [`super::group`].

use std::collections::HashMap;

use super::model::{ClaimModel, Thresholds, DIM};
use super::statement::Proposition;

/// Bands of the SimHash index and bits per band.
const BANDS: usize = 8;
const BITS: usize = 16;
/// The seed the hyperplanes are drawn from.
const PLANE_SEED: u64 = 0x636c_6169_6d73; // "claims"
/// At most this many of the latest statements of one SimHash bucket are looked at.
const BUCKET_LOOKS: usize = 256;

/// Claims grown one statement at a time ([`IncrementalGrouper::add`]).
///
/// Invariants: `claim_of[i] < members.len()`; `members[c]` lists, ascending, the statements whose
/// claim is `c`, and is never empty; `statements`, `claim_of` and `signatures` have one entry
/// per statement added.
pub struct IncrementalGrouper {
    statements: Vec<Proposition>,
    claim_of: Vec<u32>,
    members: Vec<Vec<u32>>,
    postings: HashMap<String, Vec<u32>>,
    buckets: HashMap<(u8, u16), Vec<u32>>,
    planes: Vec<[f32; DIM]>,
}

impl Default for IncrementalGrouper {
    fn default() -> Self {
        IncrementalGrouper::new()
    }
}

impl IncrementalGrouper {
    /// No statement yet.
    pub fn new() -> IncrementalGrouper {
        let planes = (0..BANDS * BITS)
            .map(|p| {
                std::array::from_fn(|k| {
                    let x = crate::hash::splitmix64(PLANE_SEED ^ ((p * DIM + k) as u64).wrapping_mul(0x9E37));
                    // The top 24 bits, as a uniform value in [-1, 1).
                    (x >> 40) as f32 / (1u64 << 23) as f32 - 1.0
                })
            })
            .collect();
        IncrementalGrouper {
            statements: Vec::new(),
            claim_of: Vec::new(),
            members: Vec::new(),
            postings: HashMap::new(),
            buckets: HashMap::new(),
            planes,
        }
    }

    /// The band keys of a vector: per band, the signs of its 16 hyperplane projections.
    fn band_keys(&self, vector: &[f32; DIM]) -> [(u8, u16); BANDS] {
        band_keys(&self.planes, vector)
    }

    /// The SimHash buckets of a statement, as numbers (`band << 16 | bits`): two statements
    /// meet as candidates through a shared bucket ([`CandidateLimits::bucket_looks`]) or a
    /// shared key term ([`Proposition::key_terms`], [`CandidateLimits::key_postings`]). Stateless,
    /// so a distributed job can block statements with them.
    pub fn buckets_of(&self, statement: &Proposition) -> [u32; BANDS] {
        self.band_keys(&statement.vector).map(|(band, bits)| u32::from(band) << BITS | u32::from(bits))
    }
}

/// How the candidates of a new statement are chosen ([`IncrementalGrouper::candidate_limits`]):
/// through each of its SimHash buckets, the `bucket_looks` latest earlier statements of that
/// bucket, of which the `cand_k` nearest by cosine (the lower index on a tie) are kept; and every
/// earlier statement sharing a key term, when fewer than `key_postings` earlier statements have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateLimits {
    /// How many of a bucket's latest earlier statements are looked at.
    pub bucket_looks: usize,
    /// How many of those, nearest by cosine, are kept.
    pub cand_k: usize,
    /// A key term shared with fewer earlier statements than this makes them all candidates.
    pub key_postings: usize,
}

fn band_keys(planes: &[[f32; DIM]], vector: &[f32; DIM]) -> [(u8, u16); BANDS] {
    std::array::from_fn(|band| {
        let mut bits = 0u16;
        for bit in 0..BITS {
            let plane = &planes[band * BITS + bit];
            let projection: f32 = plane.iter().zip(vector).map(|(p, v)| p * v).sum();
            bits |= u16::from(projection >= 0.0) << bit;
        }
        (band as u8, bits)
    })
}

impl IncrementalGrouper {
    /// The limits [`IncrementalGrouper::add`] picks candidates within.
    pub fn candidate_limits(model: &ClaimModel) -> CandidateLimits {
        CandidateLimits { bucket_looks: BUCKET_LOOKS, cand_k: model.pair.cand_k, key_postings: model.pair.key_postings }
    }

    /// The earlier statements to score the new one against, ascending.
    fn candidates(&self, model: &ClaimModel, statement: &Proposition, bands: &[(u8, u16)]) -> Vec<u32> {
        let mut near: Vec<u32> = Vec::new();
        for key in bands {
            if let Some(bucket) = self.buckets.get(key) {
                near.extend(bucket.iter().rev().take(BUCKET_LOOKS));
            }
        }
        near.sort_unstable();
        near.dedup();
        let mut by_cosine: Vec<(f64, u32)> =
            near.into_iter().map(|j| (statement.cosine(&self.statements[j as usize]), j)).collect();
        by_cosine.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<u32> = by_cosine.into_iter().take(model.pair.cand_k).map(|(_, j)| j).collect();
        for key in &statement.keys {
            if let Some(list) = self.postings.get(key) {
                if list.len() < model.pair.key_postings {
                    out.extend(list);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adds a statement and returns its claim: the claim of 2 or more members with the best
    /// average link to it (members it was not scored against count 0) if that average reaches
    /// the join threshold; else, if the best single statement it links to at the seed
    /// threshold or more has a main verb or it has one itself, the claim of the two; else a
    /// claim of its own. Between a claim to join and a single statement to pair with, the higher
    /// score wins (the single statement on a tie,
    /// then the lower claim number).
    pub fn add(&mut self, model: &ClaimModel, statement: Proposition) -> u32 {
        let choice = self.choose(model, &statement);
        self.place(statement, choice)
    }

    /// The claim [`IncrementalGrouper::add`] would put `statement` in, without adding it: `None`
    /// for a claim of its own.
    pub fn choose(&self, model: &ClaimModel, statement: &Proposition) -> Option<u32> {
        let bands = self.band_keys(&statement.vector);
        self.choose_among(model, statement, &self.candidates(model, statement, &bands))
    }

    /// As [`IncrementalGrouper::add`], with the candidates given (earlier statements' indices,
    /// ascending) rather than found in the grouper's own indexes: a distributed job finds them
    /// over the whole stream ([`IncrementalGrouper::candidate_limits`]) and replays one group of
    /// linked statements at a time. Candidates the new statement does not link to are skipped, as
    /// in [`IncrementalGrouper::add`], so leaving them out changes nothing.
    pub fn add_among(&mut self, model: &ClaimModel, statement: Proposition, candidates: &[u32]) -> u32 {
        let known: Vec<u32> = candidates.iter().copied().filter(|&j| (j as usize) < self.statements.len()).collect();
        let choice = self.choose_among(model, &statement, &known);
        self.place(statement, choice)
    }

    /// [`IncrementalGrouper::choose`] among the given candidates.
    fn choose_among(&self, model: &ClaimModel, statement: &Proposition, candidates: &[u32]) -> Option<u32> {
        let mut summed: HashMap<u32, (f64, f64)> = HashMap::new();
        let mut best_single: Option<(f64, u32)> = None;
        for &j in candidates {
            let other = &self.statements[j as usize];
            let Some(p) = model.edge(statement, other) else { continue };
            let both = statement.is_attributed() && other.is_attributed();
            let claim = self.claim_of[j as usize];
            let entry = summed.entry(claim).or_insert((0.0, 0.0));
            entry.0 += p;
            entry.1 = entry.1.max(p);
            let single = self.members[claim as usize].len() == 1;
            let better = best_single.is_none_or(|(best, best_claim)| p > best || (p == best && claim < best_claim));
            let seed = model.thresholds(both).seed;
            if single && p >= seed && (statement.starts() || other.starts()) && better {
                best_single = Some((p, claim));
            }
        }
        let mut choice = best_single;
        let mut claims: Vec<(u32, (f64, f64))> = summed.into_iter().collect();
        claims.sort_unstable_by_key(|(claim, _)| *claim);
        for (claim, (sum, strongest)) in claims {
            let size = self.members[claim as usize].len();
            let average = sum / size as f64;
            let attributed = statement.is_attributed()
                && self.members[claim as usize].iter().all(|&m| self.statements[m as usize].is_attributed());
            let Thresholds { join, link, .. } = model.thresholds(attributed);
            let linked = average >= join && strongest >= link;
            if size >= 2 && linked && choice.is_none_or(|(best, _)| average > best) {
                choice = Some((average, claim));
            }
        }
        choice.map(|(_, claim)| claim)
    }

    /// Adds `statement` to `claim` (a claim of its own for `None`, or for a claim number not yet
    /// given out) and returns its claim. A ledger rebuilding its index places each stored
    /// statement in its stored claim.
    pub fn place(&mut self, statement: Proposition, claim: Option<u32>) -> u32 {
        let index = self.statements.len() as u32;
        let bands = self.band_keys(&statement.vector);
        let claim = match claim {
            Some(claim) if (claim as usize) < self.members.len() => claim,
            _ => {
                self.members.push(Vec::new());
                self.members.len() as u32 - 1
            }
        };
        self.members[claim as usize].push(index);
        self.claim_of.push(claim);
        for key in &statement.keys {
            self.postings.entry(key.clone()).or_default().push(index);
        }
        for key in bands {
            self.buckets.entry(key).or_default().push(index);
        }
        self.statements.push(statement);
        claim
    }

    /// The claim of each statement added, in the order they were added.
    pub fn claim_of(&self) -> &[u32] {
        &self.claim_of
    }

    /// How many claims there are.
    pub fn n_claims(&self) -> usize {
        self.members.len()
    }

    /// The statement added `index`-th.
    pub fn statement(&self, index: u32) -> Option<&Proposition> {
        self.statements.get(index as usize)
    }

    /// The statements of claim `claim`, ascending (empty for an unknown claim).
    pub fn members(&self, claim: u32) -> &[u32] {
        self.members.get(claim as usize).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_starts_a_claim_and_a_third_joins_it() {
        let model = ClaimModel::builtin();
        let mut grouper = IncrementalGrouper::new();
        let mut add = |content: &str| grouper.add(&model, model.statement(content, None));
        let first = add("Apple will release a smartwatch with a sapphire screen in September");
        let other = add("The city council approved the new budget for the bridge repairs on Tuesday");
        let second = add("Apple to release sapphire-screen smartwatch in September");
        let third = add("Apple will release its sapphire smartwatch in September, sources say");
        assert_ne!(first, other);
        assert_eq!(first, second);
        assert_eq!(first, third);
        assert_eq!(grouper.members(first), [0, 2, 3]);
        assert_eq!(grouper.claim_of(), [first, other, first, first]);
    }

    #[test]
    fn the_hyperplanes_are_fixed() {
        let (a, b) = (IncrementalGrouper::new(), IncrementalGrouper::new());
        assert_eq!(a.planes, b.planes);
        assert!(a.planes[0].iter().all(|x| (-1.0..1.0).contains(x)));
        assert!(a.planes[0].iter().any(|x| *x < 0.0) && a.planes[0].iter().any(|x| *x > 0.0));
    }
}
