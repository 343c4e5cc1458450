//! The ledger's entity types, decided from the name and core's kind.
//!
//! This is a small ledger-side typing step: core's lexicon and gazetteer
//! are private to core, and core gives five kinds (person, organization,
//! outlet, country, other). The ledger refines them into the types of
//! `eval/speakers/GUIDE.md` plus `party`, from the name alone, with the
//! short word lists below (they hold only what typing needs; core's
//! lexicon stays the one place for words the analysis reads):
//!
//! - a pronoun or quantifier alone ("who", "Some") is not an entity;
//! - a description without a proper name ("company", "the firm", "The
//!   prime minister") is not an entity when singular, and `anonymous` when
//!   plural ("officials", "Analysts", "Labour MPs");
//! - a known party ("Tories", "Lib Dems") or a name ending in "Party" is a
//!   `party`; a seat of government ("Downing Street", "Home Office",
//!   "Ministry of Defence") is `government`;
//! - a name typed as a person that is all capitals ("IBM"), ends in an
//!   organisation's word ("Japan Airlines") or is a known company
//!   ("Microsoft") is an `organization`;
//! - outlets and countries keep core's kind.

use hearsay_core::EntityKind;

pub(crate) const PERSON: &str = "person";
const ORGANIZATION: &str = "organization";
const GOVERNMENT: &str = "government";
const PARTY: &str = "party";
const ANONYMOUS: &str = "anonymous";

/// The ledger type of core's kind, before refinement.
pub(crate) fn core_kind(kind: EntityKind) -> &'static str {
    kind.as_str()
}

/// A stored type read back (`'static` for [`type_of`]); unknown text (a
/// newer build's) reads as "other".
pub(crate) fn stored_kind(kind: &str) -> &'static str {
    const KNOWN: &[&str] = &[PERSON, ORGANIZATION, GOVERNMENT, PARTY, ANONYMOUS, "outlet", "country"];
    KNOWN.iter().find(|known| **known == kind).copied().unwrap_or("other")
}

// Pronouns, relative pronouns and quantifiers: alone they name no one.
#[rustfmt::skip]
const PRONOUNS: &[&str] = &[
    "who", "which", "that", "whom", "whose", "what", "he", "she", "it", "they", "we", "i", "you", "this", "these",
    "those", "some", "many", "others", "other", "most", "all", "both", "any", "each", "one", "none", "several",
    "few", "the", "there", "such", "someone", "somebody", "everyone", "anyone", "nobody", "another", "either",
    "neither", "more", "much", "half", "both sides",
];

// Words that open a description ("the firm", "some analysts", "six
// leading lobbies") without being a name.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "some", "many", "most", "other", "several", "two", "three", "four", "five", "six", "its",
    "their", "his", "her", "our", "one", "senior", "leading", "top", "local", "former", "both", "all", "few",
];

// Common nouns that open a sentence capitalised ("Analysts said"): the
// first word of a description, not of a name. Singular and plural.
#[rustfmt::skip]
const COMMON_NOUNS: &[&str] = &[
    "analyst", "analysts", "critic", "critics", "economist", "economists", "minister", "ministers", "prosecutor",
    "prosecutors", "expert", "experts", "official", "officials", "observer", "observers", "campaigner",
    "campaigners", "investor", "investors", "trader", "traders", "source", "sources", "people", "resident",
    "residents", "witness", "witnesses", "doctor", "doctors", "scientist", "scientists", "researcher",
    "researchers", "union", "unions", "worker", "workers", "staff", "fan", "fans", "supporter", "supporters",
    "opponent", "opponents", "member", "members", "leader", "leaders", "mp", "mps", "mep", "meps", "msp", "msps",
    "peer", "peers", "lawyer", "lawyers", "police", "officer", "officers", "judge", "judges", "voter", "voters",
    "activist", "activists", "protester", "protesters", "executive", "executives", "boss", "bosses", "diplomat",
    "diplomats", "insider", "insiders", "aide", "aides", "spokesman", "spokeswoman", "spokesperson", "user",
    "users", "consumer", "consumers", "customer", "customers", "retailer", "retailers", "firm", "firms", "company",
    "companies", "bank", "banks", "manufacturer", "manufacturers", "developer", "developers", "rival", "rivals",
    "organiser", "organisers", "authorities", "regulator", "regulators", "government", "report", "reports",
    "survey", "study", "research", "figures", "statistics", "group", "groups", "party", "court", "board",
    "newspaper", "paper", "statement", "chancellor", "president", "chairman", "manager", "coach", "player",
    "players", "industry", "agency", "council", "committee", "commission", "watchdog", "charity", "charities",
    "teachers", "parents", "students", "women", "men", "children", "americans", "commentators", "bloggers",
    "journalists", "producers", "labels", "record", "shareholders", "creditors", "lenders", "estimates",
    "forecasts", "tories", "conservatives",
];

