//! `hearsay bench`: throughput and peak memory of extraction over a corpus.
//!
//! Reads every article into memory first, so that the figures measure
//! analysis (and JSON rendering, as `extract` does it) rather than the disk.
//! Prints articles/s and MB/s on one thread and on all cores, and the
//! process's peak resident memory. No figure here is asserted anywhere: a
//! benchmark informs, a test decides.

use std::path::PathBuf;
use std::time::Instant;

use hearsay_core::{Analyzer, Document};
use rayon::prelude::*;

/// Flags of `hearsay bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders of articles.
    #[arg(default_value = "../shared/corpus/bbc-news/news")]
    paths: Vec<PathBuf>,
    /// Passes over the corpus per measurement (the best is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Threads for the parallel measurement (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Also time each stage of the analysis (one thread, one pass).
    #[arg(long)]
    stages: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut articles = Vec::new();
    for article in hearsay_ingest::read_inputs(&args.paths) {
        match article {
            Ok(article) => articles.push(article),
            Err(err) => eprintln!("hearsay: {err}"),
        }
    }
    anyhow::ensure!(!articles.is_empty(), "no articles under the given paths");
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let analyzer = Analyzer::builtin();
    let once = |article: &hearsay_ingest::Article| -> usize {
        let analysis = analyzer.analyze(Document { text: &article.text, published: article.published });
        let line = crate::wire::document_line(&article.id, &article.text, article.published, &analysis, None, false);
        std::hint::black_box(line.len());
        analysis.attributions.len()
    };
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("corpus: {} articles, {:.1} MB", articles.len(), bytes as f64 / 1e6);
    let mut n_attributions = 0;
    for (label, n_threads) in [("1 thread", 1), ("all cores", threads)] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n_threads).build()?;
        let mut best = f64::INFINITY;
        for _ in 0..args.repeat.max(1) {
            let start = Instant::now();
            n_attributions = pool.install(|| articles.par_iter().map(once).sum());
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!(
            "{label:>9} ({n_threads}): {:>8.0} articles/s {:>6.2} MB/s ({:.3} s a pass)",
            articles.len() as f64 / best,
            bytes as f64 / 1e6 / best,
            best
        );
    }
    println!("attributions found: {n_attributions}");
    if args.stages {
        print_stage_times(&analyzer, &articles);
    }
    match peak_rss_kb() {
        Some(kb) => println!("peak RSS: {:.1} MB", kb as f64 / 1024.0),
        None => println!("peak RSS: unknown (no /proc/self/status)"),
    }
    Ok(0)
}

/// The time each stage of the analysis takes over the corpus, on one thread
/// (core tells the end of each stage; the clock is read here).
fn print_stage_times(analyzer: &Analyzer, articles: &[hearsay_ingest::Article]) {
    let mut totals: Vec<(&'static str, f64)> = Vec::new();
    for article in articles {
        let mut last = Instant::now();
        let mut k = 0;
        analyzer.analyze_observed(Document { text: &article.text, published: article.published }, &mut |stage| {
            let now = Instant::now();
            if k == totals.len() {
                totals.push((stage, 0.0));
            }
            totals[k].1 += (now - last).as_secs_f64();
            last = now;
            k += 1;
        });
    }
    let all: f64 = totals.iter().map(|t| t.1).sum();
    println!("stages (one thread, one pass, {all:.3} s in all):");
    for (stage, seconds) in totals {
        println!("{stage:>15}: {seconds:>7.3} s {:>5.1}%", 100.0 * seconds / all.max(f64::MIN_POSITIVE));
    }
}

/// VmHWM from /proc/self/status, in kB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
