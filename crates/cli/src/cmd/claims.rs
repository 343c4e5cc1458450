//! `hearsay claims`: list claims in the ledger, contested first.

/// Flags of `hearsay claims`.
#[derive(clap::Args)]
pub struct Args {
    /// Arguments (not yet defined).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    rest: Vec<String>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let _ = args.rest;
    anyhow::bail!("`hearsay claims` is not implemented yet")
}
