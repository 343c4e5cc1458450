//! Countries and news outlets by name: every country of the world with its
//! aliases ("US", "U.S.", "America"), capitals and metonyms ("Beijing",
//! "the Kremlin", "Downing Street", "the Chinese side") and demonyms
//! ("Ukrainian"), and about a hundred news outlets and agencies (Reuters,
//! AP, Ukrinform, The Kyiv Independent).
//!
//! The table is `data/gazetteer.tsv`, built into the binary. [`Gazetteer`]
//! indexes it once (an Aho–Corasick automaton plus a map of normalised
//! names); hold one and reuse it.

mod table;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::Span;

/// What kind of place a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A country (or a nation of the United Kingdom, or Hong Kong).
    Country,
    /// A news outlet or agency.
    Outlet,
}

/// How a name refers to its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameForm {
    /// The place's name or an alias ("China", "U.S.", "Associated Press").
    Name,
    /// A capital, seat of government or "<demonym> side": the place as a
    /// government ("Beijing", "the Kremlin", "the Chinese side").
    Metonym,
    /// A demonym or adjective ("Chinese", "Ukrainians").
    Demonym,
}

/// A place a name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    /// Its canonical name ("United States", "Associated Press").
    pub name: &'static str,
    /// Country or outlet.
    pub kind: PlaceKind,
    /// How the name found refers to it.
    pub form: NameForm,
    /// True when the name often means something else ("Jordan", "Georgia",
    /// "Washington", "Turkey"): callers should want more evidence.
    pub ambiguous: bool,
}

/// The gazetteer, indexed for lookups and for scanning text.
pub struct Gazetteer {
    // Invariant: pattern `i` of `automaton` is `names[i].text`.
    automaton: Option<AhoCorasick>,
    names: Vec<table::Name>,
    // Normalised name (see `normalise`) to the index of its first listing.
    by_key: HashMap<String, usize>,
}

impl Gazetteer {
    /// The gazetteer of `data/gazetteer.tsv`. Building it takes about ten
    /// milliseconds (a DFA, so that a scan of a 2 KB article costs about
    /// 10 µs): build once, share by reference.
    pub fn builtin() -> Gazetteer {
        let names = table::names();
        let mut by_key = HashMap::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            by_key.entry(normalise(&name.text)).or_insert(i);
        }
        // Standard (overlapping) semantics so that when the longest name at a
        // position fails the word-boundary check ("Chinese side" in "Chinese
        // sidewalk"), a shorter one there still counts.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(names.iter().map(|n| n.text.as_str()));
        // The table has ~1,600 short names, far below any automaton limit;
        // should building ever fail, lookups still work and scans find nothing.
        let automaton = automaton.ok();
        Gazetteer { automaton, names, by_key }
    }

    /// The place `name` names, if any. Case, a leading "the", a possessive
    /// "'s"/"’s", dots ("U.S.") and extra spaces are ignored.
    pub fn lookup(&self, name: &str) -> Option<Place> {
        candidates(name)
            .find_map(|key| self.by_key.get(&key))
            .filter(|&&i| !self.names[i].blocks)
            .map(|&i| self.names[i].place)
    }

    /// The country of a demonym or adjective ("Chinese" → "China",
    /// "Ukrainians" → "Ukraine").
    pub fn demonym_country(&self, word: &str) -> Option<&'static str> {
        match self.lookup(word) {
            Some(place) if place.form == NameForm::Demonym => Some(place.name),
            _ => None,
        }
    }

    /// Every name of the gazetteer in `text`, leftmost-longest, in text
    /// order. A name must stand as whole words, and its capitals must be
    /// capitals in the text ("US" is not "us", "China" is not "china"; an
    /// all-capitals headline matches). The span covers the name without a
    /// preceding "the" (which for "The Times" is part of the name).
    pub fn find_all(&self, text: &str) -> Vec<(Span, Place)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for found in automaton.find_overlapping_iter(text) {
            let (start, end) = (found.start(), found.end());
            let index = found.pattern().as_usize();
            let Some(name) = self.names.get(index) else {
                continue;
            };
            if !is_boundary(text, start, end) || !capitals_agree(&name.text, &bytes[start..end]) {
                continue;
            }
            candidates.push((start, end, index));
        }
        // Leftmost first, longest first at one start; then keep the ones
        // that do not overlap an earlier pick.
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut found = Vec::new();
        let mut covered_to = 0;
        for (start, end, index) in candidates {
            if start < covered_to {
                continue;
            }
            covered_to = end;
            if !self.names[index].blocks {
                found.push((Span::new(start, end), self.names[index].place));
            }
        }
        found
    }
}

