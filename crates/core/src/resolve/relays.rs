//! Relays: through whom a statement reached the text ("according to X",
//! "told Reuters", the statement a nested one sits in).

use super::speakers::{classify, other, Registry, SourceForm};
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::lexicon::WordClass;
use crate::{Addressee, Attribution, EntityIndex, EntityKind, Span};

/// "according to X" after the cue in its sentence, and the statement a
/// nested one sits in.
pub(super) fn find_relays(
    text: &str,
    attributions: &mut [Attribution],
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) {
    for attribution in attributions.iter_mut() {
        let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { continue };
        let end_of_sentence = text[cue.end()..].find(['.', '\n']).map_or(text.len(), |i| cue.end() + i);
        let tail = &text[cue.end()..end_of_sentence];
        if let Some(at) = tail.find("according to ") {
            let start = cue.end() + at + "according to ".len();
            let np_end = text[start..end_of_sentence].find([',', ';', '(']).map_or(end_of_sentence, |i| start + i);
            let span = Span::new(start, np_end);
            let np = span.slice(text);
            let entity = match classify(np, gazetteer) {
                SourceForm::Place(place) => {
                    let kind = if place.kind == PlaceKind::Outlet { EntityKind::Outlet } else { EntityKind::Country };
                    Some(
                        registry
                            .find_by_name(place.name, kind)
                            .unwrap_or_else(|| registry.add(place.name.to_string(), kind, Vec::new(), span)),
                    )
                }
                SourceForm::Pronoun { .. } => None,
                // "according to the Roper Center for Public Opinion Research":
                // the organisation or person met elsewhere as a source.
                SourceForm::Organization { name, .. } => Some(
                    registry
                        .find_by_name(&name, EntityKind::Organization)
                        .unwrap_or_else(|| registry.add(name, EntityKind::Organization, Vec::new(), span)),
                ),
                SourceForm::Person { name, roles } if name.len() >= 2 => Some(
                    registry
                        .find_person(&name)
                        .unwrap_or_else(|| registry.add(name.join(" "), EntityKind::Person, roles, span)),
                ),
                _ => Some(other(registry, np, span)),
            };
            if let Some(e) = entity.filter(|&e| !attribution.relayed_by.contains(&EntityIndex(e))) {
                attribution.relayed_by.push(EntityIndex(e));
            }
        }
    }
    // "told the BBC News website", "told reporters", "said in an interview
    // with CNN": whom the words were said to; an interview given to an
    // outlet reached the text through it.
    for attribution in attributions.iter_mut() {
        let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { continue };
        let Some(name) = addressee_of(text, cue) else { continue };
        let outlet = outlet_named(name.slice(text), gazetteer);
        let entity = outlet.map(|outlet| {
            registry
                .find_by_name(&outlet, EntityKind::Outlet)
                .unwrap_or_else(|| registry.add(outlet, EntityKind::Outlet, Vec::new(), name))
        });
        if let Some(e) = entity {
            if attribution.speaker != Some(EntityIndex(e)) && !attribution.relayed_by.contains(&EntityIndex(e)) {
                attribution.relayed_by.push(EntityIndex(e));
            }
        }
        attribution.addressee = Some(Addressee { name, entity: entity.map(EntityIndex) });
    }
    // Nested statements: one whose cue lies inside another's content is
    // relayed by the outer speaker.
    // Content pieces sorted by start; a cue is inside one of the pieces that
    // start before it, and news nests shallowly, so a short look back suffices.
    let mut pieces: Vec<(Span, usize)> =
        attributions.iter().enumerate().flat_map(|(o, a)| a.content.spans().iter().map(move |&s| (s, o))).collect();
    pieces.sort_by_key(|p| p.0.start());
    for inner in 0..attributions.len() {
        let Some(cue) = attributions[inner].cue.as_ref().map(|c| c.extent()) else { continue };
        let before = pieces.partition_point(|p| p.0.start() <= cue.start());
        let outer = pieces[before.saturating_sub(32)..before]
            .iter()
            .rev()
            .find(|(s, o)| *o != inner && cue.end() <= s.end())
            .map(|&(_, o)| o);
        if let Some(o) = outer {
            if let Some(speaker) = attributions[o].speaker {
                if attributions[inner].speaker != Some(speaker) && !attributions[inner].relayed_by.contains(&speaker) {
                    attributions[inner].relayed_by.push(speaker);
                }
            }
        }
    }
}

