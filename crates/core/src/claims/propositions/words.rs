//! The lexical view of a statement (`scripts/claims/text.py`): folded alphanumeric runs, stop
//! words, a small suffix stripper. Invariant: every function gives what its namesake in `text.py`
//! gives, since the idf table (`data/claims/idf.tsv`) is keyed by these stems.

use super::wordpiece::fold;
use crate::lexicon::WordClass;

/// Whether a word is a stop word of claim grouping ([`WordClass::PROPOSITION_STOP_WORD`]).
pub(crate) fn is_stop(word: &str) -> bool {
    WordClass::PROPOSITION_STOP_WORD.has(word)
}

/// Folded, lowercase `[a-z0-9]+` runs, apostrophes (' and ’) deleted first ("don't" is "dont").
pub(crate) fn raw_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in fold(text).chars() {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A deliberately small suffix stripper: ies -> y, sses -> ss, a final s dropped (not after s, u,
/// i); then at most once ing or ed dropped when 3 letters remain, and a doubled final consonant
/// other than l, s, z undoubled. Words of 3 letters or fewer, and numbers, are kept as they are.
/// `word` is a [`raw_words`] word (ASCII).
pub(crate) fn stem(word: &str) -> String {
    if word.len() <= 3 || word.bytes().all(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    let mut w = word.to_string();
    if w.ends_with("ies") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
        w.truncate(w.len() - 1);
    }
    for suffix in ["ing", "ed"] {
        if w.ends_with(suffix) && w.len() - suffix.len() >= 3 {
            w.truncate(w.len() - suffix.len());
            let b = w.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && !matches!(b[b.len() - 1], b'l' | b's' | b'z') {
                w.truncate(w.len() - 1);
            }
            break;
        }
    }
    w
}

/// The stems of the [`raw_words`] that are neither stop words nor one letter long, in order.
pub(crate) fn content_words(text: &str) -> Vec<String> {
    raw_words(text).into_iter().filter(|w| w.len() > 1 && !is_stop(w)).map(|w| stem(&w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_match_the_python() {
        // Expected values from scripts/claims/text.py's stem().
        for (word, expected) in [
            ("studies", "study"),
            ("ties", "tie"),
            ("classes", "class"),
            ("passes", "pass"),
            ("bus", "bus"),
            ("analysis", "analysis"),
            ("running", "run"),
            ("falling", "fall"),
            ("buzzing", "buzz"),
            ("stopped", "stop"),
            ("tried", "tri"),
            ("sing", "sing"),
            ("red", "red"),
            ("bed", "bed"),
            ("needed", "need"),
            ("hopes", "hope"),
            ("dresses", "dress"),
            ("2016", "2016"),
            ("1990s", "1990"),
            ("taxes", "taxe"),
            ("offered", "offer"),
            ("hiring", "hir"),
            ("agreed", "agre"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn raw_words_fold_and_drop_apostrophes() {
        assert_eq!(raw_words("Don't CAFÉ naïve—it’s 3.5%"), ["dont", "cafe", "naive", "its", "3", "5"]);
        assert_eq!(content_words("He said the taxes were rising"), ["taxe", "ris"]);
    }
}
