//! The `claims named in contents` stage: a statement whose content opens with someone else's
//! claim ("dismissed Bernie Sanders' accusations that the Clinton campaign is violating federal
//! election law", "rejected criticism from Donald Trump that shutting down the unit made the city
//! less safe") reports that claim too: its owner said what follows "that". The tagger, trained
//! on outer statements, does not find it; this stage adds it as a statement of its own, so that
//! its owner is a speaker and a denial of it has an assertion to contest.
//!
//! Two shapes, at the opening of a content only (deeper in, the noun is seldom the owner's):
//! "OWNER's [word] NOUN that ..." and "[the] [word] NOUN from|by OWNER that ...", where NOUN is
//! a noun of saying ([`WordClass::CLAIM_NOUN`]) and OWNER holds a capitalised word.

use crate::lexicon::WordClass;
use crate::text::Doc;
use crate::{Attribution, AttributionKind, Role, Span};

/// How many words an owner after "from" or "by" may have ("Republican presidential candidate
/// Donald Trump").
const LONGEST_OWNER: usize = 8;

/// The tagger's confidence is not known for what it did not find; this is the confidence given.
const CONFIDENCE: f32 = 0.5;

/// Adds the claims named at the opening of contents (see the module doc).
pub(crate) fn add_claimed(doc: &Doc<'_>, attributions: &mut Vec<Attribution>) {
    let text = doc.text();
    let mut found = Vec::new();
    for attribution in attributions.iter() {
        let Some(&first) = attribution.content.spans().first() else { continue };
        if let Some((source, cue, content)) = claim_named_at(first.slice(text)) {
            let shift = |s: Span| Span::new(s.start() + first.start(), s.end() + first.start());
            let content_end = attribution.content.extent().end();
            let content = Span::new(shift(content).start(), content_end);
            let (Some(source), Some(cue), Some(content)) =
                (Role::new(vec![shift(source)]), Role::new(vec![shift(cue)]), Role::new(vec![content]))
            else {
                continue;
            };
            found.push(Attribution::unresolved(
                Some(source),
                Some(cue),
                content,
                AttributionKind::Indirect,
                CONFIDENCE,
            ));
        }
    }
    attributions.extend(found);
}

/// The owner, noun and "that ..." spans (within `content`) of a claim named at its opening.
fn claim_named_at(content: &str) -> Option<(Span, Span, Span)> {
    let words: Vec<(usize, &str)> = words_of(content).take(LONGEST_OWNER + 6).collect();
    let lower = |k: usize| words[k].1.to_lowercase();
    let is_noun = |k: usize| k < words.len() && WordClass::CLAIM_NOUN.has(lower(k).as_str());
    let is_that = |k: usize| k < words.len() && lower(k) == "that";
    let named =
        |k: usize| words[k].1.starts_with(char::is_uppercase) && !WordClass::CAPITALISED_FUNCTION_WORD.has(words[k].1);
    let span = |a: usize, b: usize| Span::new(words[a].0, words[b].0 + words[b].1.len());
    let rest = |k: usize| Span::new(words[k].0, content.len());
    let start = usize::from(words.first().is_some_and(|_| lower(0) == "the"));
    // "OWNER's [word] NOUN that ...": capitalised words up to the possessive.
    if let Some(p) = (start..words.len().min(start + 5)).find(|&k| possessive_stem(words[k].1).is_some()) {
        if (start..=p).all(named) {
            let stem = possessive_stem(words[p].1)?;
            let owner = Span::new(words[start].0, words[p].0 + stem.len());
            return (p + 1..p + 3).find(|&n| is_noun(n) && is_that(n + 1)).map(|n| (owner, span(n, n), rest(n + 1)));
        }
    }
    // "[the] [word] NOUN from|by OWNER that ...".
    let noun = (start..start + 2).find(|&n| is_noun(n))?;
    let by = noun + 1;
    if !(by < words.len() && matches!(lower(by).as_str(), "from" | "by")) {
        return None;
    }
    let that = (by + 2..(by + 2 + LONGEST_OWNER).min(words.len())).find(|&k| is_that(k))?;
    if !(by + 1..that).any(named) {
        return None;
    }
    Some((span(by + 1, that - 1), span(noun, noun), rest(that)))
}

/// The name a possessive word stands for: "Sanders'" and "Sanders’" give "Sanders", "Exxon's"
/// "Exxon"; `None` for any other word.
fn possessive_stem(word: &str) -> Option<&str> {
    for ending in ["'s", "\u{2019}s"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return Some(stem).filter(|s| !s.is_empty());
        }
    }
    for ending in ["'", "\u{2019}"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return Some(stem).filter(|s| s.ends_with('s'));
        }
    }
    None
}

/// The words of `text` split at white space, with their byte offsets; trailing commas and
/// colons are not part of a word.
fn words_of(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |w| {
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        (start, w.trim_end_matches([',', ':', ';']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(content: &str) -> Option<(&str, &str, &str)> {
        claim_named_at(content).map(|(o, n, c)| (o.slice(content), n.slice(content), c.slice(content)))
    }

    #[test]
    fn owners_and_their_claims() {
        assert_eq!(
            named("Bernie Sanders\u{2019} accusations that the Clinton campaign is violating federal election law"),
            Some(("Bernie Sanders", "accusations", "that the Clinton campaign is violating federal election law"))
        );
        assert_eq!(
            named("Exxon's accusation that articles about the company were misleading"),
            Some(("Exxon", "accusation", "that articles about the company were misleading"))
        );
        assert_eq!(
            named(
                "criticism from Republican presidential candidate Donald Trump that shutting down the unit was wrong"
            ),
            Some((
                "Republican presidential candidate Donald Trump",
                "criticism",
                "that shutting down the unit was wrong"
            ))
        );
        // No "that": what the claim says is not given here.
        assert_eq!(named("Clinton\u{2019}s claim"), None);
        assert_eq!(named("Clinton's charges about his stance on Obama"), None);
        // No owner.
        assert_eq!(named("the notion that a campaign shakeup is coming"), None);
        assert_eq!(named("the idea that the changes amounted to a shake-up"), None);
        assert_eq!(named("reports from last week that the plant would close"), None);
    }
}
