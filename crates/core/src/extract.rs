//! From text to attributions: tokenise, find quotes, compute features, tag
//! each paragraph with the [`Tagger`], then link the tagged sources,
//! cues and contents into [`Attribution`]s.
//!
//! Contract: every span of every attribution lies inside the text, on char
//! boundaries, and slices to the words it names.

use crate::features::Context;
use crate::lexicon::Lexicon;
use crate::quotes::{find_quotes, QuoteInfo, Quotation};
use crate::tagger::{Label, Tagger, TrainingSequence, N_LABELS};
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

    /// Token index ranges of the paragraphs, the units the tagger decodes.
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

/// Tags `prepared` and links the roles into attributions.
pub fn extract(prepared: &Prepared<'_>, tagger: &Tagger, lexicon: &Lexicon) -> Vec<Attribution> {
    let context = Context::new(prepared.text, &prepared.tokens, &prepared.quote_info, &prepared.quotes, lexicon);
    let mut labels = vec![Label::O; prepared.tokens.len()];
    let mut features = Vec::with_capacity(48);
    let mut emissions: Vec<[f32; N_LABELS]> = Vec::new();
    for (first, end) in prepared.paragraphs() {
        emissions.clear();
        for i in first..end {
            features.clear();
            context.features(i, &mut features);
            emissions.push(tagger.emission(&features));
        }
        for (offset, label) in tagger.decode(&emissions).into_iter().enumerate() {
            labels[first + offset] = label;
        }
    }
    link(prepared, &context, &labels)
}

/// Training sequences (one per paragraph) from a text and its gold roles.
pub fn training_sequences(text: &str, gold: &[GoldAttribution], lexicon: &Lexicon) -> Vec<TrainingSequence> {
    let prepared = Prepared::new(text);
    let context = Context::new(text, &prepared.tokens, &prepared.quote_info, &prepared.quotes, lexicon);
    let labels = gold_labels(&prepared.tokens, gold);
    prepared
        .paragraphs()
        .into_iter()
        .map(|(first, end)| TrainingSequence {
            features: (first..end)
                .map(|i| {
                    let mut f = Vec::with_capacity(48);
                    context.features(i, &mut f);
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
        let best = cues
            .iter()
            .enumerate()
            .filter(|(_, &c)| pieces[c].paragraph == piece.paragraph)
            .map(|(k, &c)| (link_cost(piece, &pieces[c]), k))
            .min_by_key(|&(cost, _)| cost);
        match (best, piece.role) {
            (Some((_, k)), RoleKind::Source) => sources[k].push(p),
            (Some((_, k)), _) => contents[k].push(p),
            (None, RoleKind::Content) => orphans.push(p),
            (None, _) => {}
        }
    }
    let span_of = |p: usize| tokens[pieces[p].first].span.cover(tokens[pieces[p].end - 1].span);
    let mut attributions = Vec::new();
    for (k, &c) in cues.iter().enumerate() {
        let content_spans: Vec<Span> = contents[k].iter().map(|&p| span_of(p)).collect();
        let Some(content) = Role::new(content_spans) else {
            // A cue with no content: kept, as an empty-content attribution
            // carries no statement but still marks who spoke.
            continue;
        };
        let kind = kind_of(prepared, &contents[k], &pieces);
        attributions.push(Attribution {
            source: Role::new(sources[k].iter().map(|&p| span_of(p)).collect()),
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
