//! A headline's statement: news headlines attribute in a grammar of their
//! own that the tagger, trained on prose, often misses: "Lawmaker urges
//! retaliation on Russia", "Black Lawmakers Rip Donald Trump As A
//! 'Disgusting Fraud.'", "Clinton Hid Health Problems, Former Doctor Says."
//!
//! Read only when the tagger found no statement in the headline: its
//! source is a short run of capitalised words before a verb of saying in
//! the present ("urges", "Reveals") or after the last comma before a
//! closing "says".

use crate::lexicon::{penn_index, CueClass, WordClass};
use crate::text::{Doc, TokenKind};
use crate::{Attribution, AttributionKind, Role, Span};

/// The most words a headline's source has ("Former White House Doctor").
const MOST_SOURCE_WORDS: usize = 4;

/// The most words a headline has; a longer first line is prose.
const MOST_HEADLINE_WORDS: usize = 20;

/// Adds the headline's statement, when the first line reads as one and no
/// statement lies in it yet.
pub(crate) fn add(doc: &Doc<'_>, attributions: &mut Vec<Attribution>) {
    let text = doc.text();
    let Some(&(first, end)) = doc.paragraphs().first() else { return };
    let line = doc.tokens[first].span.cover(doc.tokens[end - 1].span);
    let n_words = (first..end).filter(|&i| doc.tokens[i].kind == TokenKind::Word).count();
    if first != 0 || n_words > MOST_HEADLINE_WORDS || line.slice(text).contains(['"', '\u{201C}']) {
        return;
    }
    if attributions.iter().any(|a| a.content.extent().start() < line.end()) {
        return;
    }
    let found = source_first(doc, first, end).or_else(|| source_last(doc, first, end));
    let Some((source, cue, content)) = found else { return };
    let content = trim_end(text, content);
    let (Some(source), Some(cue), Some(content)) = (Role::single(source), Role::single(cue), Role::single(content))
    else {
        return;
    };
    attributions.push(Attribution::unresolved(Some(source), Some(cue), content, AttributionKind::Indirect, 0.6));
}

/// A verb of saying in the present, or a headline's verb of criticism
/// ("rips", "slams").
fn says(doc: &Doc<'_>, i: usize) -> bool {
    let present = [penn_index("VBZ"), penn_index("VBP"), penn_index("VB")].contains(&doc.facts[i].pos);
    doc.tokens[i].kind == TokenKind::Word
        && ((doc.facts[i].class == CueClass::Speech && present) || doc.is(i, WordClass::HEADLINE_CUE))
}

/// Capitalised words only, one to [`MOST_SOURCE_WORDS`] of them.
fn is_short_name(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    let text = doc.text();
    (1..=MOST_SOURCE_WORDS).contains(&(to - from))
        && (from..to).all(|i| {
            doc.tokens[i].kind == TokenKind::Word && doc.tokens[i].span.slice(text).starts_with(char::is_uppercase)
        })
}

/// "Lawmaker urges retaliation on Russia": source, verb, content.
fn source_first(doc: &Doc<'_>, first: usize, end: usize) -> Option<(Span, Span, Span)> {
    let verb = (first + 1..end.min(first + MOST_SOURCE_WORDS + 1)).find(|&i| says(doc, i))?;
    if !is_short_name(doc, first, verb) || verb + 1 >= end {
        return None;
    }
    let source = doc.tokens[first].span.cover(doc.tokens[verb - 1].span);
    let content = doc.tokens[verb + 1].span.cover(doc.tokens[end - 1].span);
    Some((source, doc.tokens[verb].span, content))
}

/// "Clinton Hid Health Problems, Former Doctor Says.": content, a comma,
/// source, a closing verb of saying.
fn source_last(doc: &Doc<'_>, first: usize, end: usize) -> Option<(Span, Span, Span)> {
    let text = doc.text();
    let verb = (first..end).rev().find(|&i| doc.tokens[i].kind == TokenKind::Word)?;
    if !WordClass::HEADLINE_SAYING.has(doc.lower(verb)) {
        return None;
    }
    let comma = (first..verb).rev().find(|&i| doc.tokens[i].span.slice(text) == ",")?;
    if comma == first || !is_short_name(doc, comma + 1, verb) {
        return None;
    }
    let source = doc.tokens[comma + 1].span.cover(doc.tokens[verb - 1].span);
    let content = doc.tokens[first].span.cover(doc.tokens[comma - 1].span);
    Some((source, doc.tokens[verb].span, content))
}

/// The content without the headline's closing marks (".", ";").
fn trim_end(text: &str, span: Span) -> Span {
    let kept = span.slice(text).trim_end_matches(['.', ';', ',', ' ']);
    Span::new(span.start(), span.start() + kept.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headline(text: &str) -> Option<(String, String, String)> {
        let lexicon = crate::lexicon::Lexicon::new();
        let doc = Doc::new(text, &lexicon);
        let mut found = Vec::new();
        add(&doc, &mut found);
        found.first().map(|a| {
            let slice = |r: &Option<Role>| r.as_ref().map_or("", |r| r.extent().slice(text)).to_string();
            (slice(&a.source), slice(&a.cue), a.content.extent().slice(text).to_string())
        })
    }

    #[test]
    fn a_headline_attributes_before_its_verb_or_after_its_comma() {
        let found = headline("Mayor urges calm after the flood;\n\nThe mayor of the town spoke on Monday.");
        assert_eq!(found, Some(("Mayor".into(), "urges".into(), "calm after the flood".into())));
        let found = headline("Bridge Was Never Safe, Former County Engineer Says.\n\nAn engineer spoke.");
        assert_eq!(found, Some(("Former County Engineer".into(), "Says".into(), "Bridge Was Never Safe".into())));
        // No verb of saying: no statement.
        assert_eq!(headline("Flood Waters Rise In The Valley.\n\nThe river rose."), None);
        // A long first line is prose, not a headline.
        let prose = "Mayor urges calm as the waters of the river rise over the banks of the valley for the \
                     third time in a week and the town waits.";
        assert_eq!(headline(prose), None);
    }
}
