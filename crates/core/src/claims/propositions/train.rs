//! Learning the pair and stance models from labelled headlines, and measuring the grouping by
//! cross-validation grouped by claim (`scripts/claims/train.py`, step for step).
//!
//! The pair model is an L2 logistic regression fitted by Newton steps on standardised features
//! over the hard candidate pairs (both sides propositions, cosine >= 0.5), labelled "same
//! claim". The stance model is a 3-class softmax regression fitted by 900 full-batch gradient
//! steps on the 13 standardised lexicon features. Cross-validation deals the sorted claim ids
//! round-robin into 5 folds; a pair whose sides lie in folds `a` and `b` is scored by a model
//! fitted on the pairs with neither side in `{a, b}` (15 fits), a statement's stance by a model
//! fitted without its fold; then all statements are grouped at once with those scores.
//!
//! Invariants: pure and deterministic (no I/O, no randomness, sums in a fixed order); the
//! figures equal `train.py`'s up to floating-point summation order (numpy's BLAS sums in
//! another order, so a probability may differ in its last bits).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::group::{average_link, candidates};
use super::model::{ClaimModel, Thresholds, PAIR_FEATURES, STANCE_FEATURES};
use super::pair::pair_features;
use super::stance::features as stance_features;
use super::statement::Proposition;
use crate::Stance;

/// Folds of the cross-validation (`train.py`'s `FOLDS`).
pub const FOLDS: usize = 5;
/// A candidate pair trains the pair model when its cosine is at least this (`--hard`).
pub const HARD_COSINE: f64 = 0.5;
/// The stance classes in model order.
const CLASSES: [Stance; 3] = [Stance::Assert, Stance::Deny, Stance::Report];

/// One labelled headline: its text, its claim and its gold stance (assert, deny or report, as
/// Emergent's for, against and observing).
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    /// The headline.
    pub text: &'a str,
    /// Its claim's id.
    pub claim: &'a str,
    /// Its gold stance.
    pub stance: Stance,
}

/// Why a model could not be fitted.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainError(pub String);

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TrainError {}

/// Column means and population standard deviations (+ 1e-6), summed row by row as numpy's
/// `X.mean(0)` and `X.std(0)` do.
fn standardisation<const D: usize>(x: &[[f64; D]]) -> ([f64; D], [f64; D]) {
    let n = x.len() as f64;
    let mut mean = [0f64; D];
    for row in x {
        for k in 0..D {
            mean[k] += row[k];
        }
    }
    mean.iter_mut().for_each(|m| *m /= n);
    let mut var = [0f64; D];
    for row in x {
        for k in 0..D {
            let d = row[k] - mean[k];
            var[k] += d * d;
        }
    }
    let std = std::array::from_fn(|k| (var[k] / n).sqrt() + 1e-6);
    (mean, std)
}

