//! Stance: whether a statement asserts, denies, questions or reports its
//! content, and whether a text is negated ([`is_negated`], shared with
//! claims).

use crate::text::words::{negation_words, proposition_words};
use crate::{Attribution, Stance};

const DENY_CUES: &[&str] = &[
    "deny",
    "denied",
    "denies",
    "denying",
    "reject",
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "refuted",
    "rebuffed",
    "disputed",
];
const QUESTION_CUES: &[&str] = &["asked", "asks", "ask", "wondered", "questioned", "questions"];
const REPORT_CUES: &[&str] = &["reported", "reports", "according"];

pub(super) fn stance_of(text: &str, attribution: &Attribution) -> Stance {
    let cue = attribution.cue.as_ref().map(|c| c.text(text).to_lowercase()).unwrap_or_default();
    let cue_words: Vec<&str> = cue.split_whitespace().collect();
    if cue_words.iter().any(|w| DENY_CUES.contains(w)) {
        return Stance::Deny;
    }
    let content = attribution.content.text(text);
    if cue_words.iter().any(|w| QUESTION_CUES.contains(w)) || content.trim_end().ends_with('?') {
        return Stance::Question;
    }
    if is_negated(&content) && !negates_only_intent(&content) {
        return Stance::Deny;
    }
    if cue_words.iter().any(|w| REPORT_CUES.contains(w)) {
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
    let negated = proposition_words(&lower).any(|(_, word)| NEGATIONS.contains(&word));
    negated
}

pub(crate) const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "no",
    "nor",
    "neither",
    "cannot",
    "deny",
    "denied",
    "denies",
    "denying",
    "untrue",
    "false",
    "baseless",
    "groundless",
    "rejected",
    "rejects",
    "dismissed",
];

const REPORT_VERBS: &[&str] = &[
    "stated",
    "said",
    "says",
    "denied",
    "denies",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "maintained",
    "maintains",
    "argued",
    "argues",
    "repeatedly",
];

pub(crate) fn cut_reported_aside(text: &str) -> &str {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text;
    }
    match lower.rfind(", which ") {
        Some(pos) => {
            let aside = &lower[pos..];
            if proposition_words(aside).any(|(_, w)| REPORT_VERBS.contains(&w)) {
                &text[..pos]
            } else {
                text
            }
        }
        None => text,
    }
}