// Parties, by their usual names in the news.
#[rustfmt::skip]
const PARTIES: &[&str] = &[
    "tories", "tory", "labour", "conservatives", "conservative party", "liberal democrats", "lib dems", "democrats",
    "republicans", "ukip", "snp", "plaid cymru", "greens", "sinn fein", "dup", "bnp", "veritas", "respect",
    "new labour", "senior tories",
];

// Seats of government named for the government itself.
#[rustfmt::skip]
const GOVERNMENT_NAMES: &[&str] = &[
    "downing street", "number 10", "no 10", "white house", "kremlin", "pentagon", "whitehall", "home office",
    "foreign office", "treasury", "cabinet office", "state department", "elysee", "number ten",
];

// Nations and capitals core's gazetteer may miss when a name stands alone
// ("Britain said"): countries, as core types "Beijing". Europe is a
// continent: other.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "britain", "great britain", "uk", "england", "scotland", "wales", "northern ireland", "london", "washington",
    "brussels",
];

// Words that end an organisation's name ("Japan Airlines").
#[rustfmt::skip]
const ORGANIZATION_HEADS: &[&str] = &[
    "inc", "ltd", "plc", "corp", "corporation", "group", "motors", "airlines", "airways", "bank", "industry",
    "association", "union", "council", "commission", "committee", "institute", "university", "agency", "trust",
    "forum", "federation", "foundation", "club", "fund", "organisation", "organization", "society", "board",
    "authority", "court", "office", "service", "league", "company", "partners", "holdings", "international",
    "entertainment", "records", "studios", "pictures", "united", "city", "rovers", "wanderers", "athletic",
];

// Companies and bodies often quoted by their one-word name, which core may
// read as a person's.
#[rustfmt::skip]
const ORGANIZATIONS: &[&str] = &[
    "microsoft", "sony", "apple", "google", "yahoo", "nintendo", "yukos", "gazprom", "boeing", "airbus", "toshiba",
    "ericsson", "nokia", "intel", "ofcom", "euronext", "qantas", "vodafone", "ebay", "amazon", "samsung", "philips",
    "siemens", "fiat", "disney", "nasdaq", "oftel", "ofgem", "ofwat", "amnesty", "greenpeace", "interpol", "nato",
    "opec", "unicef", "oxfam", "valve", "t-mobile", "virgin", "nike", "adidas", "ryanair", "easyjet", "tesco",
    "sainsbury's", "asda", "woolworths", "vivendi", "aol", "lycos", "napster", "kazaa", "grokster", "skype",
    "apple's", "peoplesoft", "oracle", "ibm", "dell", "compaq", "motorola", "worldcom", "enron", "parmalat",
    "alitalia", "lufthansa", "volkswagen", "bmw", "mg rover", "rover", "deutsche boerse", "chelsea", "arsenal",
    "liverpool", "everton", "ford", "telegraph",
];

// Words glued before a name by a sentence boundary core did not see
// ("Wednesday Tony Blair", "Until December Microsoft", "However Nintendo").
#[rustfmt::skip]
const GLUED: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "july", "september", "october", "november", "december", "until", "however", "both", "earlier", "later",
    "meanwhile", "but", "and", "also", "now", "then", "yesterday", "today", "perhaps", "instead", "indeed", "still",
    "last", "in", "on", "at", "by", "after", "before", "since", "when", "while", "if", "as",
];

/// The name without the words a missed sentence boundary glued before it:
/// the part after the last ". ", then without leading [`GLUED`] words (a
/// name keeps at least one word).
pub(crate) fn clean_name(name: &str) -> String {
    let name = name.trim();
    let name = match name.rsplit_once(". ") {
        Some((before, after)) if ends_sentence(before) && after.chars().next().is_some_and(char::is_uppercase) => after,
        _ => name,
    };
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && GLUED.contains(&words[0].to_lowercase().as_str()) {
        words.remove(0);
    }
    words.join(" ")
}

// A ". " ends a sentence after a word of three letters or more that is
// not a title: "Kain. Analysts", not "George W. Bush" or "Mrs. Jones".
fn ends_sentence(before: &str) -> bool {
    let last = before.rsplit(' ').next().unwrap_or(before);
    last.chars().count() >= 3
        && last.chars().all(char::is_alphabetic)
        && !matches!(
            last.to_lowercase().as_str(),
            "mrs" | "rev" | "sgt" | "col" | "gen" | "gov" | "sen" | "rep" | "prof"
        )
}

