//! Query latency on a ledger of 100,000 articles, made by replicating the
//! BBC corpus with changes: copy `k` shifts every digit by `k`, swaps
//! common surnames for others, ends with its own desk credit and gets its
//! own publication dates and outlet, so that
//! copies are near-duplicates with their own numbers and names (as wire
//! reprints are), not byte-identical.
//!
//! The ledger is built once (with `Analyzer::builtin`, or the tests'
//! stand-in analyzer when `HEARSAY_BENCH_ANALYZER=stand-in`) at
//! `$HEARSAY_BENCH_DB` (default: `hearsay-bench-100k.db` in the temp dir)
//! and reused by later runs. Each query then runs 100 times with varied
//! arguments; p50, p95 and max are printed. Counts are asserted so that a
//! query that silently finds nothing is noticed.
//! Run: `cargo bench -p hearsay-ledger --bench queries`.
//!
//! `HEARSAY_BENCH_DB` may also be a `postgres://` URL: the same queries then
//! run on PostgreSQL (fill it first with `hearsay migrate --from
//! target/bench-100k.db --to URL`, or let the bench build it there).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use hearsay_core::{Analysis, Analyzer, Document};
use hearsay_ingest::Article;
use hearsay_ledger::{ArticleId, ClaimFilter, ClaimId, Ledger, Location};

const TARGET_ARTICLES: usize = 100_000;
const RUNS: usize = 100;

const NAMES: &[&str] = &[
    "Blair",
    "Brown",
    "Howard",
    "Kennedy",
    "Bush",
    "Smith",
    "Jones",
    "Straw",
    "Prescott",
    "Blunkett",
    "Clarke",
    "Milburn",
    "Annan",
    "Putin",
    "Chirac",
    "Schroeder",
    "Kerry",
    "Mandelson",
    "Hewitt",
    "Johnson",
];

fn main() {
    let location = match std::env::var_os("HEARSAY_BENCH_DB") {
        Some(db) => Location::parse(&db),
        None => Location::File(std::env::temp_dir().join("hearsay-bench-100k.db")),
    };
    let mut ledger = Ledger::open_at(&location).expect("open bench ledger");
    if (ledger.counts().expect("counts").articles as usize) < TARGET_ARTICLES {
        build(&mut ledger);
    }
    let counts = ledger.counts().expect("counts");
    assert!(counts.articles as usize >= TARGET_ARTICLES);
    println!(
        "ledger {}: {} articles ({} origins), {} statements, {} claims, {} entities, {:.0} MB",
        location,
        counts.articles,
        counts.origins,
        counts.statements,
        counts.claims,
        counts.entities,
        match &location {
            Location::File(path) => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
            Location::Postgres(_) => 0.0,
        },
    );

    let entities: Vec<String> = ledger.entities(40).expect("entities").into_iter().map(|e| e.name).collect();
    assert!(!entities.is_empty());
    let top_claims: Vec<ClaimId> = ledger
        .claims(&ClaimFilter { contested_only: false, about: None, limit: 50 })
        .expect("claims")
        .into_iter()
        .map(|c| c.id)
        .collect();
    let words = [
        "government",
        "interest rates",
        "oil prices",
        "election",
        "China",
        "Blair election",
        "growth",
        "music",
        "broadband",
        "minister said",
        "profits",
        "the",
        "film",
        "champion",
        "tax",
        "security",
    ];

    time("claims (top 50)", |_| {
        ledger.claims(&ClaimFilter { contested_only: false, about: None, limit: 50 }).expect("q").len()
    });
    time("claims --contested", |_| {
        ledger.claims(&ClaimFilter { contested_only: true, about: None, limit: 50 }).expect("q").len()
    });
    time("claims --about ENTITY", |i| {
        let about = Some(entities[i % entities.len()].clone());
        ledger.claims(&ClaimFilter { contested_only: false, about, limit: 50 }).expect("q").len()
    });
    time("claims --about WORD", |i| {
        let about = Some(words[i % words.len()].to_string());
        ledger.claims(&ClaimFilter { contested_only: false, about, limit: 50 }).expect("q").len()
    });
    time("said-by ENTITY (200)", |i| ledger.said_by(&entities[i % entities.len()], 200).expect("q").len());
    time("timeline (top claims)", |i| {
        ledger.timeline(top_claims[i % top_claims.len()]).expect("q").map_or(0, |t| t.events.len())
    });
    time("timeline (any claim)", |i| {
        let id = ClaimId(1 + (i as i64 * 7919) % counts.claims as i64);
        ledger.timeline(id).expect("q").map_or(0, |t| t.events.len())
    });
    time("timeline CLAIM-WORDS", |i| ledger.find_claim(words[i % words.len()]).expect("q").map_or(0, |_| 1));
    time("search TEXT (50)", |i| ledger.search(words[i % words.len()], 50).expect("q").len());
    time("entities (100)", |_| ledger.entities(100).expect("q").len());
    time("articles page (50)", |i| ledger.articles(50, (i * 997) % TARGET_ARTICLES).expect("q").len());
    time("article ID", |i| {
        ledger
            .article(ArticleId(1 + (i as i64 * 7919) % TARGET_ARTICLES as i64))
            .expect("q")
            .map_or(0, |a| a.statements.len() + 1)
    });
}

