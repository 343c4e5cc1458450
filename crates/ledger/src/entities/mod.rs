//! Entities across articles: which names of an analysis become ledger
//! entities, of which type, and which names are one entity.
//!
//! Core resolves who speaks within one article; the ledger meets the same
//! speakers again across articles. Three decisions are made here, the same
//! for both backends (each backend only stores them, in its `entities.rs`):
//!
//! - [`place`]: a relative pronoun ("who") or a bare description
//!   ("company", "the firm") is never an entity: the statement keeps its
//!   source text and no speaker. A plural description ("analysts", "MPs")
//!   is an `anonymous` entity. Every other name gets a type
//!   ([`typing`]): person, organization, government, party, country,
//!   outlet (a news outlet), anonymous, or other.
//! - Spellings: a name of two words or more whose transliteration key
//!   ([`crate::encoding::transliteration_key`]) is an existing entity's of
//!   the same type is that entity, and the spelling is kept as an alias.
//! - Surnames ([`linking`]): a bare name typed as a person ("Blair") is
//!   the full-name person with that surname ("Tony Blair") when the ledger
//!   holds exactly one such person in the period (a year around the
//!   article's date, or the whole ledger for undated articles) with enough
//!   statements; never when two people share the surname there.
//!
//! Placing and spellings are decided at ingest, for each new name, and
//! again by [`crate::Ledger::relink`]; surnames only by the relink, over
//! the whole ledger (`hearsay ingest` runs one after storing): decided at
//! ingest, with only the earlier articles seen, the first BBC run linked
//! "Fox" to "Edward Fox" and "Bush" to "George W Bush" before "Liam Fox"
//! and "George Bush" had spoken.

pub(crate) mod linking;
pub(crate) mod relink;
pub(crate) mod typing;

use std::collections::HashMap;

use hearsay_core::EntityKind;

use crate::encoding::{normalise_name, transliteration_key};

/// How a stored alias came to point at its entity (a bare surname linked
/// to a full name is the third kind, "surname", written by the relink).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AliasKind {
    /// Another written form of the name (a prefix cut off, other case).
    Name,
    /// Another transliteration ("Zelenskiy" for "Zelenskyy").
    Spelling,
}

impl AliasKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AliasKind::Name => "name",
            AliasKind::Spelling => "spelling",
        }
    }
}

/// A name of an analysis as the ledger stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed {
    /// The name, cleaned of words glued before it ("Wednesday Tony Blair").
    pub(crate) name: String,
    /// [`normalise_name`] of `name`: what entities are unique by.
    pub(crate) norm: String,
    /// The ledger type (see [`typing`]).
    pub(crate) kind: &'static str,
}

impl Placed {
    /// A single-word person name: a surname that [`linking`] may link.
    pub(crate) fn is_bare_person(&self) -> bool {
        self.kind == typing::PERSON && !self.norm.contains(' ')
    }

    /// The last word of a person's full name, by which bare surnames find
    /// it; `None` for other names ([`typing::is_full_name`]).
    pub(crate) fn surname(&self) -> Option<&str> {
        if self.kind != typing::PERSON || !typing::is_full_name(&self.name) {
            return None;
        }
        self.norm.rsplit_once(' ').map(|(_, last)| last)
    }

    /// Whether another spelling of this name is the same entity: only for
    /// names of two words or more ("Volodymyr Zelenskiy"). Alone, a word
    /// whose doubled letters fold is too often another name ("Foxx" and
    /// "Fox", "BAA" and "BA"); `said-by` still finds single words spelt
    /// otherwise.
    pub(crate) fn folds_spelling(&self) -> bool {
        self.norm.contains(' ')
    }

    /// The transliteration key (`entities.spelling`).
    pub(crate) fn spelling(&self) -> String {
        transliteration_key(&self.norm)
    }
}

/// Where a name of an analysis goes: `None` when it is never an entity.
pub(crate) fn place(name: &str, kind: EntityKind) -> Option<Placed> {
    place_typed(name, typing::core_kind(kind))
}

/// [`place`] for a stored entity, whose type is already a ledger type.
pub(crate) fn place_stored(name: &str, kind: &str) -> Option<Placed> {
    place_typed(name, typing::stored_kind(kind))
}

fn place_typed(name: &str, kind: &'static str) -> Option<Placed> {
    let name = typing::clean_name(name);
    let kind = typing::type_of(&name, kind)?;
    let norm = normalise_name(&name);
    if norm.is_empty() {
        return None;
    }
    Some(Placed { name, norm, kind })
}

/// Entity ids by normalised name, valid for the ledger's committed state
/// plus the open transaction, and for one generation of entities: a
/// relink (which merges and deletes entities) bumps the generation, and a
/// writer that sees a new one at the start of a batch forgets its ids.
/// Cleared when a transaction fails. Bare surnames are never cached: they
/// are decided per article, by its date.
#[derive(Debug, Default)]
pub(crate) struct EntityCache {
    ids: HashMap<String, i64>,
    generation: Option<i64>,
}

impl EntityCache {
    pub(crate) fn new() -> EntityCache {
        EntityCache::default()
    }

    pub(crate) fn clear(&mut self) {
        self.ids.clear();
        self.generation = None;
    }

    /// Forgets every id when the stored generation is not the one the ids
    /// were read in.
    pub(crate) fn at_generation(&mut self, generation: i64) {
        if self.generation != Some(generation) {
            self.ids.clear();
            self.generation = Some(generation);
        }
    }

    pub(crate) fn get(&self, norm: &str) -> Option<i64> {
        self.ids.get(norm).copied()
    }

    pub(crate) fn insert(&mut self, norm: String, id: i64) {
        self.ids.insert(norm, id);
    }
}

/// Days either side of an article's date in which a full name counts as a
/// candidate for a bare surname: a year in all. Politicians and players
/// keep their posts for years, so a shorter window mostly loses evidence;
/// a longer one lets namesakes of another decade compete.
pub(crate) const PERIOD_DAYS: i64 = 183;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_and_descriptions_are_never_entities() {
        for name in ["who", "which", "that", "company", "government", "the firm", "The prime minister", "Some"] {
            assert_eq!(place(name, EntityKind::Organization), None, "{name}");
        }
        let analysts = place("Analysts", EntityKind::Person).expect("a group");
        assert_eq!((analysts.kind, analysts.norm.as_str()), ("anonymous", "analysts"));
    }

    #[test]
    fn glued_words_are_cut_and_surnames_found() {
        let blair = place("Wednesday Tony Blair", EntityKind::Person).expect("a person");
        assert_eq!((blair.name.as_str(), blair.surname()), ("Tony Blair", Some("blair")));
        let bare = place("Blair", EntityKind::Person).expect("a person");
        assert!(bare.is_bare_person() && bare.surname().is_none());
        assert_eq!(place("Phil Kain. Analysts", EntityKind::Person).map(|p| p.kind), Some("anonymous"));
        // A sentence's words glued to a name are no full name a surname stands for.
        let glued = place("Several Twitter", EntityKind::Person).expect("kept as written");
        assert_eq!(glued.surname(), None);
    }
}