fn standardise<const D: usize>(row: &[f64; D], mean: &[f64; D], std: &[f64; D]) -> [f64; D] {
    std::array::from_fn(|k| (row[k] - mean[k]) / std[k])
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None` when `a` is singular.
/// `a` is `n x n`, row-major.
pub fn solve(mut a: Vec<f64>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    assert_eq!(a.len(), n * n, "solve: a is n x n");
    for col in 0..n {
        let pivot = (col..n).max_by(|&r, &s| a[r * n + col].abs().total_cmp(&a[s * n + col].abs()))?;
        if a[pivot * n + col] == 0.0 || !a[pivot * n + col].is_finite() {
            return None;
        }
        if pivot != col {
            for k in 0..n {
                a.swap(pivot * n + k, col * n + k);
            }
            b.swap(pivot, col);
        }
        for r in col + 1..n {
            let factor = a[r * n + col] / a[col * n + col];
            if factor == 0.0 {
                continue;
            }
            for k in col..n {
                a[r * n + k] -= factor * a[col * n + k];
            }
            b[r] -= factor * b[col];
        }
    }
    let mut x = vec![0f64; n];
    for r in (0..n).rev() {
        let tail: f64 = (r + 1..n).map(|k| a[r * n + k] * x[k]).sum();
        x[r] = (b[r] - tail) / a[r * n + r];
    }
    Some(x)
}

/// A binary logistic model on standardised features: `p = sigmoid(bias + coef . (x - mean) / std)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic<const D: usize> {
    /// Weights on standardised features.
    pub coef: [f64; D],
    /// The intercept.
    pub bias: f64,
    /// Column means of the training rows.
    pub mean: [f64; D],
    /// Column population standard deviations of the training rows, + 1e-6.
    pub std: [f64; D],
}

impl<const D: usize> Logistic<D> {
    /// The probability of the positive class.
    pub fn probability(&self, x: &[f64; D]) -> f64 {
        let z = standardise(x, &self.mean, &self.std);
        let logit = z.iter().zip(&self.coef).map(|(z, w)| z * w).sum::<f64>() + self.bias;
        1.0 / (1.0 + (-logit).exp())
    }
}

/// `train.py`'s `fit_logreg` (binary): Newton steps from zero, at most 50, stopping once a
/// step's largest component is under 1e-8; `l2` penalises the weights, not the bias.
pub fn fit_logistic<const D: usize>(x: &[[f64; D]], y: &[bool], l2: f64) -> Result<Logistic<D>, TrainError> {
    assert_eq!(x.len(), y.len(), "fit_logistic: one label per row");
    if x.is_empty() {
        return Err(TrainError("no training rows".into()));
    }
    let (mean, std) = standardisation(x);
    let rows: Vec<[f64; D]> = x.iter().map(|r| standardise(r, &mean, &std)).collect();
    let d = D + 1;
    let mut theta = vec![0f64; d];
    for _ in 0..50 {
        let mut g = vec![0f64; d];
        let mut h = vec![0f64; d * d];
        for (z, &label) in rows.iter().zip(y) {
            let logit = z.iter().zip(&theta).map(|(z, t)| z * t).sum::<f64>() + theta[D];
            let p = 1.0 / (1.0 + (-logit).exp());
            let residual = p - f64::from(u8::from(label));
            let weight = p * (1.0 - p);
            let at = |k: usize| if k < D { z[k] } else { 1.0 };
            for r in 0..d {
                let ar = at(r);
                g[r] += ar * residual;
                let wr = weight * ar;
                for c in 0..d {
                    h[r * d + c] += wr * at(c);
                }
            }
        }
        for k in 0..D {
            g[k] += l2 * theta[k];
            h[k * d + k] += l2;
        }
        let step = solve(h, g).ok_or_else(|| TrainError("singular Hessian".into()))?;
        for (t, s) in theta.iter_mut().zip(&step) {
            *t -= s;
        }
        if step.iter().fold(0f64, |m, s| m.max(s.abs())) < 1e-8 {
            break;
        }
    }
    Ok(Logistic { coef: std::array::from_fn(|k| theta[k]), bias: theta[D], mean, std })
}

/// A multinomial linear model on standardised features: the class of the largest
/// `coef[c] . (x - mean) / std + bias[c]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Softmax<const D: usize, const K: usize> {
    /// Per class, weights on standardised features.
    pub coef: [[f64; D]; K],
    /// Per class, the intercept.
    pub bias: [f64; K],
    /// Column means of the training rows.
    pub mean: [f64; D],
    /// Column population standard deviations of the training rows, + 1e-6.
    pub std: [f64; D],
}

impl<const D: usize, const K: usize> Softmax<D, K> {
    /// The arg-max class (the first on a tie, as numpy's `argmax`).
    pub fn predict(&self, x: &[f64; D]) -> usize {
        let z = standardise(x, &self.mean, &self.std);
        let mut best = (0, f64::NEG_INFINITY);
        for c in 0..K {
            let v = self.coef[c].iter().zip(&z).map(|(w, z)| w * z).sum::<f64>() + self.bias[c];
            if v > best.1 {
                best = (c, v);
            }
        }
        best.0
    }

