//! `hearsay migrate`: copy a SQLite ledger whole into an empty PostgreSQL
//! one (every id kept, in one transaction: an interrupted copy leaves the
//! target empty). Schema migrations themselves need no command: every
//! command brings the ledger it opens up to date.

use std::ffi::OsString;
use std::io::Write as _;

use anyhow::Context as _;
use hearsay_ledger::{Ledger, Location};

/// Flags of `hearsay migrate`.
#[derive(clap::Args)]
pub struct Args {
    /// The SQLite ledger to copy.
    #[arg(long, value_name = "FILE")]
    from: OsString,
    /// The PostgreSQL ledger to fill (postgres://...); it must hold no article.
    #[arg(long, value_name = "URL")]
    to: OsString,
    /// Print the copied counts as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let (from, to) = (Location::parse(&args.from), Location::parse(&args.to));
    let Location::File(from_path) = &from else {
        anyhow::bail!("--from must be a SQLite file, not {from}");
    };
    if !matches!(to, Location::Postgres(_)) {
        anyhow::bail!("--to must be a postgres:// URL, not {to}");
    }
    if from.is_missing_file() {
        anyhow::bail!("{from}: no ledger there");
    }
    let source = Ledger::open(from_path)?;
    let mut target = Ledger::open_at(&to)?;
    let started = std::time::Instant::now();
    let counts = source
        .copy_into(&mut target, &mut |table, n_rows| eprintln!("hearsay: {table}: {n_rows} rows"))
        .with_context(|| format!("copying {from} to {to}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if args.json {
        let summary = serde_json::json!({
            "articles": counts.articles, "origins": counts.origins, "statements": counts.statements,
            "claims": counts.claims, "contested": counts.contested, "entities": counts.entities, "seconds": seconds,
        });
        writeln!(out, "{summary}")?;
    } else {
        writeln!(
            out,
            "copied {from} to {to}: {} articles ({} origins), {} statements, {} claims, {} entities in {seconds:.1} s",
            counts.articles, counts.origins, counts.statements, counts.claims, counts.entities
        )?;
    }
    Ok(0)
}
