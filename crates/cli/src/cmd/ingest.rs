//! `hearsay ingest`: store articles and their statements in the ledger.
//!
//! Articles are read in input order, skipped without analysis when the
//! ledger already holds their text, analysed on this thread and stored in
//! batches of [`BATCH`], one transaction each: killed at any point, the
//! ledger keeps whole batches only, and a rerun completes the rest. On
//! PostgreSQL several `hearsay ingest` may run at once on one ledger, over
//! overlapping inputs (see hearsay-ledger's `src/pg/write.rs`).

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use hearsay_core::{Analysis, Analyzer, Document};
use hearsay_ingest::Article;
use hearsay_ledger::{Ingested, Ledger};

/// Articles per transaction. One commit per article costs ~0.1 ms in WAL
/// mode; 64 make it negligible while a crash loses at most 64 to redo.
const BATCH: usize = 64;

/// Flags of `hearsay ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Files, folders (every file of a kind hearsay reads, sorted) or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: crate::db::DbArg,
    /// Publication date (YYYY-MM-DD) for resolving "on Tuesday"; overrides the input's.
    #[arg(long)]
    published: Option<chrono::NaiveDate>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Store only; leave linking bare surnames to full names (and the other
    /// whole-ledger entity decisions) to a later `hearsay relink`, e.g. when
    /// many writers ingest into one PostgreSQL ledger at once.
    #[arg(long)]
    no_relink: bool,
}

#[derive(Default)]
struct Tally {
    read: u64,
    stored: u64,
    near_duplicates: u64,
    duplicates: u64,
    skipped: u64,
    statements: u64,
    new_claims: u64,
}

/// Runs the command; the exit code is 1 when any input failed.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let db = args.db.location();
    let mut ledger = Ledger::open_at(&db)?;
    let analyzer = Analyzer::builtin();
    let mut tally = Tally::default();
    let mut batch: Vec<(Article, Analysis)> = Vec::with_capacity(BATCH);
    let started = std::time::Instant::now();
    let mut progress = crate::progress::Progress::new("ingest");
    for article in hearsay_ingest::read_inputs(&args.paths) {
        progress.tick();
        let mut article = match article {
            Ok(article) => article,
            Err(err) => {
                eprintln!("hearsay: {err}");
                tally.skipped += 1;
                continue;
            }
        };
        tally.read += 1;
        if args.published.is_some() {
            article.published = args.published;
        }
        // Analysis is most of the cost: skip it for stored text.
        if ledger.contains(&article.text)? {
            tally.duplicates += 1;
            continue;
        }
        let analysis = analyzer.analyze(Document { text: &article.text, published: article.published });
        batch.push((article, analysis));
        if batch.len() >= BATCH {
            store(&mut ledger, &mut batch, &mut tally)?;
        }
    }
    store(&mut ledger, &mut batch, &mut tally)?;
    progress.finish();
    // Surnames are linked over the whole ledger, once the new articles are in.
    let relinked = match tally.stored > 0 && !args.no_relink {
        true => Some(ledger.relink().context("relinking entities")?),
        false => None,
    };
    let elapsed = started.elapsed().as_secs_f64();
    let counts = ledger.counts()?;
    if args.json {
        let summary = serde_json::json!({
            "db": db.to_string(),
            "read": tally.read, "stored": tally.stored, "near_duplicates": tally.near_duplicates,
            "duplicates": tally.duplicates, "skipped": tally.skipped,
            "statements": tally.statements, "new_claims": tally.new_claims, "seconds": elapsed,
            "ledger": {"articles": counts.articles, "origins": counts.origins, "statements": counts.statements,
                       "claims": counts.claims, "entities": counts.entities},
            "relinked": relinked.map(|r| serde_json::json!({
                "dropped": r.dropped, "merged": r.merged, "moved": r.moved,
            })),
        });
        writeln!(out, "{summary}")?;
    } else {
        writeln!(
            out,
            "read {}, stored {} ({} near-duplicates), duplicates {}, skipped {}; {} statements, {} new claims in {:.1} s",
            tally.read, tally.stored, tally.near_duplicates, tally.duplicates, tally.skipped, tally.statements,
            tally.new_claims, elapsed
        )?;
        writeln!(
            out,
            "ledger {}: {} articles ({} origins), {} statements, {} claims, {} entities",
            db, counts.articles, counts.origins, counts.statements, counts.claims, counts.entities
        )?;
        if let Some(relinked) = relinked {
            writeln!(
                out,
                "entities relinked: {} merged into another, {} statements of a bare surname given to its full name",
                relinked.merged, relinked.moved
            )?;
        }
    }
    Ok(if tally.skipped > 0 { 1 } else { 0 })
}

fn store(ledger: &mut Ledger, batch: &mut Vec<(Article, Analysis)>, tally: &mut Tally) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let pairs: Vec<(&Article, &Analysis)> = batch.iter().map(|(article, analysis)| (article, analysis)).collect();
    let outcomes = ledger.ingest_batch(&pairs).context("storing a batch of articles")?;
    for outcome in outcomes {
        match outcome {
            Ingested::Stored { near_duplicate_of, n_statements, n_new_claims, .. } => {
                tally.stored += 1;
                tally.near_duplicates += u64::from(near_duplicate_of.is_some());
                tally.statements += n_statements as u64;
                tally.new_claims += n_new_claims as u64;
            }
            Ingested::Duplicate { .. } => tally.duplicates += 1,
        }
    }
    batch.clear();
    Ok(())
}
