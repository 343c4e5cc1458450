//! Stance: whether a statement asserts, denies, questions or reports its
//! content, and whether a text is negated ([`is_negated`], shared with
//! claims).

use crate::lexicon::WordClass;
use crate::text::words::{negation_words, proposition_words};
use crate::{Attribution, Stance};

pub(super) fn stance_of(text: &str, attribution: &Attribution) -> Stance {
    let cue = attribution.cue.as_ref().map(|c| c.text(text).to_lowercase()).unwrap_or_default();
    let cue_words: Vec<&str> = cue.split_whitespace().collect();
    if cue_words.iter().any(|w| WordClass::DENIAL_CUE.has(w)) {
        return Stance::Deny;
    }
    let content = attribution.content.text(text);
    if cue_words.iter().any(|w| WordClass::QUESTION_CUE.has(w)) || content.trim_end().ends_with('?') {
        return Stance::Question;
    }
    if is_negated(&content) && !negates_only_intent(&content) {
        return Stance::Deny;
    }
    if cue_words.iter().any(|w| WordClass::REPORT_CUE.has(w)) {
        return Stance::Report;
    }
    Stance::Assert
}

/// "will not tolerate", "would not resign": a negated intention or
/// promise asserts what the speaker will do; it denies no fact.
pub(super) fn negates_only_intent(content: &str) -> bool {
    let lower = content.to_lowercase().replace('’', "'");
    let words: Vec<&str> = negation_words(&lower);
    let negations: Vec<usize> =
        (0..words.len()).filter(|&i| matches!(words[i], "not" | "never" | "no") || words[i].ends_with("n't")).collect();
    !negations.is_empty()
        && negations.iter().all(|&i| {
            let modal = |w: &str| {
                matches!(
                    w,
                    "will"
                        | "would"
                        | "shall"
                        | "should"
                        | "could"
                        | "can"
                        | "must"
                        | "won't"
                        | "wouldn't"
                        | "can't"
                        | "cannot"
                        | "couldn't"
                        | "shouldn't"
                )
            };
            modal(words[i]) || (i > 0 && modal(words[i - 1])) || (i > 1 && modal(words[i - 2]))
        })
}

/// True when `text` negates what it says ("has never provided", "is not the
/// case", "denied"). Reported asides after ", which" do not count.
pub fn is_negated(text: &str) -> bool {
    let main = cut_reported_aside(text);
    let lower = main.to_lowercase();
    if lower.contains("n't") || lower.contains("n\u{2019}t") {
        return true;
    }
    let negated = proposition_words(&lower).any(|(_, word)| WordClass::NEGATION.has(word));
    negated
}

pub(crate) fn cut_reported_aside(text: &str) -> &str {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text;
    }
    match lower.rfind(", which ") {
        Some(pos) => {
            let aside = &lower[pos..];
            if proposition_words(aside).any(|(_, w)| WordClass::ASIDE_REPORTING_VERB.has(w)) {
                &text[..pos]
            } else {
                text
            }
        }
        None => text,
    }
}
