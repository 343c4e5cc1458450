//! Grouping statements into claims in one batch (`claims.py`'s `candidates`, `average_link` and
//! `group`): candidate pairs, the pair model over them, then average link.

use std::collections::{BTreeMap, BinaryHeap, HashMap};

use super::model::{ClaimModel, Thresholds, DIM};
use super::statement::Proposition;
use crate::Stance;

/// Statements grouped into claims.
///
/// Invariants: `claim_of[i] < claims.len()` for every statement; each claim's `members` are
/// sorted, non-empty, and together they partition the statements; claims are numbered in order
/// of their first member.
#[derive(Debug, Clone)]
pub struct Grouping {
    claim_of: Vec<u32>,
    claims: Vec<ClaimGroup>,
    stances: Vec<Stance>,
}

/// One claim of a [`Grouping`].
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimGroup {
    /// Indices of its statements, ascending.
    pub members: Vec<u32>,
    /// The member with the highest summed link probability to the others (the first on a tie):
    /// its content is the claim's text.
    pub medoid: u32,
}

impl Grouping {
    /// The claim of each statement, by index into [`Grouping::claims`].
    pub fn claim_of(&self) -> &[u32] {
        &self.claim_of
    }

    /// The claims.
    pub fn claims(&self) -> &[ClaimGroup] {
        &self.claims
    }

    /// Each statement's stance towards its claim (from its own words: a denial is grouped with
    /// the claim it denies).
    pub fn stances(&self) -> &[Stance] {
        &self.stances
    }
}

