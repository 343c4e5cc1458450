//! From text to attributions: tokenise, find quotes, compute features, tag
//! each paragraph with the [`Tagger`], then link the tagged sources,
//! cues and contents into [`Attribution`]s.
//!
//! Contract: every span of every attribution lies inside the text, on char
//! boundaries, and slices to the words it names.

use crate::features::{stacked_features, Context};
use crate::lexicon::{CueClass, Lexicon};
use crate::quotes::{find_quotes, QuoteInfo, Quotation};
use crate::tagger::{train, Label, Tagger, TrainConfig, TrainingSequence, N_LABELS};
use crate::token::{tokenize, Token, TokenKind};
use crate::{Attribution, AttributionKind, Diagnostic, Role, Span, Stance};

/// A text split and annotated for tagging.
pub struct Prepared<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: Vec<Token>,
    pub(crate) quote_info: Vec<QuoteInfo>,
    pub(crate) quotes: Vec<Quotation>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Prepared<'a> {
    /// Tokenises `text` and pairs its quote marks.
    pub fn new(text: &'a str) -> Prepared<'a> {
        let tokens = tokenize(text);
        let mut diagnostics = Vec::new();
        let (quote_info, quotes) = find_quotes(text, &tokens, &mut diagnostics);
        Prepared { text, tokens, quote_info, quotes, diagnostics }
    }

    /// Token index ranges the tagger decodes one at a time: paragraphs,
    /// with a paragraph longer than [`MAX_UNIT`] tokens cut at sentence
    /// starts (or, for one endless sentence, anywhere), so that memory stays
    /// bounded on a 50 MB line.
    fn units(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (first, end) in self.paragraphs() {
            let mut start = first;
            while end - start > MAX_UNIT {
                let limit = start + MAX_UNIT;
                let cut = (start + MAX_UNIT / 2..limit).rev().find(|&i| self.tokens[i].sentence_start).unwrap_or(limit);
                out.push((start, cut));
                start = cut;
            }
            out.push((start, end));
        }
        out
    }

    /// Token index ranges of the paragraphs.
    fn paragraphs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, t) in self.tokens.iter().enumerate() {
            if t.paragraph_start && i > start {
                out.push((start, i));
                start = i;
            }
        }
        if start < self.tokens.len() {
            out.push((start, self.tokens.len()));
        }
        out
    }
}

/// The most tokens decoded as one sequence; paragraphs of news are far
/// shorter (PolNeAR's longest is about 400).
const MAX_UNIT: usize = 2_000;

/// A role found by the tagger: which role and its token range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RoleKind {
    Source,
    Cue,
    Content,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    role: RoleKind,
    first: usize,
    // Exclusive.
    end: usize,
    sentence: u32,
    paragraph: usize,
}

/// The tagger passes: a first one over token features, and an optional
/// second one that also reads the first one's labels ([`crate::features::stacked_features`]).
#[derive(Clone)]
pub struct Model {
    pub(crate) first: Tagger,
    pub(crate) second: Option<Tagger>,
}

const MODEL_MAGIC: &[u8; 8] = b"HSAYMOD2";

