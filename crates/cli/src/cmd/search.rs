//! `hearsay search`: full-text search over statements.

/// Flags of `hearsay search`.
#[derive(clap::Args)]
pub struct Args {
    /// Arguments (not yet defined).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    rest: Vec<String>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let _ = args.rest;
    anyhow::bail!("`hearsay search` is not implemented yet")
}
