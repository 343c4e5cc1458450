//! The tag stage: BIO labels of source, cue and content over the
//! [`Doc`]'s tokens, from two tagger passes ([`tagger`], features in
//! [`features`]), and the weights' file format ([`Model`]). Training lives
//! here too: it reads the same Doc and features as tagging.

pub(crate) mod features;
pub(crate) mod tagger;

use crate::lexicon::{CueClass, Lexicon};
use crate::text::{Doc, Token, TokenKind};
use crate::Span;
use features::{stacked_features, Context, FirstPass};
pub(crate) use tagger::Label;
use tagger::{train, FusedPasses, Tagger, TrainingSequence, N_LABELS};
pub use tagger::{ModelFormatError, TrainConfig};

/// Token index ranges the tagger decodes one at a time: paragraphs, with
/// a paragraph longer than [`MAX_UNIT`] tokens cut at sentence starts (or,
/// for one endless sentence, anywhere), so that memory stays bounded on a
/// 50 MB line.
fn units(doc: &Doc<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(first, end) in doc.paragraphs() {
        let mut start = first;
        while end - start > MAX_UNIT {
            let limit = start + MAX_UNIT;
            let cut = (start + MAX_UNIT / 2..limit).rev().find(|&i| doc.tokens[i].sentence_start).unwrap_or(limit);
            out.push((start, cut));
            start = cut;
        }
        out.push((start, end));
    }
    out
}

/// The most tokens decoded as one sequence; paragraphs of news are far
/// shorter (PolNeAR's longest is about 400).
const MAX_UNIT: usize = 2_000;

/// The tagger passes: a first one over token features, and an optional
/// second one that also reads the first one's labels ([`crate::features::stacked_features`]).
#[derive(Clone)]
pub(crate) struct Model {
    pub(crate) first: Tagger,
    pub(crate) second: Option<Tagger>,
    // Invariant: built from `first` and `second` when there is a second.
    fused: Option<FusedPasses>,
}

const MODEL_MAGIC: &[u8; 8] = b"HSAYMOD2";

impl Model {
    /// A model of one pass, or two.
    pub fn new(first: Tagger, second: Option<Tagger>) -> Model {
        let fused = second.as_ref().map(|second| FusedPasses::new(&first, second));
        Model { first, second, fused }
    }

    /// Serialises both passes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let first = self.first.to_bytes();
        let mut out = MODEL_MAGIC.to_vec();
        out.extend_from_slice(&(first.len() as u64).to_le_bytes());
        out.extend_from_slice(&first);
        if let Some(second) = &self.second {
            out.extend_from_slice(&second.to_bytes());
        }
        out
    }

    /// Reads [`Model::to_bytes`] output (or a bare single-pass tagger).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelFormatError> {
        let Some(rest) = bytes.strip_prefix(MODEL_MAGIC.as_slice()) else {
            return Ok(Model::new(Tagger::from_bytes(bytes)?, None));
        };
        let len_bytes: [u8; 8] = rest.get(..8).and_then(|b| b.try_into().ok()).ok_or(ModelFormatError("truncated"))?;
        let len = u64::from_le_bytes(len_bytes) as usize;
        let first = rest.get(8..8usize.saturating_add(len)).ok_or(ModelFormatError("truncated"))?;
        let second = &rest[8 + len..];
        Ok(Model::new(
            Tagger::from_bytes(first)?,
            if second.is_empty() { None } else { Some(Tagger::from_bytes(second)?) },
        ))
    }
}

/// Base features of the tokens of one unit, flattened, with each token's range.
struct TokenFeatures {
    first: usize,
    features: Vec<u64>,
    // Invariant: ends[i - first] is the end of token i's features.
    ends: Vec<usize>,
}

impl TokenFeatures {
    fn new(context: &Context<'_>, first: usize, end: usize) -> TokenFeatures {
        let mut features = Vec::with_capacity((end - first) * 48);
        let mut ends = Vec::with_capacity(end - first);
        for i in first..end {
            context.features(i, &mut features);
            ends.push(features.len());
        }
        TokenFeatures { first, features, ends }
    }
    fn of(&self, i: usize) -> &[u64] {
        let k = i - self.first;
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.features[start..self.ends[k]]
    }
}

