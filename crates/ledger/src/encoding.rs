//! How values are written into ledger columns, the same on both backends:
//! dates as ISO `YYYY-MM-DD` text (so that they sort as text), byte spans as
//! "start-end" pieces joined by ",", stances and kinds as the lowercase wire
//! names of the core enums, entity names in a normalised form, and the
//! words of a user's full-text query.

use chrono::NaiveDate;
use hearsay_core::{AttributionKind, Role, Stance};

pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn date_of(text: Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&text?, "%Y-%m-%d").ok()
}

pub(crate) fn spans_text(role: &Role) -> String {
    let parts: Vec<String> = role.spans().iter().map(|span| format!("{}-{}", span.start(), span.end())).collect();
    parts.join(",")
}

pub(crate) fn spans_of(text: &str) -> Vec<(usize, usize)> {
    text.split(',')
        .filter_map(|piece| {
            let (start, end) = piece.split_once('-')?;
            Some((start.parse().ok()?, end.parse().ok()?))
        })
        .collect()
}

// Unknown names (a newer schema's) read as the most neutral value.
pub(crate) fn stance_of(text: &str) -> Stance {
    match text {
        "assert" => Stance::Assert,
        "deny" => Stance::Deny,
        "question" => Stance::Question,
        _ => Stance::Report,
    }
}

pub(crate) fn kind_of(text: &str) -> AttributionKind {
    match text {
        "direct" => AttributionKind::Direct,
        "mixed" => AttributionKind::Mixed,
        _ => AttributionKind::Indirect,
    }
}

/// The form entity names are matched by: lowercase, single spaces, no
/// leading "the".
pub(crate) fn normalise_name(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// A name with its spelling variants folded together: transliterations
/// such as "Zelenskyy", "Zelenskiy" and "Zelensky" give one key. Each word
/// loses its doubled letters and its ending in "iy", "yi", "ij" or "ii"
/// becomes "y".
pub(crate) fn transliteration_key(norm: &str) -> String {
    norm.split_whitespace()
        .map(|word| {
            let mut folded = String::with_capacity(word.len());
            for c in word.chars() {
                if !folded.ends_with(c) {
                    folded.push(c);
                }
            }
            for ending in ["iy", "yi", "ij", "ii"] {
                if let Some(stem) = folded.strip_suffix(ending) {
                    if stem.chars().count() >= 3 {
                        folded = format!("{stem}y");
                    }
                    break;
                }
            }
            folded
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The first letters that every spelling of a name shares, for a `LIKE`
/// prefix that narrows [`transliteration_key`] lookups (the first four).
pub(crate) fn transliteration_prefix(norm: &str) -> Option<String> {
    let prefix: String = norm.chars().take(4).collect();
    (prefix.chars().count() == 4 && prefix.chars().all(char::is_alphanumeric))
        .then(|| format!("{}%", prefix.replace('\\', "\\\\")))
}

/// A `LIKE` pattern (escape character `\`) for names containing `text`,
/// ignoring case; `None` for blank text.
pub(crate) fn like_pattern(text: &str) -> Option<String> {
    let needle = text.trim().to_lowercase();
    if needle.is_empty() {
        return None;
    }
    Some(format!("%{}%", needle.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
}

/// The words of a user's full-text query (runs of alphanumeric
/// characters): every one is required. Each backend quotes them its own way,
/// so that no query syntax leaks through.
pub(crate) fn query_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_fold_to_one_key() {
        let key = |n: &str| transliteration_key(&normalise_name(n));
        assert_eq!(key("Volodymyr Zelenskyy"), key("Volodymyr Zelenskiy"));
        assert_eq!(key("Zelenskiy"), key("Zelensky"));
        assert_ne!(key("Blair"), key("Blain"));
    }

    #[test]
    fn names_normalise_and_patterns_escape() {
        assert_eq!(normalise_name("The  White House"), "white house");
        assert_eq!(normalise_name("The"), "the");
        assert_eq!(like_pattern(" 50%_a\\ ").as_deref(), Some("%50\\%\\_a\\\\%"));
        assert_eq!(like_pattern("  "), None);
    }

    #[test]
    fn spans_and_words_round_trip() {
        assert_eq!(spans_of("3-7,10-12"), [(3, 7), (10, 12)]);
        assert_eq!(query_words("\"AND OR (* NEAR"), ["AND", "OR", "NEAR"]);
        assert!(query_words(" -- ").is_empty());
    }
}
