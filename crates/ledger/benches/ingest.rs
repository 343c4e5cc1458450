//! Ingest throughput on the whole BBC corpus (2,095 articles), one thread.
//!
//! Prints, for each analyzer, articles/s end to end (by wall clock, and by
//! this thread's CPU time, which a busy shared machine disturbs less) and
//! the analysis' and ledger's CPU time per article: `real` is `Analyzer::builtin`, `stand-in` the tests'
//! "X said" analyzer (more statements per article than the real one finds
//! today, so a harder load on the ledger). Counts are asserted inside the
//! loop. Run: `cargo bench -p hearsay-ledger --bench ingest`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use hearsay_core::{Analysis, Analyzer, Document};
use hearsay_ingest::Article;
use hearsay_ledger::{Ingested, Ledger};

const BATCH: usize = 64;

fn main() {
    let articles = common::bbc_articles(usize::MAX);
    assert_eq!(articles.len(), 2095, "the BBC corpus in ../shared");
    let megabytes = articles.iter().map(|a| a.text.len()).sum::<usize>() as f64 / 1e6;
    let analyzer = Analyzer::builtin();
    for (name, real) in [("real", true), ("stand-in", false)] {
        let dir = std::env::temp_dir().join(format!("hearsay-bench-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let db = dir.join("bench.db");
        let mut ledger = Ledger::open(&db).expect("open ledger");
        let started = Instant::now();
        let cpu_started = thread_cpu();
        let mut analysis_time = Duration::ZERO;
        let mut batch: Vec<(Article, Analysis)> = Vec::with_capacity(BATCH);
        let mut n_stored = 0;
        let mut n_statements = 0;
        for article in &articles {
            if ledger.contains(&article.text).expect("contains") {
                continue;
            }
            let t = thread_cpu();
            let analysis = if real {
                analyzer.analyze(Document { text: &article.text, published: article.published })
            } else {
                common::fake_analysis(&article.text)
            };
            analysis_time += thread_cpu().saturating_sub(t);
            batch.push((article.clone(), analysis));
            if batch.len() == BATCH {
                (n_stored, n_statements) = store(&mut ledger, &mut batch, n_stored, n_statements);
            }
        }
        (n_stored, n_statements) = store(&mut ledger, &mut batch, n_stored, n_statements);
        let total = started.elapsed().as_secs_f64();
        let cpu_total = thread_cpu().saturating_sub(cpu_started).as_secs_f64();
        let counts = ledger.counts().expect("counts");
        assert_eq!(counts.articles as usize + (articles.len() - n_stored), articles.len());
        assert_eq!(counts.statements as usize, n_statements);
        let ledger_time = cpu_total - analysis_time.as_secs_f64();
        println!(
            "{name:>8}: {} articles ({:.1} MB) in {total:.2} s wall = {:.0} articles/s; CPU {cpu_total:.2} s = {:.0} articles/s; \
             analysis {:.3} ms/article, ledger {:.3} ms/article (CPU); {} statements, {} claims, {} origins",
            articles.len(),
            megabytes,
            articles.len() as f64 / total,
            articles.len() as f64 / cpu_total,
            1e3 * analysis_time.as_secs_f64() / articles.len() as f64,
            1e3 * ledger_time / articles.len() as f64,
            counts.statements,
            counts.claims,
            counts.origins,
        );
        drop(ledger);
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("peak memory: {} MB", peak_rss_kb() / 1024);
}

fn store(
    ledger: &mut Ledger,
    batch: &mut Vec<(Article, Analysis)>,
    stored: usize,
    statements: usize,
) -> (usize, usize) {
    let pairs: Vec<(&Article, &Analysis)> = batch.iter().map(|(a, b)| (a, b)).collect();
    let (mut stored, mut statements) = (stored, statements);
    for outcome in ledger.ingest_batch(&pairs).expect("ingest") {
        if let Ingested::Stored { n_statements, .. } = outcome {
            stored += 1;
            statements += n_statements;
        }
    }
    batch.clear();
    (stored, statements)
}

// CPU time of this thread (nanoseconds on CPU, from schedstat).
fn thread_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(stat.split_whitespace().next().and_then(|ns| ns.parse().ok()).unwrap_or(0))
}

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
