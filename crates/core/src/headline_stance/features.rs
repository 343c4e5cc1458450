//! Features of a claim–text pair, after Ferreira & Vlachos (NAACL 2016):
//! question marks, hedging and refuting cue words (and where they stand),
//! negation alignment between claim and text, word overlap, attribution
//! frames ("X: ...", "..., report says") and the text's words and bigrams.
//!
//! Every feature is a name with a value; the model looks names up in its
//! weight table, so a feature it never saw in training simply costs nothing.

use crate::lexicon::WordClass;
use std::collections::HashSet;

/// A feature name and its value. Names are stable strings: they are the keys
/// of the serialised model.
pub(crate) type Feature = (String, f32);

/// Lowercased words of `text`: runs of letters and digits, with inner
/// apostrophes kept ("isn't") and curly apostrophes made straight.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if (c == '\'' || c == '’') && !current.is_empty() {
            match chars.peek() {
                Some(next) if next.is_alphabetic() => current.push('\''),
                _ => {
                    words.push(std::mem::take(&mut current));
                }
            }
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// A crude stem: possessive and common suffixes stripped, so that "beheads",
/// "beheaded" and "beheading" meet.
fn stem(word: &str) -> &str {
    let word = word.strip_suffix("'s").unwrap_or(word);
    for suffix in ["ing", "ed", "es", "s", "ly"] {
        if let Some(stripped) = word.strip_suffix(suffix) {
            if stripped.len() >= 3 {
                return stripped;
            }
        }
    }
    word
}

fn is_negation(word: &str) -> bool {
    WordClass::HEADLINE_NEGATION.has(word) || word.ends_with("n't")
}

