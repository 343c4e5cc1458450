//! From tagged tokens to attributions: the tagger's labels are read as
//! pieces (maximal runs of one role), and each source and content piece is
//! joined to the nearest cue of its paragraph, so that each cue with a
//! content becomes one [`Attribution`]. Content with no cue in its paragraph
//! is kept as an attribution without source and cue.

use crate::lexicon::CueClass;
use crate::lexicon::WordClass;
use crate::span::Overlaps;
use crate::tag::Label;
use crate::text::{Doc, TokenKind};
use crate::{Attribution, AttributionKind, Role, Span};

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

fn pieces_of(doc: &Doc<'_>, labels: &[Label]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for (i, &label) in labels.iter().enumerate() {
        let paragraph = doc.facts[i].paragraph as usize;
        let role = match label {
            Label::O => continue,
            Label::BeginSource | Label::InSource => RoleKind::Source,
            Label::BeginCue | Label::InCue => RoleKind::Cue,
            Label::BeginContent | Label::InContent => RoleKind::Content,
        };
        let begins = matches!(label, Label::BeginSource | Label::BeginCue | Label::BeginContent);
        match pieces.last_mut() {
            Some(last) if !begins && last.role == role && last.end == i => last.end = i + 1,
            _ => pieces.push(Piece { role, first: i, end: i + 1, sentence: doc.facts[i].sentence, paragraph }),
        }
    }
    pieces
}

/// A source or content that opens a bracket takes its closing one: the
/// tagger leaves edge punctuation out, which would cut "the British Chamber
/// of Commerce (BCC)" to "... (BCC".
fn close_brackets(doc: &Doc<'_>, labels: &mut [Label]) {
    let tokens = &doc.tokens;
    let is = |i: usize, s: &str| tokens[i].kind == TokenKind::Punct && tokens[i].span.slice(doc.text()) == s;
    for i in 1..tokens.len() {
        let inside = match labels[i - 1] {
            Label::BeginSource | Label::InSource => Label::InSource,
            Label::BeginContent | Label::InContent => Label::InContent,
            _ => continue,
        };
        if labels[i] != Label::O || !is(i, ")") {
            continue;
        }
        // The piece's first token: back to its begin label.
        let first = (0..i).rev().find(|&k| matches!(labels[k], Label::BeginSource | Label::BeginContent)).unwrap_or(0);
        let opened = (first..i).filter(|&k| is(k, "(")).count() > (first..i).filter(|&k| is(k, ")")).count();
        if opened {
            labels[i] = inside;
        }
    }
}

/// A content that opens with a quotation stops at its closing mark: the
/// tagger sometimes carries it on (`"we will win the vote" on Monday`,
/// `"...," he said, according to ...`). The words it carried over are
/// untagged, and a speaker and verb of saying right after the mark (`,"
/// he said`, `," Sella said`) become the source and cue they are.
fn stop_at_closing_marks(doc: &Doc<'_>, labels: &mut [Label]) {
    let tokens = &doc.tokens;
    let text = doc.text();
    for q in &doc.quotes {
        let (open, close) = (q.first, q.last);
        if close + 1 >= tokens.len()
            || close <= open + 1
            || !doc.quote_info[open].opens
            || !doc.quote_info[close].closes
        {
            continue;
        }
        // The content starts at the quotation's first word and runs through
        // its closing mark into the words after it.
        if labels[open + 1] != Label::BeginContent || !(open + 2..=close + 1).all(|i| labels[i] == Label::InContent) {
            continue;
        }
        // A quotation whose words end a clause (`them,"`, `it."`), not a
        // quoted fragment that the sentence goes on from (`"the mechanics"
        // of the proposals`).
        if tokens[close - 1].kind != TokenKind::Punct {
            continue;
        }
        let end = (close + 1..tokens.len()).find(|&i| labels[i] != Label::InContent).unwrap_or(tokens.len());
        for label in &mut labels[close..end] {
            *label = Label::O;
        }
        // ", he said" / ", Sella said" / "said Sella": a short run of
        // capitalised words or a pronoun next to a verb of saying.
        let mut i = close + 1;
        if tokens[i].kind == TokenKind::Punct && tokens[i].span.slice(text) == "," {
            i += 1;
        }
        let word = |k: usize| k < end && tokens[k].kind == TokenKind::Word;
        let speech = |k: usize| word(k) && doc.facts[k].class == CueClass::Speech;
        let capitalised = |k: usize| word(k) && tokens[k].span.slice(text).starts_with(char::is_uppercase);
        let pronoun = |k: usize| word(k) && doc.facts[k].class == CueClass::Pronoun;
        let mut name_end = i;
        while name_end < i + 3 && capitalised(name_end) {
            name_end += 1;
        }
        if pronoun(i) {
            name_end = i + 1;
        }
        if name_end > i && speech(name_end) {
            labels[i] = Label::BeginSource;
            labels[i + 1..name_end].fill(Label::InSource);
            labels[name_end] = Label::BeginCue;
        } else if speech(i) && name_end == i {
            let mut k = i + 1;
            while k < i + 4 && capitalised(k) {
                k += 1;
            }
            if k > i + 1 {
                labels[i] = Label::BeginCue;
                labels[i + 1] = Label::BeginSource;
                labels[i + 2..k].fill(Label::InSource);
            }
        }
    }
}

