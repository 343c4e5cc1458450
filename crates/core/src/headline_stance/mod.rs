//! Headline stance (not a stage of the analysis; `hearsay stance` uses it):
//! does a text (a headline, a sentence) assert a claim
//! ("for"), deny it ("against"), or report it without taking a side
//! ("observing")? The task and labels are those of the Emergent data set.
//!
//! [`StanceModel`] is a multinomial logistic regression over the features of
//! Ferreira & Vlachos (NAACL 2016), see `features.rs`; [`train`] fits one and
//! [`cross_validate`] measures one without ever testing on a claim it
//! trained on. The weights built into this crate ([`StanceModel::builtin`])
//! are `data/stance.model`, rebuilt by `hearsay stance --train`.
//!
//! ```
//! use hearsay_core::headline_stance::{HeadlineStance, StanceModel};
//! let model = StanceModel::builtin();
//! let stance = model.classify("Banksy was arrested", "Banksy arrest story is a hoax");
//! assert_eq!(stance, HeadlineStance::Against);
//! ```

mod features;
mod train;

use std::collections::HashMap;
use std::fmt;

pub use train::{cross_validate, train, StanceConfig};

/// The number of stance classes.
pub const N_CLASSES: usize = 3;

/// The weights built into the binary, as written by [`StanceModel::to_bytes`].
const BUILTIN_MODEL: &str = include_str!("../../data/stance.model");

/// The first line of a serialised model; the number is the format version.
const HEADER: &str = "hearsay-stance 1";

/// What a text does with a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadlineStance {
    /// Asserts it.
    For,
    /// Denies or debunks it.
    Against,
    /// Reports it without taking a side ("X says ...", "reportedly").
    Observing,
}

impl HeadlineStance {
    /// Every class, in the order of the model's weight columns.
    pub const ALL: [HeadlineStance; N_CLASSES] =
        [HeadlineStance::For, HeadlineStance::Against, HeadlineStance::Observing];

    /// The lowercase name used on the wire and in Emergent.
    pub fn as_str(self) -> &'static str {
        match self {
            HeadlineStance::For => "for",
            HeadlineStance::Against => "against",
            HeadlineStance::Observing => "observing",
        }
    }

    /// The class named `name` ("for", "against", "observing"; case and
    /// surrounding space ignored).
    pub fn parse(name: &str) -> Option<HeadlineStance> {
        match name.trim().to_ascii_lowercase().as_str() {
            "for" => Some(HeadlineStance::For),
            "against" => Some(HeadlineStance::Against),
            "observing" => Some(HeadlineStance::Observing),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            HeadlineStance::For => 0,
            HeadlineStance::Against => 1,
            HeadlineStance::Observing => 2,
        }
    }
}

/// One labelled claim–text pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanceExample {
    /// The claim.
    pub claim: String,
    /// The headline or sentence that takes a stance towards it.
    pub text: String,
    /// Its stance.
    pub stance: HeadlineStance,
}

/// A trained stance classifier: a weight per feature and class.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceModel {
    // Invariant: every name is free of tabs and newlines (features are made
    // of words, which never hold whitespace), so `to_bytes` can write it.
    weights: HashMap<String, [f32; N_CLASSES]>,
}

/// Why bytes are not a serialised [`StanceModel`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanceModelError {
    /// The 1-based line at fault.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for StanceModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stance model line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for StanceModelError {}

impl StanceModel {
    /// The model built into this crate (`data/stance.model`).
    pub fn builtin() -> StanceModel {
        // The committed file is checked by the test `builtin_model_loads`;
        // an empty model (every pair "for", the commonest class) is the
        // fallback rather than a panic.
        StanceModel::from_bytes(BUILTIN_MODEL.as_bytes()).unwrap_or_else(|_| StanceModel { weights: HashMap::new() })
    }

    /// The number of features with weights.
    pub fn n_features(&self) -> usize {
        self.weights.len()
    }

    /// The probability of each class, in [`HeadlineStance::ALL`] order.
    pub fn probabilities(&self, claim: &str, text: &str) -> [f32; N_CLASSES] {
        let mut scores = [0.0f32; N_CLASSES];
        for (name, value) in features::extract(claim, text) {
            if let Some(w) = self.weights.get(&name) {
                for (score, weight) in scores.iter_mut().zip(w) {
                    *score += weight * value;
                }
            }
        }
        train::softmax(scores)
    }

    /// The most probable stance of `text` towards `claim`.
    pub fn classify(&self, claim: &str, text: &str) -> HeadlineStance {
        let probabilities = self.probabilities(claim, text);
        let mut best = 0;
        for (c, p) in probabilities.iter().enumerate() {
            if *p > probabilities[best] {
                best = c;
            }
        }
        HeadlineStance::ALL[best]
    }