/// The words naming whom a statement was said to: the phrase after a verb
/// of telling ("told reporters", "told The Post on Thursday": "The Post"),
/// or after "interview with" in the cue's sentence ("said in an interview
/// with CNN"). The phrase stops at punctuation or at a word that opens what
/// follows it ("that", "on", "he").
fn addressee_of(text: &str, cue: Span) -> Option<Span> {
    let last = cue.slice(text).rsplit(' ').next().unwrap_or("").to_lowercase();
    let end =
        text[cue.end()..].find(['.', ',', ';', ':', '\n', '"', '“', '”', '(']).map_or(text.len(), |i| cue.end() + i);
    let start = if WordClass::TELLING.has(&last) {
        cue.end()
    } else {
        let at = text[cue.end()..end].find("interview with ")?;
        cue.end() + at + "interview with ".len()
    };
    let phrase = &text[start..end];
    let lead = phrase.len() - phrase.trim_start().len();
    let mut phrase_end = start + lead;
    for (n, word) in phrase.split_whitespace().enumerate() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase();
        if n >= 6
            || bare.is_empty()
            || (n > 0 && WordClass::AFTER_ADDRESSEE.has(&lower))
            || (n == 0 && WordClass::AFTER_ADDRESSEE.has(&lower) && lower != "the")
        {
            break;
        }
        let at = text[phrase_end..end].find(word).map_or(phrase_end, |i| phrase_end + i);
        phrase_end = at + word.len();
    }
    // "told MSNBC's “Morning Joe”": the owner, not its possessive mark.
    let named = &text[start + lead..phrase_end];
    let named = named.strip_suffix("'s").or_else(|| named.strip_suffix("’s")).unwrap_or(named);
    let name = Span::new(start + lead, start + lead + named.len());
    let words = name.slice(text).split_whitespace().count();
    (words > 0 && !(words == 1 && name.slice(text).eq_ignore_ascii_case("the"))).then_some(name)
}

/// The outlet an addressee names, if it is one: the gazetteer's, or a
/// capitalised name ending in a word that names outlets ("The Huffington
/// Post", "the Des Moines Register"), or a program of one ("MSNBC's
/// Morning Joe": MSNBC).
fn outlet_named(name: &str, gazetteer: &Gazetteer) -> Option<String> {
    if let Some((_, place)) = gazetteer.find_all(name).into_iter().next().filter(|(_, p)| p.kind == PlaceKind::Outlet) {
        return Some(place.name.to_string());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.last()?.trim_matches(|c: char| !c.is_alphanumeric());
    let capitalised = words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()) || *w == "the");
    (capitalised && WordClass::OUTLET_NAME_HEAD.has(&last.to_lowercase())).then(|| {
        let trimmed = name.trim_start_matches("the ");
        trimmed.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addressee(text: &str, cue: &str) -> Option<String> {
        let at = text.find(cue)?;
        addressee_of(text, Span::new(at, at + cue.len())).map(|s| s.slice(text).to_string())
    }

    #[test]
    fn whom_the_words_were_said_to() {
        assert_eq!(
            addressee("Graham told The Huffington Post on Thursday.", "told").as_deref(),
            Some("The Huffington Post")
        );
        assert_eq!(addressee("Sanders told MSNBC's \"Morning Joe\" that", "told").as_deref(), Some("MSNBC"));
        assert_eq!(addressee("she told reporters that it was over", "told").as_deref(), Some("reporters"));
        assert_eq!(addressee("he said in an interview with CNN on Sunday", "said").as_deref(), Some("CNN"));
        assert_eq!(addressee("he said the plan would fail", "said"), None);
        assert_eq!(addressee("he told that story", "told"), None);
    }

    #[test]
    fn outlets_are_named_by_the_gazetteer_or_their_last_word() {
        let gazetteer = Gazetteer::builtin();
        assert_eq!(outlet_named("The Huffington Post", &gazetteer).as_deref(), Some("HuffPost"));
        assert_eq!(outlet_named("The Des Moines Register", &gazetteer).as_deref(), Some("The Des Moines Register"));
        assert_eq!(outlet_named("Reuters", &gazetteer).as_deref(), Some("Reuters"));
        assert_eq!(outlet_named("reporters", &gazetteer), None);
        assert_eq!(outlet_named("the crowd", &gazetteer), None);
    }
}
