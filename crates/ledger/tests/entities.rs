//! Entities across articles, on both backends, with hand-made analyses of
//! text written here: pronouns and descriptions are never entities, types
//! follow eval/speakers/GUIDE.md, spellings fold into one entity with its
//! aliases, and a bare surname goes to the one full-name person of its
//! period, and back when a namesake speaks in that period later.

mod common;

use common::{article, attribution};
use hearsay_core::{Analysis, Entity, EntityKind, Stance};
use hearsay_ledger::{EntitySummary, Ledger, Relinked};

/// Makes `$name::sqlite` and `$name::postgres`, each calling the function
/// `$name` with a new, empty ledger of that backend.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(hearsay_ledger::Ledger::open_in_memory().expect("open"));
            }

            #[test]
            fn postgres() {
                let Some(database) = hearsay_ledger::test_support::fresh_database(stringify!($name)) else {
                    return;
                };
                super::$name(hearsay_ledger::Ledger::connect(database.url()).expect("connect"));
            }
        }
    )*};
}

on_both_backends!(entities_are_placed_typed_and_folded, surnames_link_in_their_period_and_unlink);

/// Stores one article of one sentence, "SOURCE said CONTENT.", spoken by
/// an entity called `speaker` of core's kind `kind`.
fn say(ledger: &mut Ledger, id: &str, date: &str, source: &str, speaker: &str, kind: EntityKind, content: &str) {
    let text = format!("{source} said {content}.");
    let analysis = Analysis {
        attributions: vec![attribution(&text, source, content, Stance::Assert, 0)],
        entities: vec![Entity { name: speaker.to_string(), kind, mentions: vec![] }],
        claims: vec![],
        diagnostics: vec![],
    };
    ledger.ingest(&article(id, &text, Some(date)), &analysis).expect("ingest");
}

fn entity<'a>(entities: &'a [EntitySummary], name: &str) -> Option<&'a EntitySummary> {
    entities.iter().find(|e| e.name == name)
}

fn entities_are_placed_typed_and_folded(mut ledger: Ledger) {
    let person = EntityKind::Person;
    say(&mut ledger, "e1", "2025-01-02", "The firm", "the firm", EntityKind::Other, "orders had doubled");
    say(&mut ledger, "e2", "2025-01-03", "who", "who", EntityKind::Other, "the plan would fail");
    say(&mut ledger, "e3", "2025-01-04", "Analysts", "Analysts", person, "prices would fall");
    say(&mut ledger, "e4", "2025-01-05", "Microsoft", "Microsoft", person, "the update was ready");
    say(&mut ledger, "e5", "2025-01-06", "The Tories", "Tories", person, "the tax was unfair");
    say(&mut ledger, "e6", "2025-01-07", "Zelenskyy", "Volodymyr Zelenskyy", person, "the drones were coming");
    say(&mut ledger, "e7", "2025-01-08", "Zelenskiy", "Volodymyr Zelenskiy", person, "the talks would resume");
    say(&mut ledger, "e8", "2025-01-09", "Sunday Anna Berg", "Sunday Anna Berg", person, "the vote was close");
    say(&mut ledger, "e9", "2025-01-10", "Anna Berg", "Anna Berg", person, "the count was over");
    let entities = ledger.entities(50).expect("entities");
    let typed: Vec<(&str, &str, u64)> =
        entities.iter().map(|e| (e.name.as_str(), e.kind.as_str(), e.n_statements)).collect();
    assert_eq!(
        typed,
        [
            ("Volodymyr Zelenskyy", "person", 2),
            ("Anna Berg", "person", 2),
            ("Analysts", "anonymous", 1),
            ("Microsoft", "organization", 1),
            ("Tories", "party", 1),
        ]
    );
    let zelenskyy = entity(&entities, "Volodymyr Zelenskyy").expect("folded");
    assert_eq!(zelenskyy.aliases, ["Volodymyr Zelenskiy"]);
    // Neither "the firm" nor "who" is anyone: their statements keep their
    // source and have no speaker.
    let firm = ledger.search("orders doubled", 5).expect("search");
    assert_eq!((firm.len(), firm[0].speaker.as_ref(), firm[0].source.as_deref()), (1, None, Some("The firm")));
    // Every spelling finds both statements, in said-by and in search.
    for spelling in ["Volodymyr Zelenskiy", "Volodymyr Zelenskyy", "Zelensky"] {
        assert_eq!(ledger.said_by(spelling, 10).expect("said_by").len(), 2, "{spelling}");
    }
    assert_eq!(ledger.search("Zelenskiy", 10).expect("search").len(), 2);
    assert_eq!(ledger.search("Zelenskyy", 10).expect("search").len(), 2);
    // The word glued before a name ("Sunday Anna Berg") was cut at ingest;
    // a relink finds nothing more to do.
    let relinked = ledger.relink().expect("relink");
    assert_eq!((relinked.merged, relinked.dropped, relinked.moved, relinked.entities_after), (0, 0, 0, 5));
    let matching: Vec<String> =
        ledger.entities_matching("zelenskiy", 5).expect("matching").into_iter().map(|e| e.name).collect();
    assert_eq!(matching, ["Volodymyr Zelenskyy"]);
}

fn surnames_link_in_their_period_and_unlink(mut ledger: Ledger) {
    let person = EntityKind::Person;
    for (n, day) in ["2004-05-01", "2004-05-02", "2004-05-03"].iter().enumerate() {
        let id = format!("gordon{n}");
        say(&mut ledger, &id, day, "Gordon Brown", "Gordon Brown", person, &format!("growth was strong {n}"));
    }
    say(&mut ledger, "nick", "1999-03-01", "Nick Brown", "Nick Brown", person, "farmers needed help");
    // The article names him in passing ("Gordon"): the evidence a link needs.
    say(&mut ledger, "bare04", "2004-06-01", "Brown", "Brown", person, "the budget Gordon set was balanced");
    say(&mut ledger, "bare99", "1999-04-01", "Brown", "Brown", person, "the cull would end");
    let relinked = ledger.relink().expect("relink");
    assert_eq!(relinked, Relinked { entities_before: 3, entities_after: 3, dropped: 0, merged: 0, moved: 1 });
    let entities = ledger.entities(10).expect("entities");
    let gordon = entity(&entities, "Gordon Brown").expect("gordon");
    assert_eq!((gordon.n_statements, gordon.aliases.as_slice()), (4, &["Brown".to_string()][..]));
    // 1999: Gordon Brown had not spoken then, and Nick Brown too little.
    assert_eq!(entity(&entities, "Brown").map(|e| e.n_statements), Some(1));
    let said = ledger.said_by("Brown", 10).expect("said_by");
    assert_eq!(said.len(), 5, "the bare surname and every full name it is an alias of");
    // A second relink changes nothing.
    assert_eq!(ledger.relink().expect("again").moved, 0);
    // Nick Brown speaks in 2004 too: "Brown" of 2004 is no longer
    // unambiguous, and goes back to the bare surname.
    say(&mut ledger, "nick04", "2004-06-10", "Nick Brown", "Nick Brown", person, "the farms were safe");
    ledger.relink().expect("relink");
    let entities = ledger.entities(10).expect("entities");
    let gordon = entity(&entities, "Gordon Brown").expect("gordon");
    assert_eq!((gordon.n_statements, gordon.aliases.len()), (3, 0));
    assert_eq!(entity(&entities, "Brown").map(|e| e.n_statements), Some(2));
}
