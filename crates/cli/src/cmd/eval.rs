//! `hearsay eval polnear DIR`: runs extraction over an annotated split and
//! prints the figures of `score_attributions.py`.

use std::path::PathBuf;

use hearsay_core::Document;

use crate::score::{self, Roles};

/// Flags of `hearsay eval`.
#[derive(clap::Args)]
pub struct Args {
    /// The corpus kind (only `polnear` for now).
    #[arg(value_parser = ["polnear"])]
    corpus: String,
    /// The split's folder (holds text/ and attributions/).
    dir: PathBuf,
    /// Weights to use instead of the built-in ones.
    #[arg(long)]
    model: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let analyzer = super::analyzer(args.model.as_deref())?;
    let docs = crate::polnear::read_split(&args.dir)?;
    let mut scored = Vec::with_capacity(docs.len());
    for doc in &docs {
        let analysis = analyzer.analyze(Document { text: &doc.text, published: None });
        let to_char = hearsay_core::CharOffsets::new(&doc.text);
        let chars = |spans: &[hearsay_core::Span]| -> Vec<(usize, usize)> {
            spans.iter().map(|s| (to_char.to_char(s.start()), to_char.to_char(s.end()))).collect()
        };
        let gold: Vec<Roles> = doc
            .attributions
            .iter()
            .map(|g| Roles { roles: [chars(&g.source), chars(&g.cue), chars(&g.content)] })
            .collect();
        let pred: Vec<Roles> = analysis
            .attributions
            .iter()
            .map(|a| Roles {
                roles: [
                    a.source.as_ref().map_or(Vec::new(), |r| chars(r.spans())),
                    a.cue.as_ref().map_or(Vec::new(), |r| chars(r.spans())),
                    chars(a.content.spans()),
                ],
            })
            .collect();
        scored.push((doc.text.clone(), gold, Some(pred)));
    }
    let (counts, missing) = score::score(&scored);
    print!("{}", score::render(&counts, docs.len(), missing));
    Ok(0)
}
