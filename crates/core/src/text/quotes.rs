//! Which tokens lie inside double quotes.
//!
//! News writes quotes with straight marks, curly marks and guillemets, often
//! unbalanced. Pairing runs per paragraph: a mark opens when it is followed
//! by text and preceded by space or an opener, and closes otherwise. A quote
//! left open at the end of a paragraph is closed there (the news convention
//! for a quotation running over paragraphs reopens the mark in each one). A
//! closing mark with no opener means the opener was lost: the quote is taken
//! to run from the paragraph start, and a diagnostic says so.

use super::token::{Token, TokenKind};
use crate::Diagnostic;
#[cfg(test)]
use crate::Span;

/// The quotation a token belongs to, if any.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuoteInfo {
    /// Index of the quote (0, 1, ...) in the text, when the token is inside one.
    pub quote: Option<u32>,
    /// The token is an opening mark.
    pub opens: bool,
    /// The token is a closing mark.
    pub closes: bool,
}

/// One quotation: token range, marks included.
#[derive(Debug, Clone, Copy)]
pub struct Quotation {
    /// First token (the opening mark when there is one).
    pub first: usize,
    /// Last token (the closing mark when there is one).
    pub last: usize,
    /// Words between the marks.
    pub n_words: usize,
    /// Whether the quote holds a sentence end or a comma before its close:
    /// speech, not a title or scare quote.
    pub has_clause_punct: bool,
}

/// Quote membership per token plus the quotations found.
pub fn find_quotes(
    text: &str,
    tokens: &[Token],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<QuoteInfo>, Vec<Quotation>) {
    let mut info = vec![QuoteInfo::default(); tokens.len()];
    let mut quotes: Vec<Quotation> = Vec::new();
    let mut open: Option<usize> = None;
    let mut paragraph_first = 0;
    for i in 0..tokens.len() {
        let token = tokens[i];
        if token.paragraph_start {
            if let Some(first) = open.take() {
                close(&mut info, &mut quotes, text, tokens, first, i - 1);
            }
            paragraph_first = i;
        }
        if token.kind != TokenKind::DoubleQuote {
            continue;
        }
        let mark = token.span.slice(text);
        let role = mark_role(text, tokens, i, mark);
        match (open, role) {
            (None, MarkRole::Close) => {
                // A lost opener: quote from the paragraph start.
                diagnostics
                    .push(Diagnostic { span: token.span, message: "closing quote mark without an opening one".into() });
                if i > paragraph_first {
                    close(&mut info, &mut quotes, text, tokens, paragraph_first, i);
                    info[i].closes = true;
                }
            }
            (None, _) => {
                open = Some(i);
                info[i].opens = true;
            }
            (Some(first), MarkRole::Open) if i == first + 1 => {
                // Two openers in a row: keep the first.
            }
            (Some(first), MarkRole::Open) if is_curly(mark) => {
                // A curly opener inside an open quote: the previous one was never closed.
                diagnostics.push(Diagnostic { span: tokens[first].span, message: "quote mark never closed".into() });
                close(&mut info, &mut quotes, text, tokens, first, i - 1);
                open = Some(i);
                info[i].opens = true;
            }
            (Some(first), _) => {
                close(&mut info, &mut quotes, text, tokens, first, i);
                info[i].closes = true;
                open = None;
            }
        }
    }
    if let Some(first) = open {
        if tokens.len() > first + 1 {
            close(&mut info, &mut quotes, text, tokens, first, tokens.len() - 1);
        }
    }
    (info, quotes)
}

fn is_curly(mark: &str) -> bool {
    matches!(mark, "“" | "„" | "«")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkRole {
    Open,
    Close,
    Either,
}

fn mark_role(text: &str, tokens: &[Token], i: usize, mark: &str) -> MarkRole {
    match mark {
        "“" | "„" | "«" => return MarkRole::Open,
        "”" | "»" => return MarkRole::Close,
        _ => {}
    }
    let span = tokens[i].span;
    let before = text[..span.start()].chars().next_back();
    let after = text[span.end()..].chars().next();
    let space_before = before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'));
    let space_after = after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '?' | '!' | ')'));
    match (space_before, space_after) {
        (true, false) => MarkRole::Open,
        (false, true) => MarkRole::Close,
        _ => MarkRole::Either,
    }
}

fn close(info: &mut [QuoteInfo], quotes: &mut Vec<Quotation>, text: &str, tokens: &[Token], first: usize, last: usize) {
    let idx = quotes.len() as u32;
    let mut n_words = 0;
    let mut has_clause_punct = false;
    for j in first..=last {
        info[j].quote = Some(idx);
        match tokens[j].kind {
            TokenKind::Word | TokenKind::Number => n_words += 1,
            TokenKind::Punct => {
                let p = tokens[j].span.slice(text);
                if matches!(p, "." | "," | "?" | "!" | ";" | ":") && j + 1 >= last {
                    has_clause_punct = true;
                }
                if matches!(p, "." | "?" | "!") && j < last {
                    has_clause_punct = true;
                }
            }
            _ => {}
        }
    }
    quotes.push(Quotation { first, last, n_words, has_clause_punct });
}

/// The span from a quotation's first to last token.
#[cfg(test)]
pub fn quotation_span(tokens: &[Token], quotation: &Quotation) -> Span {
    tokens[quotation.first].span.cover(tokens[quotation.last].span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn quoted(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let (_, quotes) = find_quotes(text, &tokens, &mut Vec::new());
        quotes.iter().map(|q| quotation_span(&tokens, q).slice(text).to_string()).collect()
    }

    #[test]
    fn pairs_curly_and_straight_marks() {
        assert_eq!(quoted("He said “yes, we will.” Then \"no\" came."), ["“yes, we will.”", "\"no\""]);
    }

    #[test]
    fn quote_over_paragraphs_closes_at_each_paragraph_end() {
        assert_eq!(quoted("“First part.\n\n“Second part,” he said."), ["“First part.", "“Second part,”"]);
    }

    #[test]
    fn lost_opener_quotes_from_paragraph_start() {
        let text = "we will win,” he said.";
        let tokens = tokenize(text);
        let mut diagnostics = Vec::new();
        let (_, quotes) = find_quotes(text, &tokens, &mut diagnostics);
        assert_eq!(quotation_span(&tokens, &quotes[0]).slice(text), "we will win,”");
        assert_eq!(diagnostics.len(), 1);
    }

    #[test]
    fn ten_thousand_marks_do_not_blow_up() {
        let text = "\"".repeat(10_000);
        let tokens = tokenize(&text);
        let (info, _) = find_quotes(&text, &tokens, &mut Vec::new());
        assert_eq!(info.len(), 10_000);
    }
}
