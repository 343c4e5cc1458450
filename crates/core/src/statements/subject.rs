//! The subject of a cue that has no tagged source. Two rules, for two
//! moments, and deliberately different:
//!
//! - while linking ([`sentence_opening_subject`]), a pronoun or a
//!   capitalised run that opens the cue's sentence, with at most three
//!   untagged words between it and the cue ("Officials in Kyiv say");
//! - after every statement is laid out ([`capitalised_subject_before`]), a
//!   capitalised name opening the sentence right before the verb, adverbs
//!   and time words aside ("China last week staunchly denied ...").
//!
//! Making them one rule changes output; that is a measured change of its own.

use crate::lexicon::WordClass;
use crate::tag::Label;
use crate::text::words::is_capitalised;
use crate::text::{Doc, TokenKind};
use crate::Span;

/// The subject that opens the sentence of `cue`, when the tagger left it
/// untagged: a pronoun or a run of capitalised words (not a function word
/// such as "The" or "In"), followed by at most three untagged words and
/// then the cue ("China last week staunchly denied").
pub(super) fn sentence_opening_subject(doc: &Doc<'_>, labels: &[Label], cue_first: usize) -> Option<Span> {
    let tokens = &doc.tokens;
    let word = |i: usize| tokens[i].span.slice(doc.text());
    let (mut first, _) = doc.sentence_of(cue_first);
    while first < cue_first && matches!(tokens[first].kind, TokenKind::DoubleQuote | TokenKind::SingleQuote) {
        first += 1;
    }
    if first >= cue_first {
        return None;
    }
    let end = if WordClass::SUBJECT_PRONOUN.has(word(first).to_lowercase().as_str()) {
        first + 1
    } else {
        let mut end = first;
        while end < cue_first
            && tokens[end].kind == TokenKind::Word
            && word(end).starts_with(char::is_uppercase)
            && !(end == first && WordClass::CAPITALISED_OPENER.has(word(end)))
        {
            end += 1;
        }
        end
    };
    if end == first
        || cue_first - end > 3
        || (end..cue_first).any(|i| tokens[i].kind != TokenKind::Word || labels[i] != Label::O)
    {
        return None;
    }
    Some(tokens[first].span.cover(tokens[end - 1].span))
}

/// The subject of a cue the tagger found no source for: a capitalised
/// name opening the sentence right before the verb, adverbs and time words
/// aside ("China last week staunchly denied ...").
pub(super) fn capitalised_subject_before(doc: &Doc<'_>, cue: Span) -> Option<Span> {
    let (text, tokens) = (doc.text(), &doc.tokens);
    let mut i = tokens.partition_point(|t| t.span.end() <= cue.start());
    while i > 0 {
        i -= 1;
        let word = tokens[i].span.slice(text);
        let lower = word.to_lowercase();
        if tokens[i].kind == TokenKind::Word
            && (lower.ends_with("ly")
                || WordClass::BETWEEN_SUBJECT_AND_VERB.has(lower.as_str())
                || crate::dates::is_weekday(&lower))
            && !is_capitalised(word)
        {
            if tokens[i].sentence_start {
                return None;
            }
            continue;
        }
        break;
    }
    let end = i;
    let mut first = end;
    loop {
        let word = tokens.get(first)?.span.slice(text);
        if tokens[first].kind != TokenKind::Word || !is_capitalised(word) {
            return None;
        }
        if tokens[first].sentence_start {
            break;
        }
        if first == 0 || end - first >= 4 {
            return None;
        }
        first -= 1;
    }
    Some(tokens[first].span.cover(tokens[end].span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_before_a_sourceless_cue() {
        // The seed: "China last week staunchly denied providing weapons."
        let text = "China last week staunchly denied providing weapons.";
        let doc = Doc::new(text, &crate::lexicon::Lexicon::new());
        let cue = Span::new(text.find("denied").unwrap_or(0), text.find("denied").unwrap_or(0) + 6);
        assert_eq!(capitalised_subject_before(&doc, cue).map(|s| s.slice(text)), Some("China"));
    }
}