    /// The weights on raw features (`coef / std`, `bias - (coef / std) . mean`), as `train.py`
    /// writes them.
    pub fn raw(&self) -> ([[f64; D]; K], [f64; K]) {
        let coef: [[f64; D]; K] = std::array::from_fn(|c| std::array::from_fn(|k| self.coef[c][k] / self.std[k]));
        let bias =
            std::array::from_fn(|c| self.bias[c] - coef[c].iter().zip(&self.mean).map(|(w, m)| w * m).sum::<f64>());
        (coef, bias)
    }
}

/// `train.py`'s `fit_logreg` (multinomial): `3 * iters` full-batch gradient steps from zero at
/// a learning rate of 0.5, the gradient of the mean cross-entropy plus `l2 / n` times the
/// weights (not the biases).
pub fn fit_softmax<const D: usize, const K: usize>(
    x: &[[f64; D]],
    y: &[usize],
    l2: f64,
    iters: usize,
) -> Result<Softmax<D, K>, TrainError> {
    assert_eq!(x.len(), y.len(), "fit_softmax: one label per row");
    if x.is_empty() {
        return Err(TrainError("no training rows".into()));
    }
    let (mean, std) = standardisation(x);
    let rows: Vec<[f64; D]> = x.iter().map(|r| standardise(r, &mean, &std)).collect();
    let n = rows.len() as f64;
    let lr = 0.5;
    let mut w = [[0f64; D]; K];
    let mut b = [0f64; K];
    for _ in 0..iters * 3 {
        let mut gw = [[0f64; D]; K];
        let mut gb = [0f64; K];
        for (z, &label) in rows.iter().zip(y) {
            let mut logits: [f64; K] =
                std::array::from_fn(|c| w[c].iter().zip(z).map(|(w, z)| w * z).sum::<f64>() + b[c]);
            let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            logits.iter_mut().for_each(|v| *v = (*v - top).exp());
            let total: f64 = logits.iter().sum();
            for c in 0..K {
                let g = (logits[c] / total - f64::from(u8::from(c == label))) / n;
                gb[c] += g;
                for k in 0..D {
                    gw[c][k] += g * z[k];
                }
            }
        }
        for c in 0..K {
            for k in 0..D {
                w[c][k] -= lr * (gw[c][k] + l2 / n * w[c][k]);
            }
            b[c] -= lr * gb[c];
        }
    }
    Ok(Softmax { coef: w, bias: b, mean, std })
}

/// The analysed examples: statements, candidate pairs and their features.
struct Prepared {
    statements: Vec<Proposition>,
    pairs: Vec<(u32, u32)>,
    features: Vec<[f64; 12]>,
    /// Both sides are propositions (the mass gate).
    gated: Vec<bool>,
    same: Vec<bool>,
    stance_x: Vec<[f64; 13]>,
    stance_y: Vec<usize>,
}

fn class_of(stance: Stance) -> Result<usize, TrainError> {
    CLASSES
        .iter()
        .position(|&s| s == stance)
        .ok_or_else(|| TrainError(format!("gold stance {} is not assert, deny or report", stance.as_str())))
}

fn prepare(model: &ClaimModel, examples: &[Example]) -> Result<Prepared, TrainError> {
    let statements: Vec<Proposition> = examples.iter().map(|e| model.statement(e.text, None)).collect();
    let pairs = candidates(&statements, model.pair.cand_k, model.pair.key_postings);
    let features: Vec<[f64; 12]> =
        pairs.iter().map(|&(i, j)| pair_features(&statements[i as usize], &statements[j as usize])).collect();
    let gated = pairs
        .iter()
        .map(|&(i, j)| statements[i as usize].is_proposition(model) && statements[j as usize].is_proposition(model))
        .collect();
    let same = pairs.iter().map(|&(i, j)| examples[i as usize].claim == examples[j as usize].claim).collect();
    let stance_x = examples.iter().map(|e| stance_features(e.text)).collect();
    let stance_y = examples.iter().map(|e| class_of(e.stance)).collect::<Result<_, _>>()?;
    Ok(Prepared { statements, pairs, features, gated, same, stance_x, stance_y })
}

impl Prepared {
    /// The pairs that train the pair model: gated and at least [`HARD_COSINE`] apart.
    fn hard(&self, k: usize) -> bool {
        self.gated[k] && self.features[k][0] >= HARD_COSINE
    }
}

