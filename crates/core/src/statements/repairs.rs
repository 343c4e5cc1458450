//! Repairs of content boundaries that the tagger's labels get wrong in a
//! way grammar settles.
//!
//! A cue is its reporting verb: "said Friday", "said in a statement",
//! "said of the plan" keep "said" as the cue, and words the tagger took
//! into the cue that open the content ("Trump said praise from Putin would
//! not ...") go back to the content.
//!
//! Indirect speech ends where a coordinated adjunct of
//! the reporting clause begins. Inside a subordinate adjunct ("days after
//! he said China was supplying weapons and following the capture of ...")
//! a second adjunct ("and following ...") is the main clause's; after a
//! comma (", and when pressed on why ...") so is one of the reporting
//! clause's own.

use crate::lexicon::{penn_index, WordClass};
use crate::text::{Doc, TokenKind};
use crate::{Attribution, AttributionKind, Role, Span};

/// One repair: a name (for timings and tests) and the rule.
pub(super) struct Repair {
    /// What the rule is called (for readers of the list and its tests;
    /// the stage runs the rules in order).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// The rule, over the document and its statements.
    pub run: fn(&Doc<'_>, &mut [Attribution]),
}

/// The repairs, in the order they run.
pub(super) const RULES: &[Repair] = &[
    Repair { name: "end at a coordinated adjunct", run: |doc, found| end_at_coordinated_adjunct(doc.text(), found) },
    Repair { name: "cue is the verb", run: |doc, found| cue_is_the_verb(doc.text(), found) },
    Repair { name: "an object ends before its date", run: end_object_before_its_date },
    Repair { name: "an object ends before an adjunct", run: end_object_before_an_adjunct },
    Repair { name: "a quoted object ends at its closing mark", run: end_quoted_object_at_its_mark },
    Repair { name: "a content before its source opens the sentence", run: open_content_at_sentence_start },
    Repair { name: "a quote's source ends its content", run: drop_unquoted_tail_of_a_quote },
    Repair { name: "a source stays in its cue's sentence", run: source_in_the_cue_s_sentence },
];

/// Finite verbs and modals: a phrase holding one is a clause, not a noun
/// phrase.
/// Marks that end a noun phrase object.
const BREAKS: [char; 7] = [',', ';', ':', '"', '\u{201C}', '\u{201D}', '('];

const FINITE_TAGS: [u8; 4] = [penn_index("VBD"), penn_index("VBZ"), penn_index("VBP"), penn_index("MD")];

/// Whether the word at `i`, tagged a past tense, is a participle before a
/// noun ("some pointed advice", "the revised plan"): it follows a
/// determiner or an adjective.
fn modifies_a_noun(doc: &Doc<'_>, i: usize) -> bool {
    const BEFORE_A_MODIFIER: [u8; 4] = [penn_index("DT"), penn_index("PRP$"), penn_index("JJ"), penn_index("CD")];
    doc.facts[i].pos == penn_index("VBD") && BEFORE_A_MODIFIER.contains(&doc.facts[i - 1].pos)
}

/// Cuts an indirect statement whose content is the noun phrase object of
/// its cue ("offered some advice to the mayor", "rejected that argument")
/// before the dated adjunct that follows it ("on Friday", "in a ruling
/// released Thursday"): the date tells when it was said, not what, and the
/// rest of the sentence ("…, as the party looks to …") is the writer's.
/// A content that is a clause ("said the deal was signed in March") keeps
/// its dates; so does the object of a verb that takes a clause ("said",
/// "told"), where a date may sit inside the words reported.
pub(crate) fn end_object_before_its_date(doc: &Doc<'_>, attributions: &mut [Attribution]) {
    let text = doc.text();
    for attribution in attributions.iter_mut() {
        if attribution.kind != AttributionKind::Indirect || attribution.content.spans().len() != 1 {
            continue;
        }
        let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { continue };
        let content = attribution.content.extent();
        if content.start() < cue.end() || !text[cue.end()..content.start()].trim().is_empty() {
            continue;
        }
        let verb = cue.slice(text).rsplit(' ').next().unwrap_or("").to_lowercase();
        if WordClass::VERB_ALONE_CUE.has(verb.as_str()) || WordClass::TELLING.has(verb.as_str()) {
            continue;
        }
        let content_text = content.slice(text);
        // One day, not a noun's modifier ("Monday's debate", "the Sept. 11
        // attacks"): the first such date, not a year or a month, which
        // more often date what is reported.
        let day = crate::dates::find_expressions(content_text).into_iter().find(|e| {
            let after = &content_text[e.span.end()..];
            let next = after.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
            let next_opens_phrase = after.trim_start().starts_with(char::is_alphanumeric)
                && !WordClass::DATE_PREPOSITION.has(next.to_lowercase().as_str())
                && !WordClass::CLAUSE_WORD.has(next.to_lowercase().as_str());
            let modifier = after.starts_with(['\'', '\u{2019}']) || next_opens_phrase;
            crate::dates::names_one_day(&e.kind) && !modifier
        });
        let Some(date) = day else { continue };
        let date_start = content.start() + date.span.start();
        let first = doc.token_at(content.start());
        let date_token = doc.token_at(date_start);
        // The preposition that opens the dated phrase: the date's own ("on
        // Friday") or one at most four words before it ("in a ruling
        // released Thursday"), with no mark between.
        let opens = |i: usize| doc.tokens[i].kind == TokenKind::Word && doc.is(i, WordClass::DATED_ADJUNCT_PREPOSITION);
        let mut cut_token = None;
        for i in (first..=date_token).rev().take(5) {
            if opens(i) {
                cut_token = Some(i);
                break;
            }
            if doc.tokens[i].kind != TokenKind::Word {
                break;
            }
        }
        let Some(cut_token) = cut_token.filter(|&i| i > first) else { continue };
        let object = first..cut_token;
        let clause = object.clone().any(|i| {
            (doc.tokens[i].kind != TokenKind::Word && doc.tokens[i].span.slice(text).contains(BREAKS))
                || (FINITE_TAGS.contains(&doc.facts[i].pos) && !(i > first && modifies_a_noun(doc, i)))
                || (i > first && doc.is(i, WordClass::CLAUSE_WORD))
        });
        if clause {
            continue;
        }
        let end = doc.tokens[cut_token - 1].span.end();
        if let Some(role) = Role::single(Span::new(content.start(), end)) {
            attribution.content = role;
        }
    }
}

/// Cuts an indirect statement whose content is the noun phrase object of
/// its cue ("criticized the plan as a \u{201C}crazy system\u{201D}",
/// "are challenging the rules", "signaled willingness to change it") where
/// the reporting clause goes on: at an adjunct ("during a campaign stop",
/// "before 10 judges"), a second verb of the subject ("but has been met
/// with opposition"), a dash, a semicolon, or a comma that opens a clause
/// of its own (", his decision was overturned"). What follows is the
/// writer's. A content that is a clause, or the object of a verb that takes
/// one ("said", "told"), is left alone.
pub(crate) fn end_object_before_an_adjunct(doc: &Doc<'_>, attributions: &mut [Attribution]) {
    let text = doc.text();
    for attribution in attributions.iter_mut() {
        // Mixed too, when what is kept comes before the quotation.
        if attribution.kind == AttributionKind::Direct || attribution.content.spans().len() != 1 {
            continue;
        }
        let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { continue };
        let content = attribution.content.extent();
        if content.start() < cue.end() || !text[cue.end()..content.start()].trim().is_empty() {
            continue;
        }
        let verb = cue.slice(text).rsplit(' ').next().unwrap_or("").to_lowercase();
        if WordClass::VERB_ALONE_CUE.has(verb.as_str()) || WordClass::TELLING.has(verb.as_str()) {
            continue;
        }
        let first = doc.token_at(content.start());
        let end = doc.token_at(content.end());
        // "that the plan would fail": a clause.
        if first >= end || doc.is(first, WordClass::CLAUSE_WORD) {
            continue;
        }
        let finite = |i: usize| FINITE_TAGS.contains(&doc.facts[i].pos) || doc.is(i, WordClass::AUXILIARY);
        let mut cut = None;
        for i in first + 1..end {
            let token = doc.tokens[i].span.slice(text);
            let word = doc.tokens[i].kind == TokenKind::Word;
            // Lowercase: a headline's "When It Comes To" is its words.
            if word && doc.is(i, WordClass::CLAUSE_ADJUNCT_OPENER) && token.starts_with(char::is_lowercase) {
                cut = Some(i);
                break;
            }
            if word && doc.lower(i) == "but" && i + 1 < end && finite(i + 1) {
                cut = Some(i);
                break;
            }
            if matches!(token, ";" | "--" | "\u{2014}" | "\u{2013}") || token.starts_with("--") {
                cut = Some(i);
                break;
            }
            if token == "," {
                // A clause of its own: a finite verb within the next six
                // words, before any "and" or "or" of a list. Not a
                // relative clause on "which" (", which would include the
                // military"), after a preposition (", in which") or a modal
                // (", should he fail"): those more often belong to what is
                // reported.
                let next = i + 1;
                let attached = next < end
                    && (doc.lower(next) == "which"
                        || doc.facts[next].pos == penn_index("IN")
                        || doc.facts[next].pos == penn_index("MD"));
                let clause = !attached
                    && (i + 1..end.min(i + 7))
                        .take_while(|&j| !matches!(doc.lower(j), "and" | "or" | ","))
                        .any(|j| j > i + 1 && finite(j));
                if clause {
                    cut = Some(i);
                }
                break;
            }
            // A clause: its verb or a clause word.
            let clause_word = word && doc.is(i, WordClass::CLAUSE_WORD) && !matches!(doc.lower(i), "as" | "and");
            // "called on Obama to retaliate": a verb after "to" is no finite one.
            let infinitive = doc.lower(i - 1) == "to";
            if clause_word || (FINITE_TAGS.contains(&doc.facts[i].pos) && !modifies_a_noun(doc, i) && !infinitive) {
                break;
            }
        }
        let Some(cut) = cut else { continue };
        let end = doc.tokens[cut - 1].span.end();
        let kept = Span::new(content.start(), end);
        if kept.slice(text).contains(['"', '\u{201C}', '\u{201D}']) {
            continue;
        }
        if let Some(role) = Role::single(kept) {
            attribution.content = role;
            attribution.kind = AttributionKind::Indirect;
        }
    }
}

/// "criticized the Affordable Care Act as a \u{201C}crazy system\u{201D}
/// during a campaign stop in Flint": a content that is the noun phrase
/// object of its cue and closes a quotation right before a preposition
/// ends at the closing mark. The quoted words end what is reported; the
/// phrase after them is the reporting clause's adjunct. A content that is a
/// clause (a finite verb or a clause word before the mark), or the object
/// of a verb that takes one ("said", "told"), is left alone.
pub(crate) fn end_quoted_object_at_its_mark(doc: &Doc<'_>, attributions: &mut [Attribution]) {
    let text = doc.text();
    for attribution in attributions.iter_mut() {
        if attribution.kind != AttributionKind::Mixed || attribution.content.spans().len() != 1 {
            continue;
        }
        let Some(cue) = attribution.cue.as_ref().map(|c| c.extent()) else { continue };
        let content = attribution.content.extent();
        if content.start() < cue.end() || !text[cue.end()..content.start()].trim().is_empty() {
            continue;
        }
        let verb = cue.slice(text).rsplit(' ').next().unwrap_or("").to_lowercase();
        if WordClass::VERB_ALONE_CUE.has(verb.as_str()) || WordClass::TELLING.has(verb.as_str()) {
            continue;
        }
        let first = doc.token_at(content.start());
        let end = doc.token_at(content.end());
        if first >= end || doc.is(first, WordClass::CLAUSE_WORD) {
            continue;
        }
        // The first closing mark, with a preposition right after it.
        let Some(close) = (first + 1..end).find(|&i| doc.quote_info[i].closes) else { continue };
        let after = close + 1;
        let preposition = after < end
            && doc.tokens[after].kind == TokenKind::Word
            && doc.facts[after].pos == penn_index("IN")
            && !matches!(doc.lower(after), "of" | "that" | "than" | "as" | "if" | "whether" | "because");
        let clause = (first..close).any(|i| {
            (FINITE_TAGS.contains(&doc.facts[i].pos) && !modifies_a_noun(doc, i))
                || (doc.tokens[i].kind == TokenKind::Word
                    && doc.is(i, WordClass::CLAUSE_WORD)
                    && !matches!(doc.lower(i), "as" | "and"))
        });
        if !preposition || clause {
            continue;
        }
        if let Some(role) = Role::single(Span::new(content.start(), doc.tokens[close].span.end())) {
            attribution.content = role;
        }
    }
}

/// "Trump could embrace the policy as president, but only if he can be
/// convinced, Sen. Lindsey Graham told The Post": an indirect content that
/// comes before its source and cue reports the whole sentence up to them,
/// not just its last clause. Its start moves back to the sentence's start
/// when the words between belong to no other statement and hold no quote.
pub(crate) fn open_content_at_sentence_start(doc: &Doc<'_>, attributions: &mut [Attribution]) {
    let text = doc.text();
    let taken: Vec<Span> = attributions.iter().map(|a| a.content.extent()).collect();
    for (idx, attribution) in attributions.iter_mut().enumerate() {
        if attribution.kind != AttributionKind::Indirect || attribution.content.spans().len() != 1 {
            continue;
        }
        let (Some(source), Some(cue)) = (attribution.source.as_ref(), attribution.cue.as_ref()) else { continue };
        let content = attribution.content.extent();
        let source = source.extent();
        if content.end() > source.start() || source.start() > cue.extent().start() {
            continue;
        }
        // Only a comma between the content and its source.
        if text[content.end()..source.start()].trim() != "," {
            continue;
        }
        let first_token = doc.token_at(content.start());
        if first_token >= doc.tokens.len() {
            continue;
        }
        let (sentence_first, _) = doc.sentence_of(first_token);
        let start = doc.tokens[sentence_first].span.start();
        if start >= content.start() || doc.token_at(source.start()) >= doc.sentence_of(first_token).1 {
            continue;
        }
        let gap = Span::new(start, content.start());
        // Not a dateline ("WASHINGTON \u{2015} ") or a sentence adverb
        // ("However, "), which PolNeAR leaves out.
        let gap_text = gap.slice(text).trim_end();
        let dateline = gap_text.contains(['\u{2015}', '\u{2014}', '\u{2013}']);
        let adverb = gap_text.ends_with(',') && !gap_text.trim_end_matches(',').contains(' ');
        if dateline || adverb {
            continue;
        }
        let quoted = gap.slice(text).contains(['"', '\u{201C}', '\u{201D}']);
        let shared = taken.iter().enumerate().any(|(k, s)| k != idx && s.start() < gap.end() && gap.start() < s.end());
        if quoted || shared {
            continue;
        }
        if let Some(role) = Role::single(Span::new(start, content.end())) {
            attribution.content = role;
        }
    }
}

/// "\u{201C}The cause has not been determined,\u{201D} said O'Neill, on
/// what was his first full day on the job": a statement whose content
/// opens with a quotation closed before its cue and source, and goes on
/// after them with words outside any quotation marks, reports only the
/// quotation; what follows its source is the writer's (an adjunct of the
/// reporting clause). The last span is dropped when it holds no quotation
/// mark and no quotation mark comes between the source and it.
pub(crate) fn drop_unquoted_tail_of_a_quote(doc: &Doc<'_>, attributions: &mut [Attribution]) {
    const MARKS: [char; 3] = ['"', '\u{201C}', '\u{201D}'];
    let text = doc.text();
    for attribution in attributions.iter_mut() {
        let spans = attribution.content.spans();
        let (Some(source), Some(cue), [first, kept @ .., last]) =
            (attribution.source.as_ref(), attribution.cue.as_ref(), spans)
        else {
            continue;
        };
        let (source, cue) = (source.extent(), cue.extent());
        let reporting_end = source.end().max(cue.end());
        // The first span is a quotation: a mark right before it, its
        // closing mark after it, and the source and cue after that.
        let opens = text[..first.start()].trim_end().ends_with(MARKS);
        let closes = text[first.end()..].trim_start_matches([',', '.', '!', '?', ' ']).starts_with(MARKS);
        let before = first.end() <= source.start().min(cue.start())
            && kept.iter().all(|s| s.end() <= source.start().min(cue.start()));
        let tail = Span::new(reporting_end.min(last.start()), last.end());
        let unquoted = last.start() >= reporting_end && !tail.slice(text).contains(MARKS);
        if !(opens && closes && before && unquoted) {
            continue;
        }
        let quoted: Vec<Span> = spans[..spans.len() - 1].to_vec();
        if let Some(role) = Role::new(quoted) {
            attribution.content = role;
            attribution.kind = AttributionKind::Direct;
        }
    }
}

/// "\u{201C}...,\u{201D} said Thomas. Henson, surveying his date with
/// destiny, ...": a source that runs over the end of a sentence names the
/// speaker only in the sentence of its cue. It keeps its words on the
/// cue's side of the sentence break (before it when the cue comes first,
/// after it when the cue comes last), without the closing stop. A break
/// counts after a stop that follows a word, not an initial ("John D.
/// Podesta"), an abbreviation, or a stop inside brackets ("(D-Md.)").
pub(crate) fn source_in_the_cue_s_sentence(doc: &Doc<'_>, attributions: &mut [Attribution]) {
    let text = doc.text();
    for attribution in attributions.iter_mut() {
        let (Some(source), Some(cue)) = (attribution.source.as_ref(), attribution.cue.as_ref()) else { continue };
        let (extent, cue) = (source.extent(), cue.extent());
        let first = doc.token_at(extent.start());
        let end = doc.token_at(extent.end());
        if first >= end || source.spans().len() != 1 {
            continue;
        }
        // A stop after a word, not after an initial ("John D. Podesta"),
        // an abbreviation or inside brackets ("(D-Md.)"), where the
        // sentence splitter may break too.
        let real_break = |i: usize| {
            let stop = i >= first + 2 && doc.tokens[i - 1].span.slice(text) == ".";
            let word = stop && {
                let w = doc.tokens[i - 2].span.slice(text);
                doc.tokens[i - 2].kind == TokenKind::Word
                    && w.chars().count() >= 2
                    && !w.chars().all(|c| c.is_uppercase() || c == '.')
                    && !WordClass::ABBREVIATION.has(doc.lower(i - 2))
            };
            let before = &text[extent.start()..doc.tokens[i].span.start()];
            word && before.matches('(').count() == before.matches(')').count()
        };
        let Some(brk) = (first + 1..end).find(|&i| doc.tokens[i].sentence_start && real_break(i)) else { continue };
        let words = |from: usize, to: usize| {
            let to = (from..to).rev().find(|&i| doc.tokens[i].kind == TokenKind::Word).map(|i| i + 1)?;
            (to > from).then(|| Span::new(doc.tokens[from].span.start(), doc.tokens[to - 1].span.end()))
        };
        let kept = if cue.end() <= extent.start() {
            words(first, brk)
        } else if cue.start() >= extent.end() {
            let last_break = (brk..end).rev().find(|&i| doc.tokens[i].sentence_start && real_break(i)).unwrap_or(brk);
            words(last_break, end)
        } else {
            None
        };
        if let Some(role) = kept.filter(|k| !k.slice(text).trim().is_empty()).and_then(Role::single) {
            attribution.source = Some(role);
        }
    }
}

/// Cuts each single-span cue that starts with a reporting verb down to the
/// verb. The words cut off join the content when they run straight into it
/// and do not open an adjunct ("said praise from Putin would ..."); else
/// they are left outside every role ("said Friday").
pub(crate) fn cue_is_the_verb(text: &str, attributions: &mut [Attribution]) {
    for attribution in attributions.iter_mut() {
        let Some(cue) = attribution.cue.as_ref().filter(|c| c.spans().len() == 1).map(|c| c.extent()) else { continue };
        let cue_text = cue.slice(text);
        let Some((verb, rest)) = cue_text.split_once(' ') else { continue };
        if !WordClass::VERB_ALONE_CUE.has(verb.to_lowercase().as_str()) {
            continue;
        }
        let verb_end = cue.start() + verb.len();
        let rest_start = cue.end() - rest.trim_start().len();
        let first_rest = rest.split_whitespace().next().unwrap_or("").to_lowercase();
        let content = attribution.content.extent();
        let runs_into_content = content.start() >= cue.end() && text[cue.end()..content.start()].trim().is_empty();
        if runs_into_content
            && attribution.content.spans().len() == 1
            && !WordClass::VERB_ADJUNCT.has(first_rest.as_str())
            && !crate::dates::is_weekday(&first_rest)
        {
            if let Some(role) = Role::single(Span::new(rest_start, content.end())) {
                attribution.content = role;
            }
        }
        attribution.cue = Role::single(Span::new(cue.start(), verb_end));
    }
}

/// Cuts the content of indirect (or mixed, when the quote comes after the
/// cut) statements before a coordinated adjunct:
/// " and following Y" when the reporting clause is itself an adjunct
/// ("after he said X"), ", and when Y" always.
pub(crate) fn end_at_coordinated_adjunct(text: &str, attributions: &mut [Attribution]) {
    for attribution in attributions.iter_mut() {
        if attribution.kind == AttributionKind::Direct || attribution.content.spans().len() != 1 {
            continue;
        }
        let head = attribution.source.as_ref().or(attribution.cue.as_ref()).map(|r| r.extent());
        let Some(head) = head else { continue };
        let content = attribution.content.extent();
        if content.start() < head.start() {
            continue;
        }
        let after_comma_only = !opens_adjunct(word_before(text, head.start()));
        let Some(cut) = coordinated_adjunct(content.slice(text), after_comma_only) else { continue };
        // What is kept must be indirect speech: a quote before the cut is
        // the speaker's words, whose grammar this does not judge.
        let kept = Span::new(content.start(), content.start() + cut);
        if kept.slice(text).contains(['"', '\u{201C}', '\u{201D}', '\u{00AB}', '\u{00BB}']) {
            continue;
        }
        if let Some(role) = Role::single(kept) {
            attribution.content = role;
            attribution.kind = AttributionKind::Indirect;
        }
    }
}

fn opens_adjunct(word: Option<&str>) -> bool {
    word.is_some_and(|w| WordClass::ADJUNCT_OPENER.has(w.to_lowercase().as_str()))
}

/// The word ending just before byte `at` (past spaces), if one does: none
/// when a mark or the text's start comes first.
fn word_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].trim_end();
    let start = before
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[start..];
    (!word.is_empty()).then_some(word)
}

