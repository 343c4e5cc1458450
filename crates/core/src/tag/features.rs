//! Features of each token for the attribution tagger.
//!
//! Every feature is a 64-bit hash of a template number and the values it
//! combines, so extraction allocates nothing per feature and the model
//! stores no strings. Templates look at the word and its neighbours, its
//! shape, the cue lexicon, its part of speech (from the tag lexicon) and its
//! neighbours', the quotation the token sits in and what surrounds that
//! quotation, the nearest cue word in the sentence, and the nearest
//! punctuation either side with the part of speech past it (where a
//! clause, and so a content, may start or stop).

use crate::hash::mix64 as mix;
use crate::lexicon::CueClass;
use crate::text::{Doc, Quotation, Token, TokenFacts, TokenKind};

/// Everything the feature templates read.
pub(crate) struct Context<'a> {
    /// The document.
    pub doc: &'a Doc<'a>,
    /// Its tokens.
    tokens: &'a [Token],
    /// Its facts per token.
    facts: &'a [TokenFacts],
    quotes: &'a [Quotation],
    // Invariant: one entry per token: the nearest cue word before and after
    // it in its sentence ([`nearest_in_sentence`]); so for quoted tokens.
    near_cue: Vec<[u32; 2]>,
    near_quoted: Vec<[u32; 2]>,
    // The same for punctuation and double quote marks: clause edges.
    near_break: Vec<[u32; 2]>,
}

const NONE: u32 = u32::MAX;

fn found(j: u32) -> Option<usize> {
    (j != NONE).then_some(j as usize)
}

/// For each token (`n` in all), the nearest token before it and the nearest
/// after it in its sentence for which `is` holds ([`NONE`] where there is
/// none): one pass each way over each sentence, not a scan of the sentence
/// per token (quadratic in its length).
fn nearest_in_sentence(sentences: &[(usize, usize)], n: usize, is: impl Fn(usize) -> bool) -> Vec<[u32; 2]> {
    let mut near = vec![[NONE; 2]; n];
    for &(first, end) in sentences {
        let end = end.min(n);
        let mut last = NONE;
        for (j, around) in near.iter_mut().enumerate().take(end).skip(first) {
            around[0] = last;
            if is(j) {
                last = j as u32;
            }
        }
        let mut next = NONE;
        for (j, around) in near.iter_mut().enumerate().take(end).skip(first).rev() {
            around[1] = next;
            if is(j) {
                next = j as u32;
            }
        }
    }
    near
}

const HASH_PUNCT_MISSING: u64 = 0x5151_5151;

fn f1(template: u64, a: u64) -> u64 {
    mix(template.wrapping_mul(crate::hash::GOLDEN_GAMMA) ^ a)
}

fn f2(template: u64, a: u64, b: u64) -> u64 {
    mix(f1(template, a) ^ b.rotate_left(23))
}

fn f3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(f2(template, a, b) ^ c.rotate_left(41))
}

