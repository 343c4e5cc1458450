//! The ledger end to end with hand-made analyses: idempotent ingest, reprint
//! linking, claims across articles, every query, and schema versions, each
//! on both backends (an in-memory SQLite ledger and a fresh PostgreSQL
//! database, see `hearsay_ledger::test_support`). Corpus text is read from
//! `../shared` at run time.

mod common;

use common::{article, attribution, bbc_articles, fake_analysis};
use hearsay_core::{Analysis, Entity, EntityKind, Stance};
use hearsay_ledger::{ClaimFilter, Counts, Error, Ingested, Ledger, TimelineRole};

fn ingest_all(ledger: &mut Ledger, articles: &[hearsay_ingest::Article]) -> Vec<Ingested> {
    let analyses: Vec<Analysis> = articles.iter().map(|a| fake_analysis(&a.text)).collect();
    let pairs: Vec<(&hearsay_ingest::Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    pairs.chunks(64).flat_map(|chunk| ledger.ingest_batch(chunk).expect("ingest")).collect()
}

fn all_claims(ledger: &Ledger) -> ClaimFilter {
    let _ = ledger;
    ClaimFilter { contested_only: false, about: None, limit: 1000 }
}

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

on_both_backends!(
    same_articles_twice_change_no_count,
    reprint_links_to_its_origin_and_counts_one_origin,
    claim_across_articles_is_contested_and_dated,
    queries_find_what_was_stored,
);

fn same_articles_twice_change_no_count(mut ledger: Ledger) {
    let articles = bbc_articles(300);
    assert_eq!(articles.len(), 300, "BBC corpus in ../shared");
    let first = ingest_all(&mut ledger, &articles);
    let after_first: Counts = ledger.counts().expect("counts");
    assert!(first.iter().all(|o| matches!(o, Ingested::Stored { .. })));
    assert!(after_first.statements > 100, "the stand-in analyzer finds statements: {after_first:?}");
    assert!(after_first.claims > 50);
    let second = ingest_all(&mut ledger, &articles);
    assert!(second.iter().all(|o| matches!(o, Ingested::Duplicate { .. })));
    assert_eq!(ledger.counts().expect("counts"), after_first);
}

const WIRE: &str = "Ministers said on Monday that the new rail line between the two cities would open next \
    spring, two years later than planned. The transport secretary blamed rising costs and a shortage of \
    engineers for the delay. Opposition leaders called it a scandal and demanded an inquiry into the budget. \
    China was supplying weapons to Russia, Mr Kovacs said. Engineers at the site said work had stopped twice \
    this winter because of flooding, and unions warned of further strikes over pay.";

fn reprint_links_to_its_origin_and_counts_one_origin(mut ledger: Ledger) {
    let original = article("wire", WIRE, Some("2025-04-01"));
    let reprint =
        article("reprint", &WIRE.replace("Monday", "Tuesday").replace("Mr Kovacs", "Mr Kovac"), Some("2025-04-02"));
    let unrelated = bbc_articles(1).remove(0);
    let outcomes = ingest_all(&mut ledger, &[original, reprint, unrelated]);
    let Ingested::Stored { article: origin, near_duplicate_of: None, .. } = outcomes[0] else {
        panic!("first is an origin: {:?}", outcomes[0]);
    };
    assert!(matches!(outcomes[1], Ingested::Stored { near_duplicate_of: Some(o), .. } if o == origin));
    assert!(matches!(outcomes[2], Ingested::Stored { near_duplicate_of: None, .. }));
    assert_eq!(ledger.counts().expect("counts").origins, 2);
    let claims = ledger.claims(&all_claims(&ledger)).expect("claims");
    let supply = claims.iter().find(|c| c.text.contains("supplying weapons")).expect("the supply claim");
    assert_eq!((supply.n_statements, supply.n_origins), (2, 1));
}

// Three outlets: two assert, one denies; published on different days.
fn supply_story(ledger: &mut Ledger) {
    let texts = [
        (
            "kyiv",
            "Zelenskyy said China was supplying weapons and gunpowder to Russia.",
            "2025-04-17",
            "Volodymyr Zelenskyy",
            "China was supplying weapons and gunpowder to Russia",
            Stance::Assert,
        ),
        (
            "wire",
            "He repeated that China was supplying arms to Russia, the agency reported.",
            "2025-04-19",
            "Volodymyr Zelenskyy",
            "China was supplying arms to Russia",
            Stance::Assert,
        ),
        (
            // A denial names its rejection ("no evidence"): a negative sentence alone asserts.
            "beijing",
            "Lin Jian said there was no evidence that China was supplying weapons to Russia.",
            "2025-04-18",
            "Lin Jian",
            "there was no evidence that China was supplying weapons to Russia",
            Stance::Deny,
        ),
    ];
    for (id, text, date, speaker, content, stance) in texts {
        let source = speaker.split(' ').next_back().unwrap_or(speaker);
        let source = if text.contains(source) { source } else { "He" };
        let analysis = Analysis {
            attributions: vec![attribution(text, source, content, stance, 0)],
            entities: vec![Entity { name: speaker.to_string(), kind: EntityKind::Person, mentions: vec![] }],
            claims: vec![],
            diagnostics: vec![],
        };
        ledger.ingest(&article(id, text, Some(date)), &analysis).expect("ingest");
    }
}

fn claim_across_articles_is_contested_and_dated(mut ledger: Ledger) {
    supply_story(&mut ledger);
    let claims = ledger.claims(&ClaimFilter { contested_only: true, about: None, limit: 10 }).expect("claims");
    assert_eq!(claims.len(), 1);
    let claim = &claims[0];
    assert_eq!((claim.n_assert, claim.n_deny, claim.n_origins), (2, 1, 3));
    assert_eq!(claim.first_said.map(|d| d.to_string()).as_deref(), Some("2025-04-17"));
    let timeline = ledger.timeline(claim.id).expect("timeline").expect("exists");
    let roles: Vec<(&str, &str)> = timeline
        .events
        .iter()
        .map(|e| (e.role.as_str(), e.statement.speaker.as_ref().map_or("", |s| s.name.as_str())))
        .collect();
    assert_eq!(roles, [("first", "Volodymyr Zelenskyy"), ("denied", "Lin Jian"), ("repeated", "Volodymyr Zelenskyy")]);
    assert_eq!(timeline.events[0].role, TimelineRole::First);
    assert_eq!(timeline.events[1].statement.outlet.as_deref(), Some("Test Wire"));
    // About: by speaker and by words of the content.
    let about = ledger
        .claims(&ClaimFilter { contested_only: false, about: Some("Lin Jian".into()), limit: 10 })
        .expect("about");
    assert_eq!(about.iter().map(|c| c.id).collect::<Vec<_>>(), [claim.id]);
    let about =
        ledger.claims(&ClaimFilter { contested_only: false, about: Some("Russia".into()), limit: 10 }).expect("about");
    assert_eq!(about.len(), 1);
    let none = ledger
        .claims(&ClaimFilter { contested_only: false, about: Some("Atlantis".into()), limit: 10 })
        .expect("about");
    assert!(none.is_empty());
}

fn queries_find_what_was_stored(mut ledger: Ledger) {
    supply_story(&mut ledger);
    let said = ledger.said_by("volodymyr zelenskyy", 10).expect("said_by");
    let dates: Vec<String> = said.iter().filter_map(|s| s.date()).map(|d| d.to_string()).collect();
    assert_eq!(dates, ["2025-04-17", "2025-04-19"]);
    assert_eq!(ledger.said_by("Zelenskyy", 10).expect("loose name").len(), 2);
    assert!(ledger.said_by("nobody at all", 10).expect("said_by").is_empty());
    let hits = ledger.search("gunpowder", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].content, "China was supplying weapons and gunpowder to Russia");
    // FTS syntax in user text is quoted, never an error.
    assert!(ledger.search("\"AND OR (* NEAR", 10).expect("odd query").is_empty());
    assert!(ledger.search("", 10).expect("empty").is_empty());
    let entities = ledger.entities(10).expect("entities");
    let names: Vec<(&str, u64)> = entities.iter().map(|e| (e.name.as_str(), e.n_statements)).collect();
    assert_eq!(names, [("Volodymyr Zelenskyy", 2), ("Lin Jian", 1)]);
    let articles = ledger.articles(10, 0).expect("articles");
    assert_eq!(articles.len(), 3);
    assert_eq!(ledger.articles(10, 2).expect("page").len(), 1);
    let detail = ledger.article(articles[0].id).expect("article").expect("exists");
    assert_eq!(detail.statements.len(), 1);
    let (start, end) = detail.statements[0].content_spans[0];
    assert_eq!(&detail.text[start..end], detail.statements[0].content);
    let claim = ledger.find_claim("gunpowder").expect("find").expect("found");
    assert_eq!(ledger.find_claim(&claim.0.to_string()).expect("by id"), Some(claim));
    assert_eq!(ledger.find_claim("999999").expect("by id"), None);
}

