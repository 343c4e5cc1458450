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
    /// the pair out (either content's idf mass is under the minimum: not a proposition). Two
    /// attributed statements are scored by the news model, which reads this headline
    /// probability too.
    pub fn link_probability(&self, a: &Proposition, b: &Proposition) -> Option<f64> {
        if !(a.is_proposition(self) && b.is_proposition(self)) {
            return None;
        }
        let x = pair_features(a, b);
        let z = self.pair.bias + self.pair.weights.iter().zip(&x).map(|(w, x)| w * x).sum::<f64>();
        let p1 = 1.0 / (1.0 + (-z).exp());
        Some(self.news_probability(a, b, p1).unwrap_or(p1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_match_the_python() {
        // Expected from scripts/claims/claims.py: pair_prob and pair_features.
        let model = ClaimModel::builtin();
        let cases = [
            (
                "Apple will release a smartwatch with a sapphire screen in September",
                "Apple to release sapphire-screen smartwatch in September",
                0.9720122832471241,
                0.997174,
            ),
            (
                "North Korea says it has tested a hydrogen bomb underground",
                "North Korean state media claims a successful hydrogen bomb test",
                0.9160582259161776,
                0.745347,
            ),
            (
                "Trump will not release his tax returns before the election, his campaign manager confirmed",
                "The senator released ten years of tax returns on Friday",
                0.7375588657166137,
                0.700967,
            ),
        ];
        for (a, b, expected, cosine) in cases {
            let (a, b) = (model.statement(a, None), model.statement(b, None));
            let p = model.link_probability(&a, &b).expect("both are propositions");
            assert!((p - expected).abs() < 1e-5, "{p} vs {expected}");
            assert!((pair_features(&a, &b)[0] - cosine).abs() < 1e-5);
        }
        let third = model.statement("Trump will not release his tax returns", None);
        let fourth = model.statement("The senator released ten years of tax returns on Friday", None);
        let features = pair_features(&third, &fourth);
        // As in the Python: the entities "trump" and "friday" clash, and the verbs do not meet
        // ("release" stays whole, "released" stems to "releas").
        assert_eq!((features[6], features[9], features[10]), (1.0, 0.0, 1.0));
    }

    #[test]
    fn light_contents_are_gated_out() {
        let model = ClaimModel::builtin();
        let (a, b) = (model.statement("I would, Donald", None), model.statement("I would, Donald", None));
        assert!(a.mass() < 9.0);
        assert_eq!(model.link_probability(&a, &b), None);
    }
}
