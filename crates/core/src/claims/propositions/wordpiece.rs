//! BERT-uncased WordPiece, as all-MiniLM-L6-v2 tokenises (`scripts/claims/text.py`), without the
//! `tokenizers` crate: the ids index the static embedding table.
//!
//! Invariant: [`WordPiece::encode`] gives exactly the ids `text.WordPiece.encode` gives (no
//! `[CLS]`/`[SEP]`); the unit tests pin ids obtained from the Python.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// The longest word, in chars, that WordPiece splits; a longer one is `[UNK]`.
const MAX_WORD_CHARS: usize = 100;

/// BERT's uncased normalisation: NFD, combining marks (Mn) dropped, lowercase.
pub(crate) fn fold(text: &str) -> String {
    let stripped: String = text.nfd().filter(|c| c.general_category() != GeneralCategory::NonspacingMark).collect();
    stripped.to_lowercase()
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || c.general_category_group() == GeneralCategoryGroup::Punctuation
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F | 0x2B740..=0x2B81F
        | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// BERT's basic split of folded text: control characters dropped, words split on whitespace, and
/// every punctuation character and CJK ideograph a word of its own.
fn basic_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in fold(text).chars() {
        let control = c.general_category_group() == GeneralCategoryGroup::Other && !matches!(c, '\t' | '\n' | '\r');
        if c == '\0' || c == '\u{FFFD}' || control {
            continue;
        }
        if c.is_whitespace() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else if is_punctuation(c) || is_cjk(c) {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push(c.to_string());
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The WordPiece vocabulary: a piece to its id (its line number in `vocab.txt`).
pub(crate) struct WordPiece {
    vocab: HashMap<&'static str, u32>,
    unk: u32,
}

impl WordPiece {
    /// The vocabulary of `vocab_txt`, one piece a line. `None` when it lacks `[UNK]`.
    pub(crate) fn new(vocab_txt: &'static str) -> Option<WordPiece> {
        let vocab: HashMap<&'static str, u32> =
            vocab_txt.split('\n').filter(|l| !l.is_empty()).enumerate().map(|(i, l)| (l, i as u32)).collect();
        let unk = *vocab.get("[UNK]")?;
        Some(WordPiece { vocab, unk })
    }

    /// How many ids there are.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.vocab.len()
    }

    /// The ids of `text`, without `[CLS]` and `[SEP]`, appended to `out`.
    pub(crate) fn encode(&self, text: &str, out: &mut Vec<u32>) {
        let mut piece = String::new();
        for word in basic_words(text) {
            self.word(&word, &mut piece, out);
        }
    }

    /// Greedy longest match from the left; continuation pieces carry `##`. A word longer than
    /// [`MAX_WORD_CHARS`], or one with no match at some point, is one `[UNK]`.
    fn word(&self, word: &str, piece: &mut String, out: &mut Vec<u32>) {
        let mut bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
        if bounds.len() > MAX_WORD_CHARS {
            out.push(self.unk);
            return;
        }
        bounds.push(word.len());
        let n_chars = bounds.len() - 1;
        let first_id = out.len();
        let mut start = 0;
        while start < n_chars {
            let mut end = n_chars;
            let mut hit = None;
            while start < end {
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.push_str(&word[bounds[start]..bounds[end]]);
                if let Some(&id) = self.vocab.get(piece.as_str()) {
                    hit = Some(id);
                    break;
                }
                end -= 1;
            }
            match hit {
                Some(id) => out.push(id),
                None => {
                    out.truncate(first_id);
                    out.push(self.unk);
                    return;
                }
            }
            start = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::ClaimModel;

    fn ids(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        ClaimModel::builtin().wordpiece.encode(text, &mut out);
        out
    }

    #[test]
    fn ids_match_the_python_reference() {
        // Expected ids from scripts/claims/text.py's WordPiece.encode, which equals the
        // `tokenizers` library on 8,419 texts (check_wordpiece.py).
        let cases: &[(&str, &[u32])] = &[
            (
                "Café naïve résumé — Zürich's “quoted” text!",
                &[7668, 15743, 13746, 1517, 10204, 1005, 1055, 1523, 9339, 1524, 3793, 999],
            ),
            ("北京欢迎你 and 東京", &[1781, 1755, 100, 100, 100, 1998, 1879, 1755]),
            (
                "hello,world...(test)[x]{y}",
                &[7592, 1010, 2088, 1012, 1012, 1012, 1006, 3231, 1007, 1031, 1060, 1033, 1063, 1061, 1065],
            ),
            (
                "supercalifragilisticexpialidocious antidisestablishmentarianism",
                &[
                    3565, 9289, 10128, 29181, 24411, 4588, 10288, 19312, 21273, 10085, 6313, 3424, 10521, 4355, 7875,
                    13602, 3672, 12199, 2964,
                ],
            ),
            ("x\u{0}y\u{FFFD}z\u{200B}w tab\tnew\nline", &[1060, 2100, 2480, 2860, 21628, 2047, 2240]),
            (
                "Ωmega ΣΊΣΥΦΟΣ ß ﬁ ½ ①",
                &[1179, 4168, 3654, 1173, 18199, 29733, 29735, 29736, 15297, 1096, 1984, 1092, 100],
            ),
            ("emoji 😀 and 🇺🇸 flag", &[7861, 29147, 2072, 100, 1998, 100, 5210]),
            (
                "don't won't 3.5% $100 @user #tag",
                &[2123, 1005, 1056, 2180, 1005, 1056, 1017, 1012, 1019, 1003, 1002, 2531, 1030, 5310, 1001, 6415],
            ),
            ("İstanbul ŁÓDŹ Ørsted", &[9960, 17814, 1100, 12096, 2098]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(ids(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn a_word_over_100_chars_is_unknown() {
        assert_eq!(ids(&"a".repeat(101)), [100]);
        assert_ne!(ids(&"a".repeat(100)), [100]);
    }
}
