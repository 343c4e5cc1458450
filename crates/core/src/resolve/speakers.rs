//! Speakers: a registry of the document's entities, and what a source's
//! words say about who it is ([`classify`]).

use crate::gazetteer::{Gazetteer, NameForm, PlaceKind};
use crate::lexicon::penn_index;
use crate::lexicon::WordClass;
use crate::text::phrases::is_role_word;
use crate::text::words::{is_capitalised, name_words};
use crate::text::{Doc, TokenKind};
use crate::{Attribution, AttributionKind, Entity, EntityIndex, EntityKind, Span};

struct EntityDraft {
    name: String,
    kind: EntityKind,
    // Lowercased role and title words met with its name.
    roles: Vec<String>,
    mentions: Vec<Span>,
}

/// The document's entities under construction.
#[derive(Default)]
pub(super) struct Registry {
    drafts: Vec<EntityDraft>,
    // Folded name and kind to the draft, for exact-name lookups.
    by_name: std::collections::HashMap<(String, u8), usize>,
    // Every (draft, mention) recorded, so that recording one again is a
    // hash lookup, not a scan of the draft's mentions (quadratic when one
    // entity is mentioned a million times).
    mentioned: std::collections::HashSet<(usize, Span)>,
}

impl Registry {
    /// Gives each person known by a short name ("Pence", "WALLACE") the
    /// full name the document writes elsewhere ("Mike Pence").
    pub(super) fn complete_names(&mut self, doc: &Doc<'_>, gazetteer: &Gazetteer) {
        let surnames: Vec<&str> = self
            .drafts
            .iter()
            .filter(|d| d.kind == EntityKind::Person)
            .filter_map(|d| d.name.split_whitespace().last())
            .collect();
        if surnames.is_empty() {
            return;
        }
        let names = super::names::FullNames::of(doc, gazetteer, &surnames);
        for draft in self.drafts.iter_mut().filter(|d| d.kind == EntityKind::Person) {
            let words: Vec<&str> = draft.name.split_whitespace().collect();
            if let Some(full) = names.complete(&words).filter(|full| full.split(' ').count() > words.len()) {
                draft.name = full;
            }
        }
    }

    /// Gives a person known only by a transcript label ("WALLACE") and no
    /// full name the first name the other party calls them by ("But this
    /// is America, Chris."): a proper noun after a comma that ends a
    /// sentence, or before a comma that opens one, in the turn before or
    /// after theirs, when the turns agree on one such word. The label's word is kept as the surname.
    pub(super) fn name_by_vocatives(&mut self, doc: &Doc<'_>, attributions: &[Attribution], gazetteer: &Gazetteer) {
        let text = doc.text();
        let mut turns: Vec<(usize, usize, Span)> = attributions
            .iter()
            .filter(|a| a.cue.as_ref().is_some_and(|c| c.text(text).trim() == ":"))
            .filter_map(|a| a.speaker.map(|e| (a.content.extent().start(), e.0, a.content.extent())))
            .collect();
        turns.sort();
        // Per addressed entity, the words it is called by.
        let mut called: std::collections::HashMap<usize, Vec<&str>> = std::collections::HashMap::new();
        for (n, &(_, speaker, content)) in turns.iter().enumerate() {
            let before = n.checked_sub(1).map(|m| turns[m].1).filter(|&e| e != speaker);
            let after = turns.get(n + 1).map(|t| t.1).filter(|&e| e != speaker);
            let Some(addressed) = before.or(after) else { continue };
            let first = doc.token_at(content.start());
            let end = doc.token_at(content.end());
            for i in first..end {
                let word = doc.tokens[i].span.slice(text);
                // ", Chris." closing a sentence, or "Chris, ..." opening
                // one; not ", Williamsburg," inside one.
                let next = doc.tokens.get(i + 1).map_or("", |t| t.span.slice(text));
                let opens = i == first || doc.tokens[i].sentence_start;
                let after_comma = i > first && doc.tokens[i - 1].span.slice(text) == ",";
                let vocative = (after_comma && matches!(next, "." | "?" | "!")) || (opens && next == ",");
                let mut letters = word.chars();
                let shaped = letters.next().is_some_and(char::is_uppercase)
                    && word.chars().count() >= 3
                    && letters.all(char::is_lowercase);
                let lower = word.to_lowercase();
                let a_name = doc.tokens[i].kind == TokenKind::Word
                    && doc.facts[i].pos == penn_index("NNP")
                    && !WordClass::ROLE.has(lower.as_str())
                    && !WordClass::CAPITALISED_FUNCTION_WORD.has(word)
                    && !WordClass::CAPITALISED_OPENER.has(word)
                    && gazetteer.lookup(word).is_none();
                if vocative && shaped && a_name {
                    called.entry(addressed).or_default().push(word);
                }
            }
        }
        for (idx, mut words) in called {
            words.sort_unstable();
            words.dedup();
            let draft = &mut self.drafts[idx];
            let [given] = words[..] else { continue };
            let label = draft.name.clone();
            let single = draft.kind == EntityKind::Person && !label.contains(' ');
            // The given name is no other entity's word ("Trump" said to Pence).
            let someone_elses =
                || self.drafts.iter().any(|d| d.name.split_whitespace().any(|w| w.eq_ignore_ascii_case(given)));
            if !single || someone_elses() {
                continue;
            }
            let mut surname = label.to_lowercase();
            if let Some(first) = surname.get(..1).map(str::to_uppercase) {
                surname.replace_range(..1, &first);
            }
            self.drafts[idx].name = format!("{given} {surname}");
        }
    }