/// The fold of each example: its claim's rank among the sorted distinct claims, modulo `folds`.
pub fn folds_of(examples: &[Example], folds: usize) -> Vec<usize> {
    let mut claims: Vec<&str> = examples.iter().map(|e| e.claim).collect();
    claims.sort_unstable();
    claims.dedup();
    let fold: HashMap<&str, usize> = claims.iter().enumerate().map(|(i, c)| (*c, i % folds)).collect();
    examples.iter().map(|e| fold[e.claim]).collect()
}

/// Pairwise precision, recall and F1 of "same claim" over all pairs of statements.
pub fn pairwise(gold: &[&str], predicted: &[u32]) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for a in 0..gold.len() {
        for b in a + 1..gold.len() {
            let (g, p) = (gold[a] == gold[b], predicted[a] == predicted[b]);
            tp += u64::from(g && p);
            fp += u64::from(p && !g);
            fn_ += u64::from(g && !p);
        }
    }
    let ratio = |x: u64, y: u64| if y > 0 { x as f64 / y as f64 } else { 0.0 };
    let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

/// Contested claims (a gold assert and a gold deny) found, and their number: found when one
/// predicted claim holds a gold-assert statement predicted assert and a gold-deny statement
/// predicted deny.
pub fn contested(examples: &[Example], predicted: &[u32], stances: &[Stance]) -> (usize, usize) {
    let mut by_claim: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in examples.iter().enumerate() {
        by_claim.entry(e.claim).or_default().push(i);
    }
    let (mut found, mut total) = (0, 0);
    for members in by_claim.values() {
        let pro: Vec<usize> = members.iter().copied().filter(|&i| examples[i].stance == Stance::Assert).collect();
        let con: Vec<usize> = members.iter().copied().filter(|&i| examples[i].stance == Stance::Deny).collect();
        if pro.is_empty() || con.is_empty() {
            continue;
        }
        total += 1;
        let asserted: Vec<u32> = pro.iter().filter(|&&i| stances[i] == Stance::Assert).map(|&i| predicted[i]).collect();
        found += usize::from(con.iter().any(|&i| stances[i] == Stance::Deny && asserted.contains(&predicted[i])));
    }
    (found, total)
}

/// The grouping measured at one pair of thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct CvGrouping {
    /// The join and seed thresholds of the grouping.
    pub thresholds: Thresholds,
    /// Pairwise precision of "same claim".
    pub precision: f64,
    /// Pairwise recall of "same claim".
    pub recall: f64,
    /// Pairwise F1 of "same claim".
    pub f1: f64,
    /// Contested claims found.
    pub contested_found: usize,
    /// Contested claims in the gold.
    pub contested: usize,
}

/// What [`cross_validate`] measures (`train.py`'s printed figures).
#[derive(Debug, Clone, PartialEq)]
pub struct CrossValidation {
    /// Statements (rows).
    pub statements: usize,
    /// Candidate pairs.
    pub candidate_pairs: usize,
    /// Candidate pairs of the same claim.
    pub candidate_same: usize,
    /// Pairs of statements of the same claim.
    pub same_pairs: usize,
    /// Candidate pairs that train the pair model.
    pub training_pairs: usize,
    /// Of those, the pairs of the same claim.
    pub training_same: usize,
    /// Out-of-fold stance accuracy.
    pub stance_accuracy: f64,
    /// Stance confusion counts: rows gold, columns predicted, in the order assert, deny, report.
    pub confusion: [[usize; 3]; 3],
    /// Statements predicted report whose text ends in "?" (a question to the built-in model).
    pub questions: usize,
    /// Stance accuracy when those count as wrong.
    pub accuracy_with_questions: f64,
    /// The grouping at each join threshold asked for.
    pub groupings: Vec<CvGrouping>,
}

