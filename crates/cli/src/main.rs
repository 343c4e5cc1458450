//! The `hearsay` binary: flags and glue over the hearsay crates.
//!
//! Each subcommand lives in `cmd/<name>.rs` with its own `Args` and `run`.
//! `main` maps errors to exit codes and treats a closed pipe as success.

mod cmd;
mod db;
mod polnear;
mod progress;
mod score;
mod wire;

use clap::{Parser, Subcommand};

/// Who said what, when, through whom, and who denies it.
#[derive(Parser)]
#[command(name = "hearsay", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print every attributed statement of the given articles as JSON Lines.
    Extract(cmd::extract::Args),
    /// Rebuild the attribution tagger's weights from PolNeAR train.
    Train(cmd::train::Args),
    /// Score extraction against an annotated corpus.
    Eval(cmd::eval::Args),
    /// Measure throughput and peak memory on a corpus.
    Bench(cmd::bench::Args),
    /// Judge whether each text asserts, denies or observes a claim.
    Stance(cmd::stance::Args),
    /// Group statements into claims across articles, with each one's stance.
    Group(cmd::group::Args),
    /// Store articles and their statements in the ledger.
    Ingest(cmd::ingest::Args),
    /// List claims in the ledger, contested first.
    Claims(cmd::claims::Args),
    /// Everything one speaker said, dated.
    SaidBy(cmd::said_by::Args),
    /// One claim's history: first said, repeated, relayed, denied.
    Timeline(cmd::timeline::Args),
    /// Full-text search over statements.
    Search(cmd::search::Args),
    /// List the ledger's entities.
    Entities(cmd::entities::Args),
    /// Serve the ledger over HTTP with a web page.
    Serve(cmd::serve::Args),
    /// Count the ledger's articles, origins, statements, claims and entities.
    Stats(cmd::stats::Args),
    /// Copy a SQLite ledger whole into an empty PostgreSQL one.
    Migrate(cmd::migrate::Args),
    /// Rebuild the ledger's claims with this build's claim model.
    Regroup(cmd::regroup::Args),
    /// Decide the entities again over the whole ledger: drop pronouns, refine types, merge spellings, link surnames
    Relink(cmd::relink::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Train(args) => cmd::train::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::Stance(args) => cmd::stance::run(args),
        Command::Group(args) => cmd::group::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Claims(args) => cmd::claims::run(args),
        Command::SaidBy(args) => cmd::said_by::run(args),
        Command::Timeline(args) => cmd::timeline::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Entities(args) => cmd::entities::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Migrate(args) => cmd::migrate::run(args),
        Command::Regroup(args) => cmd::regroup::run(args),
        Command::Relink(args) => cmd::relink::run(args),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                std::process::exit(0);
            }
            eprintln!("hearsay: {err:#}");
            std::process::exit(2);
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}
