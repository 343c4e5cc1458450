//! Tokens, sentences and paragraphs of a text, with byte spans.
//!
//! One pass over the characters. Words keep internal hyphens, dotted
//! abbreviations ("U.S.") and digit groups ("1,000", "3.5"); the English
//! clitics "'s", "n't", "'re" and friends are split off so that a source
//! span ("Clinton") never ends inside a token ("Clinton's"). Every token
//! MUST slice to non-whitespace text, and tokens are in text order without
//! overlap.

use crate::lexicon::WordClass;
use crate::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum TokenKind {
    /// Letters (and digits mixed with letters).
    Word,
    /// Digits with optional separators.
    Number,
    /// A double quote mark: straight, curly or guillemet.
    DoubleQuote,
    /// A single quote mark used as a quote, not an apostrophe.
    SingleQuote,
    /// Any other symbol.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Where it lies.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// First token of its sentence.
    pub sentence_start: bool,
    /// First token of its paragraph (a line of the text).
    pub paragraph_start: bool,
}

/// Splits `text` into tokens, marking sentence and paragraph starts.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut pos = 0;
    let mut new_paragraph = true;
    let mut new_sentence = true;
    while pos < text.len() {
        // Invariant: pos is a char boundary; `chars().next()` is Some.
        let c = match text[pos..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c == '\n' || c == '\r' || c == '\u{2029}' {
            new_paragraph = true;
            new_sentence = true;
            pos += c.len_utf8();
            continue;
        }
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let kind;
        if c.is_alphanumeric() {
            let end = scan_word(text, pos);
            let word = &text[start..end];
            kind = if word.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            // Split off a trailing clitic so that names end on their own token.
            let clitic = clitic_len(word);
            if clitic > 0 && clitic < word.len() {
                push(&mut tokens, Span::new(start, end - clitic), kind, &mut new_sentence, &mut new_paragraph);
                push(&mut tokens, Span::new(end - clitic, end), TokenKind::Word, &mut new_sentence, &mut new_paragraph);
                pos = end;
                continue;
            }
            pos = end;
        } else {
            pos += c.len_utf8();
            let mut mark_kind = match c {
                '"' | '“' | '”' | '„' | '«' | '»' | '‟' | '″' => TokenKind::DoubleQuote,
                '\'' | '‘' | '’' | '‹' | '›' | '‚' => TokenKind::SingleQuote,
                _ => TokenKind::Punct,
            };
            // Two straight single quotes stand for a double one in some feeds.
            if c == '\'' && bytes.get(pos) == Some(&b'\'') {
                pos += 1;
                mark_kind = TokenKind::DoubleQuote;
            }
            kind = mark_kind;
            // Runs of the same dash or dot are one token ("--", "...").
            if matches!(c, '-' | '.') {
                while pos < bytes.len() && bytes[pos] == c as u8 {
                    pos += 1;
                }
            }
        }
        push(&mut tokens, Span::new(start, pos), kind, &mut new_sentence, &mut new_paragraph);
        if kind == TokenKind::Punct && ends_sentence(text, start, pos, &tokens) {
            new_sentence = true;
        }
    }
    tokens
}

fn push(tokens: &mut Vec<Token>, span: Span, kind: TokenKind, new_sentence: &mut bool, new_paragraph: &mut bool) {
    // A closing quote or bracket right after a sentence end still belongs to
    // the sentence it closes.
    let mut sentence_start = *new_sentence;
    if sentence_start && !*new_paragraph && is_closer(kind, span, tokens) {
        sentence_start = false;
    } else {
        *new_sentence = false;
    }
    tokens.push(Token { span, kind, sentence_start, paragraph_start: *new_paragraph });
    *new_paragraph = false;
}

fn is_closer(kind: TokenKind, span: Span, tokens: &[Token]) -> bool {
    // Only a mark glued to the previous token closes: `said." He` vs `said. "He`.
    let glued = tokens.last().is_some_and(|t| t.span.end() == span.start());
    glued && matches!(kind, TokenKind::DoubleQuote | TokenKind::SingleQuote | TokenKind::Punct) && span.len() <= 3
}

fn scan_word(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = start + i + c.len_utf8();
            continue;
        }
        // Joiners stay inside a word when a letter or digit follows.
        let next_alnum = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        let joins = match c {
            '-' | '\'' | '’' | '&' => next_alnum,
            '.' => next_alnum && is_abbrev_dot(&text[start..start + i], chars.peek().map(|p| p.1)),
            ',' => {
                next_alnum && text[start..start + i].bytes().all(|b| b.is_ascii_digit() || b == b',') && {
                    chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit())
                }
            }
            _ => false,
        };
        if !joins {
            break;
        }
    }
    // "U.S." keeps its final dot; so do single-letter initials ("J.").
    let word = &text[start..end];
    if text.as_bytes().get(end) == Some(&b'.')
        && (word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2))
    {
        end += 1;
    }
    end
}