    /// A headline that describes its speaker ("Lawmaker urges ...",
    /// "..., Former White House Doctor Says.") is about the story's first
    /// speaker: a statement above the lede whose speaker is one person
    /// described by a singular noun and met nowhere below the headline
    /// takes the speaker of the body's first statement, when that one is a
    /// person.
    pub(super) fn resolve_headline_descriptions(&mut self, doc: &Doc<'_>, attributions: &mut [Attribution]) {
        let text = doc.text();
        let Some((lede, _)) = super::lede_paragraph(doc) else { return };
        let lede = doc.tokens[lede].span.start();
        let body_speaker = attributions
            .iter()
            .filter(|a| a.content.extent().start() >= lede)
            .min_by_key(|a| a.content.extent().start())
            .and_then(|a| a.speaker)
            .filter(|e| self.drafts[e.0].kind == EntityKind::Person);
        let Some(body_speaker) = body_speaker else { return };
        for attribution in attributions.iter_mut().filter(|a| a.content.extent().start() < lede) {
            let (Some(speaker), Some(source)) = (attribution.speaker, attribution.source.as_ref()) else { continue };
            let draft = &self.drafts[speaker.0];
            let only_above = draft.mentions.iter().all(|m| m.start() < lede);
            let source_text = source.extent().slice(text);
            let head = source_text.split(" of ").next().unwrap_or(source_text).rsplit(' ').next().unwrap_or("");
            let singular = !head.ends_with('s') || head.ends_with("ss");
            // Its words are not a name the body uses ("Obama Seeks ...").
            let named_below = || text[lede..].contains(draft.name.as_str());
            if speaker == body_speaker || !only_above || !singular || named_below() {
                continue;
            }
            let span = source.extent();
            self.mention(body_speaker.0, span, &[]);
            attribution.speaker = Some(body_speaker);
        }
    }

    /// Whether entity `idx` is a news outlet.
    pub(super) fn is_outlet(&self, idx: usize) -> bool {
        self.drafts.get(idx).is_some_and(|d| d.kind == EntityKind::Outlet)
    }

    /// The entities, each with its mentions in text order.
    pub(super) fn into_entities(self) -> Vec<Entity> {
        self.drafts
            .into_iter()
            .map(|d| {
                let mut mentions = d.mentions;
                mentions.sort();
                Entity { name: d.name, kind: d.kind, mentions }
            })
            .collect()
    }

    pub(super) fn add(&mut self, name: String, kind: EntityKind, roles: Vec<String>, span: Span) -> usize {
        let idx = self.drafts.len();
        self.by_name.entry((fold(&name), kind as u8)).or_insert(idx);
        self.drafts.push(EntityDraft { name, kind, roles, mentions: vec![span] });
        self.mentioned.insert((idx, span));
        idx
    }
    pub(super) fn mention(&mut self, idx: usize, span: Span, roles: &[String]) {
        let draft = &mut self.drafts[idx];
        if self.mentioned.insert((idx, span)) {
            draft.mentions.push(span);
        }
        for role in roles {
            if !draft.roles.contains(role) {
                draft.roles.push(role.clone());
            }
        }
    }
    pub(super) fn find_by_name(&self, name: &str, kind: EntityKind) -> Option<usize> {
        self.by_name.get(&(fold(name), kind as u8)).copied()
    }
    /// The latest organisation whose capitalised words begin with the
    /// letters of `acronym` ("BCC": British Chamber of Commerce).
    fn find_acronym(&self, acronym: &str) -> Option<usize> {
        if acronym.len() < 2 || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        self.drafts.iter().rposition(|d| {
            let initials: String =
                d.name.split_whitespace().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect();
            d.kind == EntityKind::Organization && initials == acronym
        })
    }
    /// A person whose surname matches `surname` (or a close variant).
    pub(super) fn find_person(&self, words: &[&str]) -> Option<usize> {
        let surname = words.last()?;
        self.drafts.iter().rposition(|d| {
            if d.kind != EntityKind::Person {
                return false;
            }
            let their: Vec<&str> = d.name.split_whitespace().collect();
            let Some(their_surname) = their.last() else { return false };
            if !same_word(surname, their_surname) {
                return false;
            }
            // With first names on both sides they must agree too.
            match (words.len() > 1, their.len() > 1) {
                (true, true) => same_word(words[0], their[0]) || words[0].len() <= 2 || their[0].len() <= 2,
                _ => true,
            }
        })
    }
}

fn fold(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric() || c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// Same word up to case and a light spelling variant
/// (Zelenskyy/Zelensky/Zelenskiy, Yevhen/Yevgen).
pub(super) fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if short.len() >= 5 && long.starts_with(short.as_str()) && long.len() - short.len() <= 2 {
        return true;
    }
    // One substitution or a trailing variant among words of equal length.
    if a.chars().count() == b.chars().count() && a.len() >= 5 {
        let diff = a.chars().zip(b.chars()).filter(|(x, y)| x != y).count();
        return diff <= 1 || (diff == 2 && a.chars().take(3).eq(b.chars().take(3)));
    }
    false
}

/// What the words of a source say about who it is.
pub(super) enum SourceForm<'t> {
    Pronoun { person: bool },
    Age,
    Place(crate::gazetteer::Place),
    Person { name: Vec<&'t str>, roles: Vec<String> },
    Organization { name: String, head: String },
    Description { head: String, roles: Vec<String> },
    Other,
}

