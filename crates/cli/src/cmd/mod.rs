//! One module per subcommand, each with `Args` and `run`.

pub mod bench;
pub mod claims;
pub mod entities;
pub mod eval;
pub mod extract;
pub mod group;
pub mod ingest;
pub mod migrate;
pub mod regroup;
pub mod relink;
pub mod said_by;
pub mod search;
pub mod serve;
pub mod stance;
pub mod stats;
pub mod timeline;
pub mod train;

use std::path::Path;

use anyhow::Context as _;
use hearsay_core::Analyzer;

/// The analyzer with the weights at `model` (from `hearsay train`), or
/// with the built-in ones.
pub fn analyzer(model: Option<&Path>) -> anyhow::Result<Analyzer> {
    match model {
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
            Analyzer::from_model_bytes(&bytes).with_context(|| format!("{}", path.display()))
        }
        None => Ok(Analyzer::builtin()),
    }
}
