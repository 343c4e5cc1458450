//! Training: multinomial logistic regression with L2, fitted by full-batch
//! Adam for a fixed number of steps. Full batch (rather than shuffled SGD)
//! keeps training deterministic without a random-number generator, and at
//! Emergent's size (about 2,000 pairs) it takes well under a second.

use std::collections::HashMap;

use super::features::{extract, Feature};
use super::{HeadlineStance, StanceExample, StanceModel, N_CLASSES};

/// How to train a [`StanceModel`].
#[derive(Debug, Clone, PartialEq)]
pub struct StanceConfig {
    /// Full-batch optimisation steps.
    pub iterations: usize,
    /// Adam step size.
    pub learning_rate: f32,
    /// L2 penalty per weight, relative to the mean loss per example.
    pub l2: f32,
    /// Features seen in fewer training pairs than this are dropped.
    pub min_count: usize,
    /// Loss weight of the classes, in [`HeadlineStance::ALL`] order; raising
    /// the rare "against" helps macro-F1.
    pub class_weights: [f32; N_CLASSES],
}

impl StanceConfig {
    /// The settings the built-in model was trained with; chosen by grouped
    /// cross-validation on Emergent train (see `hearsay stance --cv`).
    pub fn recommended() -> StanceConfig {
        StanceConfig { iterations: 300, learning_rate: 0.05, l2: 0.005, min_count: 2, class_weights: [1.0, 1.6, 1.0] }
    }
}

/// A pair reduced to feature indices and values.
struct Encoded {
    features: Vec<(usize, f32)>,
    label: usize,
}

/// Fits a model to `examples`.
pub fn train(examples: &[StanceExample], config: &StanceConfig) -> StanceModel {
    let extracted: Vec<Vec<Feature>> = examples.iter().map(|e| extract(&e.claim, &e.text)).collect();

    // Count in how many pairs each feature occurs, then index those frequent
    // enough, in sorted order so that indices do not depend on hashing.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for features in &extracted {
        let mut seen: Vec<&str> = features.iter().map(|(name, _)| name.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for name in seen {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    let mut names: Vec<&str> =
        counts.iter().filter(|(_, &count)| count >= config.min_count).map(|(&name, _)| name).collect();
    names.sort_unstable();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, &n)| (n, i)).collect();

    let encoded: Vec<Encoded> = extracted
        .iter()
        .zip(examples)
        .map(|(features, example)| Encoded {
            features: features
                .iter()
                .filter_map(|(name, value)| index.get(name.as_str()).map(|&i| (i, *value)))
                .collect(),
            label: example.stance.index(),
        })
        .collect();

    let weights = fit(&encoded, names.len(), config);
    let table = names
        .iter()
        .zip(weights)
        .filter(|(_, w)| w.iter().any(|x| x.abs() >= 1e-4))
        .map(|(name, w)| (name.to_string(), w))
        .collect();
    StanceModel { weights: table }
}

/// Out-of-fold predictions: pairs are split into `folds` folds by their
/// group (the claim id), so that no claim is in both training and test; each
/// fold is predicted by a model trained on the others. `groups[i]` is the
/// group of `examples[i]`. Groups go to folds round-robin in sorted order.
pub fn cross_validate(
    examples: &[StanceExample],
    groups: &[&str],
    folds: usize,
    config: &StanceConfig,
) -> Vec<HeadlineStance> {
    let folds = folds.max(2);
    let mut distinct: Vec<&str> = groups.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let fold_of_group: HashMap<&str, usize> = distinct.iter().enumerate().map(|(i, &g)| (g, i % folds)).collect();
    let fold_of = |i: usize| -> usize { groups.get(i).and_then(|g| fold_of_group.get(g)).copied().unwrap_or(0) };

    let mut predictions = vec![HeadlineStance::For; examples.len()];
    for fold in 0..folds {
        let training: Vec<StanceExample> =
            examples.iter().enumerate().filter(|&(i, _)| fold_of(i) != fold).map(|(_, e)| e.clone()).collect();
        if training.is_empty() {
            continue;
        }
        let model = train(&training, config);
        for (i, example) in examples.iter().enumerate() {
            if fold_of(i) == fold {
                predictions[i] = model.classify(&example.claim, &example.text);
            }
        }
    }
    predictions
}

/// Full-batch Adam on the weighted, L2-penalised mean cross-entropy.
fn fit(encoded: &[Encoded], n_features: usize, config: &StanceConfig) -> Vec<[f32; N_CLASSES]> {
    let mut weights = vec![[0.0f32; N_CLASSES]; n_features];
    let mut m = vec![[0.0f32; N_CLASSES]; n_features];
    let mut v = vec![[0.0f32; N_CLASSES]; n_features];
    let mut gradient = vec![[0.0f32; N_CLASSES]; n_features];
    let total_weight: f32 = encoded.iter().map(|e| config.class_weights[e.label]).sum::<f32>().max(1e-6);
    let (beta1, beta2, epsilon) = (0.9f32, 0.999f32, 1e-8f32);

    for step in 1..=config.iterations {
        for g in gradient.iter_mut() {
            *g = [0.0; N_CLASSES];
        }
        for example in encoded {
            let mut scores = [0.0f32; N_CLASSES];
            for &(i, value) in &example.features {
                for (c, score) in scores.iter_mut().enumerate() {
                    *score += weights[i][c] * value;
                }
            }
            let probabilities = softmax(scores);
            let scale = config.class_weights[example.label] / total_weight;
            for &(i, value) in &example.features {
                for c in 0..N_CLASSES {
                    let target = if c == example.label { 1.0 } else { 0.0 };
                    gradient[i][c] += scale * (probabilities[c] - target) * value;
                }
            }
        }
        let correction1 = 1.0 - beta1.powi(step as i32);
        let correction2 = 1.0 - beta2.powi(step as i32);
        for i in 0..n_features {
            for c in 0..N_CLASSES {
                let g = gradient[i][c] + config.l2 * weights[i][c];
                m[i][c] = beta1 * m[i][c] + (1.0 - beta1) * g;
                v[i][c] = beta2 * v[i][c] + (1.0 - beta2) * g * g;
                let m_hat = m[i][c] / correction1;
                let v_hat = v[i][c] / correction2;
                weights[i][c] -= config.learning_rate * m_hat / (v_hat.sqrt() + epsilon);
            }
        }
    }
    weights
}

