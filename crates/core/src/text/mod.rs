//! The text stage: one [`Doc`] per text, built once, read by every later
//! stage, as spaCy's `Doc` is.
//!
//! A `Doc` holds the tokens ([`token`]) with their sentence and paragraph,
//! the quotations ([`quotes`]), and per token the facts the stages ask
//! about: its lowercase form, what the [`Lexicon`] knows of it (cue class,
//! word-class flags, part of speech), its shape and the quotation it sits
//! in. Later stages read these instead of splitting the text again. Where a
//! stage reads words of a phrase rather than tokens (a source's name, a
//! content's concepts), [`words`] offers each such view once, named for
//! what it is.
//!
//! Invariant: `tokens`, `facts` and the lowercase forms have one entry per
//! token, in text order; `sentences` and `paragraphs` partition the tokens.

pub(crate) mod phrases;
pub(crate) mod quotes;
pub(crate) mod token;
pub(crate) mod words;

use crate::hash::fnv1a_folded;
use crate::lexicon::{penn_index, CueClass, Lexicon, WordClass};
use crate::{Diagnostic, Span};
pub(crate) use quotes::{Quotation, QuoteInfo};
pub(crate) use token::{Token, TokenKind};

/// Per-token facts computed once per document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenFacts {
    /// Hash of the lowercased word ([`fnv1a_folded`]).
    pub lower: u64,
    /// Hash of the last three lowercased characters.
    pub suffix: u64,
    /// Coarse shape: 0 lower, 1 capitalised, 2 all caps, 3 digits, 4 punctuation, 5 double quote, 6 single quote.
    pub shape: u8,
    /// Cue class from the lexicon.
    pub class: CueClass,
    /// Word classes from the lexicon (empty for words it lacks).
    pub flags: WordClass,
    /// Quotation membership.
    pub quote: QuoteInfo,
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// Index of the paragraph in the document.
    pub paragraph: u32,
    /// Most frequent part of speech: an index into [`crate::lexicon::PENN_TAGS`] (guessed
    /// for words the tag lexicon lacks), or past them for punctuation.
    pub pos: u8,
    /// Ambiguity class: which tags the word may have (0: unknown word).
    pub amb: u16,
}

/// A text, tokenised and annotated once for every stage.
pub(crate) struct Doc<'t> {
    text: &'t str,
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// Facts per token.
    pub facts: Vec<TokenFacts>,
    /// Quotation membership per token.
    pub quote_info: Vec<QuoteInfo>,
    /// The quotations, in text order.
    pub quotes: Vec<Quotation>,
    // Invariant: one entry per sentence: [first, end) token indices.
    sentences: Vec<(usize, usize)>,
    // Invariant: one entry per paragraph: [first, end) token indices.
    paragraphs: Vec<(usize, usize)>,
    // The lowercase forms of all tokens, end to end; `lower_ends[i]` is
    // where token i's ends.
    lower: String,
    lower_ends: Vec<u32>,
    /// What was odd about the text (a lost opening quote mark).
    pub diagnostics: Vec<Diagnostic>,
}

impl<'t> Doc<'t> {
    /// Tokenises `text`, pairs its quote marks and looks up every word.
    pub fn new(text: &'t str, lexicon: &Lexicon) -> Doc<'t> {
        let tokens = token::tokenize(text);
        let mut diagnostics = Vec::new();
        let (quote_info, quotes) = quotes::find_quotes(text, &tokens, &mut diagnostics);
        let mut facts = Vec::with_capacity(tokens.len());
        let mut sentences = Vec::new();
        let mut paragraphs: Vec<(usize, usize)> = Vec::new();
        let mut sentence: u32 = 0;
        let mut lower = String::with_capacity(text.len());
        let mut lower_ends = Vec::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            if token.sentence_start && i > 0 {
                sentence += 1;
            }
            if token.sentence_start || i == 0 {
                sentences.push((i, i));
            }
            if token.paragraph_start || i == 0 {
                paragraphs.push((i, i));
            }
            let word = token.span.slice(text);
            let lower_start = lower.len();
            for c in word.chars() {
                if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            lower_ends.push(lower.len() as u32);
            let lower_word = &lower[lower_start..];
            let known = if token.kind == TokenKind::Word { lexicon.word(lower_word) } else { None };
            let class = known.map_or(CueClass::None, |w| w.class);
            // Punctuation and quote marks get ids past the Penn tags (40
            // and up: a punctuation mark's first byte modulo 16 tells ","
            // from "." and ":" apart; a few rare marks share an id).
            let (pos, amb) = match token.kind {
                TokenKind::Number => (CD, 0),
                TokenKind::Punct => (40 + (word.as_bytes().first().copied().unwrap_or(0) % 16), 0),
                TokenKind::DoubleQuote | TokenKind::SingleQuote => (60, 0),
                TokenKind::Word => known.and_then(|w| w.pos).unwrap_or_else(|| (guess_pos(lower_word, word), 0)),
            };
            let suffix_start = lower_word.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
            facts.push(TokenFacts {
                lower: fnv1a_folded(word),
                suffix: fnv1a_folded(&lower_word[suffix_start..]),
                shape: shape_of(token, word),
                class,
                flags: known.map_or(WordClass::empty(), |w| w.flags),
                quote: quote_info[i],
                sentence,
                paragraph: paragraphs.len() as u32 - 1,
                pos,
                amb,
            });
            if let Some(last) = sentences.last_mut() {
                last.1 = i + 1;
            }
            if let Some(last) = paragraphs.last_mut() {
                last.1 = i + 1;
            }
        }
        Doc { text, tokens, facts, quote_info, quotes, sentences, paragraphs, lower, lower_ends, diagnostics }
    }

    /// The text every span points into.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The lowercase form of token `i`.
    pub fn lower(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.lower_ends[i - 1] as usize };
        &self.lower[start..self.lower_ends[i] as usize]
    }

