//! The document's full names: every run of capitalised words that reads as
//! a person's name, wherever it stands (in a source, a content, a quote, a
//! headline), counted. A speaker met only by surname ("Pence", "WALLACE",
//! "De Blasio") takes the full name the article gives elsewhere ("Mike
//! Pence", "Chris Wallace", "Bill de Blasio") when one full name is the
//! clear choice.

use std::collections::HashMap;

use super::speakers::same_word;
use crate::gazetteer::Gazetteer;
use crate::lexicon::WordClass;
use crate::text::{Doc, TokenKind};

/// Lowercase particles inside names ("Bill de Blasio", "Ursula von der Leyen").
const PARTICLES: &[&str] =
    &["de", "del", "della", "di", "da", "van", "von", "der", "den", "la", "le", "bin", "al", "dos"];

/// The full names of a document (two to four words, the last capitalised),
/// with how often each is written.
pub(super) struct FullNames {
    // Invariant: each name's words, with its count; no name twice.
    names: Vec<(Vec<String>, usize)>,
    // Of full names that share a surname, how often the first name stands
    // alone ("Hillary was back"): what breaks a tie between them.
    alone: HashMap<String, usize>,
}

impl FullNames {
    /// Every full name of `doc` that ends in one of `surnames` (as
    /// [`FullNames::complete`] compares last words): the only ones a
    /// completion can choose, so the rest are not looked up at all.
    pub(super) fn of(doc: &Doc<'_>, gazetteer: &Gazetteer, surnames: &[&str]) -> FullNames {
        let text = doc.text();
        let mut counts: HashMap<Vec<String>, usize> = HashMap::new();
        let mut run: Vec<&str> = Vec::new();
        // Names written below the headline at least once.
        let mut in_body: std::collections::HashSet<Vec<String>> = std::collections::HashSet::new();
        let mut below_headline = false;
        let headline_end = headline_end(doc);
        let mut flush = |run: &mut Vec<&str>, below_headline: bool| {
            let last = run.iter().rev().find(|w| !PARTICLES.contains(w));
            if !last.is_some_and(|last| surnames.iter().any(|surname| same_word(last, surname))) {
                run.clear();
                return;
            }
            // Leading function and role words are not part of the name
            // ("But Mike Pence", "Governor Mike Pence"), nor trailing particles.
            let mut words: &[&str] = run;
            // A title of several words ("Home Secretary Charles Clarke",
            // "Deputy Prime Minister Abdullatif Sener") ends at its last
            // role word.
            if let Some(last_role) = words.iter().rposition(|w| WordClass::ROLE.has(&w.to_lowercase())) {
                words = &words[last_role + 1..];
            }
            while let Some(first) = words.first() {
                let lower = first.to_lowercase();
                let leading = WordClass::CAPITALISED_FUNCTION_WORD.has(first)
                    || WordClass::CAPITALISED_OPENER.has(first)
                    || WordClass::ROLE.has(&lower)
                    || gazetteer.demonym_country(first).is_some()
                    || PARTICLES.contains(&lower.as_str());
                if !leading {
                    break;
                }
                words = &words[1..];
            }
            while words.last().is_some_and(|w| PARTICLES.contains(w)) {
                words = &words[..words.len() - 1];
            }
            let is_name = (2..=4).contains(&words.len())
                && !words.iter().any(|w| WordClass::ORGANISATION_HEAD.has(&w.to_lowercase()))
                && gazetteer.lookup(&words.join(" ")).is_none()
                && !words.iter().any(|w| w.chars().all(|c| c.is_uppercase()) && w.chars().count() > 1);
            if is_name {
                let name: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                if below_headline {
                    in_body.insert(name.clone());
                }
                *counts.entry(name).or_insert(0) += 1;
            }
            run.clear();
        };
        for (i, token) in doc.tokens.iter().enumerate() {
            let word = token.span.slice(text);
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            let particle = !run.is_empty() && PARTICLES.contains(&word);
            let continues = run.is_empty() || !token.sentence_start;
            if token.kind == TokenKind::Word && (capitalised || particle) && continues {
                if run.is_empty() {
                    below_headline = i >= headline_end;
                }
                run.push(word);
                continue;
            }
            flush(&mut run, below_headline);
            if token.kind == TokenKind::Word && capitalised {
                below_headline = i >= headline_end;
                run.push(word);
            }
        }
        flush(&mut run, below_headline);
        // A headline capitalises every word: "Mogul Wilson backing UK rap
        // band" is no rival to the body's "Tony Wilson". A name met only
        // in the headline gives way to a name of the body with its surname.
        let body_surnames: Vec<String> = in_body.iter().filter_map(|name| name.last().cloned()).collect();
        counts.retain(|name, _| {
            in_body.contains(name) || !name.last().is_some_and(|last| body_surnames.iter().any(|s| same_word(s, last)))
        });
        let mut names: Vec<(Vec<String>, usize)> = counts.into_iter().collect();
        names.sort();
        let alone = first_names_alone(doc, &names);
        FullNames { names, alone }
    }

