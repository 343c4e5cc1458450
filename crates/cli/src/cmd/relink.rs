//! `hearsay relink`: decide the ledger's entities again over the whole
//! ledger (see `hearsay_ledger::Ledger::relink`).

use std::io::Write as _;

/// Flags of `hearsay relink`.
#[derive(clap::Args)]
pub struct Args {
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: crate::db::DbArg,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let location = args.db.location();
    let mut ledger = crate::db::open_existing(&location)?;
    let relinked = ledger.relink()?;
    if args.json {
        let summary = serde_json::json!({
            "entities_before": relinked.entities_before, "entities_after": relinked.entities_after,
            "dropped": relinked.dropped, "merged": relinked.merged, "moved": relinked.moved,
        });
        writeln!(out, "{summary}")?;
    } else {
        writeln!(
            out,
            "ledger {location}: {} entities, now {}: {} never entities (pronouns, descriptions), {} merged into another, {} statements of a surname given to its full name",
            relinked.entities_before, relinked.entities_after, relinked.dropped, relinked.merged, relinked.moved
        )?;
    }
    Ok(0)
}
