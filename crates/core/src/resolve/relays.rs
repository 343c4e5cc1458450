//! Relays: through whom a statement reached the text ("according to X",
//! "told Reuters", the statement a nested one sits in).

use super::speakers::{classify, other, Registry, SourceForm};
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::lexicon::WordClass;
use crate::text::Doc;
use crate::{Addressee, Attribution, EntityIndex, EntityKind, Span};

/// "according to X" after the cue in its sentence, and the statement a
/// nested one sits in.
pub(super) fn find_relays(
    doc: &Doc<'_>,
    attributions: &mut [Attribution],
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) {
    let text = doc.text();
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
        // "told MSNBC's \u{201C}Morning Joe\u{201D}": the outlet's program
        // the words were said on.
        let outlet = outlet_named(name.slice(text), gazetteer).map(|outlet| {
            program_of(text, name.end()).map_or(outlet.clone(), |program| format!("{outlet}'s {program}"))
        });
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
    broadcast_frames(doc, attributions, registry);
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

/// A broadcast or interview that frames a statement ("On this weekend's
/// broadcast of “Fox News Sunday,” Pence said ...") relays it, and relays
/// the transcript turns that follow it ("WALLACE: ...", "PENCE: ..."),
/// until another frame.
fn broadcast_frames(doc: &Doc<'_>, attributions: &mut [Attribution], registry: &mut Registry) {
    let text = doc.text();
    let mut order: Vec<usize> = (0..attributions.len()).collect();
    order.sort_by_key(|&i| attributions[i].content.extent().start());
    let mut frame: Option<usize> = None;
    for idx in order {
        let Some(cue) = attributions[idx].cue.as_ref().map(|c| c.extent()) else { continue };
        let turn = cue.slice(text) == ":";
        // The frame stands in the narrative around the cue, not inside
        // what a speaker says ("this is an episode of “Shark Tank”").
        let sentence = doc.sentence_around(cue);
        let narrative = Span::new(sentence.start(), cue.start().max(sentence.start()));
        if let Some(program) = framing_program(text, narrative).filter(|_| !turn) {
            let name = program.slice(text).to_string();
            let e = registry
                .find_by_name(&name, EntityKind::Outlet)
                .unwrap_or_else(|| registry.add(name, EntityKind::Outlet, Vec::new(), program));
            frame = Some(e);
        } else if !turn {
            // Only transcript turns go on in a frame.
            continue;
        }
        let Some(e) = frame else { continue };
        let attribution = &mut attributions[idx];
        if attribution.speaker != Some(EntityIndex(e)) && !attribution.relayed_by.contains(&EntityIndex(e)) {
            attribution.relayed_by.push(EntityIndex(e));
        }
    }
}

/// The program a sentence says it was broadcast on: the quoted or
/// capitalised title after "broadcast of", "appearance on", "edition of",
/// "episode of" ("“Fox News Sunday,”": Fox News Sunday).
fn framing_program(text: &str, sentence: Span) -> Option<Span> {
    let words = sentence.slice(text);
    let at = WordClass::BROADCAST_FRAME
        .words()
        .iter()
        .filter_map(|frame| words.find(frame).map(|i| i + frame.len()))
        .min()?;
    let start = sentence.start() + at;
    let rest = &text[start..sentence.end()];
    let lead =
        rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\'')).len();
    let title_start = start + lead;
    let title = &text[title_start..sentence.end()];
    let end = title.find(['"', '”', ',', '.', ';', '’', '(']).unwrap_or(title.len());
    let name = title[..end].trim_end();
    let capitalised = name.split_whitespace().count() <= 6
        && name.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    (!name.is_empty() && capitalised).then(|| Span::new(title_start, title_start + name.len()))
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

/// The program an outlet's possessive names right after `at` ("'s
/// \u{201C}Morning Joe\u{201D}", "'s Newsnight"): a quoted or capitalised
/// title of at most five words.
fn program_of(text: &str, at: usize) -> Option<&str> {
    let rest = text[at..].strip_prefix("'s ").or_else(|| text[at..].strip_prefix("\u{2019}s "))?;
    let rest = rest.trim_start_matches(['"', '\u{201C}', '\u{2018}']);
    let end = rest.find(['"', '\u{201D}', '\u{2019}', ',', '.', ';', ':', '(', '\n']).unwrap_or(rest.len());
    let mut words: Vec<&str> = Vec::new();
    for word in rest[..end].split(' ') {
        if !word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || words.len() == 5 {
            break;
        }
        words.push(word);
    }
    let title = words.join(" ");
    (!words.is_empty() && rest.starts_with(title.as_str())).then(|| &rest[..title.len()])
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
    fn a_broadcast_frames_its_statements() {
        let text = "On this weekend’s broadcast of “Fox News Sunday,” Gov. Mike Pence said it was a joke.";
        let program = framing_program(text, Span::new(0, text.len())).map(|s| s.slice(text));
        assert_eq!(program, Some("Fox News Sunday"));
        let text = "He said the broadcast of the debate was late.";
        assert_eq!(framing_program(text, Span::new(0, text.len())), None);
    }

    #[test]
    fn an_outlet_s_program_is_named_after_its_possessive() {
        let text = "Sanders told MSNBC's \u{201C}Morning Joe\u{201D} that it was so.";
        assert_eq!(program_of(text, text.find("'s").unwrap()), Some("Morning Joe"));
        let text = "He told the BBC's Newsnight programme.";
        assert_eq!(program_of(text, text.find("'s").unwrap()), Some("Newsnight"));
        assert_eq!(program_of("He told the BBC on Monday.", 14), None);
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
