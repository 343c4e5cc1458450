//! `hearsay regroup`: rebuild a ledger's claims with this build's claim model
//! (`Ledger::regroup`), as a ledger written by an earlier build needs. The
//! statements stay as they are; the counts before and after are printed.

use std::io::Write as _;

use hearsay_core::{Analyzer, Document};

/// Flags of `hearsay regroup`.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object: the counts before and after, and the seconds taken.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: crate::db::DbArg,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let location = args.db.location();
    let mut ledger = crate::db::open_existing(&location)?;
    let before = ledger.counts()?;
    let analyzer = Analyzer::builtin();
    let started = std::time::Instant::now();
    ledger.regroup(&mut |text, published| analyzer.analyze(Document { text, published }))?;
    let seconds = started.elapsed().as_secs_f64();
    let after = ledger.counts()?;
    if after.statements != before.statements {
        anyhow::bail!("{location}: regrouping changed the statements ({} -> {})", before.statements, after.statements);
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let counts = |c: &hearsay_ledger::Counts| serde_json::json!({"statements": c.statements, "claims": c.claims, "contested": c.contested});
        writeln!(
            out,
            "{}",
            serde_json::json!({"before": counts(&before), "after": counts(&after), "seconds": seconds})
        )?;
    } else {
        writeln!(
            out,
            "ledger {location}: {} statements; claims {} -> {}, contested {} -> {} in {seconds:.1} s",
            after.statements, before.claims, after.claims, before.contested, after.contested
        )?;
    }
    Ok(0)
}
