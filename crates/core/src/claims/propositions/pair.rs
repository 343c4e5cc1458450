//! The pair decision (`claims.py`'s `pair_features` and `pair_prob`): are two statements the
//! same claim? 12 features, a logistic model, and the mass gate.

use super::model::ClaimModel;
use super::statement::Proposition;

/// How many items two sorted, duplicate-free lists share.
fn n_shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The summed idf of the stems two statements share.
fn shared_mass(a: &Proposition, b: &Proposition) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.words.len() && j < b.words.len() {
        match a.words[i].0.cmp(&b.words[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a.words[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

fn flag(b: bool) -> f64 {
    f64::from(u8::from(b))
}

/// The 12 features of a pair, in [`super::model::PAIR_FEATURES`] order.
pub fn pair_features(a: &Proposition, b: &Proposition) -> [f64; 12] {
    let shared = shared_mass(a, b);
    let (ta, tb) = (a.mass, b.mass);
    let union = ta + tb - shared;
    let cos = a.cosine(b);
    let smaller = ta.min(tb);
    let wcover = if smaller > 0.0 { shared / smaller } else { 0.0 };
    let key_shared = n_shared(&a.keys, &b.keys);
    let ent_shared = n_shared(&a.entities, &b.entities);
    let num_shared = n_shared(&a.numbers, &b.numbers);
    let verb_shared = n_shared(&a.verbs, &b.verbs);
    [
        cos,
        if union > 0.0 { shared / union } else { 0.0 },
        wcover,
        key_shared.min(3) as f64 / 3.0,
        flag(!a.keys.is_empty() && !b.keys.is_empty() && key_shared == 0),
        ent_shared.min(3) as f64 / 3.0,
        flag(!a.entities.is_empty() && !b.entities.is_empty() && ent_shared == 0),
        flag(!a.numbers.is_empty() && !b.numbers.is_empty() && num_shared == 0),
        cos * wcover,
        flag(verb_shared > 0),
        flag(!a.verbs.is_empty() && !b.verbs.is_empty() && verb_shared == 0),
        smaller.min(40.0) / 40.0,
    ]
}

impl ClaimModel {
    /// The probability that two statements state the same claim, or `None` when the gate leaves
    /// the pair out (either content's idf mass is under the minimum: not a proposition).
    pub fn link_probability(&self, a: &Proposition, b: &Proposition) -> Option<f64> {
        if !(a.is_proposition(self) && b.is_proposition(self)) {
            return None;
        }
        let x = pair_features(a, b);
        let z = self.pair.bias + self.pair.weights.iter().zip(&x).map(|(w, x)| w * x).sum::<f64>();
        Some(1.0 / (1.0 + (-z).exp()))
    }
}