/// Cross-validates the pair and stance models on `examples` by [`FOLDS`] folds grouped by claim
/// and groups all examples at once with the out-of-fold scores, at each of `joins` with `seed`
/// (the figures of `scripts/claims/train.py`).
pub fn cross_validate(
    model: &ClaimModel,
    examples: &[Example],
    joins: &[f64],
    seed: f64,
) -> Result<CrossValidation, TrainError> {
    let data = prepare(model, examples)?;
    let folds = folds_of(examples, FOLDS);
    let fold_of_pair: Vec<(usize, usize)> =
        data.pairs.iter().map(|&(i, j)| (folds[i as usize], folds[j as usize])).collect();

    let mut probability = vec![0f64; data.pairs.len()];
    for a in 0..FOLDS {
        for b in a..FOLDS {
            let outside = |&(fi, fj): &(usize, usize)| fi != a && fi != b && fj != a && fj != b;
            let train: Vec<usize> =
                (0..data.pairs.len()).filter(|&k| outside(&fold_of_pair[k]) && data.hard(k)).collect();
            let x: Vec<[f64; 12]> = train.iter().map(|&k| data.features[k]).collect();
            let y: Vec<bool> = train.iter().map(|&k| data.same[k]).collect();
            let fit = fit_logistic(&x, &y, 1.0)?;
            for (k, &(fi, fj)) in fold_of_pair.iter().enumerate() {
                if (fi, fj) == (a, b) || (fi, fj) == (b, a) {
                    probability[k] = fit.probability(&data.features[k]);
                }
            }
        }
    }

    let mut predicted = vec![0usize; examples.len()];
    for k in 0..FOLDS {
        let train: Vec<usize> = (0..examples.len()).filter(|&i| folds[i] != k).collect();
        let x: Vec<[f64; 13]> = train.iter().map(|&i| data.stance_x[i]).collect();
        let y: Vec<usize> = train.iter().map(|&i| data.stance_y[i]).collect();
        let fit: Softmax<13, 3> = fit_softmax(&x, &y, 1.0, 300)?;
        for i in (0..examples.len()).filter(|&i| folds[i] == k) {
            predicted[i] = fit.predict(&data.stance_x[i]);
        }
    }
    let stances: Vec<Stance> = predicted.iter().map(|&c| CLASSES[c]).collect();
    let n = examples.len() as f64;
    let right = |i: usize| predicted[i] == data.stance_y[i];
    let stance_accuracy = (0..examples.len()).filter(|&i| right(i)).count() as f64 / n;
    let question = |i: usize| examples[i].text.trim().ends_with('?') && predicted[i] == 2;
    let questions = (0..examples.len()).filter(|&i| question(i)).count();
    let accuracy_with_questions = (0..examples.len()).filter(|&i| right(i) && !question(i)).count() as f64 / n;
    let mut confusion = [[0usize; 3]; 3];
    for (i, &p) in predicted.iter().enumerate() {
        confusion[data.stance_y[i]][p] += 1;
    }

    let edges: Vec<(u32, u32, f64)> = data
        .pairs
        .iter()
        .zip(&probability)
        .zip(&data.gated)
        .filter(|(_, &gated)| gated)
        .map(|((&(i, j), &p), _)| (i, j, p))
        .collect();
    let starts: Vec<bool> = data.statements.iter().map(Proposition::starts).collect();
    let attributed = vec![false; examples.len()];
    let gold: Vec<&str> = examples.iter().map(|e| e.claim).collect();
    let groupings = joins
        .iter()
        .map(|&join| {
            let thresholds = Thresholds { join, seed, link: 0.0 };
            let roots = average_link(examples.len(), &edges, &starts, &attributed, |_| thresholds);
            let (precision, recall, f1) = pairwise(&gold, &roots);
            let (contested_found, contested) = contested(examples, &roots, &stances);
            CvGrouping { thresholds, precision, recall, f1, contested_found, contested }
        })
        .collect();

    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for e in examples {
        *sizes.entry(e.claim).or_default() += 1;
    }
    Ok(CrossValidation {
        statements: examples.len(),
        candidate_pairs: data.pairs.len(),
        candidate_same: data.same.iter().filter(|&&s| s).count(),
        same_pairs: sizes.values().map(|n| n * (n - 1) / 2).sum(),
        training_pairs: (0..data.pairs.len()).filter(|&k| data.hard(k)).count(),
        training_same: (0..data.pairs.len()).filter(|&k| data.hard(k) && data.same[k]).count(),
        stance_accuracy,
        confusion,
        questions,
        accuracy_with_questions,
        groupings,
    })
}

