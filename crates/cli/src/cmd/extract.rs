//! `hearsay extract`: articles in, JSON Lines of attributions out.
//!
//! Documents are analysed in parallel batches and printed in input order.
//! A document that cannot be read is reported on standard error with its
//! file and the batch goes on; the exit code is then 1.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use hearsay_core::{Analyzer, Document};
use hearsay_ingest::Article;
use rayon::prelude::*;

/// Flags of `hearsay extract`.
#[derive(clap::Args)]
pub struct Args {
    /// Files, folders (every file of a kind hearsay reads, sorted) or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for resolving "on Tuesday"; overrides the input's.
    #[arg(long)]
    published: Option<chrono::NaiveDate>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Also print each document's `title` and main `text`.
    #[arg(long)]
    with_text: bool,
    /// Weights from `hearsay train` to use instead of the built-in ones.
    #[arg(long)]
    model: Option<PathBuf>,
}

const BATCH: usize = 256;

/// Runs the command; the exit code is 1 when any input failed.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build().context("thread pool")?;
    let analyzer = super::analyzer(args.model.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Article>, out: &mut dyn Write| -> anyhow::Result<()> {
        let lines: Vec<String> =
            pool.install(|| batch.par_iter().map(|article| render(&analyzer, article, &args)).collect());
        for line in lines {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        batch.clear();
        Ok(())
    };
    let mut progress = crate::progress::Progress::new("extract");
    let mut summary = hearsay_ingest::Summary::new();
    for article in hearsay_ingest::read_inputs(&args.paths) {
        summary.record(&article);
        progress.tick();
        match article {
            Ok(article) => {
                batch.push(article);
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut out)?;
                }
            }
            Err(err) => {
                eprintln!("hearsay: {err}");
                failed += 1;
            }
        }
    }
    flush(&mut batch, &mut out)?;
    out.flush()?;
    progress.finish();
    if failed > 0 || summary.n_read() > 1 {
        eprintln!("hearsay: {summary}");
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

fn render(analyzer: &Analyzer, article: &Article, args: &Args) -> String {
    let published = args.published.or(article.published);
    let analysis = analyzer.analyze(Document { text: &article.text, published });
    crate::wire::document_line(
        &article.id,
        &article.text,
        published,
        &analysis,
        article.title.as_deref(),
        args.with_text,
    )
}