#[test]
fn ledger_file_reopens_and_refuses_newer_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.db");
    {
        let mut ledger = Ledger::open(&path).expect("create");
        assert_eq!(ledger.schema_version().expect("version"), 2);
        supply_story(&mut ledger);
    }
    let reopened = Ledger::open(&path).expect("reopen");
    assert_eq!(reopened.counts().expect("counts").articles, 3);
    let reader = Ledger::open_read_only(&path).expect("read-only");
    assert_eq!(reader.claims(&all_claims(&reader)).expect("claims").len(), 1);
    drop((reopened, reader));
    set_user_version(&path, 99);
    assert!(matches!(Ledger::open(&path), Err(Error::NewerSchema { found: 99, known: 2 })));
}

#[test]
fn postgres_ledger_reconnects_and_refuses_newer_schema() {
    let Some(database) = hearsay_ledger::test_support::fresh_database("reconnects") else {
        return;
    };
    // A reader finds no ledger in an empty database, and says so.
    assert!(matches!(Ledger::connect_read_only(database.url()), Err(Error::NoLedger { .. })));
    {
        let mut ledger = Ledger::connect(database.url()).expect("create");
        assert_eq!(ledger.schema_version().expect("version"), 2);
        supply_story(&mut ledger);
    }
    // A second writer migrates nothing and sees the same ledger.
    let reconnected = Ledger::connect(database.url()).expect("reconnect");
    assert_eq!(reconnected.counts().expect("counts").articles, 3);
    let reader = Ledger::connect_read_only(database.url()).expect("read-only");
    assert_eq!(reader.claims(&all_claims(&reader)).expect("claims").len(), 1);
    drop((reconnected, reader));
    let mut client = postgres::Client::connect(database.url(), postgres::NoTls).expect("client");
    client.batch_execute("INSERT INTO hearsay_schema (version) VALUES (99)").expect("newer version");
    assert!(matches!(Ledger::connect(database.url()), Err(Error::NewerSchema { found: 99, known: 2 })));
    assert!(matches!(Ledger::connect_read_only(database.url()), Err(Error::NewerSchema { found: 99, known: 2 })));
}

