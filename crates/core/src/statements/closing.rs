//! A statement the tagger missed whose source and verb of saying close its
//! sentence: "Secrecy is not a stranger when it comes to Clinton's health,
//! the candidate's former doctor maintains." News writes a lede this way,
//! and a rarer verb ("maintains", "contends") escapes the tagger there.
//!
//! Read only where no statement touches the sentence: the content is the
//! sentence up to its last comma, unquoted; the source the few words after
//! that comma, with no verb or clause word of their own and no preposition
//! first; the cue the verb of saying (past or present) that ends the
//! sentence.

use crate::lexicon::{penn_index, CueClass, WordClass};
use crate::span::Overlaps;
use crate::text::{Doc, TokenKind};
use crate::{Attribution, AttributionKind, Role};

/// The most words a closing source has ("the Democratic presidential
/// candidate's former doctor").
const MOST_SOURCE_WORDS: usize = 8;

/// The fewest words a content has: a shorter opening is an adverb or an
/// aside.
const FEWEST_CONTENT_WORDS: usize = 5;

/// Adds a statement for each sentence that closes with a source and a verb
/// of saying and holds no statement yet.
pub(crate) fn add(doc: &Doc<'_>, attributions: &mut Vec<Attribution>) {
    let text = doc.text();
    let taken = Overlaps::new(
        attributions
            .iter()
            .flat_map(|a| a.source.iter().chain(a.cue.iter()).chain(std::iter::once(&a.content)).map(Role::extent)),
    );
    let finite = [penn_index("VBD"), penn_index("VBZ"), penn_index("VBP"), penn_index("MD")];
    let mut found = Vec::new();
    let mut i = 0;
    while i < doc.tokens.len() {
        let (first, end) = doc.sentence_of(i);
        i = end.max(i + 1);
        let Some(verb) = (first..end).rev().find(|&k| doc.tokens[k].kind == TokenKind::Word) else { continue };
        let closes = (verb + 1..end).all(|k| matches!(doc.tokens[k].span.slice(text), "." | "!"));
        let saying = doc.facts[verb].class == CueClass::Speech
            && [penn_index("VBZ"), penn_index("VBD")].contains(&doc.facts[verb].pos);
        if !closes || !saying || verb == first {
            continue;
        }
        let Some(comma) = (first..verb).rev().find(|&k| doc.tokens[k].span.slice(text) == ",") else { continue };
        let source = comma + 1..verb;
        let source_ok = (1..=MOST_SOURCE_WORDS).contains(&source.len())
            && source.clone().all(|k| {
                let token = doc.tokens[k].span.slice(text);
                let word = doc.tokens[k].kind == TokenKind::Word
                    && !finite.contains(&doc.facts[k].pos)
                    && !doc.is(k, WordClass::CLAUSE_WORD);
                word || matches!(token, "'s" | "\u{2019}s" | "'" | "\u{2019}" | "." | "-")
            });
        // "..., with more than six hundred witnesses questioned.": a
        // phrase that opens with a preposition is no source.
        let source_ok = source_ok && doc.facts[source.start].pos != penn_index("IN");
        let content_words = (first..comma).filter(|&k| doc.tokens[k].kind == TokenKind::Word).count();
        let quoted = (first..verb).any(|k| doc.quote_info[k].quote.is_some());
        if !source_ok || content_words < FEWEST_CONTENT_WORDS || quoted {
            continue;
        }
        let sentence = doc.tokens[first].span.cover(doc.tokens[end - 1].span);
        if taken.any(sentence) {
            continue;
        }
        let content = doc.tokens[first].span.cover(doc.tokens[comma - 1].span);
        let source = doc.tokens[source.start].span.cover(doc.tokens[source.end - 1].span);
        let (Some(source), Some(cue), Some(content)) =
            (Role::single(source), Role::single(doc.tokens[verb].span), Role::single(content))
        else {
            continue;
        };
        found.push(Attribution::unresolved(Some(source), Some(cue), content, AttributionKind::Indirect, 0.6));
    }
    attributions.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closing(text: &str) -> Vec<(String, String, String)> {
        let lexicon = crate::lexicon::Lexicon::new();
        let doc = Doc::new(text, &lexicon);
        let mut found = Vec::new();
        add(&doc, &mut found);
        let slice = |r: &Option<Role>| r.as_ref().map_or("", |r| r.extent().slice(text)).to_string();
        found.iter().map(|a| (slice(&a.source), slice(&a.cue), a.content.extent().slice(text).to_string())).collect()
    }

    #[test]
    fn a_source_and_verb_closing_a_sentence_make_its_statement() {
        let found = closing("The bridge was never safe for heavy lorries, the county's former engineer maintains.");
        assert_eq!(
            found,
            vec![(
                "the county's former engineer".into(),
                "maintains".into(),
                "The bridge was never safe for heavy lorries".into()
            )]
        );
        // A short opening is no content, and a clause after the comma no source.
        assert!(closing("Still, the engineer maintains.").is_empty());
        assert!(closing("The bridge was never safe for lorries, and the engineer who built it maintains.").is_empty());
        assert!(closing("A special court heard the case for a year, with six hundred witnesses questioned.").is_empty());
    }
}