pub(crate) fn link(doc: &Doc<'_>, labels: &[Label]) -> Vec<Attribution> {
    let tokens = &doc.tokens;
    let mut labels = labels.to_vec();
    stop_at_closing_marks(doc, &mut labels);
    close_brackets(doc, &mut labels);
    let labels = &labels[..];
    let mut pieces = pieces_of(doc, labels);
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
    // its sentence. Not a source after it that has a cue of its own:
    // in "Asked about the bomb, Clinton said ...", Clinton is not the one
    // who asked.
    let source_pieces: Vec<usize> = (0..pieces.len()).filter(|&p| pieces[p].role == RoleKind::Source).collect();
    let mut has_cue = vec![false; pieces.len()];
    for &p in sources.iter().flatten() {
        has_cue[p] = true;
    }
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
            .filter(|&p| !(has_cue[p] && pieces[p].first > cue.first))
            .min_by_key(|&p| link_cost(&pieces[p], cue));
        if let Some(p) = nearest {
            sources[k].push(p);
        }
    }
    // "..., she said at a news conference, announcing that ...": a cue in
    // the participle after a comma shares the source of the cue before it
    // in the sentence, rather than taking a nearer noun.
    let linked_sources = sources.clone();
    for (k, &c) in cues.iter().enumerate() {
        let cue = &pieces[c];
        let first_word = tokens[cue.first].span.slice(doc.text()).to_lowercase();
        let after_comma = cue.first > 0
            && doc.facts[cue.first - 1].sentence == cue.sentence
            && matches!(tokens[cue.first - 1].span.slice(doc.text()), "," | "--" | "—");
        if !first_word.ends_with("ing") || !after_comma {
            continue;
        }
        let previous = (0..k)
            .rev()
            .take_while(|&k2| pieces[cues[k2]].sentence == cue.sentence && pieces[cues[k2]].paragraph == cue.paragraph)
            .find(|&k2| !linked_sources[k2].is_empty());
        if let Some(k2) = previous {
            sources[k] = linked_sources[k2].clone();
        }
    }
    final_cues_take_their_sentence(doc, &mut pieces, &cues, &sources, &mut contents, &mut orphans);
    parenthetical_cues_take_the_opening(doc, labels, &mut pieces, &cues, &sources, &mut contents);
    // "Mr. Quiros was accused of using $50 million": the subject of a
    // passive cue is what the statement is about, not who made it; only an
    // agent ("by the SEC") is its source.
    for (k, &c) in cues.iter().enumerate() {
        if is_passive(doc, &pieces[c]) {
            let cue_first = pieces[c].first;
            sources[k].retain(|&p| {
                pieces[p].first > cue_first
                    || (pieces[p].first > 0
                        && tokens[pieces[p].first - 1].span.slice(doc.text()).eq_ignore_ascii_case("by"))
            });
        }
    }
    let pieces = pieces;
    // Of several content pieces, an unquoted one in another sentence, or
    // before the cue with words between them, is mostly another statement's
    // (or none): it is left out. Quoted pieces are kept, as quotes continue
    // across sentences.
    for (k, &c) in cues.iter().enumerate() {
        if contents[k].len() < 2 {
            continue;
        }
        let cue = &pieces[c];
        let stray = |p: usize| {
            let piece = &pieces[p];
            let quoted = (piece.first..piece.end).any(|i| doc.quote_info[i].quote.is_some());
            let far_before = piece.first < cue.first
                && (piece.end..cue.first).any(|i| {
                    tokens[i].kind == TokenKind::Word && !matches!(labels[i], Label::BeginSource | Label::InSource)
                });
            !quoted && (piece.sentence != cue.sentence || far_before)
        };
        if contents[k].iter().any(|&p| !stray(p)) {
            contents[k].retain(|&p| !stray(p));
        }
    }
    for list in sources.iter_mut().chain(contents.iter_mut()) {
        list.sort_by_key(|&p| pieces[p].first);
    }
    let span_of = |p: usize| tokens[pieces[p].first].span.cover(tokens[pieces[p].end - 1].span);
    // Pieces of one role split only by punctuation are one piece.
    let glued = |a: usize, b: usize| -> bool {
        (pieces[a].end..pieces[b].first)
            .all(|i| labels[i] == Label::O && tokens[i].kind != TokenKind::Word && tokens[i].kind != TokenKind::Number)
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
        // Nor, mostly, does a cue with no source in its sentence (on dev,
        // about one in eight of these is right): dropped, except a passive
        // cue, whose subject was set aside above, and one whose sentence
        // opens with a name or pronoun just before it, which the tagger
        // missed ("China last week staunchly denied ...").
        let mut source = Role::new(spans_of(&sources[k]));
        // "Mr. Obama, who understood that ..., told his advisers to ...":
        // a "who" whose relative clause closes with a comma before the cue
        // is not the cue's subject; the noun before it is.
        if let [p] = sources[k][..] {
            if let Some(antecedent) = antecedent_of_who(doc, &pieces[p], &pieces[c]) {
                source = Role::single(antecedent);
            }
        }
        if source.is_none() && !is_passive(doc, &pieces[c]) {
            source = super::subject::sentence_opening_subject(doc, labels, pieces[c].first).and_then(Role::single);
            if source.is_none() {
                continue;
            }
        }
        // A one-word cue that is on no cue list ("protocol", "views") is
        // mostly a tagging error (on dev, about one in seven is right).
        let cue = &pieces[c];
        if cue.end - cue.first == 1
            && !matches!(
                doc.facts[cue.first].class,
                CueClass::Speech | CueClass::Belief | CueClass::Noun | CueClass::Source
            )
        {
            continue;
        }
        let kind = kind_of(doc, &contents[k], &pieces);
        attributions.push(Attribution::unresolved(source, Role::single(span_of(c)), content, kind, 1.0));
    }
    for p in orphans {
        // A short content with no cue in its paragraph is mostly a tagging
        // error (on dev, 1 in 17 of those of 8 words or fewer matches one),
        // and so is an unquoted one of any length (on train, 8 in 60; on
        // dev, none of 6): without a cue or a quote mark nothing says the
        // words are anyone's.
        let words = (pieces[p].first..pieces[p].end)
            .filter(|&i| matches!(tokens[i].kind, TokenKind::Word | TokenKind::Number))
            .count();
        let kind = kind_of(doc, &[p], &pieces);
        if words <= 8 || kind == AttributionKind::Indirect {
            continue;
        }
        if let Some(content) = Role::single(span_of(p)) {
            attributions.push(Attribution::unresolved(None, None, content, kind, 0.5));
        }
    }
    attributions.sort_by_key(|a| a.content.extent().start());
    // Where the text's lines end, found once: each paragraph lookup below is
    // a binary search, not a scan back through the text (quadratic on a
    // 50 MB line).
    let newlines: Vec<usize> = doc.text().match_indices('\n').map(|(i, _)| i).collect();
    let mut attributions = quote_paragraphs_go_on(doc.text(), &newlines, attributions);
    quote_ending_the_paragraph_goes_on(doc.text(), &newlines, &mut attributions);
    coordinated_cues_split(doc.text(), &mut attributions, coordinated_verb);
    coordinated_cues_split(doc.text(), &mut attributions, participle_after_comma);
    attributions
}