impl Model {
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
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, crate::ModelFormatError> {
        let Some(rest) = bytes.strip_prefix(MODEL_MAGIC.as_slice()) else {
            return Ok(Model { first: Tagger::from_bytes(bytes)?, second: None });
        };
        let len_bytes: [u8; 8] = rest.get(..8).and_then(|b| b.try_into().ok()).ok_or(crate::ModelFormatError("truncated"))?;
        let len = u64::from_le_bytes(len_bytes) as usize;
        let first = rest.get(8..8usize.saturating_add(len)).ok_or(crate::ModelFormatError("truncated"))?;
        let second = &rest[8 + len..];
        Ok(Model {
            first: Tagger::from_bytes(first)?,
            second: if second.is_empty() { None } else { Some(Tagger::from_bytes(second)?) },
        })
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
fn tag_unit(context: &Context<'_>, base: &TokenFeatures, tagger: &Tagger, previous: Option<&[Label]>, labels: &mut [Label]) {
    let (first, end) = (base.first, base.first + base.ends.len());
    let mut features = Vec::with_capacity(32);
    let mut emissions: Vec<[f32; N_LABELS]> = Vec::with_capacity(end - first);
    for i in first..end {
        let mut emission = tagger.emission(base.of(i));
        if let Some(previous) = previous {
            features.clear();
            stacked_features(context, previous, i, &mut features);
            let extra = tagger.emission(&features);
            for (e, x) in emission.iter_mut().zip(extra) {
                *e += x;
            }
        }
        emissions.push(emission);
    }
    for (offset, label) in tagger.decode(&emissions).into_iter().enumerate() {
        labels[first + offset] = label;
    }
}

/// Labels of every token: the first pass over all units, then the second.
/// Base features are kept between the passes unless the text is huge.
fn tag(prepared: &Prepared<'_>, context: &Context<'_>, model: &Model) -> Vec<Label> {
    let n = prepared.tokens.len();
    let mut labels = vec![Label::O; n];
    let units: Vec<(usize, usize)> = prepared.units().into_iter().filter(|&(a, b)| might_attribute(context, a, b)).collect();
    let keep = n <= 50_000 && model.second.is_some();
    let mut kept: Vec<TokenFeatures> = Vec::new();
    for &(first, end) in &units {
        let base = TokenFeatures::new(context, first, end);
        tag_unit(context, &base, &model.first, None, &mut labels);
        if keep {
            kept.push(base);
        }
    }
    let Some(second) = &model.second else { return labels };
    let first_pass = labels.clone();
    for (k, &(first, end)) in units.iter().enumerate() {
        // The second pass refines what the first found; where the first
        // found nothing in a unit, it is skipped (costs < 0.1 F1 on dev,
        // saves a third of the tagging time).
        if first_pass[first..end].iter().all(|&l| l == Label::O) {
            continue;
        }
        match kept.get(k) {
            Some(base) => tag_unit(context, base, second, Some(&first_pass), &mut labels),
            None => tag_unit(context, &TokenFeatures::new(context, first, end), second, Some(&first_pass), &mut labels),
        }
    }
    labels
}

/// Whether a paragraph holds anything a cue could be: a word from the cue
/// lexicon or a quote mark. Others are left untagged (all outside).
fn might_attribute(context: &Context<'_>, first: usize, end: usize) -> bool {
    (first..end).any(|i| {
        matches!(context.facts[i].class, CueClass::Speech | CueClass::Belief | CueClass::Source | CueClass::Noun)
            || context.tokens[i].kind == TokenKind::DoubleQuote
    })
}

/// Tags `prepared` and links the roles into attributions.
pub fn extract(prepared: &Prepared<'_>, model: &Model, lexicon: &Lexicon) -> Vec<Attribution> {
    let context = Context::new(prepared.text, &prepared.tokens, &prepared.quote_info, &prepared.quotes, lexicon);
    let labels = tag(prepared, &context, model);
    link(prepared, &context, &labels)
}

/// Trains both passes. The second pass learns from first-pass labels
/// predicted by models that did not see the document (`folds`-fold
/// jackknife), so that it sees first-pass errors as they occur on new text.
pub fn train_model(corpus: &[(String, Vec<GoldAttribution>)], config: TrainConfig, folds: usize, lexicon: &Lexicon, progress: &mut dyn FnMut(&str, usize, usize)) -> Model {
    let base: Vec<Vec<TrainingSequence>> = corpus.iter().map(|(text, gold)| sequences(text, gold, lexicon, None)).collect();
    let all: Vec<&TrainingSequence> = base.iter().flatten().collect();
    let first = train(&all, config, |e, n| progress("pass 1", e, n));
    if folds < 2 {
        return Model { first, second: None };
    }
    let mut predicted: Vec<Vec<Label>> = vec![Vec::new(); corpus.len()];
    for fold in 0..folds {
        let training: Vec<&TrainingSequence> =
            base.iter().enumerate().filter(|(d, _)| d % folds != fold).flat_map(|(_, s)| s.iter()).collect();
        let tagger = train(&training, config, |e, n| progress(&format!("fold {}", fold + 1), e, n));
        for (d, (text, _)) in corpus.iter().enumerate().filter(|(d, _)| d % folds == fold) {
            let prepared = Prepared::new(text);
            let context = Context::new(text, &prepared.tokens, &prepared.quote_info, &prepared.quotes, lexicon);
            let single = Model { first: tagger.clone(), second: None };
            predicted[d] = tag(&prepared, &context, &single);
        }
    }
    let stacked: Vec<Vec<TrainingSequence>> =
        corpus.iter().zip(&predicted).map(|((text, gold), labels)| sequences(text, gold, lexicon, Some(labels))).collect();
    let all: Vec<&TrainingSequence> = stacked.iter().flatten().collect();
    let second = train(&all, config, |e, n| progress("pass 2", e, n));
    Model { first, second: Some(second) }
}

/// Training sequences (one per paragraph) from a text and its gold roles.
fn sequences(text: &str, gold: &[GoldAttribution], lexicon: &Lexicon, previous: Option<&[Label]>) -> Vec<TrainingSequence> {
    let prepared = Prepared::new(text);
    let context = Context::new(text, &prepared.tokens, &prepared.quote_info, &prepared.quotes, lexicon);
    let labels = gold_labels(&prepared.tokens, gold);
    prepared
        .paragraphs()
        .into_iter()
        .map(|(first, end)| TrainingSequence {
            features: (first..end)
                .map(|i| {
                    let mut f = Vec::with_capacity(64);
                    context.features(i, &mut f);
                    if let Some(previous) = previous {
                        stacked_features(&context, previous, i, &mut f);
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
                    let edge_punct = matches!(t.kind, TokenKind::DoubleQuote | TokenKind::Punct | TokenKind::SingleQuote)
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

fn pieces_of(context: &Context<'_>, labels: &[Label], tokens: &[Token]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut paragraph = 0;
    for (i, &label) in labels.iter().enumerate() {
        if tokens[i].paragraph_start && i > 0 {
            paragraph += 1;
        }
        let role = match label {
            Label::O => continue,
            Label::BeginSource | Label::InSource => RoleKind::Source,
            Label::BeginCue | Label::InCue => RoleKind::Cue,
            Label::BeginContent | Label::InContent => RoleKind::Content,
        };
        let begins = matches!(label, Label::BeginSource | Label::BeginCue | Label::BeginContent);
        match pieces.last_mut() {
            Some(last) if !begins && last.role == role && last.end == i => last.end = i + 1,
            _ => pieces.push(Piece { role, first: i, end: i + 1, sentence: context.facts[i].sentence, paragraph }),
        }
    }
    pieces
}

fn link(prepared: &Prepared<'_>, context: &Context<'_>, labels: &[Label]) -> Vec<Attribution> {
    let tokens = &prepared.tokens;
    let pieces = pieces_of(context, labels, tokens);
    let cues: Vec<usize> = (0..pieces.len()).filter(|&p| pieces[p].role == RoleKind::Cue).collect();
    let mut sources: Vec<Vec<usize>> = vec![Vec::new(); cues.len()];
    let mut contents: Vec<Vec<usize>> = vec![Vec::new(); cues.len()];
    let mut orphans: Vec<usize> = Vec::new();
    for (p, piece) in pieces.iter().enumerate() {
        if piece.role == RoleKind::Cue {
            continue;
        }
        // Cost grows with distance both ways, so the best cue is the nearest
        // one before or after the piece (in its paragraph).
        let after = cues.partition_point(|&c| pieces[c].first < piece.first);
        let best = [after.checked_sub(1), Some(after)]
            .into_iter()
            .flatten()
            .filter(|&k| k < cues.len() && pieces[cues[k]].paragraph == piece.paragraph)
            .map(|k| (link_cost(piece, &pieces[cues[k]]), k))
            .min_by_key(|&(cost, _)| cost);
        match (best, piece.role) {
            (Some((_, k)), RoleKind::Source) => sources[k].push(p),
            (Some((_, k)), _) => contents[k].push(p),
            (None, RoleKind::Content) => orphans.push(p),
            (None, _) => {}
        }
    }
    // A source shared by several cues ("Clinton has said X and promised Y")
    // is tagged once; a cue left without one borrows the nearest source of
    // its sentence.
    let source_pieces: Vec<usize> = (0..pieces.len()).filter(|&p| pieces[p].role == RoleKind::Source).collect();
    for (k, &c) in cues.iter().enumerate() {
        if !sources[k].is_empty() {
            continue;
        }
        let cue = &pieces[c];
        let after = source_pieces.partition_point(|&p| pieces[p].first < cue.first);
        let nearest = [after.checked_sub(1), Some(after)]
            .into_iter()
            .flatten()
            .filter_map(|i| source_pieces.get(i).copied())
            .filter(|&p| pieces[p].sentence == cue.sentence && pieces[p].paragraph == cue.paragraph)
            .min_by_key(|&p| link_cost(&pieces[p], cue));
        if let Some(p) = nearest {
            sources[k].push(p);
        }
    }
    for list in sources.iter_mut().chain(contents.iter_mut()) {
        list.sort_by_key(|&p| pieces[p].first);
    }
    let span_of = |p: usize| tokens[pieces[p].first].span.cover(tokens[pieces[p].end - 1].span);
    // Pieces of one role split only by punctuation are one piece.
    let glued = |a: usize, b: usize| -> bool {
        (pieces[a].end..pieces[b].first).all(|i| labels[i] == Label::O && tokens[i].kind != TokenKind::Word && tokens[i].kind != TokenKind::Number)
    };
    let spans_of = |list: &[usize]| -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for (n, &p) in list.iter().enumerate() {
            if n > 0 && glued(list[n - 1], p) {
                if let Some(last) = out.last_mut() {
                    *last = last.cover(span_of(p));
                    continue;
                }
            }
            out.push(span_of(p));
        }
        out
    };
    let mut attributions = Vec::new();
    for (k, &c) in cues.iter().enumerate() {
        let content_spans = spans_of(&contents[k]);
        let Some(content) = Role::new(content_spans) else {
            // A cue with no content makes no statement: dropped.
            continue;
        };
        let kind = kind_of(prepared, &contents[k], &pieces);
        attributions.push(Attribution {
            source: Role::new(spans_of(&sources[k])),
            cue: Role::single(span_of(c)),
            content,
            kind,
            speaker: None,
            stance: Stance::Assert,
            said_on: None,
            relayed_by: Vec::new(),
            confidence: 1.0,
        });
    }
    for p in orphans {
        if let Some(content) = Role::single(span_of(p)) {
            attributions.push(Attribution {
                source: None,
                cue: None,
                content,
                kind: kind_of(prepared, &[p], &pieces),
                speaker: None,
                stance: Stance::Assert,
                said_on: None,
                relayed_by: Vec::new(),
                confidence: 0.5,
            });
        }
    }
    attributions.sort_by_key(|a| a.content.extent().start());
    attributions
}

fn link_cost(piece: &Piece, cue: &Piece) -> usize {
    let distance = if piece.end <= cue.first { cue.first - piece.end } else { piece.first.saturating_sub(cue.end) };
    let sentences = (piece.sentence as i64 - cue.sentence as i64).unsigned_abs() as usize;
    distance + 1000 * sentences
}

fn kind_of(prepared: &Prepared<'_>, content: &[usize], pieces: &[Piece]) -> AttributionKind {
    let mut quoted = 0;
    let mut plain = 0;
    for &p in content {
        for i in pieces[p].first..pieces[p].end {
            if prepared.tokens[i].kind != TokenKind::Word {
                continue;
            }
            if prepared.quote_info[i].quote.is_some() {
                quoted += 1;
            } else {
                plain += 1;
            }
        }
    }
    match (quoted, plain) {
        (0, _) => AttributionKind::Indirect,
        (_, 0) => AttributionKind::Direct,
        _ => AttributionKind::Mixed,
    }
}