/// Candidate pairs `(i, j)`, `i < j`, sorted: each statement's `k` nearest by cosine (all others
/// when there are at most `k + 1`), plus every pair sharing a key term whose posting list holds
/// 2 to `max_postings` statements.
pub fn candidates(statements: &[Proposition], k: usize, max_postings: usize) -> Vec<(u32, u32)> {
    let n = statements.len();
    let mut pairs = Vec::new();
    let mut sims: Vec<(f32, u32)> = Vec::with_capacity(n);
    for (i, a) in statements.iter().enumerate() {
        if n <= k + 1 {
            pairs.extend((0..n).filter(|&j| j != i).map(|j| (i.min(j) as u32, i.max(j) as u32)));
            continue;
        }
        sims.clear();
        sims.extend(
            statements
                .iter()
                .enumerate()
                .map(|(j, b)| (if i == j { -2.0 } else { dot(&a.vector, &b.vector) }, j as u32)),
        );
        let by_similarity = |x: &(f32, u32), y: &(f32, u32)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
        sims.select_nth_unstable_by(k - 1, by_similarity);
        for &(_, j) in &sims[..k] {
            let j = j as usize;
            if j != i {
                pairs.push((i.min(j) as u32, i.max(j) as u32));
            }
        }
    }
    let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, statement) in statements.iter().enumerate() {
        for key in &statement.keys {
            postings.entry(key.as_str()).or_default().push(i as u32);
        }
    }
    for list in postings.values() {
        if list.len() > 1 && list.len() <= max_postings {
            for (x, &a) in list.iter().enumerate() {
                pairs.extend(list[x + 1..].iter().map(|&b| (a, b)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The dot product of two vectors in f32, over 8 lanes (so that it vectorises).
fn dot(a: &[f32; DIM], b: &[f32; DIM]) -> f32 {
    let mut lanes = [0f32; 8];
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            lanes[k] += x[k] * y[k];
        }
    }
    lanes.iter().sum()
}

/// A heap entry: the average link of clusters `i < j` when it was pushed.
#[derive(PartialEq)]
struct Link {
    average: f64,
    i: u32,
    j: u32,
}

impl Eq for Link {}

impl Ord for Link {
    /// The strongest link first, then the lowest `i`, then the lowest `j` (as Python's heap of
    /// `(-p, i, j)`).
    fn cmp(&self, other: &Link) -> std::cmp::Ordering {
        self.average.total_cmp(&other.average).then(other.i.cmp(&self.i)).then(other.j.cmp(&self.j))
    }
}

impl PartialOrd for Link {
    fn partial_cmp(&self, other: &Link) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Agglomerative average link over a sparse graph of `edges` `(i, j, p)`, `i < j`, each pair
/// once. The link of two clusters is their members' summed probabilities over `|A| x |B|` (absent
/// pairs count 0); the best link merges first, stale heap entries skipped. Two single statements
/// merge only at `p >= seed` and only if one of them `starts` a claim; any other merge needs an
/// average `>= join`. The thresholds are `limits(true)` when both clusters hold only
/// `attributed` statements (the news model scored their links), else `limits(false)`. Returns
/// each statement's cluster root.
pub fn average_link(
    n: usize,
    edges: &[(u32, u32, f64)],
    starts: &[bool],
    attributed: &[bool],
    limits: impl Fn(bool) -> Thresholds,
) -> Vec<u32> {
    let mut attributed = attributed.to_vec();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut size = vec![1usize; n];
    let mut alive = vec![true; n];
    let mut link: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); n];
    let mut heap = BinaryHeap::new();
    for &(i, j, p) in edges {
        link[i as usize].insert(j, p);
        link[j as usize].insert(i, p);
        let Thresholds { join, seed, .. } = limits(attributed[i as usize] && attributed[j as usize]);
        if p >= join.max(seed) && (starts[i as usize] || starts[j as usize]) {
            heap.push(Link { average: p, i, j });
        }
    }
    while let Some(Link { average, i, j }) = heap.pop() {
        let (iu, ju) = (i as usize, j as usize);
        if !(alive[iu] && alive[ju]) {
            continue;
        }
        let current = link[iu].get(&j).copied().unwrap_or(0.0) / (size[iu] * size[ju]) as f64;
        if (current - average).abs() > 1e-12 {
            continue; // stale
        }
        alive[ju] = false;
        let of_j = std::mem::take(&mut link[ju]);
        for (&c, &s) in &of_j {
            if c == i {
                continue;
            }
            let summed = link[iu].get(&c).copied().unwrap_or(0.0) + s;
            link[iu].insert(c, summed);
            let of_c = &mut link[c as usize];
            of_c.insert(i, summed);
            of_c.remove(&j);
        }
        link[iu].remove(&j);
        size[iu] += size[ju];
        attributed[iu] = attributed[iu] && attributed[ju];
        parent[ju] = i;
        for (&c, &s) in &link[iu] {
            let average = s / (size[iu] * size[c as usize]) as f64;
            if average >= limits(attributed[iu] && attributed[c as usize]).join {
                heap.push(Link { average, i: i.min(c), j: i.max(c) });
            }
        }
    }
    (0..n)
        .map(|mut x| {
            while parent[x] as usize != x {
                x = parent[x] as usize;
            }
            x as u32
        })
        .collect()
}

/// Groups statements into claims: candidates (15 nearest by cosine and short key-term postings),
/// the gated pair model over them (edges over the model's weakest edge), average link with the
/// model's seed and join thresholds ([`ClaimModel::thresholds`]). Every statement gets a claim; one that matches nothing is a claim alone.
pub fn group(model: &ClaimModel, statements: &[Proposition]) -> Grouping {
    let pairs = candidates(statements, model.pair.cand_k, model.pair.key_postings);
    let edges: Vec<(u32, u32, f64)> = pairs
        .into_iter()
        .filter_map(|(i, j)| {
            let p = model.link_probability(&statements[i as usize], &statements[j as usize])?;
            let both = statements[i as usize].is_attributed() && statements[j as usize].is_attributed();
            (p > model.min_edge(both)).then_some((i, j, p))
        })
        .collect();
    let starts: Vec<bool> = statements.iter().map(Proposition::starts).collect();
    let attributed: Vec<bool> = statements.iter().map(Proposition::is_attributed).collect();
    let roots = average_link(statements.len(), &edges, &starts, &attributed, |both| model.thresholds(both));
    grouping_of(&roots, &edges, statements.iter().map(Proposition::stance).collect())
}

/// Numbers the clusters of `roots` in order of their first member and finds their medoids.
fn grouping_of(roots: &[u32], edges: &[(u32, u32, f64)], stances: Vec<Stance>) -> Grouping {
    let mut number_of_root: HashMap<u32, u32> = HashMap::new();
    let mut claims: Vec<ClaimGroup> = Vec::new();
    let mut claim_of = Vec::with_capacity(roots.len());
    for (i, root) in roots.iter().enumerate() {
        let next = claims.len() as u32;
        let claim = *number_of_root.entry(*root).or_insert(next);
        if claim == next {
            claims.push(ClaimGroup { members: Vec::new(), medoid: i as u32 });
        }
        claims[claim as usize].members.push(i as u32);
        claim_of.push(claim);
    }
    let mut summed = vec![0f64; roots.len()];
    for &(i, j, p) in edges {
        if claim_of[i as usize] == claim_of[j as usize] {
            summed[i as usize] += p;
            summed[j as usize] += p;
        }
    }
    for claim in &mut claims {
        let mut best = claim.members[0];
        for &m in &claim.members {
            if summed[m as usize] > summed[best as usize] {
                best = m;
            }
        }
        claim.medoid = best;
    }
    Grouping { claim_of, claims, stances }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singles_start_a_claim_only_at_the_seed_and_with_a_verb() {
        // 0-1 strong and 0 starts; 2 joins at an average of (0.5 + 0.4) / 2 >= 0.3; 3 is alone.
        let edges = [(0, 1, 0.95), (0, 2, 0.5), (1, 2, 0.4), (2, 3, 0.92)];
        let headline = |_| Thresholds { join: 0.3, seed: 0.93, link: 0.0 };
        let plain = [false; 4];
        let roots = average_link(4, &edges, &[true, false, false, false], &plain, headline);
        assert_eq!(roots[0], roots[1]);
        assert_eq!(roots[0], roots[2]);
        // 3 joins at (0 + 0 + 0.92) / 3 >= 0.3.
        assert_eq!(roots[3], roots[0]);
        // Without a starter nothing merges.
        let roots = average_link(4, &edges, &[false; 4], &plain, headline);
        assert_eq!(roots, [0, 1, 2, 3]);
        // A weaker last edge stays out: (0.85) / 3 < 0.3.
        let edges = [(0, 1, 0.95), (0, 2, 0.5), (1, 2, 0.4), (2, 3, 0.85)];
        let roots = average_link(4, &edges, &[true, false, false, false], &plain, headline);
        assert_ne!(roots[3], roots[0]);
    }

    #[test]
    fn attributed_clusters_merge_at_the_news_thresholds() {
        // 0-1 at 0.5 starts a claim only where both are attributed (news seed 0.3 < 0.5 < 0.93).
        let limits = |both| {
            if both {
                Thresholds { join: 0.2, seed: 0.3, link: 0.3 }
            } else {
                Thresholds { join: 0.3, seed: 0.93, link: 0.0 }
            }
        };
        let edges = [(0, 1, 0.5), (1, 2, 0.5)];
        let roots = average_link(3, &edges, &[true; 3], &[true, true, true], limits);
        assert_eq!((roots[0], roots[2]), (roots[1], roots[1]));
        let roots = average_link(3, &edges, &[true; 3], &[true, false, true], limits);
        assert_eq!(roots, [0, 1, 2]);
    }
}
