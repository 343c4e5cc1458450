//! A relink over a whole ledger, planned here from what the backend read
//! and applied by the backend ([`crate::Ledger::relink`]).
//!
//! In order: every stored entity is placed again (a pronoun or a singular
//! description is dropped: its statements keep their source text and lose
//! the speaker; a name cleaned into another entity's is merged into it;
//! types are refined); entities of one type whose names are one
//! transliteration key are merged, into the most quoted; then each
//! statement of a bare surname goes to the full name [`choose`] gives at
//! the statement's date. The statements a relink gave to a full name are
//! remembered with their surname (`surname_statements`) and decided again
//! by every later relink, so that a namesake who appears later in the same
//! period undoes the link. A bare surname entity left without statements
//! or relays is deleted; its name stays an alias of the full names.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::linking::{choose, count_in_period, Candidate};
use super::{place_stored, AliasKind, Placed};

/// A stored entity as a relink reads it.
#[derive(Debug, Clone)]
pub(crate) struct StoredEntity {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) norm: String,
    pub(crate) kind: String,
    pub(crate) spelling: Option<String>,
}

/// A stored statement's speaker, article and date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SpokenBy {
    pub(crate) statement: i64,
    pub(crate) speaker: i64,
    pub(crate) article: i64,
    pub(crate) date: Option<NaiveDate>,
}

/// A statement that an earlier relink gave to a full name, and the bare
/// surname it was spoken by (`surname_statements`): decided again each time.
#[derive(Debug, Clone)]
pub(crate) struct SpokenAs {
    pub(crate) statement: i64,
    pub(crate) norm: String,
    pub(crate) name: String,
}

/// What a relink changes.
#[derive(Debug, Default)]
pub(crate) struct RelinkPlan {
    /// Entities whose name, norm, type or key change.
    pub(crate) rewrite: Vec<(i64, Placed)>,
    /// Entities that are never entities.
    pub(crate) drop: Vec<i64>,
    /// Whole entities merged into another: (from, into, how, from's name).
    pub(crate) merge: Vec<(i64, i64, AliasKind, String)>,
    /// Each bare surname's statements, decided.
    pub(crate) surnames: Vec<SurnameDecision>,
}

/// Where a bare surname's statements go.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct SurnameDecision {
    pub(crate) norm: String,
    pub(crate) name: String,
    /// The stored bare entity, if there is one.
    pub(crate) bare: Option<i64>,
    /// Statements given to a full name: (statement, entity), only those
    /// whose speaker changes.
    pub(crate) linked: Vec<(i64, i64)>,
    /// Statements that stay with (or go back to) the bare surname, only
    /// those whose speaker changes.
    pub(crate) unlinked: Vec<i64>,
    /// The full names it was linked to, for aliases.
    pub(crate) targets: Vec<i64>,
    /// Every statement of the surname went to a full name.
    pub(crate) all_linked: bool,
}

