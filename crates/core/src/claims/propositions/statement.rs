//! One statement analysed for claim grouping (`claims.py`'s `Statement`): its static vector, its
//! content-word stems with idf, key terms, entities, numbers, main verbs and stance.

use super::model::{ClaimModel, DIM};
use super::words::{content_words, is_stop, raw_words, stem};
use crate::lexicon::{VerbReading, WordClass};
use crate::Stance;

/// A statement's content as claim grouping sees it. Made by [`ClaimModel::statement`].
///
/// Invariants: `vector` has norm 1 (or is all zeros when no WordPiece id has a row); `words`,
/// `keys`, `entities`, `numbers` and `verbs` are sorted and hold no duplicates; `mass` is the sum
/// of `words`' idf; `keys` are the stems of `words` whose idf is at least the model's key-term
/// idf (4.0).
#[derive(Debug, Clone)]
pub struct Proposition {
    pub(crate) vector: [f32; DIM],
    pub(crate) words: Vec<(String, f64)>,
    pub(crate) mass: f64,
    pub(crate) keys: Vec<String>,
    pub(crate) entities: Vec<String>,
    pub(crate) numbers: Vec<String>,
    pub(crate) verbs: Vec<String>,
    pub(crate) stance: Stance,
    /// What the news model reads, for an attributed statement ([`ClaimModel::attributed_statement`]).
    pub(crate) news: Option<super::news::NewsSide>,
}

impl Proposition {
    /// Whether the content says enough to be a proposition: its content words' idf sums to the
    /// model's minimum mass (9, about three informative words). Only propositions are linked.
    pub fn is_proposition(&self, model: &ClaimModel) -> bool {
        self.mass >= model.pair.min_mass
    }

    /// Whether this statement can start a claim: its content has a main verb.
    pub fn starts(&self) -> bool {
        !self.verbs.is_empty()
    }

    /// The summed idf of the content-word stems.
    pub fn mass(&self) -> f64 {
        self.mass
    }

    /// The stance of the statement, from its own words (cue and content).
    pub fn stance(&self) -> Stance {
        self.stance
    }

    /// The unit vector: the sum of the static table's rows of the content's WordPiece ids.
    pub fn vector(&self) -> &[f32; DIM] {
        &self.vector
    }

    /// The key terms (stems with a high idf), sorted.
    pub fn key_terms(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(String::as_str)
    }

    /// Whether the statement is attributed (a source or a cue): pairs of such statements are
    /// scored by the news model and merged at its thresholds.
    pub fn is_attributed(&self) -> bool {
        self.news.is_some()
    }

    /// The cosine of two statements' vectors.
    pub fn cosine(&self, other: &Proposition) -> f64 {
        self.vector.iter().zip(&other.vector).map(|(a, b)| (*a as f64) * (*b as f64)).sum()
    }
}

fn sorted_unique(mut items: Vec<String>) -> Vec<String> {
    items.sort_unstable();
    items.dedup();
    items
}

/// Runs of `[A-Za-z][A-Za-z0-9'’&-]*` (case kept).
fn name_like_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match start {
            Some(_) if c.is_ascii_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '&' | '-') => {}
            Some(s) => {
                out.push(&text[s..i]);
                start = c.is_ascii_alphabetic().then_some(i);
            }
            None if c.is_ascii_alphabetic() => start = Some(i),
            None => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Proper-name stems: the content-word stems of capitalised words that are not stop words,
/// unless more than 60% of the text's non-stop words are capitalised (a headline in Title Case
/// or all caps, where case says nothing). There is no NER here.
fn entities(text: &str) -> Vec<String> {
    let words = name_like_words(text);
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let capitalised = |w: &str| w.as_bytes()[0].is_ascii_uppercase();
    let content: Vec<usize> = (0..words.len()).filter(|&i| !is_stop(&lower[i])).collect();
    let n_caps = content.iter().filter(|&&i| capitalised(words[i])).count();
    if !content.is_empty() && n_caps as f64 / content.len() as f64 > 0.6 {
        return Vec::new();
    }
    let names = content.iter().filter(|&&i| capitalised(words[i])).flat_map(|&i| content_words(words[i])).collect();
    sorted_unique(names)
}

