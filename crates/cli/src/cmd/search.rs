//! `hearsay search`: full-text search over statements.

use std::io::Write as _;

/// Flags of `hearsay search`.
#[derive(clap::Args)]
pub struct Args {
    /// Words that every statement found must hold (content or source).
    #[arg(required = true)]
    text: Vec<String>,
    /// At most this many statements.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON Lines, one statement a line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: crate::db::DbArg,
}

/// Runs the command; the exit code is 1 when nothing was found.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let ledger = args.db.open_existing()?;
    let text = args.text.join(" ");
    let statements = ledger.search(&text, args.limit)?;
    for statement in &statements {
        if args.json {
            writeln!(out, "{}", hearsay_server::statement_json(statement, None))?;
        } else {
            writeln!(out, "{}", super::said_by::statement_line(statement))?;
        }
    }
    Ok(if statements.is_empty() { 1 } else { 0 })
}