fn is_abbrev_dot(before: &str, next: Option<char>) -> bool {
    // "3.5" and "U.S" but not "end.Next".
    let last_part = before.rsplit('.').next().unwrap_or(before);
    let digits = !before.is_empty() && before.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
    (digits && next.is_some_and(|n| n.is_ascii_digit()))
        || (last_part.chars().count() == 1 && next.is_some_and(|n| n.is_alphabetic()))
}

/// Clitics split off a word, lowercase, with a straight apostrophe.
const CLITICS: [&str; 7] = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Byte length of the clitic that ends `word` (0 if none), compared case
/// insensitively and reading a curly apostrophe as a straight one.
///
/// Char by char, with no allocation: a clitic is ASCII, and no char other
/// than an ASCII letter (and the curly apostrophe) lowercases to one of
/// its letters, so this equals comparing the lowercased tail (the test
/// `clitics_compare_like_lowercased_tails` checks both facts).
fn clitic_len(word: &str) -> usize {
    for suffix in CLITICS {
        let mut tail = word.chars().rev();
        let mut len = 0;
        let matched = suffix.bytes().rev().all(|want| match tail.next() {
            Some(c) => {
                len += c.len_utf8();
                let c = if c == '’' { '\'' } else { c.to_ascii_lowercase() };
                c == char::from(want)
            }
            None => false,
        });
        if matched {
            return len;
        }
    }
    0
}

fn ends_sentence(text: &str, start: usize, end: usize, tokens: &[Token]) -> bool {
    let mark = &text[start..end];
    if !matches!(mark, "." | "!" | "?" | "..." | "…") {
        return false;
    }
    if mark == "." && tokens.len() >= 2 {
        let prev = tokens[tokens.len() - 2];
        let word = prev.span.slice(text);
        if prev.span.end() == start && WordClass::ABBREVIATION.has_ignoring_ascii_case(word) {
            return false;
        }
        // "No. 10" but not "said no."
        if prev.span.end() == start
            && word.eq_ignore_ascii_case("no")
            && text[end..].trim_start().starts_with(|c: char| c.is_ascii_digit())
        {
            return false;
        }
    }
    // The next visible character must look like a sentence opening.
    let rest = &text[end..];
    let next = rest.chars().find(|c| !c.is_whitespace() && !matches!(c, '"' | '”' | '’' | '\'' | ')' | ']'));
    match next {
        None => true,
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '‘' | '(' | '[' | '—' | '-'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn splits_clitics_and_keeps_abbreviations() {
        assert_eq!(
            words("Clinton’s U.S. team didn't pay $1,000.50."),
            ["Clinton", "’s", "U.S.", "team", "did", "n't", "pay", "$", "1,000.50", "."]
        );
    }

    /// The clitic test as it was first written: the lowercased tail.
    fn clitic_len_by_lowercasing(word: &str) -> usize {
        for suffix in CLITICS {
            let n = suffix.len();
            let mut chars: Vec<char> = word.chars().rev().take(n).collect();
            chars.reverse();
            if chars.into_iter().collect::<String>().to_lowercase().replace('’', "'") == suffix {
                return word.chars().rev().take(n).map(char::len_utf8).sum();
            }
        }
        0
    }

    #[test]
    fn clitics_compare_like_lowercased_tails() {
        // No char but ASCII letters and the apostrophes lowercases to
        // anything in a clitic...
        let clitic_chars: String = CLITICS.concat();
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| !c.is_ascii() && *c != '’') {
            assert!(!c.to_lowercase().any(|l| clitic_chars.contains(l)), "{c:?}");
        }
        // ...so both ways agree, whatever the case, apostrophe or length.
        for word in [
            "didn't",
            "DIDN’T",
            "Clinton’s",
            "CLINTON'S",
            "it's",
            "s",
            "'s",
            "’S",
            "we're",
            "they’VE",
            "I'll",
            "he'd",
            "I’m",
            "m",
            "n't",
            "Kn't",
            "don’t",
            "İ's",
            "Σ's",
            "cafés",
            "x\u{212A}'s",
            "rock'n'roll",
            "",
        ] {
            assert_eq!(clitic_len(word), clitic_len_by_lowercasing(word), "{word}");
        }
    }

    #[test]
    fn abbreviations_do_not_end_sentences_in_any_case() {
        let text = "See MR. Smith and no. 10 today. DR. Who came.";
        let starts: Vec<&str> =
            tokenize(text).iter().filter(|t| t.sentence_start).map(|t| t.span.slice(text)).collect();
        assert_eq!(starts, ["See", "DR"]);
    }

    #[test]
    fn marks_sentences_after_closing_quotes() {
        let text = "He said “no.” Then she left. Mr. Smith stayed.";
        let starts: Vec<&str> =
            tokenize(text).iter().filter(|t| t.sentence_start).map(|t| t.span.slice(text)).collect();
        assert_eq!(starts, ["He", "Then", "Mr"]);
    }

    #[test]
    fn newlines_start_paragraphs() {
        let text = "One line\n\n“Two";
        let tokens = tokenize(text);
        assert!(tokens[2].paragraph_start && tokens[2].kind == TokenKind::DoubleQuote);
    }
}