/// The plan. `article_text` gives the text of an article that holds a bare
/// surname's statement (the evidence for a link is read there).
pub(crate) fn plan<E>(
    entities: &[StoredEntity],
    spoken: &[SpokenBy],
    spoken_as: &[SpokenAs],
    article_text: &mut dyn FnMut(i64) -> Result<String, E>,
) -> Result<RelinkPlan, E> {
    let mut plan = RelinkPlan::default();
    let mut n_statements: HashMap<i64, u64> = HashMap::new();
    for said in spoken {
        *n_statements.entry(said.speaker).or_default() += 1;
    }
    let count = |id: i64| n_statements.get(&id).copied().unwrap_or(0);

    // 1. Place again; group by the placed norm.
    let mut by_norm: HashMap<String, Vec<(&StoredEntity, Placed)>> = HashMap::new();
    for entity in entities {
        match place_stored(&entity.name, &entity.kind) {
            None => plan.drop.push(entity.id),
            Some(placed) => by_norm.entry(placed.norm.clone()).or_default().push((entity, placed)),
        }
    }
    let mut norms: Vec<&String> = by_norm.keys().collect();
    norms.sort();
    // The entity each stored id ends in, and the survivors' totals.
    let mut final_of: HashMap<i64, i64> = HashMap::new();
    let mut survivors: Vec<(i64, Placed, u64)> = Vec::new();
    for norm in norms {
        let group = &by_norm[norm];
        let survivor = group
            .iter()
            .max_by_key(|(e, _)| (e.norm == *norm, count(e.id), std::cmp::Reverse(e.id)))
            .expect("groups are never empty");
        let mut total = 0;
        for (entity, _) in group {
            total += count(entity.id);
            final_of.insert(entity.id, survivor.0.id);
            if entity.id != survivor.0.id {
                plan.merge.push((entity.id, survivor.0.id, AliasKind::Name, entity.name.clone()));
            }
        }
        survivors.push((survivor.0.id, survivor.1.clone(), total));
    }

    // 2. One transliteration key and type: one entity.
    let mut by_spelling: HashMap<(String, &'static str), Vec<usize>> = HashMap::new();
    for (idx, (_, placed, _)) in survivors.iter().enumerate().filter(|(_, (_, placed, _))| placed.folds_spelling()) {
        by_spelling.entry((placed.spelling(), placed.kind)).or_default().push(idx);
    }
    let mut folded: Vec<bool> = vec![false; survivors.len()];
    let mut keys: Vec<&(String, &'static str)> = by_spelling.keys().collect();
    keys.sort();
    for key in keys {
        let group = &by_spelling[key];
        if group.len() < 2 {
            continue;
        }
        let winner = *group
            .iter()
            .max_by_key(|&&idx| (survivors[idx].2, std::cmp::Reverse(survivors[idx].0)))
            .expect("groups of two or more");
        for &idx in group.iter().filter(|&&idx| idx != winner) {
            let (id, placed, total) = survivors[idx].clone();
            plan.merge.push((id, survivors[winner].0, AliasKind::Spelling, placed.name.clone()));
            survivors[winner].2 += total;
            folded[idx] = true;
            for target in final_of.values_mut().filter(|target| **target == id) {
                *target = survivors[winner].0;
            }
        }
    }
    let survivors: Vec<(i64, Placed, u64)> =
        survivors.into_iter().zip(folded).filter(|(_, folded)| !folded).map(|(s, _)| s).collect();
    let stored: HashMap<i64, &StoredEntity> = entities.iter().map(|e| (e.id, e)).collect();
    for (id, placed, _) in &survivors {
        let Some(entity) = stored.get(id) else {
            continue;
        };
        let unchanged = entity.name == placed.name
            && entity.norm == placed.norm
            && entity.kind == placed.kind
            && entity.spelling.as_deref() == Some(placed.spelling().as_str());
        if !unchanged {
            plan.rewrite.push((*id, placed.clone()));
        }
    }

    // 3. Bare surnames to full names, statement by statement: the
    // statements of each bare surname entity, and those an earlier relink
    // gave to a full name.
    let mut dates: HashMap<i64, (Vec<NaiveDate>, u64)> = HashMap::new();
    let mut current: HashMap<i64, i64> = HashMap::new();
    let mut of_bare: HashMap<String, Vec<SpokenBy>> = HashMap::new();
    let bare_norm: HashMap<i64, &str> = survivors
        .iter()
        .filter(|(_, placed, _)| placed.is_bare_person())
        .map(|(id, placed, _)| (*id, placed.norm.as_str()))
        .collect();
    let relinked: HashMap<i64, &SpokenAs> = spoken_as.iter().map(|s| (s.statement, s)).collect();
    for said in spoken {
        let Some(&speaker) = final_of.get(&said.speaker) else {
            continue;
        };
        current.insert(said.statement, speaker);
        if let Some(norm) = bare_norm.get(&speaker) {
            of_bare.entry(norm.to_string()).or_default().push(*said);
            continue;
        }
        if let Some(spoken_as) = relinked.get(&said.statement) {
            of_bare.entry(spoken_as.norm.clone()).or_default().push(*said);
            continue;
        }
        let entry = dates.entry(speaker).or_default();
        match said.date {
            Some(date) => entry.0.push(date),
            None => entry.1 += 1,
        }
    }
    for (dated, _) in dates.values_mut() {
        dated.sort_unstable();
    }
    let mut by_surname: HashMap<&str, Vec<(i64, &str)>> = HashMap::new();
    for (id, placed, _) in &survivors {
        if let Some(surname) = placed.surname() {
            by_surname.entry(surname).or_default().push((*id, placed.norm.as_str()));
        }
    }
    // Who else speaks in each article, and beside each full name: named
    // speakers only (a person, organisation, party, government, country or
    // outlet), not groups or descriptions, and not the bare surnames.
    let named: HashMap<i64, &Placed> = survivors
        .iter()
        .filter(|(_, placed, _)| !matches!(placed.kind, "anonymous" | "other") && !placed.is_bare_person())
        .map(|(id, placed, _)| (*id, placed))
        .collect();
    let mut in_article: HashMap<i64, Vec<i64>> = HashMap::new();
    for said in spoken {
        if relinked.contains_key(&said.statement) {
            continue;
        }
        if let Some(&speaker) = final_of.get(&said.speaker).filter(|id| named.contains_key(id)) {
            let speakers = in_article.entry(said.article).or_default();
            if !speakers.contains(&speaker) {
                speakers.push(speaker);
            }
        }
    }
    let mut beside: HashMap<i64, Vec<i64>> = HashMap::new();
    for speakers in in_article.values() {
        for &speaker in speakers {
            let others = beside.entry(speaker).or_default();
            for &other in speakers {
                if other != speaker && !others.contains(&other) {
                    others.push(other);
                }
            }
        }
    }
    let mut texts: HashMap<i64, String> = HashMap::new();
    let bare_entity: HashMap<&str, (i64, &str)> =
        bare_norm.iter().map(|(id, norm)| (*norm, (*id, stored.get(id).map_or("", |e| e.name.as_str())))).collect();
    let names: HashMap<&str, &str> = spoken_as.iter().map(|s| (s.norm.as_str(), s.name.as_str())).collect();
    let mut bare_norms: Vec<&String> = of_bare.keys().collect();
    bare_norms.sort();
    for norm in bare_norms {
        let statements = &of_bare[norm];
        let full_names = by_surname.get(norm.as_str()).map_or(&[][..], Vec::as_slice);
        let bare = bare_entity.get(norm.as_str()).map(|(id, _)| *id);
        let name = match bare_entity.get(norm.as_str()) {
            Some((_, name)) => name.to_string(),
            None => names.get(norm.as_str()).map_or_else(|| norm.clone(), |name| name.to_string()),
        };
        let mut decision = SurnameDecision { norm: norm.clone(), name, bare, all_linked: true, ..Default::default() };
        for said in statements {
            let candidates: Vec<Candidate<'_>> = full_names
                .iter()
                .map(|&(id, full)| {
                    let (dated, undated) = dates.get(&id).map_or((&[][..], 0), |(d, u)| (d.as_slice(), *u));
                    Candidate { id, norm: full, n_in_period: count_in_period(dated, undated, said.date) }
                })
                .collect();
            let now = current.get(&said.statement).copied();
            let chosen = match choose(&candidates) {
                Some(target) => {
                    if let Entry::Vacant(slot) = texts.entry(said.article) {
                        slot.insert(article_text(said.article)?);
                    }
                    let text = texts.get(&said.article).map_or("", String::as_str);
                    let full = named.get(&target).map_or("", |placed| placed.name.as_str());
                    let co_speakers = in_article.get(&said.article).map_or(&[][..], Vec::as_slice);
                    let beside_target = beside.get(&target).map_or(&[][..], Vec::as_slice);
                    evidence(text, full, co_speakers, beside_target).then_some(target)
                }
                None => None,
            };
            match chosen {
                Some(target) => {
                    if !decision.targets.contains(&target) {
                        decision.targets.push(target);
                    }
                    if now != Some(target) {
                        decision.linked.push((said.statement, target));
                    }
                }
                None => {
                    decision.all_linked = false;
                    if now.is_none() || now != bare {
                        decision.unlinked.push(said.statement);
                    }
                }
            }
        }
        plan.surnames.push(decision);
    }
    Ok(plan)
}

/// Whether the article of a bare surname's statement shows that it is the
/// full name's: another word of the full name is written there ("Roger"
/// for "Federer"), or someone who speaks there also speaks beside the full
/// name elsewhere. Without either, the surname may be a namesake the
/// ledger never saw in full ("Cook" of Fatboy Slim beside "Robin Cook"),
/// or no name at all ("Jobs have continued to increase").
fn evidence(text: &str, full_name: &str, co_speakers: &[i64], beside_target: &[i64]) -> bool {
    let mut words = full_name.split_whitespace();
    words.next_back();
    let named = words.filter(|word| word.chars().count() >= 2).any(|word| {
        text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    });
    named || co_speakers.iter().any(|speaker| beside_target.contains(speaker))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: i64, name: &str, kind: &str) -> StoredEntity {
        let norm = crate::encoding::normalise_name(name);
        StoredEntity { id, name: name.into(), norm, kind: kind.into(), spelling: None }
    }

    fn said(statement: i64, speaker: i64, date: Option<&str>) -> SpokenBy {
        let date = date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        SpokenBy { statement, speaker, article: statement, date }
    }

    // Every article names the full names' first names.
    fn plan(entities: &[StoredEntity], spoken: &[SpokenBy], spoken_as: &[SpokenAs]) -> RelinkPlan {
        let mut text = |_| Ok::<String, ()>("Tony, Gordon and Nick spoke.".to_string());
        super::plan(entities, spoken, spoken_as, &mut text).expect("no error")
    }

    #[test]
    fn a_link_needs_evidence_in_the_article() {
        assert!(evidence("Roger Federer won. Federer said", "Roger Federer", &[], &[]));
        assert!(!evidence("Rogers said", "Roger Federer", &[], &[]));
        assert!(evidence("", "Tim Henman", &[7], &[3, 7]));
        assert!(!evidence("", "Tim Henman", &[7], &[3]));
        let entities = [entity(1, "Robin Cook", "person"), entity(2, "Cook", "person")];
        let spoken: Vec<SpokenBy> =
            [10, 11, 12, 20].iter().map(|&s| said(s, if s < 20 { 1 } else { 2 }, None)).collect();
        let mut text = |_| Ok::<String, ()>("Norman Cook said dance was alive.".to_string());
        let plan = super::plan(&entities, &spoken, &[], &mut text).expect("no error");
        assert!(plan.surnames[0].linked.is_empty());
    }

    #[test]
    fn a_relink_drops_folds_and_links() {
        let entities = [
            entity(1, "Tony Blair", "person"),
            entity(2, "Wednesday Tony Blair", "person"),
            entity(3, "Blair", "person"),
            entity(4, "company", "organization"),
            entity(5, "Volodymyr Zelenskyy", "person"),
            entity(6, "Volodymyr Zelenskiy", "person"),
        ];
        let mut spoken: Vec<SpokenBy> = (10..13).map(|s| said(s, 1, None)).collect();
        spoken.extend([said(20, 2, None), said(30, 3, None), said(40, 4, None), said(50, 5, None)]);
        spoken.extend([said(51, 5, None), said(60, 6, None)]);
        let plan = plan(&entities, &spoken, &[]);
        assert_eq!(plan.drop, [4]);
        let merges: Vec<(i64, i64, AliasKind)> = plan.merge.iter().map(|m| (m.0, m.1, m.2)).collect();
        assert_eq!(merges, [(2, 1, AliasKind::Name), (6, 5, AliasKind::Spelling)]);
        assert_eq!(plan.surnames.len(), 1);
        let blair = &plan.surnames[0];
        assert_eq!((blair.bare, blair.linked.as_slice(), blair.all_linked), (Some(3), &[(30, 1)][..], true));
    }

    #[test]
    fn a_surname_links_only_in_its_period() {
        let entities =
            [entity(1, "Gordon Brown", "person"), entity(2, "Nick Brown", "person"), entity(3, "Brown", "person")];
        let mut spoken: Vec<SpokenBy> = (10..14).map(|s| said(s, 1, Some("2004-06-01"))).collect();
        spoken.push(said(20, 2, Some("1999-06-01")));
        spoken.extend([said(30, 3, Some("2004-07-01")), said(31, 3, Some("1999-07-01"))]);
        let plan = plan(&entities, &spoken, &[]);
        // 2004: only Gordon Brown; 1999: only Nick Brown, with one statement.
        let brown = &plan.surnames[0];
        assert_eq!((brown.linked.as_slice(), brown.all_linked), (&[(30, 1)][..], false));
        assert!(brown.unlinked.is_empty());
    }

    #[test]
    fn a_later_namesake_undoes_a_link() {
        // Statement 30 was "Brown", given to Gordon Brown by an earlier
        // relink; Nick Brown has spoken since, in the same period.
        let entities = [entity(1, "Gordon Brown", "person"), entity(2, "Nick Brown", "person")];
        let mut spoken: Vec<SpokenBy> = (10..14).map(|s| said(s, 1, None)).collect();
        spoken.extend([said(20, 2, None), said(30, 1, None)]);
        let spoken_as = [SpokenAs { statement: 30, norm: "brown".into(), name: "Brown".into() }];
        let plan = plan(&entities, &spoken, &spoken_as);
        let brown = &plan.surnames[0];
        assert_eq!((brown.bare, brown.unlinked.as_slice(), brown.name.as_str()), (None, &[30][..], "Brown"));
    }
}