pub(super) fn classify<'t>(text: &'t str, gazetteer: &Gazetteer) -> SourceForm<'t> {
    let mut trimmed = text.trim();
    // "Meanwhile, Conservative shadow foreign secretary Michael Ancram":
    // a sentence adverb the tagger kept.
    for adverb in ["Meanwhile", "However", "But", "And", "Yet", "Separately", "Instead", "Still", "Now", "Also"] {
        if let Some(rest) =
            trimmed.strip_prefix(adverb).and_then(|r| r.strip_prefix(", ").or_else(|| r.strip_prefix(' ')))
        {
            if !rest.is_empty() {
                trimmed = rest.trim_start();
            }
        }
    }
    let mut trimmed = trimmed.trim_start_matches("the ").trim_start_matches("The ");
    // "UK Foreign Secretary Jack Straw, who will hold talks in Beijing": a
    // relative clause says more about the speaker; it does not name them.
    // "The group which represents university vice-chancellors, Universities
    // UK": a name after the relative clause is the speaker's.
    if let Some((head, last)) = trimmed.rsplit_once(", ") {
        let name = name_words(last);
        let relative = [" who ", " which ", " whose "].iter().any(|r| head.contains(r));
        let described = head.starts_with(char::is_lowercase);
        // "a lecture at the London School of Economics, Irene Khan": a
        // name after an organisation's.
        let after_org = name_words(head).iter().any(|w| WordClass::ORGANISATION_HEAD.has(w.to_lowercase().as_str()))
            && (2..=3).contains(&name.len())
            && !name.iter().any(|w| is_role_word(w));
        if ((relative && described) || after_org)
            && (1..=4).contains(&name.len())
            && name.iter().all(|w| is_capitalised(w))
            && gazetteer.lookup(last).is_none()
        {
            trimmed = last;
        }
    }
    for relative in [", who ", ", which ", ", whose ", " who ", " which "] {
        if let Some(at) = trimmed.find(relative) {
            trimmed = trimmed[..at].trim_end();
        }
    }
    for relative in [" who", " which"] {
        if trimmed.len() > relative.len() && trimmed.ends_with(relative) {
            trimmed = trimmed[..trimmed.len() - relative.len()].trim_end();
        }
    }
    // "the Office for National Statistics (ONS)", "the Parents Television
    // Council (PTC": an acronym in brackets is not part of the name.
    if let Some(open) = trimmed.rfind(" (") {
        let inner = trimmed[open + 2..].trim_end_matches(')');
        if !inner.is_empty()
            && inner.len() <= 8
            && inner.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        {
            trimmed = trimmed[..open].trim_end();
        }
    }
    // "the BBC's Jonathan Beale", "Intel's Allen Wilson": the name after a
    // possessive is the speaker's; the owner is where they work.
    for marker in ["'s ", "’s ", "' "] {
        if let Some(at) = trimmed.rfind(marker) {
            let owner = &trimmed[..at];
            let name = name_words(&trimmed[at + marker.len()..]);
            let is_name = (2..=3).contains(&name.len())
                && name.iter().all(|w| is_capitalised(w) && !is_role_word(w) && gazetteer.lookup(w).is_none());
            // The owner is a short name of its own, not the end of an
            // apposition ("chairman and founder of MIT's Media Labs").
            let owner_words = name_words(owner);
            let short_name = !owner.contains(',')
                && (1..=3).contains(&owner_words.len())
                && owner_words.iter().all(|w| is_capitalised(w));
            if is_name && short_name {
                return SourceForm::Person { name, roles: Vec::new() };
            }
        }
    }
    // "who threaten Britain today": a relative clause with no antecedent here.
    if ["who ", "which ", "that "].iter().any(|r| trimmed.to_lowercase().starts_with(r)) {
        return SourceForm::Other;
    }
    // "An EU spokesman in Washington": where the speaker is is not who.
    for preposition in [" in ", " at "] {
        if let Some(at) = trimmed.rfind(preposition) {
            if gazetteer.lookup(&trimmed[at + preposition.len()..]).is_some_and(|p| p.kind != PlaceKind::Outlet) {
                trimmed = trimmed[..at].trim_end();
            }
        }
    }
    // "Zelenskyy previously", "China also", "Deputy Prime Minister Abdullatif
    // Sener earlier this month", "the prime minister time and again":
    // adverbs and time words the tagger kept.
    loop {
        let before = trimmed;
        for phrase in [" time and again", " at the time"] {
            if trimmed.len() > phrase.len() && trimmed.ends_with(phrase) {
                trimmed = trimmed[..trimmed.len() - phrase.len()].trim_end();
            }
        }
        // " on Monday": a weekday, capitalised.
        if let Some((head, day)) = trimmed.rsplit_once(" on ") {
            let title_case = day.starts_with(char::is_uppercase) && day.chars().skip(1).all(char::is_lowercase);
            if !head.is_empty() && title_case && crate::dates::is_weekday(&day.to_lowercase()) {
                trimmed = head.trim_end();
            }
        }
        if let Some((head, last)) = trimmed.rsplit_once(' ') {
            let lower = last.to_lowercase();
            let time_word = matches!(
                lower.as_str(),
                "week" | "month" | "year" | "weekend" | "morning" | "afternoon" | "evening" | "night"
            ) && head
                .rsplit_once(' ')
                .is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "this" | "last" | "next" | "that"));
            let adverb = last.ends_with("ly") && last != "Daily"
                || matches!(
                    last,
                    "also"
                        | "too"
                        | "then"
                        | "now"
                        | "again"
                        | "once"
                        | "earlier"
                        | "later"
                        | "yesterday"
                        | "today"
                        | "tonight"
                        | "recently"
                );
            if time_word {
                // "earlier this month": the determiner and its adverb go too.
                let head = head.rsplit_once(' ').map_or(head, |(h, _)| h).trim_end();
                trimmed = match head.rsplit_once(' ') {
                    Some((h, "earlier" | "later")) => h.trim_end(),
                    _ => head,
                };
            } else if adverb && !last.chars().next().is_some_and(char::is_uppercase) {
                trimmed = head.trim_end();
            }
        }
        if trimmed == before {
            break;
        }
    }
    // "Carmel Martin, executive vice president for policy ...", "Hugh Hill,
    // a doctor": a name with an apposition is the name, the apposition its
    // roles.
    if let Some((name, apposition)) = trimmed.split_once(", ") {
        let words_of_name = name_words(name);
        let is_name =
            !words_of_name.is_empty() && words_of_name.len() <= 4 && words_of_name.iter().all(|w| is_capitalised(w));
        // The apposition is lowercase ("a doctor"), or a possessive or role
        // phrase ("BT's futurologist", "MPAA chief").
        let first = apposition.split_whitespace().next().unwrap_or("");
        let describes = apposition.starts_with(char::is_lowercase)
            || apposition.starts_with(|c: char| c.is_ascii_digit())
            || first.ends_with("'s")
            || first.ends_with("’s")
            || (apposition.split_whitespace().count() <= 8
                && name_words(apposition)
                    .iter()
                    .any(|w| WordClass::ROLE.has(w.to_lowercase().as_str()) && !is_capitalised(w)));
        // "La Manga, LTA performance director David Felgate": a place, then
        // a role and the name; the apposition names the speaker.
        let app_words = name_words(apposition);
        let run = app_words.iter().rev().take_while(|w| is_capitalised(w)).count();
        let names_after_role = run >= 2
            && run < app_words.len()
            && WordClass::ROLE.has(app_words[app_words.len() - run - 1].to_lowercase().as_str())
            && !is_capitalised(app_words[app_words.len() - run - 1]);
        if is_name && describes && !names_after_role {
            if let SourceForm::Person { name, mut roles } = classify(name, gazetteer) {
                roles.extend(
                    name_words(apposition).iter().map(|w| w.to_lowercase()).filter(|w| WordClass::ROLE.has(w.as_str())),
                );
                return SourceForm::Person { name, roles };
            }
        }
    }
    let lower = trimmed.to_lowercase();
    // "the 22-year-old": the person last spoken of.
    if let Some(age) = lower.strip_suffix("-year-old") {
        if !age.is_empty() && age.chars().all(|c| c.is_ascii_digit()) {
            return SourceForm::Age;
        }
    }
    // "Cara Diemont of IT firm Dimension Data", "Rafael Marques of the
    // pro-democracy George Soros Foundation": a name, then where they work.
    // "aviation analyst Mike Powell of Dresdner Kleinwort Wasserstein": the
    // role words before the name go with it.
    // Not "the Democratic People's Republic of Korea": a country is no employer.
    let split =
        trimmed.split_once(" of ").or_else(|| trimmed.split_once(" from ")).or_else(|| trimmed.split_once(" at "));
    if let Some((name, _)) = split.filter(|(_, rest)| gazetteer.lookup(rest).is_none()) {
        let all_words = name_words(name);
        let run = all_words
            .iter()
            .rev()
            .take_while(|w| is_capitalised(w) && !WordClass::ROLE.has(w.to_lowercase().as_str()))
            .count();
        let lead = all_words.len() - run;
        let name_words: Vec<&str> = if lead > 0 && WordClass::ROLE.has(all_words[lead - 1].to_lowercase().as_str()) {
            // Role words, then the name: keep the role words that lead to it.
            let roles =
                all_words[..lead].iter().rev().take_while(|w| WordClass::ROLE.has(w.to_lowercase().as_str())).count();
            all_words[lead - roles..].to_vec()
        } else {
            all_words.clone()
        };
        let people: Vec<&str> =
            name_words.iter().copied().skip_while(|w| WordClass::ROLE.has(w.to_lowercase().as_str())).collect();
        let titled = people.len() < name_words.len();
        let all_names = (people.len() >= 2 || (titled && people.len() == 1))
            && people.len() <= 3
            && people.iter().all(|w| {
                is_capitalised(w)
                    && !WordClass::ORGANISATION_HEAD.has(w.to_lowercase().as_str())
                    && gazetteer.lookup(w).is_none()
            });
        if all_names {
            let roles = name_words[..name_words.len() - people.len()].iter().map(|w| w.to_lowercase()).collect();
            return SourceForm::Person { name: people, roles };
        }
    }
    if WordClass::PERSON_PRONOUN.has(lower.as_str()) {
        return SourceForm::Pronoun { person: true };
    }
    if WordClass::GROUP_PRONOUN.has(lower.as_str()) {
        return SourceForm::Pronoun { person: false };
    }
    if let Some(place) = gazetteer.lookup(trimmed) {
        if place.form != NameForm::Demonym {
            return SourceForm::Place(place);
        }
    }
    // "The Kyiv Independent (@KyivIndependent)": the handle is not the name.
    let trimmed = match trimmed.find(" (@") {
        Some(at) => trimmed[..at].trim_end(),
        None => trimmed,
    };
    if let Some(place) = gazetteer.lookup(trimmed) {
        if place.form != NameForm::Demonym {
            return SourceForm::Place(place);
        }
    }
    let words = name_words(trimmed);
    // "the Reuters news agency", "the Ukrinform news site".
    for (span, place) in gazetteer.find_all(trimmed) {
        let rest = format!("{} {}", &trimmed[..span.start()], &trimmed[span.end()..]);
        let generic = rest.split_whitespace().all(|w| WordClass::OUTLET_WORD.has(w.to_lowercase().as_str()));
        if place.kind == PlaceKind::Outlet && generic {
            return SourceForm::Place(place);
        }
    }
    let lower_words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    // "Foreign Ministry spokesman Lin Jian": a name after a lowercase role.
    let tail_name: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| {
            is_capitalised(w)
                && !WordClass::ROLE.has(w.to_lowercase().as_str())
                && !WordClass::ORGANISATION_HEAD.has(w.to_lowercase().as_str())
        })
        .copied()
        .collect();
    let before_tail = words.len() - tail_name.len();
    // Not after a preposition: "the Association of Flight Attendants", "the
    // Roper Center for Public Opinion Research" are organisations.
    let after_preposition = before_tail > 0
        && matches!(
            lower_words[before_tail - 1].as_str(),
            "of" | "for" | "to" | "on" | "in" | "at" | "and" | "from" | "with" | "by"
        );
    // After a lowercase word, or a role ("Manhattan Supreme Court Justice
    // Frank Nervo", where an organisation word comes earlier).
    let after_role = before_tail > 0
        && (!is_capitalised(words[before_tail - 1]) || WordClass::ROLE.has(lower_words[before_tail - 1].as_str()));
    if tail_name.len() >= 2
        && after_role
        && !after_preposition
        && gazetteer.lookup(&tail_name.iter().rev().copied().collect::<Vec<_>>().join(" ")).is_none()
    {
        let mut name = tail_name;
        name.reverse();
        return SourceForm::Person { name, roles: lower_words[..before_tail].to_vec() };
    }
    if lower_words.iter().any(|w| WordClass::ORGANISATION_HEAD.has(w.as_str())) {
        let head = lower_words
            .iter()
            .rev()
            .find(|w| WordClass::ORGANISATION_HEAD.has(w.as_str()))
            .cloned()
            .unwrap_or_default();
        if words.iter().any(|w| is_capitalised(w) && !WordClass::ROLE.has(w.to_lowercase().as_str()))
            || words.len() == 1
        {
            return SourceForm::Organization { name: trimmed.to_string(), head };
        }
        return SourceForm::Description { head, roles: lower_words };
    }
    // A person: the capitalised run at the end, after role words.
    let mut name: Vec<&str> = Vec::new();
    for word in words.iter().rev() {
        let lw = word.to_lowercase();
        if is_capitalised(word) && !WordClass::ROLE.has(lw.as_str()) && gazetteer.demonym_country(word).is_none() {
            name.push(word);
        } else {
            break;
        }
    }
    name.reverse();
    // "Swiss Re", "British Airways": a single name word right after a
    // demonym is a name with it (not the surname "Re" of "Munich Re").
    if name.len() == 1 && words.len() >= 2 {
        let before = words[words.len() - 2];
        if is_capitalised(before) && gazetteer.demonym_country(before).is_some() {
            name.insert(0, before);
        }
    }
    // "one of six executives indicted in the case, He": a pronoun is no name.
    if let [only] = name.as_slice() {
        let lower = only.to_lowercase();
        let acronym = only.chars().count() > 1 && only.chars().all(char::is_uppercase);
        if acronym {
            // "US" is a country, not "us".
        } else if WordClass::PERSON_PRONOUN.has(&lower) || WordClass::GROUP_PRONOUN.has(&lower) {
            return SourceForm::Pronoun { person: WordClass::PERSON_PRONOUN.has(&lower) };
        }
    }
    // "the Prevention of Terrorism Bill", "the Patriot Act": a law, not a
    // person (a surname "Bill" or "Act" comes after a first name, alone).
    if name.len() >= 2 && name.last().is_some_and(|last| matches!(*last, "Bill" | "Act")) {
        return SourceForm::Other;
    }
    if !name.is_empty() && words.len() <= 12 {
        let roles: Vec<String> = lower_words[..lower_words.len() - name.len()].to_vec();
        return SourceForm::Person { name, roles };
    }
    if let Some(head) = lower_words.last() {
        if words.len() <= 6 {
            return SourceForm::Description { head: head.clone(), roles: lower_words.clone() };
        }
    }
    SourceForm::Other
}

