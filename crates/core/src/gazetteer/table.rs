//! The gazetteer's table: `data/gazetteer.tsv`, built into the binary, read
//! into one list of names with the place each names.
//!
//! Each line is `kind<TAB>canonical<TAB>names<TAB>capitals and
//! metonyms<TAB>demonyms`, lists separated by `|`; a name starting with `*`
//! is ambiguous on its own. Kind `not` lists names that contain a place's
//! name but are none ("South America"). Lines starting with `#` are comments. Plurals of
//! demonyms ("Ukrainians") and "<demonym> side" ("the Chinese side") are
//! derived here rather than listed.

use super::{NameForm, Place, PlaceKind};

/// The table, as committed.
pub(crate) const TABLE: &str = include_str!("../../data/gazetteer.tsv");

/// One name of a place, as written in the table (or derived from it).
#[derive(Debug, Clone)]
pub(crate) struct Name {
    /// The name as it is matched in text ("Kremlin", "U.S.", "The Times").
    pub(crate) text: String,
    /// The place it names.
    pub(crate) place: Place,
    /// True for a name that contains a place's name but is no place of the
    /// gazetteer ("South America", "New Mexico"): matched so that the
    /// shorter name inside it is not, then dropped.
    pub(crate) blocks: bool,
}

/// Every name of the table, in table order (so the first listing of a name
/// wins when two places share it).
pub(crate) fn names() -> Vec<Name> {
    let mut names = Vec::with_capacity(1600);
    for line in TABLE.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (kind, blocks) = match fields.next() {
            Some("country") => (PlaceKind::Country, false),
            Some("outlet") => (PlaceKind::Outlet, false),
            Some("not") => (PlaceKind::Country, true),
            // A line of unknown kind is skipped; the test `table_is_well_formed`
            // keeps the committed table free of them.
            _ => continue,
        };
        let Some(canonical) = fields.next() else {
            continue;
        };
        let columns = [
            (fields.next().unwrap_or(""), NameForm::Name),
            (fields.next().unwrap_or(""), NameForm::Metonym),
            (fields.next().unwrap_or(""), NameForm::Demonym),
        ];
        for (column, form) in columns {
            for raw in column.split('|').filter(|n| !n.is_empty()) {
                let (ambiguous, written) = match raw.strip_prefix('*') {
                    Some(rest) => (true, rest),
                    None => (false, raw),
                };
                let place = Place { name: canonical, kind, form, ambiguous };
                if blocks {
                    names.push(Name { text: written.to_string(), place, blocks });
                    continue;
                }
                push_name(&mut names, written, place);
                if form == NameForm::Demonym {
                    if let Some(plural) = plural(written) {
                        push_name(&mut names, &plural, place);
                    }
                    let side = Place { form: NameForm::Metonym, ..place };
                    push_name(&mut names, &format!("{written} side"), side);
                }
            }
        }
    }
    names
}

/// Adds `written`, and for countries a form without a leading "The" ("The
/// Gambia" is also "Gambia"; an outlet's "The" stays: "The Times", not
/// "Times"), and a form with a curly apostrophe where it has a straight one.
fn push_name(names: &mut Vec<Name>, written: &str, place: Place) {
    let mut forms = vec![written.to_string()];
    if place.kind == PlaceKind::Country {
        if let Some(rest) = written.strip_prefix("The ").or_else(|| written.strip_prefix("the ")) {
            forms.push(rest.to_string());
        }
    }
    let curly: Vec<String> = forms.iter().filter(|f| f.contains('\'')).map(|f| f.replace('\'', "’")).collect();
    forms.extend(curly);
    for text in forms {
        names.push(Name { text, place, blocks: false });
    }
}

/// The plural of a demonym ("Ukrainians", "Brits"), or `None` where it is
/// the same word ("Chinese", "Swiss", "British").
fn plural(demonym: &str) -> Option<String> {
    let invariant = ["sh", "ch", "se", "ss", "man", "men", "ic", "x", "s"];
    if invariant.iter().any(|end| demonym.ends_with(end)) {
        return None;
    }
    Some(format!("{demonym}s"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_well_formed() {
        let mut n_countries = 0;
        let mut n_outlets = 0;
        for (i, line) in TABLE.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 5, "line {}: {line:?}", i + 1);
            match fields[0] {
                "country" => n_countries += 1,
                "outlet" => n_outlets += 1,
                "not" => {}
                other => panic!("line {}: unknown kind {other:?}", i + 1),
            }
            assert!(!fields[2].is_empty(), "line {}: no names", i + 1);
        }
        assert!(n_countries >= 195, "{n_countries} countries");
        assert!(n_outlets >= 80, "{n_outlets} outlets");
    }

    #[test]
    fn plurals_and_sides_are_derived() {
        let names = names();
        let has = |text: &str| names.iter().any(|n| n.text == text);
        assert!(has("Ukrainians"));
        assert!(has("Israelis"));
        assert!(has("Chinese side"));
        assert!(!has("Chineses"));
        assert!(has("Gambia"));
        assert!(has("The Times"));
        assert!(!has("Times"));
    }
}