/// Byte offset in `content` where ", and following ..." or (unless
/// `after_comma_only`) " and after ..." begins, trailing space and comma
/// excluded.
fn coordinated_adjunct(content: &str, after_comma_only: bool) -> Option<usize> {
    let mut search = 0;
    while let Some(found) = content[search..].find(" and ") {
        let at = search + found;
        let next = content[at + 5..].split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let comma = content[..at].ends_with(',');
        if WordClass::ADJUNCT_OPENER.has(next.to_lowercase().as_str()) && (comma || !after_comma_only) {
            let end = content[..at].trim_end_matches([' ', ',']).len();
            return (end > 0).then_some(end);
        }
        search = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_run_in_their_listed_order() {
        let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(
            names,
            [
                "end at a coordinated adjunct",
                "cue is the verb",
                "an object ends before its date",
                "an object ends before an adjunct",
                "a quoted object ends at its closing mark",
                "a content before its source opens the sentence",
                "a quote's source ends its content",
                "a source stays in its cue's sentence",
            ]
        );
    }

    #[test]
    fn a_coordinated_adjunct_is_not_part_of_what_was_said() {
        // The seed's "days after he said ...".
        let content =
            "China was supplying weapons and gunpowder to Russia and following the recent capture of two nationals";
        assert_eq!(
            coordinated_adjunct(content, false).map(|e| &content[..e]),
            Some("China was supplying weapons and gunpowder to Russia")
        );
        assert_eq!(coordinated_adjunct(content, true), None);
        // BBC: "She said fathers and parents who adopt would not be
        // eligible for the six weeks of paid leave, and when pressed on why
        // the plan leaves out dads, ..."
        let content = "fathers and parents who adopt would not be eligible for the six weeks of paid leave, and when pressed on why the plan leaves out dads";
        assert_eq!(
            coordinated_adjunct(content, true).map(|e| &content[..e]),
            Some("fathers and parents who adopt would not be eligible for the six weeks of paid leave")
        );
        // "and" joining nouns or clauses stays.
        assert_eq!(coordinated_adjunct("prices would rise and wages would fall", false), None);
    }

    fn statement(text: &str, cue: &str, content: &str) -> Attribution {
        let span = |part: &str| {
            let start = text.find(part).unwrap();
            Role::single(Span::new(start, start + part.len()))
        };
        Attribution::unresolved(None, span(cue), span(content).unwrap(), AttributionKind::Indirect, 1.0)
    }

    #[test]
    fn a_cue_is_its_reporting_verb() {
        // PolNeAR dev (USA Today): "Trump said praise from Russian President
        // Vladimir Putin would not affect ..." and (HuffPost) "..., Rep. Gwen
        // Moore (D-Wis.) said Friday."
        let text = "Trump said praise from Russian President Vladimir Putin would not affect his judgment.";
        let mut found =
            [statement(text, "said praise from", "Russian President Vladimir Putin would not affect his judgment")];
        cue_is_the_verb(text, &mut found);
        assert_eq!(found[0].cue.as_ref().unwrap().extent().slice(text), "said");
        assert_eq!(
            found[0].content.extent().slice(text),
            "praise from Russian President Vladimir Putin would not affect his judgment"
        );
        let text = "\u{201C}It\u{2019}s a dog whistle,\u{201D} Rep. Gwen Moore said Friday.";
        let mut found = [statement(text, "said Friday", "It\u{2019}s a dog whistle")];
        cue_is_the_verb(text, &mut found);
        assert_eq!(found[0].cue.as_ref().unwrap().extent().slice(text), "said");
        assert_eq!(found[0].content.extent().slice(text), "It\u{2019}s a dog whistle");
        // Not a reporting verb of the list: left alone.
        let text = "Obama has long called for tax reform.";
        let mut found = [statement(text, "has long called for", "tax reform")];
        cue_is_the_verb(text, &mut found);
        assert_eq!(found[0].cue.as_ref().unwrap().extent().slice(text), "has long called for");
    }

    #[test]
    fn a_noun_phrase_object_ends_before_an_adjunct_of_the_reporting_clause() {
        let lexicon = crate::lexicon::Lexicon::new();
        let cut = |text: &str, cue: &str, content: &str| {
            let doc = Doc::new(text, &lexicon);
            let mut found = [statement(text, cue, content)];
            end_object_before_an_adjunct(&doc, &mut found);
            found[0].content.extent().slice(text).to_string()
        };
        let text = "The mayor praised the new bridge while visiting the river towns.";
        assert_eq!(cut(text, "praised", "the new bridge while visiting the river towns"), "the new bridge");
        let text = "The council has signaled willingness to sell the land but has met opposition.";
        assert_eq!(
            cut(text, "has signaled", "willingness to sell the land but has met opposition"),
            "willingness to sell the land"
        );
        let text = "The mayor called on the council to repair the bridge -- a job the town needs.";
        assert_eq!(
            cut(text, "called on", "the council to repair the bridge -- a job the town needs"),
            "the council to repair the bridge"
        );
        let text = "The group questioned the cost of the bridge, which is high.";
        assert_eq!(
            cut(text, "questioned", "the cost of the bridge, which is high"),
            "the cost of the bridge, which is high"
        );
        let text = "The group questioned the cost of the bridge, who knows why.";
        assert_eq!(cut(text, "questioned", "the cost of the bridge, who knows why"), "the cost of the bridge");
        // A clause, or the object of "said", is left whole.
        let text = "The mayor argued that the bridge was safe while the river rose.";
        assert_eq!(
            cut(text, "argued", "that the bridge was safe while the river rose"),
            "that the bridge was safe while the river rose"
        );
        let text = "The mayor said the bridge was safe while the river rose.";
        assert_eq!(
            cut(text, "said", "the bridge was safe while the river rose"),
            "the bridge was safe while the river rose"
        );
        // A list goes on after its commas.
        let text = "The union demanded higher pay, shorter hours and safer sites.";
        assert_eq!(
            cut(text, "demanded", "higher pay, shorter hours and safer sites"),
            "higher pay, shorter hours and safer sites"
        );
    }

    #[test]
    fn a_quotation_s_source_ends_its_content() {
        let lexicon = crate::lexicon::Lexicon::new();
        let text = "\u{201C}The cause is not known,\u{201D} said Ann Marsh, on her first day in the job.";
        let doc = Doc::new(text, &lexicon);
        let span = |part: &str| Span::new(text.find(part).unwrap(), text.find(part).unwrap() + part.len());
        let content = Role::new(vec![span("The cause is not known,"), span("her first day in the job")]).unwrap();
        let mut found = [Attribution::unresolved(
            Role::single(span("Ann Marsh")),
            Role::single(span("said")),
            content,
            AttributionKind::Mixed,
            1.0,
        )];
        drop_unquoted_tail_of_a_quote(&doc, &mut found);
        assert_eq!(found[0].content.text(text), "The cause is not known,");
        assert_eq!(found[0].kind, AttributionKind::Direct);
    }

    #[test]
    fn a_quoted_object_ends_at_its_closing_mark_before_a_preposition() {
        let lexicon = crate::lexicon::Lexicon::new();
        let cut = |text: &str, content: &str| {
            let doc = Doc::new(text, &lexicon);
            let span = |part: &str| {
                let start = text.find(part).unwrap();
                Role::single(Span::new(start, start + part.len()))
            };
            let mut found = [Attribution::unresolved(
                span("Ann Marsh"),
                span("described"),
                span(content).unwrap(),
                AttributionKind::Mixed,
                1.0,
            )];
            end_quoted_object_at_its_mark(&doc, &mut found);
            found[0].content.extent().slice(text).to_string()
        };
        let text = "Ann Marsh described the bridge as a \u{201C}death trap\u{201D} during a visit to the town.";
        assert_eq!(
            cut(text, "the bridge as a \u{201C}death trap\u{201D} during a visit to the town"),
            "the bridge as a \u{201C}death trap\u{201D}"
        );
        // A clause keeps its words.
        let text = "Ann Marsh described how the bridge \u{201C}fell down\u{201D} during the storm.";
        assert_eq!(
            cut(text, "how the bridge \u{201C}fell down\u{201D} during the storm"),
            "how the bridge \u{201C}fell down\u{201D} during the storm"
        );
    }

    #[test]
    fn a_source_stays_in_its_cue_s_sentence() {
        let lexicon = crate::lexicon::Lexicon::new();
        let text = "\u{201C}It was out of range,\u{201D} said Gareth Thomas. Henson, surveying the field, smiled.";
        let doc = Doc::new(text, &lexicon);
        let span = |part: &str| Span::new(text.find(part).unwrap(), text.find(part).unwrap() + part.len());
        let mut found = [Attribution::unresolved(
            Role::single(span("Gareth Thomas. Henson")),
            Role::single(span("said")),
            Role::single(span("It was out of range,")).unwrap(),
            AttributionKind::Direct,
            1.0,
        )];
        source_in_the_cue_s_sentence(&doc, &mut found);
        assert_eq!(found[0].source.as_ref().map(|s| s.text(text)).as_deref(), Some("Gareth Thomas"));
        // "Dr. Connie Mariano" is one sentence.
        let text = "Dr. Connie Mariano said the clot was found.";
        let doc = Doc::new(text, &lexicon);
        let span = |part: &str| Span::new(text.find(part).unwrap(), text.find(part).unwrap() + part.len());
        let mut found = [Attribution::unresolved(
            Role::single(span("Dr. Connie Mariano")),
            Role::single(span("said")),
            Role::single(span("the clot was found")).unwrap(),
            AttributionKind::Indirect,
            1.0,
        )];
        source_in_the_cue_s_sentence(&doc, &mut found);
        assert_eq!(found[0].source.as_ref().map(|s| s.text(text)).as_deref(), Some("Dr. Connie Mariano"));
    }

    #[test]
    fn a_content_before_its_source_opens_the_sentence() {
        let lexicon = crate::lexicon::Lexicon::new();
        let opened = |text: &str, content: &str| {
            let doc = Doc::new(text, &lexicon);
            let span = |part: &str| {
                let start = text.find(part).unwrap();
                Role::single(Span::new(start, start + part.len()))
            };
            let mut found = [Attribution::unresolved(
                span("Ann Marsh"),
                span("said"),
                span(content).unwrap(),
                AttributionKind::Indirect,
                1.0,
            )];
            open_content_at_sentence_start(&doc, &mut found);
            found[0].content.extent().slice(text).to_string()
        };
        let text = "The bridge may open in May, but only if the steel comes, Ann Marsh said.";
        assert_eq!(opened(text, "the steel comes"), "The bridge may open in May, but only if the steel comes");
        // A sentence adverb or a dateline stays out.
        let text = "However, the steel came late, Ann Marsh said.";
        assert_eq!(opened(text, "the steel came late"), "the steel came late");
        let text = "DAYTON \u{2015} The steel came late, Ann Marsh said.";
        assert_eq!(opened(text, "The steel came late"), "The steel came late");
    }

    #[test]
    fn the_word_before_a_source() {
        let text = "just days after he said";
        assert_eq!(word_before(text, 16), Some("after"));
        assert_eq!(word_before(text, 0), None);
        // A mark before the source is not a word.
        assert_eq!(word_before("the “Chinese side", 7), None);
        assert_eq!(word_before("the Chinese side", 4), Some("the"));
    }
}