    /// The full name that a shorter name (a surname, a surname with its
    /// particle, a transcript label in capitals) stands for: the most
    /// frequent full name ending with it, when no other one is as frequent.
    pub(super) fn complete(&self, short: &[&str]) -> Option<String> {
        let ends_with = |full: &[String]| {
            full.len() > short.len()
                && full[full.len() - short.len()..].iter().zip(short).enumerate().all(|(k, (f, s))| {
                    if k + 1 == short.len() {
                        same_word(f, s)
                    } else {
                        f.eq_ignore_ascii_case(s) || f.to_lowercase() == s.to_lowercase()
                    }
                })
        };
        let mut found: Vec<(&Vec<String>, usize)> =
            self.names.iter().filter(|(full, _)| ends_with(full)).map(|(full, n)| (full, *n)).collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let alone = |full: &[String]| full.first().and_then(|first| self.alone.get(first)).copied().unwrap_or(0);
        match found.as_slice() {
            [] => None,
            // "Bill Clinton" and "Hillary Clinton" once each: the one
            // whose first name the article also uses alone, if just one.
            [(best, n), (other, m), rest @ ..] if n == m && !ends_with_words(best, other) => {
                let tied: Vec<&Vec<String>> =
                    [*best, *other].into_iter().chain(rest.iter().filter(|(_, k)| k == n).map(|(f, _)| *f)).collect();
                let most = tied.iter().map(|f| alone(f)).max().unwrap_or(0);
                let leaders: Vec<&&Vec<String>> = tied.iter().filter(|f| alone(f) == most).collect();
                match leaders[..] {
                    [only] if most > 0 => Some(only.join(" ")),
                    _ => None,
                }
            }
            [(best, _), ..] => Some(best.join(" ")),
        }
    }
}

/// The first token after the headline: the end of the first paragraph when
/// other paragraphs follow it and it has at most 20 words (as
/// `statements/headline.rs` reads a headline), else 0.
fn headline_end(doc: &Doc<'_>) -> usize {
    let Some(&(first, end)) = doc.paragraphs().first() else { return 0 };
    let words = (first..end).filter(|&i| doc.tokens[i].kind == TokenKind::Word).count();
    let is_headline = first == 0 && end < doc.tokens.len() && words <= 20;
    if is_headline {
        end
    } else {
        0
    }
}

/// How often each first name of two full names with one surname stands
/// alone in `doc` (not before another capitalised word): counted only
/// where such a pair exists, so most documents are not scanned again.
fn first_names_alone(doc: &Doc<'_>, names: &[(Vec<String>, usize)]) -> HashMap<String, usize> {
    let mut alone = HashMap::new();
    let shares_surname = |a: &Vec<String>| {
        names.iter().any(|(b, _)| b != a && a.last() == b.last() && a.first() != b.first() && a.len() == 2)
    };
    let firsts: Vec<&str> = names
        .iter()
        .filter(|(full, _)| shares_surname(full))
        .filter_map(|(full, _)| full.first().map(String::as_str))
        .collect();
    if firsts.is_empty() {
        return alone;
    }
    let text = doc.text();
    for (i, token) in doc.tokens.iter().enumerate() {
        let word = token.span.slice(text);
        let Some(&first) = firsts.iter().find(|&&f| f == word) else { continue };
        let next_capitalised = doc
            .tokens
            .get(i + 1)
            .is_some_and(|next| next.kind == TokenKind::Word && next.span.slice(text).starts_with(char::is_uppercase));
        if !next_capitalised {
            *alone.entry(first.to_string()).or_insert(0) += 1;
        }
    }
    alone
}

/// Whether one name is the other with more words in front ("Donald John
/// Trump" and "John Trump" are one choice, not two).
fn ends_with_words(a: &[String], b: &[String]) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    long[long.len() - short.len()..] == *short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn names(text: &str) -> FullNames {
        let surnames = ["Zelenskyy", "Clarke", "Pence", "Trump", "Blasio", "Smith"];
        FullNames::of(&Doc::new(text, &Lexicon::new()), &Gazetteer::builtin(), &surnames)
    }

    #[test]
    fn a_surname_takes_the_full_name_the_article_gives() {
        let found = names("Ukrainian President Volodymyr Zelenskyy spoke.");
        assert_eq!(found.complete(&["Zelenskyy"]).as_deref(), Some("Volodymyr Zelenskyy"));
        let found = names("Home Secretary Charles Clarke said so. Clarke left.");
        assert_eq!(found.complete(&["Clarke"]).as_deref(), Some("Charles Clarke"));
        let found = names("Governor Mike Pence spoke. “I met Donald Trump,” Pence said. Mayor Bill de Blasio agreed.");
        assert_eq!(found.complete(&["Pence"]).as_deref(), Some("Mike Pence"));
        assert_eq!(found.complete(&["PENCE"]).as_deref(), Some("Mike Pence"));
        assert_eq!(found.complete(&["Trump"]).as_deref(), Some("Donald Trump"));
        assert_eq!(found.complete(&["De", "Blasio"]).as_deref(), Some("Bill de Blasio"));
        assert_eq!(found.complete(&["Smith"]), None);
    }

    #[test]
    fn a_name_met_only_in_the_headline_gives_way_to_the_body_s() {
        let found =
            names("Mogul Smith backs rap band\n\nTony Smith, the music mogul, is to launch a label. Smith said so.");
        assert_eq!(found.complete(&["Smith"]).as_deref(), Some("Tony Smith"));
    }

    #[test]
    fn two_full_names_as_frequent_leave_a_surname_alone() {
        let found = names("Donald Trump and Ivana Trump met. Trump said so.");
        assert_eq!(found.complete(&["Trump"]), None);
        let found = names("Donald Trump and Ivana Trump met. Donald Trump said so.");
        assert_eq!(found.complete(&["Trump"]).as_deref(), Some("Donald Trump"));
        // A tie goes to the one whose first name also stands alone.
        let found = names("Donald Trump and Ivana Trump met. Ivana left early. Trump said so.");
        assert_eq!(found.complete(&["Trump"]).as_deref(), Some("Ivana Trump"));
    }
}
