//! Relays: through whom a statement reached the text ("according to X",
//! "told Reuters", the statement a nested one sits in).

use super::speakers::{classify, other, Registry, SourceForm};
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::{Attribution, EntityIndex, EntityKind, Span};

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
    // "told the BBC News website", "told Reuters", "told MSNBC's 'Morning
    // Joe'": an interview given to an outlet reached the text through it.
    for attribution in attributions.iter_mut() {
        let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { continue };
        let last = cue.slice(text).rsplit(' ').next().unwrap_or("").to_lowercase();
        if !matches!(last.as_str(), "told" | "tells" | "telling") {
            continue;
        }
        let end = text[cue.end()..].find(['.', ',', ';', '\n']).map_or(text.len(), |i| cue.end() + i);
        let after = &text[cue.end()..end];
        let Some((span, place)) = gazetteer.find_all(after).into_iter().next() else { continue };
        let lead = after[..span.start()].trim();
        if place.kind != PlaceKind::Outlet || !(lead.is_empty() || lead == "the" || lead == "The") {
            continue;
        }
        let span = Span::new(cue.end() + span.start(), cue.end() + span.end());
        let e = registry
            .find_by_name(place.name, EntityKind::Outlet)
            .unwrap_or_else(|| registry.add(place.name.to_string(), EntityKind::Outlet, Vec::new(), span));
        if attribution.speaker != Some(EntityIndex(e)) && !attribution.relayed_by.contains(&EntityIndex(e)) {
            attribution.relayed_by.push(EntityIndex(e));
        }
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
