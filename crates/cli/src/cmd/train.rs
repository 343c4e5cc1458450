//! `hearsay train`: rebuilds the attribution tagger's weights from a
//! PolNeAR split. Deterministic: the same data and flags give the same bytes.

use std::path::PathBuf;

use anyhow::Context as _;
use hearsay_core::{Analyzer, TrainConfig};

/// Flags of `hearsay train`.
#[derive(clap::Args)]
pub struct Args {
    /// The PolNeAR training split (holds text/ and attributions/).
    #[arg(long, default_value = "../shared/eval/polnear/train")]
    data: PathBuf,
    /// Where to write the weights.
    #[arg(long, default_value = "crates/core/data/tagger.bin")]
    out: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Drop features seen fewer times than this.
    #[arg(long, default_value_t = 3)]
    min_count: u32,
    /// Jackknife folds for the stacked second pass (0 or 1: one pass only).
    #[arg(long, default_value_t = 4)]
    folds: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 100)]
    seed: u64,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let docs = crate::polnear::read_split(&args.data)?;
    eprintln!("training on {} documents from {}", docs.len(), args.data.display());
    let corpus: Vec<(String, Vec<hearsay_core::GoldAttribution>)> =
        docs.into_iter().map(|d| (d.text, d.attributions)).collect();
    let config = TrainConfig { epochs: args.epochs, min_count: args.min_count, seed: args.seed };
    let analyzer = Analyzer::train(&corpus, config, args.folds, &mut |stage, epoch, errors| {
        eprintln!("{stage} epoch {epoch}: {errors} paragraphs wrong")
    });
    let bytes = analyzer.model_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("{}", args.out.display()))?;
    eprintln!("{} features, {} bytes written to {}", analyzer.n_features(), bytes.len(), args.out.display());
    Ok(0)
}