/// Labels of one unit from one pass (`previous`: the first pass's labels
/// of the whole text, given for the second).
fn tag_unit(
    context: &Context<'_>,
    base: &TokenFeatures,
    tagger: &Tagger,
    previous: Option<&FirstPass<'_>>,
    labels: &mut [Label],
) {
    let (first, end) = (base.first, base.first + base.ends.len());
    let mut features = Vec::with_capacity(32);
    let mut emissions: Vec<[f32; N_LABELS]> = Vec::with_capacity(end - first);
    for i in first..end {
        let mut emission = tagger.emission(base.of(i));
        if let Some(previous) = previous {
            features.clear();
            stacked_features(context, previous, i, &mut features);
            add(&mut emission, tagger.emission(&features));
        }
        emissions.push(emission);
    }
    decode_unit(tagger, &emissions, first, labels);
}

fn add(emission: &mut [f32; N_LABELS], extra: [f32; N_LABELS]) {
    for (e, x) in emission.iter_mut().zip(extra) {
        *e += x;
    }
}

fn decode_unit(tagger: &Tagger, emissions: &[[f32; N_LABELS]], first: usize, labels: &mut [Label]) {
    for (offset, label) in tagger.decode(emissions).into_iter().enumerate() {
        labels[first + offset] = label;
    }
}

/// The texts whose passes share lookups ([`FusedPasses`]): all but huge
/// ones, whose per-token state would cost more memory than it saves time.
const MOST_TOKENS_KEPT: usize = 50_000;

/// Labels of every token: the first pass over all units, then the second.
/// With both passes' weights fused, the first pass's lookups also give the
/// second pass's base emissions, kept per token; huge texts (and one-pass
/// models) compute base features again for the second pass.
fn tag_with(doc: &Doc<'_>, context: &Context<'_>, model: &Model) -> Vec<Label> {
    let n = doc.len();
    let mut labels = vec![Label::O; n];
    let units: Vec<(usize, usize)> = units(doc).into_iter().filter(|&(a, b)| might_attribute(context, a, b)).collect();
    let fused = model.fused.as_ref().filter(|_| n <= MOST_TOKENS_KEPT);
    // second_base[i]: the second pass's emission of token i's base features.
    let mut second_base: Vec<[f32; N_LABELS]> = if fused.is_some() { vec![[0.0; N_LABELS]; n] } else { Vec::new() };
    let mut emissions: Vec<[f32; N_LABELS]> = Vec::new();
    for &(first, end) in &units {
        let base = TokenFeatures::new(context, first, end);
        match fused {
            Some(fused) => {
                emissions.clear();
                for (i, second) in second_base.iter_mut().enumerate().take(end).skip(first) {
                    let [one, two] = fused.emissions(base.of(i));
                    *second = two;
                    emissions.push(one);
                }
                decode_unit(&model.first, &emissions, first, &mut labels);
            }
            None => tag_unit(context, &base, &model.first, None, &mut labels),
        }
    }
    let Some(second) = &model.second else { return labels };
    let first_pass_labels = labels.clone();
    let first_pass = FirstPass::new(context, &first_pass_labels);
    let mut features = Vec::with_capacity(32);
    for &(first, end) in &units {
        // The second pass refines what the first found; where the first
        // found nothing in a unit, it is skipped (costs < 0.1 F1 on dev,
        // saves a third of the tagging time).
        if first_pass_labels[first..end].iter().all(|&l| l == Label::O) {
            continue;
        }
        let Some(fused) = fused else {
            tag_unit(context, &TokenFeatures::new(context, first, end), second, Some(&first_pass), &mut labels);
            continue;
        };
        emissions.clear();
        for (i, &base) in second_base.iter().enumerate().take(end).skip(first) {
            let mut emission = base;
            features.clear();
            stacked_features(context, &first_pass, i, &mut features);
            // The fused table holds the second pass's stacked weights too:
            // one table in cache, not two.
            add(&mut emission, fused.emissions(&features)[1]);
            emissions.push(emission);
        }
        decode_unit(second, &emissions, first, &mut labels);
    }
    labels
}

/// Whether a paragraph holds anything a cue could be: a word from the cue
/// lexicon or a quote mark. Others are left untagged (all outside).
fn might_attribute(context: &Context<'_>, first: usize, end: usize) -> bool {
    (first..end).any(|i| {
        matches!(context.doc.facts[i].class, CueClass::Speech | CueClass::Belief | CueClass::Source | CueClass::Noun)
            || context.doc.tokens[i].kind == TokenKind::DoubleQuote
    })
}

/// The labels of every token of `doc`.
pub(crate) fn tag(doc: &Doc<'_>, model: &Model) -> Vec<Label> {
    let context = Context::new(doc);
    tag_with(doc, &context, model)
}

