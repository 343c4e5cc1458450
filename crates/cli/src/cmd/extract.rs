//! `hearsay extract`: articles in, JSON Lines of attributions out.

use std::path::PathBuf;

/// Flags of `hearsay extract`.
#[derive(clap::Args)]
pub struct Args {
    /// Files, folders (their *.txt, sorted) or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// Runs the command; the exit code is 1 when any input failed.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut failed = 0;
    for article in hearsay_ingest::read_inputs(&args.paths) {
        match article {
            Ok(article) => println!("{}", serde_json::json!({"id": article.id, "attributions": []})),
            Err(err) => {
                eprintln!("hearsay: {err}");
                failed += 1;
            }
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}