/// Whether a source ("the Sunday Telegraph") names a news outlet the
/// gazetteer lacks: "the" and a capitalised name whose last word names
/// outlets (Post, Times, Telegraph, ...). Without "the" it is a person
/// ("Emily Post").
fn names_an_outlet(source: &str, name: &[&str]) -> bool {
    let opens_with_the = source.trim_start().to_lowercase().starts_with("the ");
    opens_with_the && name.last().is_some_and(|last| WordClass::OUTLET_NAME_HEAD.has(&last.to_lowercase()))
}

/// The name a relative pronoun at `at` stands for: the run of capitalised
/// words right before it ("Jessica Leeds, who"), at most five.
fn antecedent_before(text: &str, at: usize) -> Option<Span> {
    let end = text[..at].trim_end_matches(|c: char| c.is_whitespace() || c == ',').len();
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut offset = line_start;
    for word in text[line_start..end].split(' ') {
        words.push((offset, word));
        offset += word.len() + 1;
    }
    let mut start = None;
    for (n, &(word_start, word)) in words.iter().rev().enumerate() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let ends_clause = n > 0 && word.ends_with(['.', ';', ':', '"', '”', ',']);
        if n == 5 || bare.is_empty() || !bare.starts_with(char::is_uppercase) || ends_clause {
            break;
        }
        start = Some(word_start + (word.len() - word.trim_start_matches(|c: char| !c.is_alphanumeric()).len()));
    }
    start.filter(|&s| s < end).map(|s| Span::new(s, end))
}