/// Trains both passes. The second pass learns from first-pass labels
/// predicted by models that did not see the document (`folds`-fold
/// jackknife), so that it sees first-pass errors as they occur on new text.
pub(crate) fn train_model(
    corpus: &[(String, Vec<GoldAttribution>)],
    config: TrainConfig,
    folds: usize,
    lexicon: &Lexicon,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Model {
    let base: Vec<Vec<TrainingSequence>> =
        corpus.iter().map(|(text, gold)| sequences(text, gold, lexicon, None)).collect();
    let all: Vec<&TrainingSequence> = base.iter().flatten().collect();
    let first = train(&all, config, |e, n| progress("pass 1", e, n));
    if folds < 2 {
        return Model::new(first, None);
    }
    let mut predicted: Vec<Vec<Label>> = vec![Vec::new(); corpus.len()];
    for fold in 0..folds {
        let training: Vec<&TrainingSequence> =
            base.iter().enumerate().filter(|(d, _)| d % folds != fold).flat_map(|(_, s)| s.iter()).collect();
        let tagger = train(&training, config, |e, n| progress(&format!("fold {}", fold + 1), e, n));
        for (d, (text, _)) in corpus.iter().enumerate().filter(|(d, _)| d % folds == fold) {
            let doc = Doc::new(text, lexicon);
            let single = Model::new(tagger.clone(), None);
            predicted[d] = tag(&doc, &single);
        }
    }
    let stacked: Vec<Vec<TrainingSequence>> = corpus
        .iter()
        .zip(&predicted)
        .map(|((text, gold), labels)| sequences(text, gold, lexicon, Some(labels)))
        .collect();
    let all: Vec<&TrainingSequence> = stacked.iter().flatten().collect();
    let second = train(&all, config, |e, n| progress("pass 2", e, n));
    Model::new(first, Some(second))
}

/// Training sequences (one per paragraph) from a text and its gold roles.
fn sequences(
    text: &str,
    gold: &[GoldAttribution],
    lexicon: &Lexicon,
    previous: Option<&[Label]>,
) -> Vec<TrainingSequence> {
    let doc = Doc::new(text, lexicon);
    let context = Context::new(&doc);
    let labels = gold_labels(&doc.tokens, gold);
    let first_pass = previous.map(|labels| FirstPass::new(&context, labels));
    doc.paragraphs()
        .iter()
        .map(|&(first, end)| TrainingSequence {
            features: (first..end)
                .map(|i| {
                    let mut f = Vec::with_capacity(64);
                    context.features(i, &mut f);
                    if let Some(first_pass) = &first_pass {
                        stacked_features(&context, first_pass, i, &mut f);
                    }
                    f
                })
                .collect(),
            labels: labels[first..end].to_vec(),
        })
        .collect()
}

/// One annotated attribution: byte spans per role.
#[derive(Debug, Clone, Default)]
pub struct GoldAttribution {
    /// Source pieces.
    pub source: Vec<Span>,
    /// Cue pieces.
    pub cue: Vec<Span>,
    /// Content pieces.
    pub content: Vec<Span>,
}

fn gold_labels(tokens: &[Token], gold: &[GoldAttribution]) -> Vec<Label> {
    let mut labels = vec![Label::O; tokens.len()];
    let mut marked = vec![false; tokens.len()];
    for attribution in gold {
        for (spans, begin, inside) in [
            (&attribution.cue, Label::BeginCue, Label::InCue),
            (&attribution.source, Label::BeginSource, Label::InSource),
            (&attribution.content, Label::BeginContent, Label::InContent),
        ] {
            for span in spans {
                let mut first = true;
                for (i, t) in tokens.iter().enumerate() {
                    let inside_span = t.span.start() >= span.start() && t.span.start() < span.end();
                    if !inside_span || marked[i] {
                        if marked[i] && inside_span {
                            first = false;
                        }
                        continue;
                    }
                    // Quote marks and edge punctuation stay outside roles, as
                    // the scorer trims them.
                    let edge_punct =
                        matches!(t.kind, TokenKind::DoubleQuote | TokenKind::Punct | TokenKind::SingleQuote)
                            && (first || t.span.end() >= span.end());
                    if edge_punct {
                        continue;
                    }
                    labels[i] = if first { begin } else { inside };
                    marked[i] = true;
                    first = false;
                }
            }
        }
    }
    labels
}