/// The keys to try for `name`, most specific first: as given, without a
/// possessive, without a leading "the", without both.
fn candidates(name: &str) -> impl Iterator<Item = String> {
    let full = normalise(name);
    let without_possessive = strip_possessive(&full).map(str::to_string);
    let without_the = full.strip_prefix("the ").map(str::to_string);
    let without_both = without_the.as_deref().and_then(strip_possessive).map(str::to_string);
    [Some(full), without_possessive, without_the, without_both].into_iter().flatten()
}

fn strip_possessive(key: &str) -> Option<&str> {
    key.strip_suffix("'s").or_else(|| key.strip_suffix('\''))
}

/// Lowercase, curly apostrophes straight, dots dropped, runs of spaces one.
fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '.' => {}
                '’' => out.push('\''),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// True when `start..end` of `text` stands as whole words: no letter or
/// digit right before or after it.
fn is_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '@');
    !joins(before) && !after.is_some_and(|c| c.is_alphanumeric())
}

/// True when every capital of `pattern` is a capital in `found` as well; a
/// leading "The " of the pattern may be "the " in text.
fn capitals_agree(pattern: &str, found: &[u8]) -> bool {
    let pattern = pattern.as_bytes();
    if pattern.len() != found.len() {
        // Only ASCII letters are matched case-insensitively, so lengths agree;
        // be safe and accept rather than index out of bounds.
        return true;
    }
    let skip = if pattern.starts_with(b"The ") { 1 } else { 0 };
    pattern.iter().zip(found).skip(skip).all(|(p, f)| !p.is_ascii_uppercase() || f.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(gazetteer: &Gazetteer, text: &str) -> Vec<(String, &'static str, NameForm)> {
        gazetteer
            .find_all(text)
            .into_iter()
            .map(|(span, place)| (span.slice(text).to_string(), place.name, place.form))
            .collect()
    }

    #[test]
    fn lookup_normalises() {
        let g = Gazetteer::builtin();
        for (name, canonical) in [
            ("US", "United States"),
            ("U.S.", "United States"),
            ("the United States", "United States"),
            ("America's", "United States"),
            ("UK", "United Kingdom"),
            ("Britain’s", "United Kingdom"),
            ("the Kremlin", "Russia"),
            ("The White House", "United States"),
            ("Downing Street", "United Kingdom"),
            ("Kiev", "Ukraine"),
            ("the Chinese side", "China"),
            ("AP", "Associated Press"),
            ("the New York Times", "The New York Times"),
            ("@KyivIndependent", "The Kyiv Independent"),
            ("St. John's", "Antigua and Barbuda"),
        ] {
            assert_eq!(g.lookup(name).map(|p| p.name), Some(canonical), "{name}");
        }
        assert_eq!(g.lookup("Reuters").map(|p| p.kind), Some(PlaceKind::Outlet));
        assert_eq!(g.lookup("Times"), None);
        assert_eq!(g.lookup("Zelenskyy"), None);
    }

    #[test]
    fn finds_every_name_in_a_text() {
        let gazetteer = Gazetteer::builtin();
        let place = gazetteer.lookup("the Kremlin's").expect("the Kremlin");
        assert_eq!((place.name, place.kind), ("Russia", PlaceKind::Country));
        let found = gazetteer.find_all("Beijing denied it, Reuters said.");
        let names: Vec<&str> = found.iter().map(|(_, place)| place.name).collect();
        assert_eq!(names, ["China", "Reuters"]);
    }

    #[test]
    fn demonyms() {
        let g = Gazetteer::builtin();
        assert_eq!(g.demonym_country("Chinese"), Some("China"));
        assert_eq!(g.demonym_country("Ukrainians"), Some("Ukraine"));
        assert_eq!(g.demonym_country("British"), Some("United Kingdom"));
        assert_eq!(g.demonym_country("China"), None);
        assert_eq!(g.demonym_country("Israeli"), Some("Israel"));
    }

    #[test]
    fn seed_sentence() {
        // From the seed article (shared/eval/seed/zelenskyy-drones.txt).
        let g = Gazetteer::builtin();
        let text = "Zelenskyy has claimed that Chinese citizens are helping to produce drones \
                    at a facility in Russia and suggested that Moscow may have “stolen” drone \
                    technology from Beijing.";
        let found = names_in(&g, text);
        let names: Vec<&str> = found.iter().map(|f| f.1).collect();
        assert_eq!(names, ["China", "Russia", "Russia", "China"]);
        assert_eq!(found[2].2, NameForm::Metonym);
        assert_eq!(found[0].2, NameForm::Demonym);
        for (text, expected) in [
            (
                "— The Kyiv Independent (@KyivIndependent) April 22, 2025",
                &["The Kyiv Independent", "The Kyiv Independent"][..],
            ),
            ("the Reuters news agency said", &["Reuters"]),
            ("he said, according to the Ukrinform news site", &["Ukrinform"]),
            ("Ukraine’s Ministry of Foreign Affairs said on Tuesday", &["Ukraine"]),
        ] {
            assert_eq!(canonical_names(&g, text), expected, "{text}");
        }
    }

    #[test]
    fn chinese_side_is_one_metonym() {
        let g = Gazetteer::builtin();
        let text = "information of a broader nature to the Chinese side regarding Chinese citizens";
        let found = names_in(&g, text);
        assert_eq!(found[0], ("Chinese side".to_string(), "China", NameForm::Metonym));
        assert_eq!(found[1], ("Chinese".to_string(), "China", NameForm::Demonym));
        let found = names_in(&g, "the Chinese sidewalk");
        assert_eq!(found, [("Chinese".to_string(), "China", NameForm::Demonym)]);
    }

    fn canonical_names(g: &Gazetteer, text: &str) -> Vec<&'static str> {
        g.find_all(text).into_iter().map(|(_, place)| place.name).collect()
    }

    #[test]
    fn bbc_sentences() {
        // Fragments of shared/corpus/bbc-news articles.
        let g = Gazetteer::builtin();
        for (text, expected) in [
            (
                "Although the White House officially still backs the US's traditional",
                &["United States", "United States"][..],
            ),
            ("So far it has only received $11m from the US and the UK", &["United States", "United Kingdom"]),
            ("says the BBC's Louisa Lim in Beijing", &["BBC", "China"]),
            ("Shedding some light on the Kremlin's motivation, Mr Putin", &["Russia"]),
            ("particular the US, have blamed for a surge in cheap Chinese exports", &["United States", "China"]),
        ] {
            assert_eq!(canonical_names(&g, text), expected, "{text}");
        }
    }

    #[test]
    fn polnear_sentences() {
        // Fragments of shared/eval/polnear/dev texts.
        let g = Gazetteer::builtin();
        for (text, expected) in [
            ("Trump campaign spokesman Jason Miller told The Washington Post that", &["The Washington Post"][..]),
            ("pollster Pat Caddell told Breitbart News Daily host Alex Marlow", &["Breitbart"]),
            ("Putney later told CNN that the video was not from a", &["CNN"]),
        ] {
            assert_eq!(canonical_names(&g, text), expected, "{text}");
        }
    }

    #[test]
    fn case_and_boundaries_matter() {
        let g = Gazetteer::builtin();
        assert!(g.find_all("let us go to the china shop").is_empty());
        assert!(g.find_all("Russian-made Chinamen? Ukrainianism").iter().all(|(s, _)| s.start() == 0));
        let found = names_in(&g, "CHINA DENIES REPORT");
        assert_eq!(found[0].1, "China");
        let found = names_in(&g, "Kremlin’s spokesman, quoted by the Associated Press");
        let names: Vec<&str> = found.iter().map(|f| f.1).collect();
        assert_eq!(names, ["Russia", "Associated Press"]);
    }

    #[test]
    fn regions_are_not_countries() {
        let g = Gazetteer::builtin();
        // Fragments of shared/corpus/bbc-news.
        for text in
            ["in South America, and othe", "to Central America after Hur", "A subsequent New South Wales state inq"]
        {
            assert!(g.find_all(text).is_empty(), "{text}");
        }
        assert_eq!(g.lookup("South America"), None);
        assert_eq!(canonical_names(&g, "America and Mexico"), ["United States", "Mexico"]);
    }

    #[test]
    fn outlet_article_is_part_of_the_name() {
        let g = Gazetteer::builtin();
        let found = names_in(&g, "as the Times reported, Times were hard");
        assert_eq!(found, [("the Times".to_string(), "The Times", NameForm::Name)]);
    }

    #[test]
    fn ambiguous_names_are_marked() {
        let g = Gazetteer::builtin();
        assert_eq!(g.lookup("Jordan").map(|p| p.ambiguous), Some(true));
        assert_eq!(g.lookup("Jordanian").map(|p| p.ambiguous), Some(false));
        assert_eq!(g.lookup("Washington").map(|p| p.ambiguous), Some(true));
    }

    proptest::proptest! {
        // Each case builds the gazetteer (milliseconds): fewer cases.
        #![proptest_config(proptest::test_runner::Config::with_cases(48))]
        #[test]
        fn any_text_scans_without_panic(text in "(\\PC|US|U.S.|the |Chinese side|’s|Kremlin){0,40}") {
            let g = Gazetteer::builtin();
            let mut last_end = 0;
            for (span, _) in g.find_all(&text) {
                proptest::prop_assert!(text.get(span.start()..span.end()).is_some());
                proptest::prop_assert!(span.start() >= last_end);
                last_end = span.end();
            }
            let _ = g.lookup(&text);
        }
    }
}
