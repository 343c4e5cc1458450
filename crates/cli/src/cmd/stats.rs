//! `hearsay stats`: what the ledger holds, on either backend.

use std::io::Write as _;

/// Flags of `hearsay stats`.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object with keys articles, origins, statements, claims, contested, entities.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: crate::db::DbArg,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let location = args.db.location();
    let counts = crate::db::open_existing(&location)?.counts()?;
    if args.json {
        let stats = serde_json::json!({
            "articles": counts.articles, "origins": counts.origins, "statements": counts.statements,
            "claims": counts.claims, "contested": counts.contested, "entities": counts.entities,
        });
        writeln!(out, "{stats}")?;
    } else {
        writeln!(
            out,
            "ledger {location}: {} articles ({} origins), {} statements, {} claims ({} contested), {} entities",
            counts.articles, counts.origins, counts.statements, counts.claims, counts.contested, counts.entities
        )?;
    }
    Ok(0)
}