/// Every feature of the pair `claim`, `text`.
pub(crate) fn extract(claim: &str, text: &str) -> Vec<Feature> {
    let claim_words = words(claim);
    let text_words = words(text);
    let mut features: Vec<Feature> = Vec::with_capacity(4 * text_words.len() + 32);
    let mut flag = |name: String| features.push((name, 1.0));

    flag("bias".to_string());

    let claim_stems: HashSet<&str> =
        claim_words.iter().map(|w| stem(w)).filter(|w| !WordClass::HEADLINE_STOP_WORD.has(w)).collect();
    let claim_set: HashSet<&str> = claim_words.iter().map(String::as_str).collect();

    // Question marks: a question headline rarely takes a side.
    let trimmed = text.trim_end();
    if text.contains('?') {
        flag("q".to_string());
    }
    if trimmed.ends_with('?') {
        flag("q_end".to_string());
    }
    if text.contains('!') {
        flag("excl".to_string());
    }
    if text.contains('"') || text.contains('“') || text.contains('\'') && text.contains("' ") {
        flag("quote".to_string());
    }

    // Attribution frames: "Congressman: ...", "..., report says".
    if let Some(colon) = text.find(':') {
        let n_before = words(&text[..colon]).len();
        if (1..=4).contains(&n_before) {
            flag("colon_prefix".to_string());
        }
    }
    let n = text_words.len();
    for (i, word) in text_words.iter().enumerate() {
        if WordClass::HEADLINE_SAYING.has(word.as_str()) {
            let place = if i + 3 >= n {
                "end"
            } else if i < 4 {
                "start"
            } else {
                "mid"
            };
            flag(format!("say_{place}"));
            flag(format!("say_{place}={word}"));
        }
    }

    // Cue words of the text, counted only where the claim does not use the
    // same word (a claim about "a fake video" makes "fake" content, not cue).
    let mut n_hedges = 0;
    let mut n_refutes = 0;
    for (i, word) in text_words.iter().enumerate() {
        let w = word.as_str();
        let novel = !claim_set.contains(w);
        let place = if i < 3 {
            "head"
        } else if i + 3 >= n {
            "tail"
        } else {
            "body"
        };
        if WordClass::HEADLINE_HEDGE.has(w) && novel {
            n_hedges += 1;
            flag(format!("hedge={w}"));
            flag(format!("hedge_{place}"));
        }
        if WordClass::HEADLINE_REFUTATION.has(w) && novel {
            n_refutes += 1;
            flag(format!("refute={w}"));
            flag(format!("refute_{place}"));
        }
    }
    if n_hedges > 0 {
        flag("hedge".to_string());
    }
    if n_refutes > 0 {
        flag("refute".to_string());
    }
    if n_hedges > 0 && n_refutes > 0 {
        flag("hedge_and_refute".to_string());
    }

    // Negation alignment: a negated text about a positive claim disagrees.
    let claim_negated = claim_words.iter().any(|w| is_negation(w));
    let text_negated = text_words.iter().any(|w| is_negation(w));
    flag(format!("neg_c{}_t{}", claim_negated as u8, text_negated as u8));
    // A negation followed closely by a word of the claim negates the claim's
    // own content ("ISIS fanatics have NOT beheaded her").
    for (i, word) in text_words.iter().enumerate() {
        if is_negation(word) {
            let negates_claim_word = text_words.iter().skip(i + 1).take(4).any(|w| claim_stems.contains(stem(w)));
            if negates_claim_word {
                flag("neg_claim_word".to_string());
            }
        }
    }

    // Overlap of the claim's content words with the text.
    let text_stems: HashSet<&str> = text_words.iter().map(|w| stem(w)).collect();
    let n_claim = claim_stems.len().max(1) as f32;
    let n_shared = claim_stems.iter().filter(|w| text_stems.contains(*w)).count() as f32;
    let overlap = n_shared / n_claim;
    features.push(("overlap".to_string(), overlap));
    let bucket = ((overlap * 5.0) as usize).min(4);
    features.push((format!("overlap_b{bucket}"), 1.0));
    let n_text_content =
        text_words.iter().filter(|w| !WordClass::HEADLINE_STOP_WORD.has(w.as_str())).count().max(1) as f32;
    features.push(("novelty".to_string(), 1.0 - (n_shared / n_text_content).min(1.0)));

    // Cue words of the claim itself ("reportedly" in a claim).
    for word in &claim_words {
        if WordClass::HEADLINE_HEDGE.has(word.as_str()) {
            features.push(("claim_hedge".to_string(), 1.0));
        }
        if is_negation(word) || WordClass::HEADLINE_REFUTATION.has(word.as_str()) {
            features.push(("claim_refute".to_string(), 1.0));
        }
    }

    // Words and bigrams of the text.
    for (i, word) in text_words.iter().enumerate() {
        features.push((format!("w={word}"), 1.0));
        if let Some(next) = text_words.get(i + 1) {
            features.push((format!("b={word}_{next}"), 1.0));
        }
    }
    features
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(features: &[Feature], name: &str) -> bool {
        features.iter().any(|(n, _)| n == name)
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        assert_eq!(
            words("ISIS fanatics have NOT beheaded her: isn’t it"),
            ["isis", "fanatics", "have", "not", "beheaded", "her", "isn't", "it"]
        );
    }

    #[test]
    fn refuting_word_shared_with_claim_is_content() {
        let features = extract("A fake video shows a ghost", "Fake ghost video goes viral");
        assert!(!has(&features, "refute"));
        let features = extract("A video shows a ghost", "Ghost video is a fake");
        assert!(has(&features, "refute=fake"));
    }

    #[test]
    fn negated_claim_word_is_flagged() {
        let features = extract(
            "Kurdish fighter Rehana was beheaded by ISIS",
            "Rehana is alive: ISIS fanatics have NOT beheaded her",
        );
        assert!(has(&features, "neg_claim_word"));
        assert!(has(&features, "neg_c0_t1"));
    }

    #[test]
    fn report_frame_is_flagged() {
        let features = extract("Apple is buying Path", "Apple in late stages to acquire Path, report says");
        assert!(has(&features, "say_end"));
        let features = extract("ISIS fighters crossed the border", "Congressman: ISIS fighters caught at border");
        assert!(has(&features, "colon_prefix"));
    }
}