/// Probabilities from scores, computed stably.
pub(crate) fn softmax(scores: [f32; N_CLASSES]) -> [f32; N_CLASSES] {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut exps = scores.map(|s| (s - max).exp());
    let sum: f32 = exps.iter().sum();
    for e in exps.iter_mut() {
        *e /= sum;
    }
    exps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(claim: &str, text: &str, stance: HeadlineStance) -> StanceExample {
        StanceExample { claim: claim.to_string(), text: text.to_string(), stance }
    }

    #[test]
    fn training_separates_toy_classes() {
        let mut examples = Vec::new();
        for i in 0..6 {
            let claim = format!("Celebrity {i} was arrested");
            examples.push(example(&claim, &format!("Celebrity {i} arrested"), HeadlineStance::For));
            examples.push(example(&claim, &format!("Celebrity {i} arrest a hoax"), HeadlineStance::Against));
            examples.push(example(&claim, &format!("Celebrity {i} reportedly arrested"), HeadlineStance::Observing));
        }
        let model = train(&examples, &StanceConfig::recommended());
        assert_eq!(model.classify("Singer was arrested", "Singer arrest story a hoax"), HeadlineStance::Against);
        assert_eq!(model.classify("Singer was arrested", "Singer reportedly arrested"), HeadlineStance::Observing);
    }

    #[test]
    fn cross_validation_predicts_every_pair() {
        let examples = vec![
            example("a", "a hoax", HeadlineStance::Against),
            example("b", "b true", HeadlineStance::For),
            example("c", "c reportedly", HeadlineStance::Observing),
        ];
        let predictions = cross_validate(&examples, &["1", "2", "3"], 3, &StanceConfig::recommended());
        assert_eq!(predictions.len(), 3);
    }

    #[test]
    fn softmax_sums_to_one() {
        let p = softmax([1000.0, 0.0, -1000.0]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!(p[0] > 0.99);
    }

    /// Rows of a CSV with quoted fields (commas, quotes and newlines inside).
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, '\r') => {}
                (false, c) => field.push(c),
            }
        }
        if !field.is_empty() || !row.is_empty() {
            row.push(field);
            rows.push(row);
        }
        rows
    }

    /// Emergent train (shared/eval/emergent/train.csv): pairs and claim ids.
    fn emergent() -> (Vec<StanceExample>, Vec<String>) {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/emergent/train.csv");
        let text = std::fs::read_to_string(path).expect("shared/eval/emergent/train.csv");
        let rows = parse_csv(&text);
        assert_eq!(rows[0], ["id", "claim", "text", "stance", "claim_id"]);
        let mut examples = Vec::new();
        let mut groups = Vec::new();
        for row in &rows[1..] {
            let stance = HeadlineStance::parse(&row[3]).expect("stance");
            examples.push(example(&row[1], &row[2], stance));
            groups.push(row[4].clone());
        }
        (examples, groups)
    }

    #[test]
    fn emergent_cross_validation_meets_the_bar() {
        // Issue 4's bar: by claim-grouped cross-validation, accuracy >= 75
        // and macro-F1 >= 70 (measured 77.2 and 77.0 with 5 folds).
        let (examples, groups) = emergent();
        assert_eq!(examples.len(), 2071);
        let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
        let predicted = cross_validate(&examples, &groups, 5, &StanceConfig::recommended());
        let right = examples.iter().zip(&predicted).filter(|(e, p)| e.stance == **p).count();
        let accuracy = right as f64 / examples.len() as f64;
        let mut macro_f1 = 0.0;
        for class in HeadlineStance::ALL {
            let tp = examples.iter().zip(&predicted).filter(|(e, p)| **p == class && e.stance == class).count() as f64;
            let n_predicted = predicted.iter().filter(|p| **p == class).count() as f64;
            let n_gold = examples.iter().filter(|e| e.stance == class).count() as f64;
            let (precision, recall) = (tp / n_predicted.max(1.0), tp / n_gold.max(1.0));
            macro_f1 += 2.0 * precision * recall / (precision + recall).max(1e-9) / 3.0;
        }
        assert!(accuracy >= 0.75, "accuracy {accuracy:.3}");
        assert!(macro_f1 >= 0.70, "macro-F1 {macro_f1:.3}");
    }

    #[test]
    fn builtin_model_is_what_training_gives() {
        // `hearsay stance --train` must rebuild data/stance.model byte for byte.
        let (examples, _) = emergent();
        let model = train(&examples, &StanceConfig::recommended());
        let committed = include_bytes!("../../data/stance.model");
        assert!(model.to_bytes() == committed.as_slice(), "data/stance.model is stale: rerun hearsay stance --train");
    }
}