// Runs `query` RUNS times; prints p50/p95/max and the mean result count.
fn time(name: &str, mut query: impl FnMut(usize) -> usize) {
    let mut durations: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut found = 0;
    for i in 0..RUNS {
        let started = Instant::now();
        found += query(i);
        durations.push(started.elapsed());
    }
    durations.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name:<24} p50 {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms  ({:.1} results on average)",
        ms(durations[RUNS / 2]),
        ms(durations[RUNS * 95 / 100 - 1]),
        ms(durations[RUNS - 1]),
        found as f64 / RUNS as f64
    );
    assert!(found > 0, "{name} found nothing");
}

fn build(ledger: &mut Ledger) {
    let stand_in = std::env::var("HEARSAY_BENCH_ANALYZER").is_ok_and(|v| v == "stand-in");
    let analyzer = Analyzer::builtin();
    let originals = common::bbc_articles(usize::MAX);
    assert_eq!(originals.len(), 2095);
    let started = Instant::now();
    let mut n = 0;
    let mut batch: Vec<(Article, Analysis)> = Vec::with_capacity(64);
    'copies: for copy in 0.. {
        for (idx, original) in originals.iter().enumerate() {
            if n >= TARGET_ARTICLES {
                break 'copies;
            }
            n += 1;
            let article = variant(original, copy, idx);
            if ledger.contains(&article.text).expect("contains") {
                continue;
            }
            let analysis = if stand_in {
                common::fake_analysis(&article.text)
            } else {
                analyzer.analyze(Document { text: &article.text, published: article.published })
            };
            batch.push((article, analysis));
            if batch.len() == 64 {
                flush(ledger, &mut batch);
            }
            if n % 10_000 == 0 {
                eprintln!("built {n} articles in {:.0} s", started.elapsed().as_secs_f64());
            }
        }
    }
    flush(ledger, &mut batch);
    eprintln!("built {n} articles in {:.0} s", started.elapsed().as_secs_f64());
}

fn flush(ledger: &mut Ledger, batch: &mut Vec<(Article, Analysis)>) {
    let pairs: Vec<(&Article, &Analysis)> = batch.iter().map(|(a, b)| (a, b)).collect();
    ledger.ingest_batch(&pairs).expect("ingest");
    batch.clear();
}

// Copy `copy` of an article: digits shifted, names rotated, its own date.
fn variant(original: &Article, copy: usize, idx: usize) -> Article {
    let mut text = String::with_capacity(original.text.len());
    for c in original.text.chars() {
        match c.to_digit(10) {
            Some(d) if copy > 0 => text.push(char::from_digit((d + copy as u32) % 10, 10).unwrap_or(c)),
            _ => text.push(c),
        }
    }
    if copy > 0 {
        for (i, name) in NAMES.iter().enumerate() {
            if text.contains(name) {
                text = text.replace(name, NAMES[(i + copy) % NAMES.len()]);
            }
        }
    }
    if copy > 0 {
        text.push_str(&format!("\n\nAdditional reporting by desk {copy}."));
    }
    let day = (copy * 37 + idx) % 700;
    let published = NaiveDate::from_ymd_opt(2004, 1, 1).and_then(|d| d.checked_add_days(chrono::Days::new(day as u64)));
    Article {
        id: format!("{}-{copy}", original.id),
        origin: original.origin.clone(),
        title: original.title.clone(),
        text,
        published,
        outlet: Some(format!("Outlet {}", copy % 7)),
        url: None,
        byline: None,
    }
}
