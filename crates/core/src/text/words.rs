//! The word views of a phrase: how the stages that read a phrase rather
//! than the [`Doc`](super::Doc)'s tokens (a source's name, a content's
//! concepts, the gap between a date and a cue) split it into words.
//!
//! The views differ on purpose, and each is named for what it serves;
//! every stage takes its view from here instead of splitting text itself.
//! Merging views changes output, so it is a measured change of its own.

/// The words of a name or a source phrase: split at spaces, commas, double
/// quotes and brackets, with a possessive or trailing apostrophe cut off
/// ("Clinton’s" is "Clinton"). Case is kept: capitals tell names apart.
pub(crate) fn name_words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '“' | '”' | '"' | '(' | ')'))
        .map(|w| w.trim_end_matches(['’', '\'']).trim_end_matches("’s").trim_end_matches("'s"))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of a (lowercased) proposition with their byte offsets: runs
/// of alphanumerics, so apostrophes and hyphens split words ("russia's" is
/// "russia", "s"). Claims read concepts and negations through it.
pub(crate) fn proposition_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(move |w| {
        // Offset of the slice within `text`: both point into one buffer.
        let offset = w.as_ptr() as usize - text.as_ptr() as usize;
        (offset, w)
    })
}

/// The words of a short gap between two expressions (a date and a cue),
/// lowercased, without the punctuation around each.
pub(crate) fn gap_words(gap: &str) -> Vec<String> {
    gap.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The letter runs of a content, case kept: what the nesting check scans
/// for a capitalised speaker before a verb of saying.
pub(crate) fn letter_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect()
}

/// The words of a content for its negations: lowercase, the curly
/// apostrophe read as a straight one, runs of alphanumerics and
/// apostrophes ("won't" stays whole).
pub(crate) fn negation_words(lower: &str) -> Vec<&str> {
    lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect()
}

/// Whether a word opens with a capital letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_view_splits_as_its_stage_needs() {
        assert_eq!(name_words("the BBC’s Jonathan Beale, (BCC)"), ["the", "BBC", "Jonathan", "Beale", "BCC"]);
        let words: Vec<(usize, &str)> = proposition_words("russia's drones").collect();
        assert_eq!(words, [(0, "russia"), (7, "s"), (9, "drones")]);
        assert_eq!(gap_words(" (just) Days, after "), ["just", "days", "after"]);
        assert_eq!(letter_runs("Lin Jian, 42, said"), ["Lin", "Jian", "said"]);
        assert_eq!(negation_words("we won't go, never"), ["we", "won't", "go", "never"]);
        assert!(is_capitalised("Étienne") && !is_capitalised("étienne") && !is_capitalised(""));
    }
}