/// Resolves the speaker of every statement with a source, in the order
/// their sources appear, against the registry.
pub(super) fn resolve_speakers(
    doc: &Doc<'_>,
    attributions: &mut [Attribution],
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) {
    let text = doc.text();
    // Speakers resolved so far, by where their source starts (in order).
    let mut people: Vec<(usize, usize)> = Vec::new();
    // Descriptions by a role that no one named so far holds ("A New York
    // judge has rejected ..." before "Justice Frank Nervo"): statement,
    // head, words, span.
    let mut described_before_named: Vec<(usize, String, Vec<String>, Span)> = Vec::new();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    // The document's organisation names, read when a description first asks.
    let org_names: std::cell::OnceCell<Vec<String>> = std::cell::OnceCell::new();
    let mut order: Vec<usize> = (0..attributions.len()).collect();
    order.sort_by_key(|&i| {
        attributions[i].source.as_ref().map_or(attributions[i].content.extent().start(), |s| s.extent().start())
    });
    for idx in order {
        let Some(source) = attributions[idx].source.clone() else { continue };
        // Of a source in pieces, the piece nearest the cue names the speaker.
        let cue_at = attributions[idx].cue.as_ref().map_or(0, |c| c.extent().start());
        let mut span =
            source.spans().iter().copied().min_by_key(|s| s.start().abs_diff(cue_at)).unwrap_or(source.extent());
        // "Jessica Leeds, who said ...": a relative pronoun stands for the
        // name before it.
        if WordClass::RELATIVE_PRONOUN.has(&span.slice(text).trim().to_lowercase()) {
            match antecedent_before(text, span.start()) {
                Some(antecedent) => span = antecedent,
                None => continue,
            }
        }
        let source_text = span.slice(text);
        // "you", "I" inside someone's words: no entity of their own.
        if WordClass::NON_NAMING_PRONOUN.has(&source_text.trim().to_lowercase()) {
            continue;
        }
        // A pronoun after a direct quote points back past the quote: in
        // "\u{201C}The exchange offers ...,\u{201D} she said", not to a
        // speaker met inside it (unless none comes before it).
        let quoted = attributions[idx].kind == AttributionKind::Direct;
        let before = if quoted { span.start().min(attributions[idx].content.extent().start()) } else { span.start() };
        let latest =
            |seen: &[(usize, usize)]| seen.iter().rev().find(|&&(at, _)| at < before).or(seen.last()).map(|&(_, e)| e);
        let last_person = latest(&people);
        // "her account", "his memoir": the author, as the pronoun would be.
        let authored = match source_text.trim().split_once(' ') {
            Some((owner, noun)) => {
                matches!(owner.to_lowercase().as_str(), "her" | "his") && WordClass::AUTHORED_NOUN.has(noun)
            }
            None => false,
        };
        // "the book said", "the statement said": the person the article
        // said wrote it ("Mariano wrote a memoir ...").
        if let Some(author) = author_of_the_writing(doc, source_text, span, registry) {
            registry.mention(author, span, &[]);
            attributions[idx].speaker = Some(EntityIndex(author));
            people.push((span.start(), author));
            continue;
        }
        let form = if authored { SourceForm::Pronoun { person: true } } else { classify(source_text, gazetteer) };
        let speaker = match form {
            SourceForm::Pronoun { person: true } => subject_before(doc, span, registry).or(last_person),
            SourceForm::Pronoun { person: false } => latest(&groups).or(last_person),
            SourceForm::Age => Some(last_person.unwrap_or_else(|| other(registry, source_text, span))),
            SourceForm::Place(place) => {
                let kind = if place.kind == PlaceKind::Outlet { EntityKind::Outlet } else { EntityKind::Country };
                Some(match registry.find_by_name(place.name, kind) {
                    Some(i) => {
                        registry.mention(i, span, &[]);
                        i
                    }
                    None => registry.add(place.name.to_string(), kind, Vec::new(), span),
                })
            }
            // "the BCC" after "the British Chamber of Commerce (BCC)".
            SourceForm::Person { name, .. } if name.len() == 1 && registry.find_acronym(name[0]).is_some() => {
                let i = registry.find_acronym(name[0]).unwrap_or_default();
                registry.mention(i, span, &[]);
                Some(i)
            }
            SourceForm::Person { name, roles } => {
                let found = registry.find_person(&name);
                Some(match found {
                    Some(i) => {
                        let full = name.join(" ");
                        if name.len() > registry.drafts[i].name.split_whitespace().count() {
                            registry.drafts[i].name = full;
                        }
                        registry.mention(i, span, &roles);
                        i
                    }
                    // "the Sunday Telegraph", "The Des Moines Register": a
                    // name after "the" that ends as outlets' names do.
                    None if names_an_outlet(source_text, &name) => {
                        registry.add(name.join(" "), EntityKind::Outlet, Vec::new(), span)
                    }
                    None => registry.add(name.join(" "), EntityKind::Person, roles, span),
                })
            }
            SourceForm::Organization { name, head } => {
                let found = registry.find_by_name(&name, EntityKind::Organization).or_else(|| {
                    // "the ministry" after "Ukraine's Ministry of Foreign Affairs".
                    let bare = name.split_whitespace().count() == 1;
                    if bare {
                        // "the organisation", "the group": any organisation.
                        let generic = WordClass::GENERIC_ORGANISATION.has(head.as_str());
                        registry.drafts.iter().rposition(|d| {
                            d.kind == EntityKind::Organization
                                && (generic || fold(&d.name).split_whitespace().any(|w| w == head))
                        })
                    } else {
                        None
                    }
                });
                // "A federal appeals court" before "the U.S. Court of
                // Appeals for the Sixth Circuit": a description names the
                // one organisation of the document that fits it.
                let described = described_organisation(org_names.get_or_init(|| organisation_names(doc)), &name, &head);
                let found = found.or_else(|| {
                    let named = described.as_ref()?;
                    Some(
                        registry
                            .find_by_name(named, EntityKind::Organization)
                            .unwrap_or_else(|| registry.add(named.clone(), EntityKind::Organization, Vec::new(), span)),
                    )
                });
                Some(match found {
                    Some(i) => {
                        registry.mention(i, span, &[]);
                        i
                    }
                    None => registry.add(name, EntityKind::Organization, Vec::new(), span),
                })
            }
            SourceForm::Description { head, roles } => {
                // "the firm", "the watchdog": the latest organisation; "the
                // newspaper", "the paper": the latest outlet.
                let generic = match head.as_str() {
                    _ if roles.len() > 2 => None,
                    h if WordClass::GENERIC_ORGANISATION.has(h) => Some(EntityKind::Organization),
                    "newspaper" | "paper" | "broadcaster" | "magazine" => Some(EntityKind::Outlet),
                    _ => None,
                };
                let found = registry.drafts.iter().rposition(|d| {
                    if let Some(kind) = generic {
                        return d.kind == kind;
                    }
                    d.kind == EntityKind::Person && holds_role(d, &head, &roles, gazetteer)
                });
                // "the Vermont senator" after "Bernie Sanders", of whom the
                // article gave no role: the latest person, when the
                // description is of a person's role and that person has
                // none yet.
                // A lone role word ("the state") is too often not a person's.
                let of_a_person = generic.is_none()
                    && WordClass::ROLE.has(head.as_str())
                    && (roles.len() >= 2 || WordClass::BENCH_TITLE.has(head.as_str()));
                // "the appeals court": the one organisation of the document
                // whose name fits it.
                let organisation = found
                    .is_none()
                    .then(|| generic.is_none() && WordClass::ORGANISATION_HEAD.has(head.as_str()))
                    .filter(|&fits| fits)
                    .and_then(|_| {
                        described_organisation(org_names.get_or_init(|| organisation_names(doc)), source_text, &head)
                    });
                let found = found.or_else(|| {
                    let named = organisation?;
                    Some(
                        registry
                            .find_by_name(&named, EntityKind::Organization)
                            .unwrap_or_else(|| registry.add(named, EntityKind::Organization, Vec::new(), span)),
                    )
                });
                let roleless =
                    || last_person.filter(|&i| of_a_person && roles.len() >= 2 && registry.drafts[i].roles.is_empty());
                match found.or_else(roleless) {
                    Some(i) => {
                        registry.mention(i, span, &[]);
                        Some(i)
                    }
                    None => {
                        if of_a_person {
                            described_before_named.push((idx, head, roles, span));
                        }
                        Some(other(registry, source_text, span))
                    }
                }
            }
            SourceForm::Other => Some(other(registry, source_text, span)),
        };
        if let Some(i) = speaker {
            attributions[idx].speaker = Some(EntityIndex(i));
            if registry.drafts[i].kind == EntityKind::Person {
                people.push((span.start(), i));
            } else {
                groups.push((span.start(), i));
            }
        }
    }
    // A description met before the name: the one person the article later
    // gives that role.
    for (idx, head, roles, span) in described_before_named {
        let holders: Vec<usize> = (0..registry.drafts.len())
            .filter(|&i| {
                let d = &registry.drafts[i];
                d.kind == EntityKind::Person && holds_role(d, &head, &roles, gazetteer)
            })
            .collect();
        if let [only] = holders[..] {
            registry.mention(only, span, &[]);
            attributions[idx].speaker = Some(EntityIndex(only));
        }
    }
}

