//! `hearsay claims`: list claims in the ledger, contested first.

use hearsay_ledger::{ClaimFilter, ClaimSummary};
use std::io::Write as _;

/// Flags of `hearsay claims`.
#[derive(clap::Args)]
pub struct Args {
    /// Only claims that are both asserted and denied.
    #[arg(long)]
    contested: bool,
    /// Only claims said by, or naming, this entity.
    #[arg(long, value_name = "ENTITY")]
    about: Option<String>,
    /// At most this many.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON Lines, one claim a line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: crate::db::DbArg,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let ledger = args.db.open_existing()?;
    let filter = ClaimFilter { contested_only: args.contested, about: args.about, limit: args.limit };
    for claim in ledger.claims(&filter)? {
        if args.json {
            writeln!(out, "{}", hearsay_server::claim_json(&claim))?;
        } else {
            writeln!(out, "{}", claim_line(&claim))?;
        }
    }
    Ok(0)
}

/// A claim's tallies as one line of text.
pub(crate) fn claim_line(claim: &ClaimSummary) -> String {
    let mark = if claim.is_contested() { "CONTESTED " } else { "" };
    let first = claim.first_said.map_or_else(|| "undated".to_string(), |d| d.to_string());
    format!(
        "#{}  {mark}asserted {} denied {} reported {}  origins {}  first {first}  \"{}\"",
        claim.id.0, claim.n_assert, claim.n_deny, claim.n_report, claim.n_origins, claim.text
    )
}
