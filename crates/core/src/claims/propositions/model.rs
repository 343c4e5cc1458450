//! The compiled-in artifacts of claim grouping (`data/claims/`, rebuilt by
//! `scripts/claims/build.sh`): the static WordPiece embedding table, the vocabulary, document
//! frequencies, and the pair and stance weights.

use std::collections::HashMap;

use super::wordpiece::WordPiece;
use crate::lexicon::Lexicon;

/// Dimensions of a statement vector.
pub const DIM: usize = 128;

/// `30522 x DIM` int8, row-major: one row per WordPiece id, the SIF weight folded in.
const STATIC_I8: &[u8] = include_bytes!("../../../data/claims/static.i8");
/// One little-endian f32 per row: the row's value is `int8 * scale`.
const STATIC_SCALE: &[u8] = include_bytes!("../../../data/claims/static.scale.f32");
const VOCAB: &str = include_str!("../../../data/claims/vocab.txt");
/// `#docs\tN`, then `stem\tdf`.
const IDF: &str = include_str!("../../../data/claims/idf.tsv");
const PAIR: &str = include_str!("../../../data/claims/pair.txt");
const STANCE: &str = include_str!("../../../data/claims/stance.txt");
/// The news pair model (`scripts/claims/stage2.py --write`, exported as plain lines).
const NEWS_PAIR: &str = include_str!("../../../data/claims/news_pair.txt");

/// The pair model's features, in its weights' order (`claims.py`'s `PAIR_FEATURES`).
pub const PAIR_FEATURES: [&str; 12] = [
    "cos",
    "wjacc",
    "wcover",
    "key_shared",
    "key_none",
    "ent_shared",
    "ent_clash",
    "num_clash",
    "cos_x_wcover",
    "pred_shared",
    "pred_clash",
    "min_mass",
];

/// The stance model's features, in its weights' order (`claims.py`'s `STANCE_FEATURES`).
pub const STANCE_FEATURES: [&str; 13] = [
    "deny_any",
    "deny_first",
    "hedge_any",
    "hedge_first",
    "question_any",
    "question_first",
    "neg_any",
    "neg_first",
    "assert_any",
    "assert_first",
    "qmark_end",
    "excl",
    "bias_len",
];

/// The pair model and the grouping settings stored with it.
#[derive(Debug, Clone)]
pub(crate) struct PairWeights {
    /// `coef / std`: the standardisation folded in.
    pub weights: [f64; 12],
    /// `bias - sum(coef * mean / std)`.
    pub bias: f64,
    /// Clusters merge while their average link is at least this.
    pub join: f64,
    /// Two single statements merge only at this probability or more.
    pub seed: f64,
    /// Both sides of a scored pair have at least this idf mass.
    pub min_mass: f64,
    /// A stem with at least this idf is a key term.
    pub rare_idf: f64,
    /// Nearest neighbours by cosine taken as candidates.
    pub cand_k: usize,
    /// A key term whose posting list is longer is no blocking key.
    pub key_postings: usize,
}

/// The 3-class linear stance model, on raw features.
#[derive(Debug, Clone)]
pub(crate) struct StanceWeights {
    /// Rows assert, deny, report.
    pub coef: [[f64; 13]; 3],
    pub bias: [f64; 3],
    /// Whether a report whose text ends in "?" is a question.
    pub question: bool,
}

/// The thresholds of a merge: two single statements start a claim at a probability of `seed` or
/// more; clusters grow while their average link is `join` or more.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Average link needed to grow a claim.
    pub join: f64,
    /// Probability needed for two single statements to start one.
    pub seed: f64,
    /// In the one-at-a-time form ([`super::IncrementalGrouper`]), the strongest link a
    /// statement needs to a claim to join it, besides the average: a statement joins a claim of
    /// news only through a link that could have started one (the seed), so that a topic does
    /// not chain statements into one claim as a ledger grows.
    pub link: f64,
}

/// Headline pairs weaker than this are no edges (`claims.py`: p > 0.05).
const MIN_EDGE: f64 = 0.05;

/// Everything claim grouping needs, loaded once: see [`ClaimModel::builtin`].
pub struct ClaimModel {
    pub(crate) wordpiece: WordPiece,
    /// Per row of the static table, its scale.
    scales: Vec<f32>,
    df: HashMap<&'static str, u32>,
    n_docs: u32,
    pub(crate) pair: PairWeights,
    pub(crate) stance: StanceWeights,
    pub(crate) news: super::news::NewsWeights,
    pub(crate) lexicon: Lexicon,
}

/// The values of the line `name v1 v2 ...` of a weights file.
fn values<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.lines()
        .find_map(|line| line.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .map(|rest| rest.split_whitespace().collect())
        .unwrap_or_default()
}

fn numbers<const N: usize>(text: &str, name: &str) -> [f64; N] {
    let found: Vec<f64> = values(text, name).iter().filter_map(|v| v.parse().ok()).collect();
    // The weights are compiled in and `builtin_artifacts_load` checks them.
    found.try_into().unwrap_or_else(|v: Vec<f64>| panic!("data/claims: {name} has {} values, not {N}", v.len()))
}