/// The capitalised names of a document that hold an organisation's head
/// noun ("U.S. Court of Appeals for the Sixth Circuit", "Supreme Court"),
/// each once, in text order: read once per document, when a description
/// first asks.
fn organisation_names(doc: &Doc<'_>) -> Vec<String> {
    const INSIDE: [&str; 5] = ["of", "for", "the", "on", "and"];
    let text = doc.text();
    let mut names: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        while run.last().is_some_and(|w| INSIDE.contains(w)) {
            run.pop();
        }
        let articles = run.iter().take_while(|w| matches!(**w, "A" | "An" | "The")).count();
        let words = &run[articles..];
        let holds_head = words.iter().any(|w| WordClass::ORGANISATION_HEAD.has(w.to_lowercase().as_str()));
        if words.len() >= 2 && holds_head {
            let name = words.join(" ");
            if seen.insert(name.clone()) {
                names.push(name);
            }
        }
        run.clear();
    };
    for token in &doc.tokens {
        let word = token.span.slice(text);
        let capitalised = token.kind == TokenKind::Word && word.starts_with(char::is_uppercase);
        let inside = token.kind == TokenKind::Word && !run.is_empty() && INSIDE.contains(&word);
        let joins = (capitalised || inside) && (run.is_empty() || !token.sentence_start);
        if !joins {
            flush(&mut run);
        }
        if capitalised || (joins && inside) {
            run.push(word);
        }
    }
    flush(&mut run);
    names
}

