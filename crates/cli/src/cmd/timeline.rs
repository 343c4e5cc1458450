//! `hearsay timeline`: one claim's history: first said, repeated, relayed, denied.

use std::io::Write as _;

/// Flags of `hearsay timeline`.
#[derive(clap::Args)]
pub struct Args {
    /// The claim: its number (from `hearsay claims`) or words of it.
    #[arg(required = true)]
    claim: Vec<String>,
    /// Print one JSON object: the claim and its events.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: crate::db::DbArg,
}

/// Runs the command; the exit code is 1 when no claim matches.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let ledger = args.db.open_existing()?;
    let wanted = args.claim.join(" ");
    let timeline = match ledger.find_claim(&wanted)? {
        Some(id) => ledger.timeline(id)?,
        None => None,
    };
    let Some(timeline) = timeline else {
        eprintln!("hearsay: no claim matches {wanted:?}");
        return Ok(1);
    };
    if args.json {
        writeln!(out, "{}", hearsay_server::timeline_json(&timeline))?;
        return Ok(0);
    }
    writeln!(out, "{}", super::claims::claim_line(&timeline.claim))?;
    for event in &timeline.events {
        writeln!(out, "  {:<10} {}", event.role.as_str(), super::said_by::statement_line(&event.statement))?;
    }
    Ok(0)
}