    /// The model as UTF-8 text: a header line, then one line per feature,
    /// `name<TAB>for<TAB>against<TAB>observing`, sorted by name so that the
    /// same model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut names: Vec<&String> = self.weights.keys().collect();
        names.sort();
        let mut out = String::with_capacity(32 * names.len() + HEADER.len() + 1);
        out.push_str(HEADER);
        out.push('\n');
        for name in names {
            let w = &self.weights[name];
            out.push_str(name);
            for x in w {
                out.push('\t');
                // Five decimals keep the model small; rounding at 1e-5 does
                // not change a prediction on Emergent.
                let rounded = format!("{x:.5}");
                let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
                out.push_str(if trimmed == "-" || trimmed == "-0" { "0" } else { trimmed });
            }
            out.push('\n');
        }
        out.into_bytes()
    }

    /// Reads what [`StanceModel::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<StanceModel, StanceModelError> {
        let text =
            std::str::from_utf8(bytes).map_err(|e| StanceModelError { line: 1, message: format!("not UTF-8: {e}") })?;
        let mut lines = text.lines();
        match lines.next() {
            Some(line) if line.trim_end() == HEADER => {}
            other => {
                return Err(StanceModelError {
                    line: 1,
                    message: format!("expected {HEADER:?}, found {:?}", other.unwrap_or("")),
                })
            }
        }
        let mut weights = HashMap::new();
        for (i, line) in lines.enumerate() {
            let line_number = i + 2;
            if line.is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let name = fields.next().unwrap_or("");
            let mut w = [0.0f32; N_CLASSES];
            for slot in w.iter_mut() {
                let field = fields.next().ok_or_else(|| StanceModelError {
                    line: line_number,
                    message: format!("expected {} weights after the feature name", N_CLASSES),
                })?;
                *slot = field
                    .parse()
                    .map_err(|_| StanceModelError { line: line_number, message: format!("bad weight {field:?}") })?;
            }
            if fields.next().is_some() {
                return Err(StanceModelError { line: line_number, message: "too many fields".to_string() });
            }
            weights.insert(name.to_string(), w);
        }
        Ok(StanceModel { weights })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_loads() {
        let model = StanceModel::from_bytes(BUILTIN_MODEL.as_bytes()).expect("builtin parses");
        assert!(model.n_features() > 1000, "builtin model has {} features", model.n_features());
    }

    #[test]
    fn builtin_model_reads_cue_words() {
        let model = StanceModel::builtin();
        let claim = "ISIS leader Abu Bakr al-Baghdadi was killed by an airstrike";
        assert_eq!(
            model.classify(claim, "ISIS leader Baghdadi reportedly killed in airstrike"),
            HeadlineStance::Observing
        );
        assert_eq!(
            model.classify(claim, "Baghdadi killed in airstrike, Iraqi officials confirm death"),
            HeadlineStance::For
        );
        assert_eq!(
            model.classify(claim, "Reports of Baghdadi's death are a hoax, he is not dead"),
            HeadlineStance::Against
        );
    }

    #[test]
    fn serialisation_round_trips() {
        let model = StanceModel::builtin();
        let bytes = model.to_bytes();
        let again = StanceModel::from_bytes(&bytes).expect("own output parses");
        assert_eq!(again.to_bytes(), bytes);
        assert_eq!(again.n_features(), model.n_features());
    }

    #[test]
    fn bad_model_names_the_line() {
        let err =
            StanceModel::from_bytes(b"hearsay-stance 1\nbias\t1\t2\t3\nw=x\t1\tnope\t3\n").expect_err("bad weight");
        assert_eq!(err.line, 3);
        let err = StanceModel::from_bytes(b"something else\n").expect_err("bad header");
        assert_eq!(err.line, 1);
    }

    #[test]
    fn parse_names() {
        for stance in HeadlineStance::ALL {
            assert_eq!(HeadlineStance::parse(stance.as_str()), Some(stance));
        }
        assert_eq!(HeadlineStance::parse(" Against "), Some(HeadlineStance::Against));
        assert_eq!(HeadlineStance::parse("agree"), None);
    }

    proptest::proptest! {
        // Each case parses the built-in model (milliseconds): fewer cases.
        #![proptest_config(proptest::test_runner::Config::with_cases(48))]
        #[test]
        fn any_pair_classifies_without_panic(claim in "\\PC{0,60}", text in "(\\PC|:|\\?|n’t|'s){0,60}") {
            let model = StanceModel::builtin();
            let p = model.probabilities(&claim, &text);
            proptest::prop_assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-3);
            let _ = model.classify(&claim, &text);
        }
    }
}