    /// Whether token `i` is a word of class `class` in the lexicon.
    pub fn is(&self, i: usize, class: WordClass) -> bool {
        self.facts[i].flags.contains(class)
    }

    /// The sentences, as [first, end) token ranges.
    pub fn sentences(&self) -> &[(usize, usize)] {
        &self.sentences
    }

    /// The paragraphs (lines of the text), as [first, end) token ranges.
    pub fn paragraphs(&self) -> &[(usize, usize)] {
        &self.paragraphs
    }

    /// The sentence (first, end) of token `i`.
    pub fn sentence_of(&self, i: usize) -> (usize, usize) {
        let idx = self.facts[i].sentence as usize;
        self.sentences.get(idx).copied().unwrap_or((i, i + 1))
    }

    /// The index of the first token that ends after byte `at`
    /// (`len()` when none does).
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end() <= at)
    }

    /// The sentence around `span` (that of the first token ending past
    /// its start), widened to cover `span`.
    pub fn sentence_around(&self, span: Span) -> Span {
        if self.tokens.is_empty() {
            return span;
        }
        let idx = self.token_at(span.start()).min(self.tokens.len() - 1);
        let (first, end) = self.sentence_of(idx);
        self.tokens[first].span.cover(self.tokens[end - 1].span).cover(span)
    }
}

/// Tag indices the facts name ([`penn_index`] at compile time).
const CD: u8 = penn_index("CD");
const NN: u8 = penn_index("NN");
const NNP: u8 = penn_index("NNP");

/// A part of speech for a word the tag lexicon lacks, from its shape and ending.
fn guess_pos(lower: &str, word: &str) -> u8 {
    if word.starts_with(char::is_uppercase) {
        return NNP;
    }
    const ENDINGS: &[(&str, u8)] = &[
        ("ing", penn_index("VBG")),
        ("ed", penn_index("VBN")),
        ("ly", penn_index("RB")),
        ("ss", NN),
        ("us", NN),
        ("s", penn_index("NNS")),
        ("al", penn_index("JJ")),
        ("ic", penn_index("JJ")),
        ("ve", penn_index("JJ")),
        ("ble", penn_index("JJ")),
        ("ous", penn_index("JJ")),
        ("ful", penn_index("JJ")),
        ("ary", penn_index("JJ")),
        ("ish", penn_index("JJ")),
        ("less", penn_index("JJ")),
        ("est", penn_index("JJS")),
    ];
    ENDINGS.iter().find(|(ending, _)| lower.ends_with(ending)).map_or(NN, |&(_, tag)| tag)
}

fn shape_of(token: &Token, word: &str) -> u8 {
    match token.kind {
        TokenKind::Number => 3,
        TokenKind::DoubleQuote => 5,
        TokenKind::SingleQuote => 6,
        TokenKind::Punct => 4,
        TokenKind::Word => {
            let mut chars = word.chars();
            let first_upper = chars.next().is_some_and(char::is_uppercase);
            if !first_upper {
                0
            } else if word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && word.len() > 1 {
                2
            } else {
                1
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doc_knows_its_tokens_sentences_and_paragraphs() {
        let lexicon = Lexicon::new();
        let text = "He SAID “no.” Then she left.\nMr. Smith stayed.";
        let doc = Doc::new(text, &lexicon);
        assert_eq!(doc.tokens[1].span.slice(text), "SAID");
        assert_eq!(doc.lower(1), "said");
        assert_eq!(doc.facts[1].class, CueClass::Speech);
        assert_eq!(doc.sentences().len(), 3);
        assert_eq!(doc.paragraphs().len(), 2);
        let smith = (0..doc.len()).find(|&i| doc.lower(i) == "smith").expect("Smith");
        assert_eq!(doc.facts[smith].paragraph, 1);
        let around = doc.sentence_around(doc.tokens[smith].span);
        assert_eq!(around.slice(text), "Mr. Smith stayed.");
        assert_eq!(doc.quotes.len(), 1);
    }
}
