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

mod attribution;
pub mod claims;
mod clause;
pub mod dates;
mod extract;
mod features;
pub mod gazetteer;
mod layout;
mod lexicon;
mod link;
mod quotes;
mod resolve;
mod span;
pub mod stance;
mod tagger;
mod token;

pub use attribution::{
    Analysis, Attribution, AttributionKind, Claim, ClaimMember, DateRange, Diagnostic, Entity, EntityId, EntityKind,
    Role, Stance,
};
pub use extract::GoldAttribution;
pub use span::{CharOffsets, Span};
pub use tagger::{ModelFormatError, TrainConfig};

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
    model: extract::Model,
    lexicon: lexicon::Lexicon,
    gazetteer: gazetteer::Gazetteer,
}

/// The tagger weights built into this crate (`hearsay train` rebuilds them).
const BUILTIN_MODEL: &[u8] = include_bytes!("../data/tagger.bin");

impl Analyzer {
    /// The analyzer with the weights built into this crate.
    pub fn builtin() -> Analyzer {
        // The built-in bytes are written by `Tagger::to_bytes` and checked
        // by a test; an empty model is the fallback should they ever fail.
        Analyzer::from_model_bytes(BUILTIN_MODEL).unwrap_or_else(|_| Analyzer::untrained())
    }

    /// An analyzer with weights written by [`Analyzer::model_bytes`].
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Analyzer, ModelFormatError> {
        Ok(Analyzer {
            model: extract::Model::from_bytes(bytes)?,
            lexicon: lexicon::Lexicon::new(),
            gazetteer: gazetteer::Gazetteer::builtin(),
        })
    }