#[test]
fn sqlite_ledger_copies_into_postgres() {
    let Some(database) = hearsay_ledger::test_support::fresh_database("copies") else {
        return;
    };
    let mut source = Ledger::open_in_memory().expect("open");
    let articles = bbc_articles(200);
    ingest_all(&mut source, &articles);
    supply_story(&mut source);
    let mut target = Ledger::connect(database.url()).expect("connect");
    let copied = source.copy_into(&mut target, &mut |_, _| {}).expect("copy");
    assert_eq!(copied, source.counts().expect("counts"));
    // The same answers, by the same ids.
    let filter = all_claims(&source);
    assert_eq!(target.claims(&filter).expect("claims"), source.claims(&filter).expect("claims"));
    let claim = source.find_claim("gunpowder").expect("find").expect("found");
    assert_eq!(target.find_claim("gunpowder").expect("find"), Some(claim));
    assert_eq!(target.timeline(claim).expect("timeline"), source.timeline(claim).expect("timeline"));
    assert_eq!(target.said_by("Lin Jian", 10).expect("said"), source.said_by("Lin Jian", 10).expect("said"));
    assert_eq!(target.articles(20, 100).expect("page"), source.articles(20, 100).expect("page"));
    // New rows continue after the copied ids; a second copy is refused.
    assert!(matches!(ingest_all(&mut target, &bbc_articles(210)[200..])[0], Ingested::Stored { .. }));
    assert!(matches!(source.copy_into(&mut target, &mut |_, _| {}), Err(Error::TargetNotEmpty { .. })));
}

// Writes PRAGMA user_version into the closed file's header (a big-endian
// u32 at byte 60), as a newer build would leave it.
fn set_user_version(path: &std::path::Path, version: u32) {
    let mut bytes = std::fs::read(path).expect("read db");
    bytes[60..64].copy_from_slice(&version.to_be_bytes());
    std::fs::write(path, bytes).expect("write db");
}