/// Where " and" (", and", " and also") + a verb of saying begins in
/// `body`: (the " and" or comma, the verb, its length).
fn coordinated_verb(body: &str) -> Option<(usize, usize, usize)> {
    body.match_indices(" and ").find_map(|(at, _)| {
        let after = &body[at + 5..];
        let after = after.strip_prefix("also ").unwrap_or(after);
        let verb = WordClass::COORDINATED_CUE.words().iter().find(|v| {
            after.starts_with(**v) && !after[v.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        })?;
        Some((at, body.len() - after.len(), verb.len()))
    })
}

/// Where ", adding" (", saying", ...) + a space begins in `body`.
fn participle_after_comma(body: &str) -> Option<(usize, usize, usize)> {
    body.match_indices(", ").find_map(|(at, _)| {
        let after = &body[at + 2..];
        let verb = WordClass::SAYING_PARTICIPLE
            .words()
            .iter()
            .find(|v| after.starts_with(**v) && after[v.len()..].starts_with(' '))?;
        Some((at, at + 2, verb.len()))
    })
}

/// "Trump tweeted that Machado was a con and encouraged Americans to
/// check her out": the indirect content of a cue ends before " and" (or
/// ", and", "and also") followed by a verb of saying, which is a second
/// cue of the same source with the rest as its content; so also before
/// ", adding" (`find` says where). Not when the cut would leave a quote
/// open.
fn coordinated_cues_split(
    text: &str,
    attributions: &mut Vec<Attribution>,
    find: fn(&str) -> Option<(usize, usize, usize)>,
) {
    let mut added = Vec::new();
    for attribution in attributions.iter_mut() {
        if attribution.kind == AttributionKind::Direct || attribution.content.spans().len() != 1 {
            continue;
        }
        let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { continue };
        let content = attribution.content.extent();
        if content.start() < cue.end() {
            continue;
        }
        let body = content.slice(text);
        let found = find(body);
        let Some((at, verb_at, verb_len)) = found else { continue };
        let kept = &body[..at];
        if kept.matches('"').count() % 2 == 1 || kept.matches('\u{201C}').count() != kept.matches('\u{201D}').count() {
            continue;
        }
        let kept_end = kept.trim_end_matches([' ', ',']).len();
        let Some(kept_role) = Role::single(Span::new(content.start(), content.start() + kept_end)) else { continue };
        attribution.content = kept_role;
        let verb = Span::new(content.start() + verb_at, content.start() + verb_at + verb_len);
        let rest = &text[verb.end()..content.end()];
        let rest_start = content.end() - rest.trim_start().len();
        if let Some(rest_role) = Role::single(Span::new(rest_start, content.end())) {
            added.push(Attribution::unresolved(
                attribution.source.clone(),
                Role::single(verb),
                rest_role,
                AttributionKind::Indirect,
                attribution.confidence,
            ));
        }
    }
    attributions.extend(added);
    attributions.sort_by_key(|a| a.content.extent().start());
}

/// How many of the statements kept so far a continued quote paragraph looks
/// back through for the statement it continues.
const LOOK_BACK: usize = 64;

/// A paragraph that opens with a quote left without a cue goes on with the
/// last statement of the previous paragraph ("\u{201C}X,\u{201D} she said,
/// \u{201C}Y.\u{201D}" or "She said Y." then "\u{201C}Z.\u{201D}"): news quotes
/// run over paragraphs.
fn quote_paragraphs_go_on(text: &str, newlines: &[usize], attributions: Vec<Attribution>) -> Vec<Attribution> {
    const OPEN: [char; 2] = ['"', '\u{201C}'];
    let paragraph_start = |at: usize| match newlines.partition_point(|&i| i < at) {
        0 => 0,
        k => newlines[k - 1] + 1,
    };
    let mut kept: Vec<Attribution> = Vec::with_capacity(attributions.len());
    for attribution in attributions {
        let orphan = attribution.cue.is_none() && attribution.source.is_none();
        let start = attribution.content.extent().start();
        let here = paragraph_start(start);
        // Only the opening mark stands between the paragraph start and the
        // content (at most two chars read, however long the paragraph).
        let opens = text[..start].ends_with(OPEN) && {
            let mut lead = text[here..start].trim_start().chars();
            lead.next().is_some() && lead.next().is_none()
        };
        // The previous paragraph: from `previous` to `end`, past blank lines.
        let end = text[..here].trim_end_matches(['\n', '\r']).len();
        let previous = paragraph_start(end);
        // The statements kept last are the ones near this paragraph (they
        // come in text order): a bounded look back keeps a text of
        // thousands of quote paragraphs linear.
        let recent = kept.len().saturating_sub(LOOK_BACK);
        let target = (orphan && opens && here > 0)
            .then(|| {
                kept[recent..]
                    .iter_mut()
                    .filter(|a| a.cue.is_some())
                    .filter(|a| a.content.spans().last().is_some_and(|l| l.start() >= previous && l.start() < end))
                    .max_by_key(|a| a.content.extent().end())
            })
            .flatten();
        match target {
            Some(target) => {
                let mut spans = target.content.spans().to_vec();
                spans.extend_from_slice(attribution.content.spans());
                if let Some(content) = Role::new(spans) {
                    target.content = content;
                }
            }
            None => kept.push(attribution),
        }
    }
    kept
}

/// "\u{201C}X,\u{201D} he said. \u{201C}Y.\u{201D}": a quote that ends the
/// paragraph after the sentence of a cue whose content is a quote before it
/// goes on with the same statement, when no attribution has any of it.
fn quote_ending_the_paragraph_goes_on(text: &str, newlines: &[usize], attributions: &mut [Attribution]) {
    const OPEN: [char; 2] = ['"', '\u{201C}'];
    const MARKS: [char; 3] = ['"', '\u{201C}', '\u{201D}'];
    let taken = Overlaps::new(
        attributions
            .iter()
            .flat_map(|a| a.source.iter().chain(a.cue.iter()).chain(std::iter::once(&a.content)))
            .flat_map(|r| r.spans().iter().copied()),
    );
    let mut added: Vec<Span> = Vec::new();
    for attribution in attributions.iter_mut() {
        let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { continue };
        let Some(&last) = attribution.content.spans().last() else { continue };
        if cue.end() < last.end() || !text[..last.start()].ends_with(OPEN) {
            continue;
        }
        let paragraph_end = newlines.get(newlines.partition_point(|&i| i < cue.end())).copied().unwrap_or(text.len());
        let rest = &text[cue.end()..paragraph_end];
        let Some(open) = rest.find(OPEN) else { continue };
        let between = &rest[..open];
        if between.contains(MARKS) || !between.trim_end().ends_with(['.', '!', '?']) {
            continue;
        }
        let quote_start = cue.end() + open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let quote = text[quote_start..paragraph_end].trim_end();
        let Some(close) = quote.chars().last().filter(|&c| c == '"' || c == '\u{201D}') else { continue };
        let span = Span::new(quote_start, quote_start + quote.len() - close.len_utf8());
        if span.end() <= span.start()
            || taken.any(span)
            || added.iter().any(|t| t.start() < span.end() && span.start() < t.end())
        {
            continue;
        }
        let mut spans = attribution.content.spans().to_vec();
        spans.push(span);
        if let Some(content) = Role::new(spans) {
            attribution.content = content;
            added.push(span);
        }
    }
}

/// "Secret Service protocol called for X, sources said.": the sentence
/// before the comma is the content of the cue that ends the sentence (with
/// its source just before it, "CONTENT, SOURCE CUE." or "CONTENT, as SOURCE
/// CUE."), even where the tagger also found a cue inside it and the content
/// went to that nearer cue, leaving the final one without content. Cues
/// inside the sentence give up their content to the final cue.
fn final_cues_take_their_sentence(
    doc: &Doc<'_>,
    pieces: &mut Vec<Piece>,
    cues: &[usize],
    sources: &[Vec<usize>],
    contents: &mut [Vec<usize>],
    orphans: &mut Vec<usize>,
) {
    let tokens = &doc.tokens;
    let text = doc.text();
    let punct = |i: usize| matches!(tokens[i].kind, TokenKind::Punct | TokenKind::DoubleQuote | TokenKind::SingleQuote);
    for (k, &c) in cues.iter().enumerate() {
        if !contents[k].is_empty() {
            continue;
        }
        let cue = pieces[c];
        let (sentence_first, sentence_end) = doc.sentence_of(cue.first);
        if !(cue.end..sentence_end).all(punct) {
            continue;
        }
        // Back over the cue's own source pieces just before it.
        let mut start = cue.first;
        let mut own: Vec<usize> = sources[k].iter().copied().filter(|&p| pieces[p].sentence == cue.sentence).collect();
        own.sort_by_key(|&p| std::cmp::Reverse(pieces[p].first));
        for p in own {
            if pieces[p].end == start {
                start = pieces[p].first;
            }
        }
        let mut j = start;
        if j > sentence_first && tokens[j - 1].span.slice(text) == "as" {
            j -= 1;
        }
        while j > sentence_first && matches!(tokens[j - 1].kind, TokenKind::DoubleQuote | TokenKind::SingleQuote) {
            j -= 1;
        }
        if j <= sentence_first || tokens[j - 1].span.slice(text) != "," {
            continue;
        }
        let comma = j - 1;
        let mut first = sentence_first;
        while first < comma && punct(first) {
            first += 1;
        }
        let mut end = comma;
        while end > first && punct(end - 1) {
            end -= 1;
        }
        if end - first < 3 {
            continue;
        }
        let mut moved = Vec::new();
        // Cues are in text order: those inside the sentence come just before.
        for k2 in (0..k).rev() {
            let inner = &pieces[cues[k2]];
            if inner.first < first {
                break;
            }
            if inner.sentence == cue.sentence {
                moved.extend(contents[k2].iter().copied().filter(|&p| pieces[p].first < first));
                contents[k2].clear();
            }
        }
        pieces.push(Piece { role: RoleKind::Content, first, end, sentence: cue.sentence, paragraph: cue.paragraph });
        moved.push(pieces.len() - 1);
        contents[k] = moved;
        orphans.retain(|&p| !(first..end).contains(&pieces[p].first));
    }
}

/// "But to prevent problems, he said, local officials should be vigilant":
/// a source and cue set off by commas inside a sentence split their
/// content in two, and the words that open the sentence, left untagged,
/// are its first piece.
fn parenthetical_cues_take_the_opening(
    doc: &Doc<'_>,
    labels: &[Label],
    pieces: &mut Vec<Piece>,
    cues: &[usize],
    sources: &[Vec<usize>],
    contents: &mut [Vec<usize>],
) {
    let tokens = &doc.tokens;
    let text = doc.text();
    let comma = |i: usize| tokens[i].span.slice(text) == ",";
    for (k, &c) in cues.iter().enumerate() {
        let cue = pieces[c];
        let own: Vec<Piece> = sources[k].iter().map(|&p| pieces[p]).filter(|p| p.sentence == cue.sentence).collect();
        let Some(after) = contents[k].iter().map(|&p| pieces[p]).filter(|p| p.first >= cue.end).map(|p| p.first).min()
        else {
            continue;
        };
        // The source and cue, adjacent: "he said", "said Mr. Clarke".
        let first = own.iter().map(|p| p.first).chain([cue.first]).min().unwrap_or(cue.first);
        let end = own.iter().map(|p| p.end).chain([cue.end]).max().unwrap_or(cue.end);
        let covered = (first..end)
            .all(|i| own.iter().any(|p| (p.first..p.end).contains(&i)) || (cue.first..cue.end).contains(&i));
        if !covered
            || own.is_empty()
            || first == 0
            || !comma(first - 1)
            || end >= tokens.len()
            || !comma(end)
            || after != end + 1
        {
            continue;
        }
        if contents[k].iter().any(|&p| pieces[p].first < first) {
            continue;
        }
        let (sentence_first, _) = doc.sentence_of(cue.first);
        let mut open = sentence_first;
        while open < first - 1
            && matches!(tokens[open].kind, TokenKind::Punct | TokenKind::DoubleQuote | TokenKind::SingleQuote)
        {
            open += 1;
        }
        let words =
            (open..first - 1).filter(|&i| matches!(tokens[i].kind, TokenKind::Word | TokenKind::Number)).count();
        let untagged = (open..first - 1).all(|i| labels[i] == Label::O && doc.quote_info[i].quote.is_none());
        if words == 0 || !untagged || doc.facts[open].sentence != cue.sentence {
            continue;
        }
        pieces.push(Piece {
            role: RoleKind::Content,
            first: open,
            end: first - 1,
            sentence: cue.sentence,
            paragraph: cue.paragraph,
        });
        contents[k].push(pieces.len() - 1);
    }
}

/// Whether a cue is a passive: a form of "be" followed by a participle
/// ("was accused of", "has been criticized for", "is not thought").
fn is_passive(doc: &Doc<'_>, cue: &Piece) -> bool {
    (cue.first..cue.end).any(|i| {
        doc.is(i, WordClass::BE_FORM)
            && (i + 1..cue.end).any(|k| {
                let v = doc.lower(k);
                v.ends_with("ed") || v.ends_with("en") || doc.is(k, WordClass::PASSIVE_PARTICIPLE)
            })
    })
}

/// For a source that is the single word "who" after a comma, with a comma
/// between it and the cue ("X, who ..., said"), the words before that
/// comma back to the previous comma, quote, bracket or sentence start.
fn antecedent_of_who(doc: &Doc<'_>, source: &Piece, cue: &Piece) -> Option<Span> {
    let tokens = &doc.tokens;
    let word = |i: usize| tokens[i].span.slice(doc.text());
    if source.end - source.first != 1
        || !word(source.first).eq_ignore_ascii_case("who")
        || source.first < 2
        || cue.first < source.end
    {
        return None;
    }
    let comma = source.first - 1;
    if word(comma) != "," || !(source.end..cue.first).any(|i| word(i) == ",") {
        return None;
    }
    let (sentence_first, _) = doc.sentence_of(source.first);
    let stop = |i: usize| {
        tokens[i].kind == TokenKind::DoubleQuote
            || tokens[i].kind == TokenKind::SingleQuote
            || matches!(word(i), "," | ";" | ":" | "(" | ")" | "--" | "—" | "–")
    };
    let mut first = comma;
    while first > sentence_first && !stop(first - 1) && !tokens[first].paragraph_start {
        first -= 1;
    }
    (first < comma).then(|| tokens[first].span.cover(tokens[comma - 1].span))
}

fn link_cost(piece: &Piece, cue: &Piece) -> usize {
    let distance = if piece.end <= cue.first { cue.first - piece.end } else { piece.first.saturating_sub(cue.end) };
    let sentences = (piece.sentence as i64 - cue.sentence as i64).unsigned_abs() as usize;
    distance + 1000 * sentences
}

fn kind_of(doc: &Doc<'_>, content: &[usize], pieces: &[Piece]) -> AttributionKind {
    kind_of_tokens(doc, content.iter().flat_map(|&p| pieces[p].first..pieces[p].end))
}

fn kind_of_tokens(doc: &Doc<'_>, content: impl Iterator<Item = usize>) -> AttributionKind {
    let mut quoted = 0;
    let mut plain = 0;
    {
        for i in content {
            if doc.tokens[i].kind != TokenKind::Word {
                continue;
            }
            if doc.quote_info[i].quote.is_some() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    /// Links `text` with the tagger's labels given as (words, role) pieces,
    /// each found in the text after the previous one; returns (source, cue,
    /// content) texts.
    fn linked(text: &str, pieces: &[(&str, RoleKind)]) -> Vec<(String, String, String)> {
        let lexicon = Lexicon::new();
        let doc = Doc::new(text, &lexicon);
        let mut labels = vec![Label::O; doc.tokens.len()];
        let mut from = 0;
        for &(words, role) in pieces {
            let start = from + text[from..].find(words).expect("piece in text");
            let end = start + words.len();
            from = end;
            let mut first = true;
            for (i, t) in doc.tokens.iter().enumerate() {
                if t.span.start() >= start && t.span.end() <= end {
                    labels[i] = match (role, first) {
                        (RoleKind::Source, true) => Label::BeginSource,
                        (RoleKind::Source, false) => Label::InSource,
                        (RoleKind::Cue, true) => Label::BeginCue,
                        (RoleKind::Cue, false) => Label::InCue,
                        (RoleKind::Content, true) => Label::BeginContent,
                        (RoleKind::Content, false) => Label::InContent,
                    };
                    first = false;
                }
            }
        }
        let role_text = |r: &Option<Role>| r.as_ref().map(|r| r.text(text)).unwrap_or_default();
        link(&doc, &labels).iter().map(|a| (role_text(&a.source), role_text(&a.cue), a.content.text(text))).collect()
    }

    use RoleKind::{Content as T, Cue as C, Source as S};

    fn one(source: &str, cue: &str, content: &str) -> Vec<(String, String, String)> {
        vec![(source.to_string(), cue.to_string(), content.to_string())]
    }

    #[test]
    fn a_source_that_opens_a_bracket_takes_its_closing_one() {
        let text = "Growth will slow, the British Chamber of Commerce (BCC) has said.";
        let got =
            linked(text, &[("Growth will slow", T), ("the British Chamber of Commerce (BCC", S), ("has said", C)]);
        assert_eq!(got, one("the British Chamber of Commerce (BCC)", "has said", "Growth will slow"));
        // A bracket the source did not open stays out.
        let text = "(Reuters) Growth will slow, the chamber said.";
        let got = linked(text, &[("Growth will slow", T), ("the chamber", S), ("said", C)]);
        assert_eq!(got, one("the chamber", "said", "Growth will slow"));
    }

    #[test]
    fn a_content_that_opens_a_quote_stops_at_its_closing_mark() {
        // The tagger carried the content over the mark and tagged the relay
        // as the speaker: the speaker and verb after the mark are restored.
        let text = "\u{201C}We will win,\u{201D} he said, according to Reuters.";
        let got = linked(text, &[("We will win,\u{201D} he said", T), ("according to", C), ("Reuters", S)]);
        assert_eq!(got, one("he", "said", "We will win,"));
        let text = "\"We will win the vote,\" said Sella on Monday.";
        let got = linked(text, &[("We will win the vote,\" said Sella on", T)]);
        assert_eq!(got, one("Sella", "said", "We will win the vote,"));
        // A quoted fragment that the sentence goes on from is not cut.
        let text = "Sanders said \"the only way\" is jail time.";
        let got = linked(text, &[("Sanders", S), ("said", C), ("the only way\" is jail time", T)]);
        assert_eq!(got, one("Sanders", "said", "the only way\" is jail time"));
    }

    #[test]
    fn a_cue_does_not_borrow_a_later_source_that_has_its_own_cue() {
        let text = "Asked about the bomb, Clinton said the facts were not known.";
        let got = linked(
            text,
            &[("Asked about", C), ("the bomb", T), ("Clinton", S), ("said", C), ("the facts were not known", T)],
        );
        // ("Asked about" is left without a source, and so dropped.)
        assert_eq!(got, one("Clinton", "said", "the facts were not known"));
        // A source shared by coordinated cues is still borrowed.
        let text = "Clinton has said the plan works and promised more jobs.";
        let got =
            linked(text, &[("Clinton", S), ("has said", C), ("the plan works", T), ("promised", C), ("more jobs", T)]);
        assert_eq!(got[1], ("Clinton".to_string(), "promised".to_string(), "more jobs".to_string()));
    }

    #[test]
    fn unquoted_content_in_another_sentence_or_far_before_the_cue_is_left_out() {
        let text = "The bank fired 5,300 employees. Stumpf said the bank would change its ways.";
        let got = linked(
            text,
            &[("The bank fired 5,300 employees", T), ("Stumpf", S), ("said", C), ("the bank would change its ways", T)],
        );
        assert_eq!(got, one("Stumpf", "said", "the bank would change its ways"));
        // A quote that goes on in the next sentence stays whole.
        let text = "\"We will win,\" Trump said. \"Believe me.\"";
        let got = linked(text, &[("We will win", T), ("Trump", S), ("said", C), ("Believe me.", T)]);
        assert_eq!(got, one("Trump", "said", "We will win … Believe me."));
    }

    #[test]
    fn a_cue_with_no_source_in_its_sentence_is_dropped() {
        let text = "Trump was at the rally. Keeps saying she opposed the Iraq War.";
        let got = linked(text, &[("Keeps saying", C), ("she opposed the Iraq War", T)]);
        assert!(got.is_empty(), "{got:?}");
        let text = "Mr. Quiros was accused of using $50 million for personal expenses.";
        let got =
            linked(text, &[("Mr. Quiros", S), ("was accused of", C), ("using $50 million for personal expenses", T)]);
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn a_cue_set_off_by_commas_takes_the_untagged_opening_of_its_sentence() {
        // PolNeAR dev: "But to prevent problems, he said, local officials
        // should be vigilant" is one content in two pieces.
        let text = "But to prevent problems, he said, local officials should be vigilant.";
        let got = linked(text, &[("he", S), ("said", C), ("local officials should be vigilant", T)]);
        assert_eq!(got, one("he", "said", "But to prevent problems … local officials should be vigilant"));
        // Not when the opening is quoted, or the cue is not set off by commas.
        let text = "\"It works,\" in short, he said, the plan is fine.";
        let got = linked(text, &[("he", S), ("said", C), ("the plan is fine", T)]);
        assert_eq!(got, one("he", "said", "the plan is fine"));
        let text = "In the end Lee said the plan works.";
        let got = linked(text, &[("Lee", S), ("said", C), ("the plan works", T)]);
        assert_eq!(got, one("Lee", "said", "the plan works"));
    }

    #[test]
    fn a_one_word_cue_on_no_cue_list_is_dropped() {
        let text = "Trump openly admires Putin as a strong leader.";
        let got = linked(text, &[("Trump", S), ("admires", C), ("Putin as a strong leader", T)]);
        assert!(got.is_empty(), "{got:?}");
        let text = "Trump openly praised Putin as a strong leader.";
        let got = linked(text, &[("Trump", S), ("praised", C), ("Putin as a strong leader", T)]);
        assert_eq!(got, one("Trump", "praised", "Putin as a strong leader"));
    }

    #[test]
    fn a_content_without_a_cue_is_kept_only_when_quoted_and_long() {
        let text =
            "The state of the race.\n\n\"The economy is growing faster than at any time in the last ten years.\"";
        let got = linked(
            text,
            &[
                ("The state of the race", T),
                ("The economy is growing faster than at any time in the last ten years", T),
            ],
        );
        assert_eq!(got, one("", "", "The economy is growing faster than at any time in the last ten years"));
        let text = "The state of the race.\n\nThe economy is growing faster than at any time in the last ten years.";
        let got = linked(
            text,
            &[
                ("The state of the race", T),
                ("The economy is growing faster than at any time in the last ten years", T),
            ],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_participle_cue_after_a_comma_shares_the_source_of_the_cue_before() {
        let text = "\"We will get there,\" she said at a recent news conference, announcing that her department was suing the state.";
        let got = linked(
            text,
            &[
                ("We will get there", T),
                ("she", S),
                ("said", C),
                ("news conference", S),
                ("announcing", C),
                ("that her department was suing the state", T),
            ],
        );
        assert_eq!(
            got[1],
            ("she".to_string(), "announcing".to_string(), "that her department was suing the state".to_string())
        );
    }

    #[test]
    fn a_cue_without_a_source_takes_the_name_that_opens_its_sentence() {
        let text = "China last week staunchly denied providing weapons.";
        let got = linked(text, &[("staunchly denied", C), ("providing weapons", T)]);
        assert_eq!(got, one("China", "staunchly denied", "providing weapons"));
        let text = "The plan would cut taxes. In Ohio voters staunchly denied the claim.";
        let got = linked(text, &[("staunchly denied", C), ("the claim", T)]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_who_closed_by_a_comma_before_the_cue_gives_way_to_its_antecedent() {
        let text = "Still, Mr. Obama, who understood the risk, told his advisers to act.";
        let got = linked(text, &[("who", S), ("told", C), ("his advisers to act", T)]);
        assert_eq!(got, one("Mr. Obama", "told", "his advisers to act"));
        // "who" right before its cue is the cue's own subject.
        let text = "They met an architect who said he was stiffed.";
        let got = linked(text, &[("who", S), ("said", C), ("he was stiffed", T)]);
        assert_eq!(got, one("who", "said", "he was stiffed"));
    }

    #[test]
    fn a_quote_ending_the_paragraph_after_the_cue_goes_on_with_the_statement() {
        let text = "\u{201C}It is finished,\u{201D} she said of the race. \u{201C}In my head, anyway.\u{201D}\n\nNext.";
        let got = linked(text, &[("It is finished,", T), ("she", S), ("said", C)]);
        assert_eq!(got, one("she", "said", "It is finished, … In my head, anyway."));
        // Not when words follow the quote in its paragraph.
        let text = "\u{201C}It is finished,\u{201D} she said. \u{201C}In my head,\u{201D} she added later.";
        let got = linked(text, &[("It is finished,", T), ("she", S), ("said", C)]);
        assert_eq!(got, one("she", "said", "It is finished,"));
    }

    #[test]
    fn a_paragraph_that_opens_with_a_quote_without_a_cue_goes_on_with_the_quote_before() {
        let text = "\u{201C}We will win,\u{201D} Trump said.\n\n\u{201C}We will win so much that you will get tired of all the winning.\u{201D}";
        let got = linked(
            text,
            &[
                ("We will win,", T),
                ("Trump", S),
                ("said", C),
                ("We will win so much that you will get tired of all the winning.", T),
            ],
        );
        assert_eq!(
            got,
            one("Trump", "said", "We will win, … We will win so much that you will get tired of all the winning.")
        );
        // Also after an unquoted statement.
        let text = "Trump said they would win.\n\n\u{201C}We will win so much that you will get tired of all the winning.\u{201D}";
        let got = linked(
            text,
            &[
                ("Trump", S),
                ("said", C),
                ("they would win", T),
                ("We will win so much that you will get tired of all the winning.", T),
            ],
        );
        assert_eq!(
            got,
            one("Trump", "said", "they would win … We will win so much that you will get tired of all the winning.")
        );
        // Not when the paragraph does not open with the quote.
        let text = "Trump said they would win.\n\nHe added: \u{201C}We will win so much that you will get tired of all the winning.\u{201D}";
        let got = linked(
            text,
            &[
                ("Trump", S),
                ("said", C),
                ("they would win", T),
                ("We will win so much that you will get tired of all the winning.", T),
            ],
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_coordinated_verb_of_saying_in_a_content_begins_a_statement_of_its_own() {
        let text = "Trump tweeted that Machado was a con and encouraged Americans to check out her tape.";
        let got = linked(
            text,
            &[
                ("Trump", S),
                ("tweeted", C),
                ("that Machado was a con and encouraged Americans to check out her tape", T),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("Trump".to_string(), "tweeted".to_string(), "that Machado was a con".to_string()),
                ("Trump".to_string(), "encouraged".to_string(), "Americans to check out her tape".to_string()),
            ]
        );
        let text = "Pence said the ticket would win and slammed the press for its bias.";
        let got =
            linked(text, &[("Pence", S), ("said", C), ("the ticket would win and slammed the press for its bias", T)]);
        assert_eq!(got[1], ("Pence".to_string(), "slammed".to_string(), "the press for its bias".to_string()));
        let text = "Pence said the ticket would win, adding that the polls were wrong.";
        let got =
            linked(text, &[("Pence", S), ("said", C), ("the ticket would win, adding that the polls were wrong", T)]);
        assert_eq!(got[1], ("Pence".to_string(), "adding".to_string(), "that the polls were wrong".to_string()));
        // Other coordinated verbs stay in the content.
        let text = "Trump said that Machado gained weight and lost her crown.";
        let got = linked(text, &[("Trump", S), ("said", C), ("that Machado gained weight and lost her crown", T)]);
        assert_eq!(got, one("Trump", "said", "that Machado gained weight and lost her crown"));
    }

    #[test]
    fn the_subject_of_a_passive_cue_is_not_its_source() {
        let text = "Mr. Quiros was accused of using $50 million for personal expenses.";
        let got =
            linked(text, &[("Mr. Quiros", S), ("was accused of", C), ("using $50 million for personal expenses", T)]);
        assert_eq!(got, one("", "was accused of", "using $50 million for personal expenses"));
        let text = "The company was accused by the SEC of hiding its losses.";
        let got = linked(text, &[("The company", S), ("was accused", C), ("the SEC", S), ("of hiding its losses", T)]);
        assert_eq!(got, one("the SEC", "was accused", "of hiding its losses"));
    }

    #[test]
    fn a_cue_ending_the_sentence_takes_the_sentence_before_its_comma() {
        let text = "Secret Service protocol called for the nominee to be taken to a trauma center, sources said.";
        let got = linked(
            text,
            &[
                ("Secret Service", S),
                ("protocol called for", C),
                ("the nominee to be taken to a trauma center", T),
                ("sources", S),
                ("said", C),
            ],
        );
        assert_eq!(
            got,
            [(
                "sources".to_string(),
                "said".to_string(),
                "Secret Service protocol called for the nominee to be taken to a trauma center".to_string()
            )]
        );
    }
}