impl<'a> Context<'a> {
    /// What lies nearest each token of `doc` in its sentence.
    pub fn new(doc: &'a Doc<'a>) -> Context<'a> {
        let (tokens, facts, sentences) = (&doc.tokens[..], &doc.facts[..], doc.sentences());
        let is_cue = |j: usize| {
            matches!(facts[j].class, CueClass::Speech | CueClass::Belief | CueClass::Source | CueClass::Noun)
        };
        let near_cue = nearest_in_sentence(sentences, facts.len(), is_cue);
        let near_quoted = nearest_in_sentence(sentences, facts.len(), |j| facts[j].quote.quote.is_some());
        let near_break = nearest_in_sentence(sentences, facts.len(), |j| {
            matches!(tokens[j].kind, TokenKind::Punct | TokenKind::DoubleQuote)
        });
        Context { doc, tokens, facts, quotes: &doc.quotes, near_cue, near_quoted, near_break }
    }

    /// The sentence (first, end) of token `i`.
    fn sentence_of(&self, i: usize) -> (usize, usize) {
        self.doc.sentence_of(i)
    }

    /// A fact of token `i`, or `missing` past either end of the text.
    fn fact_at(&self, i: isize, missing: u64, fact: impl Fn(&TokenFacts) -> u64) -> u64 {
        usize::try_from(i).ok().and_then(|i| self.facts.get(i)).map_or(missing, fact)
    }

    fn lower_at(&self, i: isize) -> u64 {
        self.fact_at(i, HASH_PUNCT_MISSING, |f| f.lower)
    }

    fn class_at(&self, i: isize) -> u64 {
        self.fact_at(i, 99, |f| f.class as u64)
    }

    fn pos_at(&self, i: isize) -> u64 {
        self.fact_at(i, 99, |f| f.pos as u64)
    }

    fn shape_at(&self, i: isize) -> u64 {
        self.fact_at(i, 9, |f| f.shape as u64)
    }

    /// Appends the features of token `i` to `out`.
    pub fn features(&self, i: usize, out: &mut Vec<u64>) {
        let fact = self.facts[i];
        let ii = i as isize;
        let w = fact.lower;
        let (s_first, s_end) = self.sentence_of(i);
        out.push(f1(0, 0));
        out.push(f1(1, w));
        out.push(f1(2, self.lower_at(ii - 1)));
        out.push(f1(3, self.lower_at(ii + 1)));
        out.push(f1(4, self.lower_at(ii - 2)));
        out.push(f1(5, self.lower_at(ii + 2)));
        out.push(f2(6, self.lower_at(ii - 1), w));
        out.push(f2(7, w, self.lower_at(ii + 1)));
        out.push(f1(8, fact.suffix));
        out.push(f1(9, fact.shape as u64));
        out.push(f3(10, self.shape_at(ii - 1), fact.shape as u64, self.shape_at(ii + 1)));
        out.push(f1(11, fact.class as u64));
        out.push(f2(12, self.class_at(ii - 1), fact.class as u64));
        out.push(f2(13, fact.class as u64, self.class_at(ii + 1)));
        out.push(f2(14, fact.class as u64, w));
        out.push(f1(40, self.lower_at(ii - 3)));
        out.push(f1(41, self.lower_at(ii + 3)));
        out.push(f2(42, w, fact.quote.quote.is_some() as u64));
        out.push(f3(43, self.lower_at(ii - 1), self.class_at(ii + 1), fact.shape as u64));
        let first = self.tokens[s_first].kind as u64 * 16 + self.facts[s_first].class as u64;
        out.push(f2(44, first, from_start_bucket(i - s_first)));

        // Parts of speech around the token.
        let p = fact.pos as u64;
        out.push(f1(60, p));
        out.push(f1(61, fact.amb as u64));
        out.push(f2(62, self.pos_at(ii - 1), p));
        out.push(f2(63, p, self.pos_at(ii + 1)));
        out.push(f3(64, self.pos_at(ii - 1), p, self.pos_at(ii + 1)));
        out.push(f3(65, self.pos_at(ii - 2), self.pos_at(ii - 1), p));
        out.push(f3(66, p, self.pos_at(ii + 1), self.pos_at(ii + 2)));
        out.push(f2(67, p, fact.class as u64));
        out.push(f3(68, p, fact.quote.quote.is_some() as u64, from_start_bucket(i - s_first)));
        out.push(f2(69, self.lower_at(ii - 1), p));
        out.push(f2(70, p, self.lower_at(ii + 1)));
        if let Some(j) = found(self.near_cue[i][0]) {
            out.push(f3(71, self.pos_at(j as isize + 1), bucket(i - j).min(5), p));
        }

        // Position in the sentence.
        let from_start = (i - s_first).min(6) as u64;
        let to_end = (s_end - 1 - i).min(6) as u64;
        out.push(f2(15, from_start, to_end.min(2)));
        out.push(f1(16, to_end));
        out.push(f2(17, from_start.min(3), fact.shape as u64));

        // Quotation features.
        self.quote_features(i, s_first, out);

        // Nearest cue words in the sentence, left and right.
        let [left, right] = self.near_cue[i].map(found);
        let left = left.map(|j| (j, i - j));
        let right = right.map(|j| (j, j - i));
        match left {
            Some((j, d)) => {
                out.push(f2(30, self.facts[j].class as u64, bucket(d)));
                out.push(f2(31, self.facts[j].lower, bucket(d).min(3)));
                out.push(f3(32, self.facts[j].class as u64, bucket(d), fact.class as u64));
            }
            None => out.push(f1(33, 0)),
        }
        match right {
            Some((j, d)) => {
                out.push(f2(34, self.facts[j].class as u64, bucket(d)));
                out.push(f2(35, self.facts[j].lower, bucket(d).min(3)));
                out.push(f3(36, self.facts[j].class as u64, bucket(d), fact.shape as u64));
            }
            None => out.push(f1(37, 0)),
        }
        let left_class = left.map_or(9, |(j, _)| self.facts[j].class as u64);
        let right_class = right.map_or(9, |(j, _)| self.facts[j].class as u64);
        out.push(f3(38, left_class, right_class, fact.quote.quote.is_some() as u64));

        // Clause edges: the next and previous punctuation in the sentence
        // (at most 30 tokens away) and the part of speech past it.
        let [prev, next] = self.near_break[i].map(found);
        match next.filter(|&j| j - i <= 30) {
            Some(j) => out.push(f3(50, self.facts[j].pos as u64, self.pos_at(j as isize + 1), bucket(j - i).min(5))),
            None => out.push(f2(52, 0, (s_end - i > 30) as u64)),
        }
        match prev.filter(|&j| i - j <= 30) {
            Some(j) => out.push(f3(53, self.facts[j].pos as u64, self.pos_at(j as isize + 1), bucket(i - j).min(5))),
            None => out.push(f2(55, 0, (i - s_first > 30) as u64)),
        }
    }

    fn quote_features(&self, i: usize, s_first: usize, out: &mut Vec<u64>) {
        let fact = self.facts[i];
        match fact.quote.quote.and_then(|q| self.quotes.get(q as usize)) {
            Some(q) => {
                let size = bucket(q.n_words);
                let speechy = q.has_clause_punct as u64;
                out.push(f3(20, 1, size, speechy));
                out.push(f2(21, fact.quote.opens as u64, fact.quote.closes as u64));
                // What follows the closing mark: ", he said" or "said Sella".
                let mut after = q.last + 1;
                if after < self.facts.len() && self.tokens[after].kind == TokenKind::Punct {
                    after += 1;
                }
                let after_class = self.class_at(after as isize);
                out.push(f2(22, after_class, self.class_at(after as isize + 1)));
                out.push(f2(23, self.lower_at(after as isize), speechy));
                // What precedes the opening mark: "said:" or "told reporters".
                let before = q.first as isize - 1;
                out.push(f2(24, self.lower_at(before), speechy));
                out.push(f2(25, self.class_at(before), self.class_at(before - 1)));
                let at_sentence_start = (q.first <= s_first + 1) as u64;
                out.push(f3(26, at_sentence_start, size, speechy));
                out.push(f3(27, self.tokens[q.first].paragraph_start as u64, after_class, fact.quote.closes as u64));
            }
            None => {
                // Outside quotes: is there a quote in this sentence, before or after?
                // (Token i itself is not quoted here.)
                let [before, after] = self.near_quoted[i].map(|j| (j != NONE) as u64);
                out.push(f3(28, before, after, fact.shape as u64));
                out.push(f3(29, before, after, fact.class as u64));
            }
        }
    }
}