/// The pair and stance models fitted on all examples.
#[derive(Debug, Clone, PartialEq)]
pub struct Trained {
    /// The pair model over [`PAIR_FEATURES`].
    pub pair: Logistic<12>,
    /// The stance model over [`STANCE_FEATURES`], classes assert, deny, report.
    pub stance: Softmax<13, 3>,
}

/// Fits both models on all of `examples`, as `train.py` does after its cross-validation.
pub fn train(model: &ClaimModel, examples: &[Example]) -> Result<Trained, TrainError> {
    let data = prepare(model, examples)?;
    let hard: Vec<usize> = (0..data.pairs.len()).filter(|&k| data.hard(k)).collect();
    let x: Vec<[f64; 12]> = hard.iter().map(|&k| data.features[k]).collect();
    let y: Vec<bool> = hard.iter().map(|&k| data.same[k]).collect();
    let pair = fit_logistic(&x, &y, 1.0)?;
    let stance = fit_softmax(&data.stance_x, &data.stance_y, 1.0, 300)?;
    Ok(Trained { pair, stance })
}

/// `x` as Python's `repr` of a float writes it: the shortest digits that read back, with
/// `.0` on a whole number and an exponent (`1e-05`) below 1e-4 or from 1e16.
pub fn python_float(x: f64) -> String {
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let abs = x.abs();
    if (1e-4..1e16).contains(&abs) {
        let s = format!("{x}");
        return if s.contains('.') { s } else { s + ".0" };
    }
    let s = format!("{x:e}");
    let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
    let (sign, digits) = exponent.strip_prefix('-').map_or(("+", exponent), |d| ("-", d));
    format!("{mantissa}e{sign}{digits:0>2}")
}

/// numpy's `round(x, 5)`: `rint(x * 1e5) / 1e5`.
fn numpy_round5(x: f64) -> f64 {
    (x * 1e5).round_ties_even() / 1e5
}

/// Python's `round(x, 5)`: correctly rounded to 5 decimals.
fn python_round5(x: f64) -> f64 {
    format!("{x:.5}").parse().unwrap_or(x)
}

fn line(out: &mut String, name: &str, values: impl IntoIterator<Item = String>) {
    out.push_str(name);
    for v in values {
        out.push(' ');
        out.push_str(&v);
    }
    out.push('\n');
}

impl Trained {
    /// `data/claims/pair.txt` as `train.py` and `export_weights.py` write it, with the grouping
    /// settings of `model` (threshold, seed, minimum mass, key-term idf, candidates).
    pub fn pair_txt(&self, model: &ClaimModel) -> String {
        let settings = &model.pair;
        let rounded = |v: &[f64; 12]| v.iter().map(|&x| python_float(numpy_round5(x))).collect::<Vec<_>>();
        let mut out =
            String::from("# pair model of scripts/claims/train.py: p = sigmoid(bias + sum coef * (x - mean) / std)\n");
        line(&mut out, "features", PAIR_FEATURES.iter().map(|s| s.to_string()));
        line(&mut out, "coef", rounded(&self.pair.coef));
        line(&mut out, "bias", [python_float(python_round5(self.pair.bias))]);
        line(&mut out, "mean", rounded(&self.pair.mean));
        line(&mut out, "std", rounded(&self.pair.std));
        line(&mut out, "threshold", [python_float(settings.join)]);
        line(&mut out, "seed", [python_float(settings.seed)]);
        line(&mut out, "min_mass", [python_float(settings.min_mass)]);
        line(&mut out, "rare_idf", [python_float(settings.rare_idf)]);
        line(&mut out, "cand_k", [settings.cand_k.to_string()]);
        line(&mut out, "key_postings", [settings.key_postings.to_string()]);
        out
    }

