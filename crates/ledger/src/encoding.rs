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
