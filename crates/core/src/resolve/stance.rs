//! Stance: whether a statement asserts, denies, questions or reports its
//! content.
//!
//! A denial rejects a claim: a verb of denial ("denied", "dismissed",
//! "rejected") or words that call something false ("there is no truth to
//! it", "a hoax", "exaggerating"), found by [`rejects_a_claim`]. A negative
//! sentence is not a denial: "we don't have the money" asserts a negative
//! fact. Whether a negated statement rebuts another speaker's claim is for
//! the claims stage to say, which sees both ([`is_negated`] is shared with
//! it).

use crate::lexicon::WordClass;
use crate::text::words::{negation_words, proposition_words};
use crate::{Attribution, Stance};

pub(super) fn stance_of(text: &str, attribution: &Attribution, speaker_is_outlet: bool) -> Stance {
    let cue = attribution.cue.as_ref().map(|c| c.text(text).to_lowercase()).unwrap_or_default();
    let cue_words: Vec<&str> = cue.split_whitespace().collect();
    let content = attribution.content.text(text);
    if cue_words.iter().any(|w| WordClass::DENIAL_CUE.has(w)) {
        return Stance::Deny;
    }
    if cue_words.iter().any(|w| WordClass::CLAIM_REJECTING_CUE.has(w)) && names_a_claim(&content) {
        return Stance::Deny;
    }
    if asks(&cue_words, &content) {
        return Stance::Question;
    }
    if rejects_a_claim(&content) {
        return Stance::Deny;
    }
    // "reportedly"; or a news outlet's report, or a report of what came
    // through someone else ("Bloomberg reports that ..., according to the
    // Roper Center"). A body reporting its own findings ("the State
    // Department reported") asserts them.
    let relaying =
        (speaker_is_outlet || !attribution.relayed_by.is_empty()) && cue_words.iter().any(|w| w.starts_with("report"));
    if relaying || cue_words.iter().any(|w| WordClass::REPORT_CUE.has(w)) {
        return Stance::Report;
    }
    Stance::Assert
}

/// Whether a statement asks: a question cue ("asked whether ..."), or a
/// content ending in "?" with no verb of its own (a transcript turn, a
/// bare quote). A question the speaker answers ("Does anybody know ...?
/// Neither do I.") or one quoted with "said" ("What do you have to lose?"
/// he said) is rhetorical: it asserts.
fn asks(cue_words: &[&str], content: &str) -> bool {
    let content = content.trim_end();
    let answered = content.contains('?') && !content.ends_with('?');
    if cue_words.iter().any(|w| WordClass::QUESTION_CUE.has(w)) {
        return !answered;
    }
    let said_with_a_verb = cue_words.iter().any(|w| w.chars().any(char::is_alphabetic));
    content.ends_with('?') && !said_with_a_verb
}

/// Whether the opening words of a content name a claim: a noun of
/// something said ("that argument", "the reports", "allegations") or a
/// "that" clause.
fn names_a_claim(content: &str) -> bool {
    let lower = content.to_lowercase();
    let words: Vec<&str> = negation_words(&lower);
    words.first() == Some(&"that") || words.iter().take(4).any(|w| WordClass::CLAIM_NOUN.has(w))
}

/// Whether a content calls something said false: a word that rejects a
/// claim ("untrue", "hoax", "exaggerating", "misinterpreted") or a phrase
/// that does ("no truth", "no evidence", "not true", "never said"). The one
/// denial detector of the analysis; claims read it through the stances.
///
/// Only the content's first sentence counts, without a reported aside: a
/// long quotation that mentions a hoax in passing rejects nothing.
pub(crate) fn rejects_a_claim(content: &str) -> bool {
    // ", which Beijing has repeatedly stated is not the case": someone
    // else's denial, reported inside this content.
    let content = cut_reported_aside(content);
    let first = [". ", "? ", "! ", " … "].iter().filter_map(|end| content.find(end)).min().unwrap_or(content.len());
    let lower = content[..first].to_lowercase().replace('’', "'");
    let words: Vec<&str> = negation_words(&lower);
    let rejecting = words.iter().any(|w| {
        WordClass::REJECTION.has(w) || WordClass::REJECTION_STEM.words().iter().any(|stem| w.starts_with(stem))
    });
    rejecting
        || words.windows(2).any(|pair| pair[0] == "no" && WordClass::REJECTED_AFTER_NO.has(pair[1]))
        || WordClass::REJECTING_PHRASE.words().iter().any(|phrase| {
            let phrase: Vec<&str> = phrase.split(' ').collect();
            words.windows(phrase.len()).any(|run| run == phrase.as_slice())
        })
}

/// The first sentence of a content: up to its first ". ", "? " or "! ".
/// The " … " between the pieces of a split content does not end it ("which
/// … is not the case" is one sentence).
pub(crate) fn first_sentence(content: &str) -> &str {
    let first = [". ", "? ", "! "].iter().filter_map(|end| content.find(end)).min().unwrap_or(content.len());
    &content[..first]
}

/// "will not tolerate", "would not resign": a negated intention or
/// promise asserts what the speaker will do; it denies no fact.
pub(crate) fn negates_only_intent(content: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_sentence_is_not_a_denial() {
        // Issue 14's examples: negative facts, asserted.
        for content in ["You didn't see them", "They don't know how to win", "we don't have the money"] {
            assert!(!rejects_a_claim(content), "{content}");
        }
        for content in [
            "there is no truth to it",
            "climate change a hoax perpetrated by China",
            "the suing states were exaggerating the regulatory reach of the EPA",
            "the reports are untrue",
            "that is not the case",
        ] {
            assert!(rejects_a_claim(content), "{content}");
        }
        // Someone else's denial reported in an aside is not this speaker's.
        assert!(!rejects_a_claim(
            "measures to stop supporting Russia, which Beijing has repeatedly stated is not the case"
        ));
        // A long quotation mentioning a hoax later on rejects nothing.
        assert!(!rejects_a_claim("We will win the state. Some say it is a hoax, but it is not."));
    }

    #[test]
    fn a_rhetorical_question_asserts() {
        assert!(asks(&["asked"], "whether the bridge would open"));
        assert!(asks(&[":"], "Will the bridge open on time?"));
        assert!(asks(&[], "Will the bridge open on time?"));
        // Answered by the one who asks, or quoted with "said": rhetorical.
        assert!(!asks(&["asked"], "Who wants a closed bridge? Nobody does."));
        assert!(!asks(&["said"], "We built it. Who would close it now?"));
    }

    #[test]
    fn rejecting_a_request_is_not_denying_a_claim() {
        assert!(names_a_claim("that argument in a ruling released Thursday"));
        assert!(names_a_claim("the reports as false"));
        assert!(names_a_claim("that the plan would fail"));
        assert!(!names_a_claim("a media request to make public the contents of a court file"));
    }
}