    /// `data/claims/stance.txt` as `train.py` and `export_weights.py` write it: weights on raw
    /// features, the question rule on.
    pub fn stance_txt(&self) -> String {
        let (coef, bias) = self.stance.raw();
        let rounded = |v: &[f64]| v.iter().map(|&x| python_float(numpy_round5(x))).collect::<Vec<_>>();
        let mut out = String::from(
            "# stance model of scripts/claims/train.py: z = coef . x + bias on raw features, arg-max over classes\n",
        );
        line(&mut out, "classes", CLASSES.iter().map(|s| s.as_str().to_string()));
        line(&mut out, "features", STANCE_FEATURES.iter().map(|s| s.to_string()));
        for (class, row) in CLASSES.iter().zip(&coef) {
            let _ = write!(out, "coef_{}", class.as_str());
            for v in rounded(row) {
                out.push(' ');
                out.push_str(&v);
            }
            out.push('\n');
        }
        line(&mut out, "bias", rounded(&bias));
        line(&mut out, "question", ["true".to_string()]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_pivots() {
        // The first pivot is zero without row exchange.
        let x = solve(vec![0.0, 2.0, 1.0, 1.0, 1.0, 0.0, 2.0, 0.0, 3.0], vec![5.0, 3.0, 5.0]).expect("regular");
        for (got, want) in x.iter().zip([1.0, 2.0, 1.0]) {
            assert!((got - want).abs() < 1e-12, "{x:?}");
        }
        assert_eq!(solve(vec![1.0, 2.0, 2.0, 4.0], vec![1.0, 2.0]), None);
    }

    #[test]
    fn logistic_regression_separates_and_is_penalised() {
        let x: Vec<[f64; 1]> = (0..40).map(|i| [i as f64]).collect();
        let y: Vec<bool> = (0..40).map(|i| i >= 20 || i % 7 == 0).collect();
        let fit = fit_logistic(&x, &y, 1.0).expect("fits");
        assert!(fit.coef[0] > 0.5 && fit.coef[0].is_finite(), "{fit:?}");
        assert!(fit.probability(&[35.0]) > 0.9 && fit.probability(&[3.0]) < 0.5);
        // At the optimum the gradient vanishes: sum(p - y) = 0 over the bias.
        let residual: f64 = x.iter().zip(&y).map(|(r, &l)| fit.probability(r) - f64::from(u8::from(l))).sum();
        assert!(residual.abs() < 1e-9, "{residual}");
    }

    #[test]
    fn softmax_learns_three_classes() {
        let x: Vec<[f64; 2]> = (0..30).map(|i| [(i % 3) as f64, (i / 3) as f64 * 0.01]).collect();
        let y: Vec<usize> = (0..30).map(|i| i % 3).collect();
        let fit: Softmax<2, 3> = fit_softmax(&x, &y, 1.0, 300).expect("fits");
        assert!(x.iter().zip(&y).all(|(r, &c)| fit.predict(r) == c));
        let (coef, bias) = fit.raw();
        for r in &x {
            let z: Vec<f64> = (0..3).map(|c| coef[c][0] * r[0] + coef[c][1] * r[1] + bias[c]).collect();
            let best = (0..3).max_by(|&a, &b| z[a].total_cmp(&z[b])).expect("three");
            assert_eq!(best, fit.predict(r));
        }
    }

    #[test]
    fn floats_print_as_python_does() {
        for (x, s) in [
            (0.3, "0.3"),
            (9.0, "9.0"),
            (-0.34299, "-0.34299"),
            (1e-05, "1e-05"),
            (-4e-05, "-4e-05"),
            (0.0001, "0.0001"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1e16, "1e+16"),
            (123.0, "123.0"),
        ] {
            assert_eq!(python_float(x), s);
        }
        assert_eq!(numpy_round5(0.123456), 0.12346);
        assert_eq!(python_round5(-0.342994), -0.34299);
    }

    #[test]
    fn folds_deal_sorted_claims_round_robin() {
        let e = |claim| Example { text: "x", claim, stance: Stance::Assert };
        let examples = [e("c"), e("a"), e("b"), e("a"), e("f"), e("e"), e("d")];
        assert_eq!(folds_of(&examples, 5), [2, 0, 1, 0, 0, 4, 3]);
    }
}