fn parse_pair(text: &str) -> PairWeights {
    assert_eq!(values(text, "features"), PAIR_FEATURES, "data/claims/pair.txt: features");
    let coef: [f64; 12] = numbers(text, "coef");
    let mean: [f64; 12] = numbers(text, "mean");
    let std: [f64; 12] = numbers(text, "std");
    let [bias] = numbers(text, "bias");
    let weights: [f64; 12] = std::array::from_fn(|k| coef[k] / std[k]);
    let bias = bias - (0..12).map(|k| weights[k] * mean[k]).sum::<f64>();
    let [join] = numbers(text, "threshold");
    let [seed] = numbers(text, "seed");
    let [min_mass] = numbers(text, "min_mass");
    let [rare_idf] = numbers(text, "rare_idf");
    let [cand_k] = numbers(text, "cand_k");
    let [key_postings] = numbers(text, "key_postings");
    PairWeights {
        weights,
        bias,
        join,
        seed,
        min_mass,
        rare_idf,
        cand_k: cand_k as usize,
        key_postings: key_postings as usize,
    }
}

fn parse_stance(text: &str) -> StanceWeights {
    assert_eq!(values(text, "classes"), ["assert", "deny", "report"], "data/claims/stance.txt: classes");
    assert_eq!(values(text, "features"), STANCE_FEATURES, "data/claims/stance.txt: features");
    StanceWeights {
        coef: [numbers(text, "coef_assert"), numbers(text, "coef_deny"), numbers(text, "coef_report")],
        bias: numbers(text, "bias"),
        question: values(text, "question") == ["true"],
    }
}

impl ClaimModel {
    /// The artifacts compiled into hearsay (`crates/core/data/claims/`). Builds a few hash maps
    /// (about 40,000 entries): construct it once and share it.
    pub fn builtin() -> ClaimModel {
        // The vocabulary is compiled in and holds [UNK] (`builtin_artifacts_load`).
        let wordpiece = WordPiece::new(VOCAB).expect("data/claims/vocab.txt holds [UNK]");
        let scales: Vec<f32> =
            STATIC_SCALE.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        assert_eq!(STATIC_I8.len(), scales.len() * DIM, "data/claims: static.i8 is rows x {DIM}");
        let mut df = HashMap::new();
        let mut n_docs = 1;
        for line in IDF.lines() {
            let Some((stem, count)) = line.split_once('\t') else { continue };
            let Ok(count) = count.parse::<u32>() else { continue };
            if stem == "#docs" {
                n_docs = count;
            } else {
                df.insert(stem, count);
            }
        }
        ClaimModel {
            wordpiece,
            scales,
            df,
            n_docs,
            pair: parse_pair(PAIR),
            stance: parse_stance(STANCE),
            news: super::news::parse_news(NEWS_PAIR, |text, name| {
                values(text, name).iter().filter_map(|v| v.parse().ok()).collect()
            }),
            lexicon: Lexicon::new(),
        }
    }

    /// `ln((N + 1) / (df + 1)) + 1`; an unlisted stem has df 0.
    pub(crate) fn idf(&self, stem: &str) -> f64 {
        let df = self.df.get(stem).copied().unwrap_or(0);
        ((self.n_docs as f64 + 1.0) / (df as f64 + 1.0)).ln() + 1.0
    }

    /// Adds row `id` of the static table to `sum` (f32, as the Python sums); ids past the table
    /// add nothing.
    pub(crate) fn add_row(&self, id: u32, sum: &mut [f32; DIM]) {
        let Some(&scale) = self.scales.get(id as usize) else { return };
        let row = &STATIC_I8[id as usize * DIM..(id as usize + 1) * DIM];
        for (s, &q) in sum.iter_mut().zip(row) {
            *s += (q as i8) as f32 * scale;
        }
    }

    /// The thresholds a merge of two clusters is held to: the news model's (join 0.2, seed 0.3)
    /// when both clusters hold only attributed statements, else the headline model's (0.3,
    /// 0.93).
    pub fn thresholds(&self, both_attributed: bool) -> Thresholds {
        if both_attributed {
            Thresholds { join: self.news.join, seed: self.news.seed, link: self.news.seed }
        } else {
            Thresholds { join: self.pair.join, seed: self.pair.seed, link: 0.0 }
        }
    }

    /// The link probability of a new statement `a` with an earlier `b` when it is an edge of the
    /// grouping graph (above the weakest link kept for such a pair); `None` otherwise. The
    /// [`super::IncrementalGrouper`] looks only at edges, so statements with none between them
    /// never affect each other's claims.
    pub fn edge(&self, a: &super::Proposition, b: &super::Proposition) -> Option<f64> {
        let p = self.link_probability(a, b)?;
        (p > self.min_edge(a.is_attributed() && b.is_attributed())).then_some(p)
    }

    /// The weakest link kept as an edge of the grouping graph.
    pub(crate) fn min_edge(&self, both_attributed: bool) -> f64 {
        if both_attributed {
            self.news.min_edge
        } else {
            MIN_EDGE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_artifacts_load() {
        let model = ClaimModel::builtin();
        assert_eq!(model.wordpiece.len(), 30522);
        assert_eq!(model.scales.len(), 30522);
        assert_eq!(model.n_docs, 840);
        assert_eq!(model.df.len(), 10726);
        assert_eq!((model.pair.join, model.pair.seed, model.pair.min_mass), (0.3, 0.93, 9.0));
        assert_eq!((model.pair.cand_k, model.pair.key_postings), (15, 50));
        assert!(model.stance.question);
        // idf of an unseen stem: ln(841) + 1.
        assert!((model.idf("zzzunseen") - (841f64.ln() + 1.0)).abs() < 1e-12);
    }
}