/// The organisation a description stands for ("A federal appeals court",
/// "the appeals court"): of the document's capitalised names that hold the
/// description's head noun (`names`, from [`organisation_names`]), the only
/// one that also holds one of its other words ("appeals"), or, for a bare
/// head ("the court"), the only one. None when the description itself is
/// capitalised past its article (a name), or when the names it fits are
/// none or several.
fn described_organisation(names: &[String], description: &str, head: &str) -> Option<String> {
    let words: Vec<String> = name_words(description).iter().map(|w| w.to_lowercase()).collect();
    let first_is_article = matches!(words.first().map(String::as_str), Some("a" | "an" | "the"));
    let described = name_words(description)
        .iter()
        .skip(usize::from(first_is_article))
        .all(|w| w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()));
    if !described || head.is_empty() {
        return None;
    }
    let modifiers: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !matches!(*w, "a" | "an" | "the") && *w != head && !WordClass::ROLE.has(w))
        .collect();
    let mut fitting = names.iter().filter(|name| {
        let lower: Vec<String> = name.split(' ').map(str::to_lowercase).collect();
        lower.iter().any(|w| w == head)
            && (modifiers.is_empty() || lower.iter().any(|w| modifiers.contains(&w.as_str())))
    });
    match (fitting.next(), fitting.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

/// "the book said", "the statement added": the person whom the article
/// said wrote or issued such a thing, in one of the six sentences before
/// ("Mariano wrote a memoir of her time ...", "Husted issued a
/// statement"): the known person whose name opens the nearest sentence
/// that holds a noun of the same kind (a book, a memoir, a statement);
/// sentences that open with no known person's name are passed over.
fn author_of_the_writing(doc: &Doc<'_>, source_text: &str, span: Span, registry: &Registry) -> Option<usize> {
    let text = doc.text();
    let (article, noun) = source_text.trim().split_once(' ')?;
    if !article.eq_ignore_ascii_case("the") || !WordClass::AUTHORED_NOUN.has(noun) {
        return None;
    }
    let at = doc.token_at(span.start());
    if at == 0 || at >= doc.tokens.len() {
        return None;
    }
    let (mut first, _) = doc.sentence_of(at);
    for _ in 0..6 {
        if first == 0 {
            return None;
        }
        let (start, end) = doc.sentence_of(first - 1);
        first = start;
        if doc.quote_info[start].quote.is_some() {
            continue;
        }
        if !(start..end).any(|i| doc.tokens[i].kind == TokenKind::Word && doc.is(i, WordClass::AUTHORED_NOUN)) {
            continue;
        }
        let capitalised = |i: &usize| {
            doc.tokens[*i].kind == TokenKind::Word && doc.tokens[*i].span.slice(text).starts_with(char::is_uppercase)
        };
        let run = (start..end).take_while(capitalised).count();
        let words: Vec<&str> = (start..start + run).map(|i| doc.tokens[i].span.slice(text)).collect();
        if words.is_empty() || words.iter().all(|w| WordClass::CAPITALISED_OPENER.has(w)) {
            continue;
        }
        let person = registry.find_person(&words).filter(|&i| registry.drafts[i].kind == EntityKind::Person);
        if person.is_some() {
            return person;
        }
    }
    None
}

/// "Trump has record low support from black voters. He recently pitched
/// himself ...": a pronoun that opens a sentence stands for the known
/// person whose name opens the sentence before (outside quotation marks),
/// the one the story is talking about, rather than for the last speaker.
fn subject_before(doc: &Doc<'_>, pronoun: Span, registry: &Registry) -> Option<usize> {
    let text = doc.text();
    let at = doc.token_at(pronoun.start());
    if at == 0 || at >= doc.tokens.len() || !doc.tokens[at].sentence_start {
        return None;
    }
    let (first, end) = doc.sentence_of(at - 1);
    if doc.quote_info[first].quote.is_some() {
        return None;
    }
    let capitalised = |i: &usize| {
        doc.tokens[*i].kind == TokenKind::Word && doc.tokens[*i].span.slice(text).starts_with(char::is_uppercase)
    };
    let run = (first..end).take_while(capitalised).count();
    let after = first + run;
    // "Trump's obsession ...": a possessive is not the subject.
    if run == 0 || after >= end || doc.tokens[after].kind != TokenKind::Word {
        return None;
    }
    let words: Vec<&str> = (first..after).map(|i| doc.tokens[i].span.slice(text)).collect();
    if words.iter().any(|w| !WordClass::CAPITALISED_OPENER.has(w)) {
        let idx = registry.find_person(&words)?;
        return (registry.drafts[idx].kind == EntityKind::Person).then_some(idx);
    }
    None
}

/// Whether a person holds the role a description names by `head` (with
/// the description's words `roles`): the role word itself, its
/// abbreviation ("Sen." for "senator", "Dr." for "doctor"), or a title of the same kind
/// ("president" for "leader", "justice" for "judge"); a demonym in the
/// description must be one of theirs too ("the Ukrainian leader").
fn holds_role(draft: &EntityDraft, head: &str, roles: &[String], gazetteer: &Gazetteer) -> bool {
    let same_kind = |class: WordClass| class.has(head) && draft.roles.iter().any(|r| class.has(r.as_str()));
    // "Sen." for "senator", "Dr." for "doctor": its letters, in order,
    // from the head's first.
    let abbreviates = |r: &String| {
        let stem = r.trim_end_matches('.');
        let mut letters = head.chars();
        WordClass::ABBREVIATION.has(stem)
            && head.len() > stem.len()
            && stem.chars().next() == head.chars().next()
            && stem.chars().all(|c| letters.any(|h| h == c))
    };
    let holds = draft.roles.iter().any(|r| r == head || abbreviates(r))
        || same_kind(WordClass::LEADER)
        || same_kind(WordClass::BENCH_TITLE);
    holds && roles.iter().filter(|r| gazetteer.demonym_country(r).is_some()).all(|r| draft.roles.contains(r))
}

pub(super) fn other(registry: &mut Registry, source_text: &str, span: Span) -> usize {
    let name = source_text.trim().to_string();
    match registry.find_by_name(&name, EntityKind::Other) {
        Some(i) => {
            registry.mention(i, span, &[]);
            i
        }
        None => registry.add(name, EntityKind::Other, Vec::new(), span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_and_an_outlet_word_make_an_outlet() {
        assert!(names_an_outlet("the Sunday Telegraph", &["Sunday", "Telegraph"]));
        assert!(!names_an_outlet("Emily Post", &["Emily", "Post"]));
        assert!(!names_an_outlet("the Reverend Jesse Jackson", &["Jesse", "Jackson"]));
    }

    #[test]
    fn a_description_names_the_one_organisation_that_fits_it() {
        let names = vec!["U.S. Court of Appeals for the Sixth Circuit".to_string(), "Supreme Court".to_string()];
        let court = described_organisation(&names, "A federal appeals court", "court");
        assert_eq!(court.as_deref(), Some("U.S. Court of Appeals for the Sixth Circuit"));
        // Two courts fit "the court"; a capitalised name is no description.
        assert_eq!(described_organisation(&names, "the court", "court"), None);
        assert_eq!(described_organisation(&names, "the Supreme Court", "court"), None);
        let text =
            "Officials met. The Court of Appeals for the Ninth Circuit ruled, and the Ohio Bar Association spoke.";
        let lexicon = crate::lexicon::Lexicon::new();
        let doc = Doc::new(text, &lexicon);
        assert_eq!(
            organisation_names(&doc),
            vec!["Court of Appeals for the Ninth Circuit".to_string(), "Ohio Bar Association".to_string()]
        );
    }

    #[test]
    fn a_relative_pronoun_stands_for_the_name_before_it() {
        let text = "The accuser, Jessica Leeds, who said she was groped, spoke.";
        let at = text.find("who").expect("who");
        assert_eq!(antecedent_before(text, at).map(|s| s.slice(text)), Some("Jessica Leeds"));
        let text = "the people who said so";
        assert_eq!(antecedent_before(text, text.find("who").expect("who")), None);
    }
}