/// The ledger type of a cleaned name that core typed `kind`; `None` when
/// it is never an entity.
pub(crate) fn type_of(name: &str, kind: &'static str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let last = *words.last()?;
    if PRONOUNS.contains(&lower.as_str()) {
        return None;
    }
    if kind == "outlet" || kind == "country" {
        return Some(kind);
    }
    if PLACES.contains(&lower.as_str()) {
        return Some("country");
    }
    if lower == "europe" {
        return Some("other");
    }
    if PARTIES.contains(&lower.as_str()) || (last == "party" && words.len() > 1 && has_proper_word(name)) {
        return Some(PARTY);
    }
    if GOVERNMENT_NAMES.contains(&lower.as_str())
        || (words.len() > 1 && matches!(words[0], "ministry" | "department") && has_proper_word(name))
        || (last == "government" && words.len() > 1 && has_proper_word(name))
    {
        return Some(GOVERNMENT);
    }
    let wordlike = name.split_whitespace().all(|word| word.chars().all(|c| c.is_alphanumeric() || "'’-.".contains(c)));
    if wordlike && !has_proper_word(name) {
        // A description: anonymous when it names a group, else nothing.
        // Only words are read so: a name with other characters is kept.
        return is_plural(last).then_some(ANONYMOUS);
    }
    if kind == PERSON && COMMON_NOUNS.contains(&last) && is_plural(last) {
        // "Labour MPs", "Senior Tories" were handled above as parties.
        return Some(ANONYMOUS);
    }
    if kind == PERSON || kind == "other" {
        let all_capitals = name.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if all_capitals
            || ORGANIZATIONS.contains(&lower.as_str())
            || (words.len() > 1 && ORGANIZATION_HEADS.contains(&last))
        {
            return Some(ORGANIZATION);
        }
    }
    Some(kind)
}

/// Whether a person's name of two words or more is a full name that a bare surname may stand
/// for: none of its words is a determiner, pronoun or quantifier ("Several Twitter", "Of The Most
/// Powerful Things Latinos" are a sentence's words glued to a name, not a person's name).
pub(crate) fn is_full_name(name: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    words.len() >= 2 && !words.iter().any(|w| DETERMINERS.contains(&w.as_str()) || PRONOUNS.contains(&w.as_str()))
}

/// Whether some word is a proper name: capitalised, and not a determiner
/// or a common noun that only opens the sentence capitalised.
fn has_proper_word(name: &str) -> bool {
    name.split_whitespace().enumerate().any(|(idx, word)| {
        let lower = word.to_lowercase();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let opens_sentence = idx == 0
            && (DETERMINERS.contains(&lower.as_str())
                || COMMON_NOUNS.contains(&lower.as_str())
                || PRONOUNS.contains(&lower.as_str()));
        capitalised && !opens_sentence && !COMMON_NOUNS.contains(&lower.as_str())
    })
}

fn is_plural(word: &str) -> bool {
    (word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is"))
        || matches!(word, "people" | "police" | "staff" | "women" | "men" | "children")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(name: &str, kind: EntityKind) -> Option<&'static str> {
        type_of(&clean_name(name), core_kind(kind))
    }

    #[test]
    fn types_follow_the_guide() {
        assert_eq!(typed("Tony Blair", EntityKind::Person), Some("person"));
        assert_eq!(typed("Parry", EntityKind::Person), Some("person"));
        assert_eq!(typed("Tories", EntityKind::Person), Some("party"));
        assert_eq!(typed("Liberal Democrats", EntityKind::Person), Some("party"));
        assert_eq!(typed("MPs", EntityKind::Person), Some("anonymous"));
        assert_eq!(typed("Labour MPs", EntityKind::Person), Some("anonymous"));
        assert_eq!(typed("officials", EntityKind::Other), Some("anonymous"));
        assert_eq!(typed("Microsoft", EntityKind::Person), Some("organization"));
        assert_eq!(typed("IBM", EntityKind::Person), Some("organization"));
        assert_eq!(typed("Japan Airlines", EntityKind::Person), Some("organization"));
        assert_eq!(typed("Downing Street", EntityKind::Organization), Some("government"));
        assert_eq!(typed("Home Office", EntityKind::Organization), Some("government"));
        assert_eq!(typed("Ministry of Defence", EntityKind::Organization), Some("government"));
        assert_eq!(typed("department report", EntityKind::Other), None);
        assert_eq!(typed("BBC", EntityKind::Outlet), Some("outlet"));
        assert_eq!(typed("Britain", EntityKind::Person), Some("country"));
        assert_eq!(typed("the report", EntityKind::Other), None);
        assert_eq!(typed("a spokeswoman", EntityKind::Other), None);
        assert_eq!(typed("whose", EntityKind::Other), None);
        assert_eq!(typed("Officer <img src=x>", EntityKind::Person), Some("person"));
    }

    #[test]
    fn glued_words_go_but_a_name_stays() {
        assert_eq!(clean_name("Until December Microsoft"), "Microsoft");
        assert_eq!(clean_name("However Nintendo"), "Nintendo");
        assert_eq!(clean_name("Sunday"), "Sunday");
        assert_eq!(clean_name("Mrs. Smith"), "Mrs. Smith");
        assert_eq!(clean_name("George W. Bush"), "George W. Bush");
        assert_eq!(clean_name("Phil Kain. Analysts"), "Analysts");
        assert_eq!(clean_name("Gordon Brown"), "Gordon Brown");
    }
}
