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