fn from_start_bucket(d: usize) -> u64 {
    d.min(4) as u64
}

fn bucket(distance: usize) -> u64 {
    match distance {
        0..=3 => distance as u64,
        4..=6 => 4,
        7..=12 => 5,
        13..=25 => 6,
        _ => 7,
    }
}

/// The first pass's labels with what lies nearest each token in its
/// sentence, found in one pass over each sentence (the second pass's
/// features read them for every token).
pub(crate) struct FirstPass<'l> {
    labels: &'l [super::Label],
    // Invariant: one entry per token: the nearest cue-, source- and
    // content-labelled tokens before and after it in its sentence
    // ([`nearest_in_sentence`]).
    near_cue: Vec<[u32; 2]>,
    near_source: Vec<[u32; 2]>,
    near_content: Vec<[u32; 2]>,
    // cues_before[k]: the number of cue-labelled tokens before token k
    // (one more entry than tokens).
    cues_before: Vec<u32>,
}

impl<'l> FirstPass<'l> {
    /// Reads the first pass's `labels` of the whole text.
    pub fn new(context: &Context<'_>, labels: &'l [super::Label]) -> FirstPass<'l> {
        use super::Label;
        let is_cue = |l: Label| matches!(l, Label::BeginCue | Label::InCue);
        let near =
            |is: fn(Label) -> bool| nearest_in_sentence(context.doc.sentences(), labels.len(), |j| is(labels[j]));
        let near_cue = near(is_cue);
        let near_source = near(|l| matches!(l, Label::BeginSource | Label::InSource));
        let near_content = near(|l| matches!(l, Label::BeginContent | Label::InContent));
        let mut cues_before = Vec::with_capacity(labels.len() + 1);
        let mut n = 0u32;
        cues_before.push(0);
        for &l in labels {
            n += is_cue(l) as u32;
            cues_before.push(n);
        }
        FirstPass { labels, near_cue, near_source, near_content, cues_before }
    }

    /// Whether a cue is labelled among tokens `[a, b)`.
    fn cue_in(&self, a: usize, b: usize) -> bool {
        let b = b.min(self.labels.len());
        a < b && self.cues_before[b] > self.cues_before[a]
    }
}