    /// An analyzer that finds nothing (no weights).
    pub fn untrained() -> Analyzer {
        Analyzer {
            model: extract::Model::new(tagger::Tagger::empty(), None),
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
        let model = extract::train_model(corpus, config, folds, &lexicon, progress);
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

    /// Every attribution of `document`, with entities and claims.
    pub fn analyze(&self, document: Document<'_>) -> Analysis {
        let text = document.text;
        let prepared = extract::Prepared::new(text);
        let mut attributions = extract::extract(&prepared, &self.model, &self.lexicon);
        clause::end_at_coordinated_adjunct(text, &mut attributions);
        clause::cue_is_the_verb(text, &mut attributions);
        self.add_nested(text, &mut attributions);
        add_embedded_posts(text, &mut attributions);
        layout::add(text, &mut attributions);
        attributions.retain(|a| !reports_no_comment(text, a));
        attributions.sort_by_key(|a| (a.content.extent().start(), a.cue.as_ref().map(|c| c.extent().start())));
        let entities = resolve::resolve(text, &prepared.tokens, &mut attributions, &self.gazetteer, document.published);
        let claims = group_claims_in_windows(text, &attributions, &entities);
        Analysis { attributions, entities, claims, diagnostics: prepared.diagnostics }
    }

    /// Statements reported inside other statements ("the ministry said
    /// Perebyinis stressed that ..."): the tagger, trained on a corpus
    /// without nesting, finds only the outer one, so the content of each
    /// long statement is analysed again on its own.
    fn add_nested(&self, text: &str, attributions: &mut Vec<Attribution>) {
        let mut nested = Vec::new();
        for attribution in attributions.iter() {
            for &span in attribution.content.spans() {
                let inner_text = span.slice(text);
                // Only long content with a verb of saying can hold a
                // statement of its own; the check spares most re-analysis.
                // The same test as below, cheaply: a verb of saying shortly
                // after a capitalised word or a role ("the minister").
                let words: Vec<&str> =
                    inner_text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
                let named_speech = (1..words.len()).any(|i| {
                    self.lexicon.class(&words[i].to_lowercase()) == lexicon::CueClass::Speech
                        && (words[i.saturating_sub(6)..i]
                            .iter()
                            .any(|w| w.starts_with(char::is_uppercase) && !CAPITALISED_FUNCTION_WORDS.contains(w))
                            || words[i.saturating_sub(3)..i].iter().any(|w| resolve::is_role_word(w)))
                });
                if words.len() < 8 || !named_speech {
                    continue;
                }
                // The outer speaker's quote marks ("the ministry added: the
                // deputy minister “called on ...”") are blanked, so that the
                // inner statement reads as the reported speech it is; the
                // marks are replaced by spaces of the same length, so spans
                // still index the text.
                let unquoted = blank_double_quotes(inner_text);
                let prepared = extract::Prepared::new(&unquoted);
                for mut inner in extract::extract(&prepared, &self.model, &self.lexicon) {
                    // Only a named or described speaker with a verb of
                    // saying: nesting is rare in news, and a looser rule
                    // mostly finds noise.
                    let (Some(source), Some(cue)) = (inner.source.as_ref(), inner.cue.as_ref()) else { continue };
                    let (source, cue) = (source.text(&unquoted), cue.text(&unquoted));
                    let speech = cue
                        .split_whitespace()
                        .any(|w| self.lexicon.class(&w.to_lowercase()) == lexicon::CueClass::Speech);
                    // A described speaker ("the police") needs a plain verb
                    // of saying in a finite form: "the company would
                    // continue", "the minister to claim" are not statements.
                    let described = resolve::describes(&source) && says_finitely(&cue);
                    if !speech || !(resolve::names(&source, &self.gazetteer) || described) {
                        continue;
                    }
                    let shift = |role: &Role| {
                        Role::new(
                            role.spans()
                                .iter()
                                .map(|s| Span::new(s.start() + span.start(), s.end() + span.start()))
                                .collect(),
                        )
                    };
                    inner.source = inner.source.as_ref().and_then(shift);
                    inner.cue = inner.cue.as_ref().and_then(shift);
                    let Some(content) = shift(&inner.content) else { continue };
                    inner.content = content;
                    nested.push(inner);
                }
            }
        }
        let mut cues: std::collections::HashSet<Span> =
            attributions.iter().filter_map(|a| a.cue.as_ref().map(|c| c.extent())).collect();
        for inner in nested {
            if let Some(cue) = inner.cue.as_ref().map(|c| c.extent()) {
                if cues.insert(cue) {
                    attributions.push(inner);
                }
            }
        }
    }
}

/// Words that open sentences capitalised but name nobody: a verb of saying
/// after one of them ("He said", "The report said") is not a named
/// speaker's, so it does not send a content to be analysed again. On BBC
/// this saves about a tenth of the analysis time and loses 5 of 17,012
/// statements: 4 whose speaker is "I" or "us" inside the quote that holds
/// them, and one right one ("Scott Johnson Said").
const CAPITALISED_FUNCTION_WORDS: &[&str] = &[
    "A", "After", "All", "An", "And", "As", "At", "But", "For", "He", "Her", "His", "I", "If", "In", "It", "Its", "My",
    "Not", "Now", "Of", "On", "Our", "She", "So", "Some", "That", "The", "Their", "There", "These", "They", "This",
    "Those", "To", "We", "What", "When", "Which", "While", "Who", "You",
];

/// Claim grouping compares statements pairwise; a document with thousands
/// of statements (a transcript, a 50 MB line) is grouped in windows of
/// [`CLAIM_WINDOW`] consecutive statements so that time stays linear.
const CLAIM_WINDOW: usize = 150;

fn group_claims_in_windows(text: &str, attributions: &[Attribution], entities: &[Entity]) -> Vec<Claim> {
    if attributions.len() <= CLAIM_WINDOW {
        return claims::group_claims(text, attributions, entities);
    }
    let mut claims = Vec::new();
    for (k, window) in attributions.chunks(CLAIM_WINDOW).enumerate() {
        for mut claim in claims::group_claims(text, window, entities) {
            for member in claim.members.iter_mut() {
                member.attribution += k * CLAIM_WINDOW;
            }
            claims.push(claim);
        }
    }
    claims
}

/// Embedded posts ("… — The Kyiv Independent (@KyivIndependent) April 22,
/// 2025") as statements of their signatory.
fn add_embedded_posts(text: &str, attributions: &mut Vec<Attribution>) {
    for (signature, body) in resolve::embedded_posts(text) {
        let exists = attributions.iter().any(|a| a.content.extent() == body);
        if exists {
            continue;
        }
        let Some(content) = Role::single(body) else { continue };
        attributions.push(Attribution::unresolved(
            Role::single(signature),
            None,
            content,
            AttributionKind::Direct,
            0.9,
        ));
    }
}

/// Is this cue a plain verb of saying, not after "to" or a modal ("said",
/// "has repeatedly stated", "called on"; not "to claim", "would add")?
fn says_finitely(cue: &str) -> bool {
    const SAYING: &[&str] = &[
        "said",
        "says",
        "told",
        "tells",
        "claimed",
        "claims",
        "denied",
        "stressed",
        "added",
        "warned",
        "insisted",
        "called",
        "announced",
        "stated",
        "confirmed",
        "admitted",
        "promised",
        "argued",
        "say",
        "argue",
        "argues",
        "concluded",
        "concludes",
        "pointed",
        "insists",
        "warns",
        "adds",
        "stresses",
        "announces",
        "confirms",
        "denies",
    ];
    let words: Vec<String> = cue.split_whitespace().map(str::to_lowercase).collect();
    let blocked = |w: &str| matches!(w, "to" | "would" | "could" | "should" | "might" | "may" | "will" | "can");
    words.iter().any(|w| SAYING.contains(&w.as_str())) && !words.iter().any(|w| blocked(w))
}

/// `text` with its double quote marks replaced by spaces of the same byte
/// length.
fn blank_double_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}') {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Is this the report of a comment that was not made ("There was no
/// immediate comment on the statements from either Russia or China")? The
/// speakers said nothing, so it is no statement of theirs.
fn reports_no_comment(text: &str, attribution: &Attribution) -> bool {
    let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { return false };
    let cue_text = cue.slice(text).to_lowercase();
    if !cue_text.starts_with("comment") {
        return false;
    }
    let before = &text[..cue.start()];
    let words: Vec<String> = before.split_whitespace().rev().take(3).map(|w| w.to_lowercase()).collect();
    words.iter().any(|w| w == "no")
}
