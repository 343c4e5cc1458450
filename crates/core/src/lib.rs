//! hearsay-core: text in, attributions out.
//!
//! Given a document's text (and, when known, its publication date), the
//! [`Analyzer`] finds every attributed statement: its source, cue and
//! content spans, the speaker entity it resolves to, the outlets it was
//! relayed through, when it was said and the speaker's stance.
//!
//! This crate does no I/O, reads no clock and keeps no globals: the same
//! input always gives the same [`Analysis`]. Spans are byte offsets into the
//! text ([`Span`]); [`CharOffsets`] converts them to the Unicode scalar
//! offsets of the wire format.
#![deny(missing_docs)]

// The stages, in pipeline order (`pipeline.rs` runs them): a module uses
// only those above it.
pub mod claims;
mod resolve;
mod statements;
mod tag;
mod text;
// What the stages share: types, word classes, tables, hashes.
mod attribution;
mod dates;
mod gazetteer;
pub mod hash;
mod lexicon;
mod pipeline;
mod span;
// Not a stage: the headline-stance classifier behind `hearsay stance`.
pub mod headline_stance;

pub use attribution::{
    Addressee, Analysis, Attribution, AttributionKind, Claim, ClaimMember, DateRange, Diagnostic, Entity, EntityIndex,
    EntityKind, Role, Stance,
};
pub use span::{CharOffsets, Span};
pub use tag::GoldAttribution;
pub use tag::{ModelFormatError, TrainConfig};

/// A document to analyse.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The main text; every span of the analysis points into it.
    pub text: &'a str,
    /// The day it was published, when known; relative dates ("on Tuesday")
    /// are resolved against it.
    pub published: Option<chrono::NaiveDate>,
}

/// Finds attributions in documents. Holds the tagger's weights; cheap to
/// share between threads (`&Analyzer` is all `analyze` needs).
pub struct Analyzer {
    model: tag::Model,
    lexicon: lexicon::Lexicon,
    gazetteer: gazetteer::Gazetteer,
}

/// The tagger weights built into this crate (`hearsay train` rebuilds them).
const BUILTIN_MODEL: &[u8] = include_bytes!("../data/tagger.bin");

impl Analyzer {
    /// The analyzer with the weights built into this crate.
    ///
    /// # Panics
    ///
    /// When the built-in weights do not load, which only a build from a
    /// damaged `data/tagger.bin` can cause (a test loads them): an analyzer
    /// that silently found nothing would be worse.
    pub fn builtin() -> Analyzer {
        match Analyzer::from_model_bytes(BUILTIN_MODEL) {
            Ok(analyzer) => analyzer,
            Err(err) => panic!("the built-in tagger weights (data/tagger.bin) do not load: {err}"),
        }
    }

    /// An analyzer with weights written by [`Analyzer::model_bytes`].
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Analyzer, ModelFormatError> {
        Ok(Analyzer {
            model: tag::Model::from_bytes(bytes)?,
            lexicon: lexicon::Lexicon::new(),
            gazetteer: gazetteer::Gazetteer::builtin(),
        })
    }

    /// An analyzer that finds nothing (no weights).
    pub fn untrained() -> Analyzer {
        Analyzer {
            model: tag::Model::new(tag::tagger::Tagger::empty(), None),
            lexicon: lexicon::Lexicon::new(),
            gazetteer: gazetteer::Gazetteer::builtin(),
        }
    }

    /// Trains the tagger on annotated texts (`(text, gold attributions)`);
    /// `folds` >= 2 adds a second, stacked pass trained by jackknife.
    pub fn train(
        corpus: &[(String, Vec<GoldAttribution>)],
        config: TrainConfig,
        folds: usize,
        progress: &mut dyn FnMut(&str, usize, usize),
    ) -> Analyzer {
        let lexicon = lexicon::Lexicon::new();
        let model = tag::train_model(corpus, config, folds, &lexicon, progress);
        Analyzer { model, lexicon, gazetteer: gazetteer::Gazetteer::builtin() }
    }

    /// The weights, for [`Analyzer::from_model_bytes`].
    pub fn model_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.model.first.n_features() + self.model.second.as_ref().map_or(0, |t| t.n_features())
    }

    /// Every attribution of `document`, with entities and claims: the
    /// stages of `pipeline.rs` over one [`Doc`](text::Doc) of its text.
    pub fn analyze(&self, document: Document<'_>) -> Analysis {
        let tools = pipeline::Tools {
            model: &self.model,
            lexicon: &self.lexicon,
            gazetteer: &self.gazetteer,
            published: document.published,
        };
        pipeline::run(&tools, text::Doc::new(document.text, &self.lexicon), &mut |_| {})
    }

    /// [`Analyzer::analyze`], telling `observe` the name of each stage as
    /// it ends ("text" once the document is read, then the stages of
    /// `pipeline.rs`): `hearsay bench --stages` times them this way.
    pub fn analyze_observed(&self, document: Document<'_>, observe: &mut dyn FnMut(&'static str)) -> Analysis {
        let tools = pipeline::Tools {
            model: &self.model,
            lexicon: &self.lexicon,
            gazetteer: &self.gazetteer,
            published: document.published,
        };
        let doc = text::Doc::new(document.text, &self.lexicon);
        observe("text");
        pipeline::run(&tools, doc, observe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_weights_load_and_find_statements() {
        let analyzer = Analyzer::from_model_bytes(BUILTIN_MODEL).expect("built-in weights");
        assert!(analyzer.n_features() > 10_000);
        let text = "The minister said on Monday that the talks had failed.";
        let analysis = Analyzer::builtin().analyze(Document { text, published: None });
        assert_eq!(analysis.attributions.len(), 1);
    }
}
