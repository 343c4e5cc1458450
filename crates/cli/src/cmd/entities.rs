//! `hearsay entities`: list the ledger's entities.

use std::io::Write as _;

/// Flags of `hearsay entities`.
#[derive(clap::Args)]
pub struct Args {
    /// At most this many, the most quoted first.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Print JSON Lines, one entity a line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: crate::db::DbArg,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let ledger = args.db.open_existing()?;
    for entity in ledger.entities(args.limit)? {
        if args.json {
            writeln!(out, "{}", hearsay_server::entity_json(&entity))?;
        } else {
            write!(
                out,
                "{:>6} said  {:>6} relayed  {}  ({})",
                entity.n_statements, entity.n_relayed, entity.name, entity.kind
            )?;
            if !entity.aliases.is_empty() {
                write!(out, "  also {}", entity.aliases.join(", "))?;
            }
            writeln!(out)?;
        }
    }
    Ok(0)
}