/// Unicode decimal digits (Python's `\d`).
fn is_digit(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.is_ascii_digit() || (!c.is_ascii() && c.general_category() == GeneralCategory::DecimalNumber)
}

/// The matches of `\d+(?:[.,]\d+)?` once commas are removed ("1,200" is "1200").
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().filter(|&c| c != ',').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_digit(chars[i]) {
            i += 1;
        }
        if i + 1 < chars.len() && chars[i] == '.' && is_digit(chars[i + 1]) {
            i += 1;
            while i < chars.len() && is_digit(chars[i]) {
                i += 1;
            }
        }
        out.push(chars[start..i].iter().collect());
    }
    sorted_unique(out)
}

/// Stems of the main verbs: a word whose most frequent tag in the tag lexicon is a verb or a
/// modal, or one that can be a verb after an auxiliary, a negator, "to" or a personal pronoun
/// ("will support", "to release"). Auxiliaries and stop words are never main verbs.
fn main_verbs(model: &ClaimModel, text: &str) -> Vec<String> {
    let words = raw_words(text);
    let before_verb =
        |w: &str| WordClass::AUXILIARY.has(w) || WordClass::PROPOSITION_NEGATOR.has(w) || WordClass::BEFORE_VERB.has(w);
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if WordClass::AUXILIARY.has(word) || is_stop(word) {
            continue;
        }
        let verb = match model.lexicon.verb_reading(word) {
            VerbReading::Usually => true,
            VerbReading::Possibly => i > 0 && before_verb(&words[i - 1]),
            VerbReading::Never => false,
        };
        if verb {
            out.push(stem(word));
        }
    }
    sorted_unique(out)
}

impl ClaimModel {
    /// Analyses one statement: `content` is what is said (the pair features read it alone); `cue`,
    /// where known, joins it for the stance only. A headline, or a statement whose source and
    /// context are unknown; see [`ClaimModel::attributed_statement`] for news.
    pub fn statement(&self, content: &str, cue: Option<&str>) -> Proposition {
        self.statement_with_sum(content, cue).0
    }

    /// [`ClaimModel::statement`] and the content's summed rows before normalising.
    pub(crate) fn statement_with_sum(&self, content: &str, cue: Option<&str>) -> (Proposition, [f32; DIM]) {
        let mut ids = Vec::new();
        self.wordpiece.encode(content, &mut ids);
        let mut sum = [0f32; DIM];
        for &id in &ids {
            self.add_row(id, &mut sum);
        }
        let vector = super::news::unit(sum);
        let stems = sorted_unique(content_words(content));
        let words: Vec<(String, f64)> = stems.into_iter().map(|w| (w.clone(), self.idf(&w))).collect();
        let mass = words.iter().map(|(_, idf)| idf).sum();
        let keys = words.iter().filter(|(_, idf)| *idf >= self.pair.rare_idf).map(|(w, _)| w.clone()).collect();
        let stance = self.stance(cue, content);
        let proposition = Proposition {
            vector,
            words,
            mass,
            keys,
            entities: entities(content),
            numbers: numbers(content),
            verbs: main_verbs(self, content),
            stance,
            news: None,
        };
        (proposition, sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_numbers_and_verbs_follow_the_python() {
        // Expected values from scripts/claims/claims.py (entities, numbers, predicates).
        let text = "the senator met Vladimir Putin's aides in the old capital of Moscow last week during talks";
        assert_eq!(entities(text), ["moscow", "putin", "vladimir"]);
        assert!(entities("Apple To Unveil New iPhone In September").is_empty());
        assert_eq!(numbers("1,200 people and 3.5 percent, 2.x and 4."), ["1200", "2", "3.5", "4"]);
        let model = ClaimModel::builtin();
        assert_eq!(main_verbs(&model, "Trump will release his tax returns to voters"), ["release"]);
    }
}
