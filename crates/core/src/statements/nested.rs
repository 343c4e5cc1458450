//! The `nesting` stage: statements reported inside other statements ("the
//! ministry said the deputy minister “called on ...”"). The tagger,
//! trained on a corpus without nesting, finds only the outer one, so the
//! content of each long statement is analysed again on its own, as a Doc
//! of its own with the outer quote marks blanked.

use std::collections::HashSet;

use crate::lexicon::CueClass;
use crate::lexicon::WordClass;
use crate::pipeline::Tools;
use crate::text::words::letter_runs;
use crate::text::{phrases, Doc};
use crate::{Attribution, Role, Span};

/// Statements reported inside other statements ("the ministry said
/// Perebyinis stressed that ..."): the tagger, trained on a corpus
/// without nesting, finds only the outer one, so the content of each
/// long statement is analysed again on its own.
pub(crate) fn add_nested(tools: &Tools<'_>, doc: &Doc<'_>, attributions: &mut Vec<Attribution>) {
    let text = doc.text();
    let mut nested = Vec::new();
    for attribution in attributions.iter() {
        for &span in attribution.content.spans() {
            let inner_text = span.slice(text);
            // Only long content with a verb of saying can hold a
            // statement of its own; the check spares most re-analysis.
            // The same test as below, cheaply: a verb of saying shortly
            // after a capitalised word or a role ("the minister").
            let words: Vec<&str> = letter_runs(inner_text);
            let named_speech = (1..words.len()).any(|i| {
                tools.lexicon.class(&words[i].to_lowercase()) == CueClass::Speech
                    && (words[i.saturating_sub(6)..i]
                        .iter()
                        .any(|w| w.starts_with(char::is_uppercase) && !WordClass::CAPITALISED_FUNCTION_WORD.has(w))
                        || words[i.saturating_sub(3)..i].iter().any(|w| phrases::is_role_word(w)))
            });
            if words.len() < 8 || !named_speech {
                continue;
            }
            // The outer speaker's quote marks ("the ministry added: the
            // deputy minister “called on ...”") are blanked, so that the
            // inner statement reads as the reported speech it is; the
            // marks are replaced by spaces of the same length, so spans
            // still index the text.
            let unquoted = blank_double_quotes(inner_text);
            let inner_doc = Doc::new(&unquoted, tools.lexicon);
            let labels = crate::tag::tag(&inner_doc, tools.model);
            for mut inner in super::link(&inner_doc, &labels) {
                // Only a named or described speaker with a verb of
                // saying: nesting is rare in news, and a looser rule
                // mostly finds noise.
                let (Some(source), Some(cue)) = (inner.source.as_ref(), inner.cue.as_ref()) else { continue };
                let (source, cue) = (source.text(&unquoted), cue.text(&unquoted));
                let speech = cue.split_whitespace().any(|w| tools.lexicon.class(&w.to_lowercase()) == CueClass::Speech);
                // A described speaker ("the police") needs a plain verb
                // of saying in a finite form: "the company would
                // continue", "the minister to claim" are not statements.
                let described = phrases::describes(&source) && says_finitely(&cue);
                if !speech || !(phrases::names(&source, tools.gazetteer) || described) {
                    continue;
                }
                let shift = |role: &Role| {
                    Role::new(
                        role.spans()
                            .iter()
                            .map(|s| Span::new(s.start() + span.start(), s.end() + span.start()))
                            .collect(),
                    )
                };
                inner.source = inner.source.as_ref().and_then(shift);
                inner.cue = inner.cue.as_ref().and_then(shift);
                let Some(content) = shift(&inner.content) else { continue };
                inner.content = content;
                nested.push(inner);
            }
        }
    }
    let mut cues: HashSet<Span> = attributions.iter().filter_map(|a| a.cue.as_ref().map(|c| c.extent())).collect();
    for inner in nested {
        if let Some(cue) = inner.cue.as_ref().map(|c| c.extent()) {
            if cues.insert(cue) {
                attributions.push(inner);
            }
        }
    }
}

/// Is this cue a plain verb of saying, not after "to" or a modal ("said",
/// "has repeatedly stated", "called on"; not "to claim", "would add")?
fn says_finitely(cue: &str) -> bool {
    let words: Vec<String> = cue.split_whitespace().map(str::to_lowercase).collect();
    let blocked = |w: &str| matches!(w, "to" | "would" | "could" | "should" | "might" | "may" | "will" | "can");
    words.iter().any(|w| WordClass::FINITE_SAYING.has(w.as_str())) && !words.iter().any(|w| blocked(w))
}

/// `text` with its double quote marks replaced by spaces of the same byte
/// length.
fn blank_double_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}') {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}