/// Features from a first tagging pass: the labels around the token and
/// where the predicted cues, sources and contents of its sentence lie.
/// The second pass reads them to fix boundaries and link-ups that a
/// token-local view misses.
pub(crate) fn stacked_features(context: &Context<'_>, first_pass: &FirstPass<'_>, i: usize, out: &mut Vec<u64>) {
    let labels = first_pass.labels;
    let role = |j: isize| -> u64 {
        if j < 0 || j as usize >= labels.len() {
            9
        } else {
            labels[j as usize] as u64
        }
    };
    let ii = i as isize;
    out.push(f1(100, role(ii)));
    out.push(f2(101, role(ii - 1), role(ii)));
    out.push(f2(102, role(ii), role(ii + 1)));
    out.push(f3(103, role(ii - 2), role(ii - 1), role(ii + 1)));
    out.push(f2(104, role(ii + 1), role(ii + 2)));
    out.push(f2(105, role(ii), context.facts[i].lower));
    let (s_first, s_end) = context.sentence_of(i);
    let [left_cue, right_cue] = first_pass.near_cue[i].map(found);
    let shape = context.facts[i].shape as u64;
    match left_cue {
        Some(j) => {
            out.push(f2(106, bucket(i - j), role(ii)));
            out.push(f2(107, context.facts[j].lower, bucket(i - j).min(4)));
        }
        None => out.push(f2(108, 0, role(ii))),
    }
    match right_cue {
        Some(j) => {
            out.push(f2(109, bucket(j - i), role(ii)));
            out.push(f3(110, context.facts[j].lower, bucket(j - i).min(4), shape));
        }
        None => out.push(f2(111, 0, role(ii))),
    }
    let [left_source, right_source] = first_pass.near_source[i].map(found);
    let [content_left, content_right] = first_pass.near_content[i].map(|j| (j != NONE) as u64);
    out.push(f3(112, left_source.is_some() as u64, right_source.is_some() as u64, role(ii)));
    out.push(f3(113, content_left, content_right, role(ii)));
    out.push(f3(114, left_cue.is_some() as u64, right_cue.is_some() as u64, shape));
    // The paragraph's previous and next sentences: a quote followed by a
    // "he said" sentence, or a cue sentence followed by its content.
    let prev_sentence_cue = first_pass.cue_in(s_first.saturating_sub(40), s_first);
    let next_sentence_cue = first_pass.cue_in(s_end, s_end + 40);
    out.push(f3(
        115,
        prev_sentence_cue as u64,
        next_sentence_cue as u64,
        (left_cue.is_some() || right_cue.is_some()) as u64,
    ));
    // A wider window of first-pass labels, and the words at the edges of
    // the first pass's pieces: where a content starts or stops.
    out.push(f2(116, role(ii - 3), role(ii)));
    out.push(f2(117, role(ii), role(ii + 3)));
    out.push(f3(118, role(ii - 1), context.lower_at(ii - 1), role(ii)));
    out.push(f3(119, role(ii), context.lower_at(ii + 1), role(ii + 1)));
    out.push(f3(120, left_source.map_or(9, |j| bucket(i - j)), right_source.map_or(9, |j| bucket(j - i)), role(ii)));
    let fact = context.facts[i];
    out.push(f3(
        121,
        role(ii),
        fact.quote.quote.is_some() as u64,
        fact.quote.opens as u64 * 2 + fact.quote.closes as u64,
    ));
    let p = fact.pos as u64;
    out.push(f2(122, role(ii), p));
    out.push(f3(123, role(ii - 1), context.pos_at(ii - 1), p));
    out.push(f3(124, p, context.pos_at(ii + 1), role(ii + 1)));
}
