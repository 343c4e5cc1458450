//! Statements that layout marks rather than words:
//!
//! - transcript turns and labelled quotes, a name and a colon opening a
//!   paragraph: `WALLACE: Let's start with ...`, `Pence: Gennifer Flowers
//!   Won't Be at Debate`, `... - Carl Bialik: “One of the biggest ...”`;
//! - signed quotes, a quotation then a dash and a name: `“He represents our
//!   greatest shame.” ― Sonya Herridge`.
//!
//! PolNeAR annotates both with the colon or the dash as the cue. The tagger
//! sees too few of them to learn them (the words around carry no cue), so
//! they are read here and replace what the tagger made of the same words.

use crate::lexicon::WordClass;
use crate::span::Overlaps;
use crate::{Attribution, AttributionKind, Role, Span};

/// Dashes that sign a quotation.
const SIGNING_DASHES: &[char] = &['\u{2015}', '\u{2014}', '\u{2013}'];

/// A statement read from layout: source, cue and content spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LaidOut {
    pub source: Span,
    pub cue: Span,
    pub content: Span,
}

/// Every transcript turn, labelled quote and signed quote of `text`.
pub(crate) fn find(text: &str) -> Vec<LaidOut> {
    let mut out = Vec::new();
    let mut start = 0;
    // The turn of the paragraph before, which the next one may go on.
    let mut open_turn: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let body = line.trim_end();
        if body.trim().is_empty() {
            continue;
        }
        let before = out.len();
        turn(text, line_start, body, &mut out);
        if out.len() > before {
            open_turn = Some(before);
        } else if let Some(k) = open_turn.filter(|_| goes_on_a_quotation(body)) {
            // "\"PENCE: Well, ...\n\n\"But the truth is ...": a quoted
            // turn goes on over the paragraphs that open a quotation
            // again without a label.
            let end = line_start + body.trim_end_matches(['"', '\u{201D}', ' ']).len();
            out[k].content = Span::new(out[k].content.start(), end);
        } else {
            open_turn = None;
        }
        signed_quotes(line_start, body, &mut out);
    }
    out
}

/// A paragraph that continues a quotation: it opens with a quote mark, and
/// reads as speech (not a stage direction, "(CROSSTALK.)", or a byline).
fn goes_on_a_quotation(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix(['"', '\u{201C}']) else { return false };
    // "NAME: ..." opens a turn of its own, even one whose label is met once.
    let labelled = rest.split_once(": ").is_some_and(|(label, _)| {
        let words: Vec<&str> = label.split(' ').collect();
        words.len() <= 4 && words.iter().all(|w| w.starts_with(char::is_uppercase))
    });
    !rest.starts_with('(') && !labelled && reads_as_speech(rest)
}

/// `NAME: words` at the start of a line (after an opening quote mark), or
/// after " - " inside it.
fn turn(text: &str, line_start: usize, line: &str, out: &mut Vec<LaidOut>) {
    let mut starts = vec![line.len() - line.trim_start_matches(['"', '\u{201C}', ' ']).len()];
    for dash in [" - ", " \u{2013} ", " \u{2014} "] {
        starts.extend(line.match_indices(dash).map(|(i, d)| i + d.len()));
    }
    for label_start in starts {
        let rest = &line[label_start..];
        let Some(colon) = rest.find(':') else { continue };
        let label = &rest[..colon];
        if !is_speaker_label(text, label) {
            continue;
        }
        let after = &rest[colon + 1..];
        if !after.starts_with(' ') && !after.starts_with(['"', '\u{201C}']) {
            continue;
        }
        let content_start =
            label_start + colon + 1 + (after.len() - after.trim_start_matches(['"', '\u{201C}', ' ']).len());
        let mut content = line[content_start..].trim_end_matches(['"', '\u{201D}', ' ']);
        // A quotation after the colon is the content, up to its closing mark.
        if after.trim_start().starts_with('\u{201C}') {
            if let Some(close) = content.find('\u{201D}') {
                content = content[..close].trim_end();
            }
        }
        // Words, not a list of names ("Subs: Marshall, Henchoz, ...") or a
        // field ("Location: Kyiv"); a headline is in title case.
        let headline = line_start == 0;
        if !(reads_as_speech(content) || headline && content.split_whitespace().count() >= 4) {
            continue;
        }
        let at = |i: usize| line_start + i;
        out.push(LaidOut {
            source: Span::new(at(label_start), at(label_start + label.len())),
            cue: Span::new(at(label_start + colon), at(label_start + colon + 1)),
            content: Span::new(at(content_start), at(content_start + content.len())),
        });
        // One turn a line.
        return;
    }
}

/// Is `label` a speaker's name: one to four capitalised words, not a
/// heading word, whose last word recurs in the text (a surname: "Pence:
/// ..." in an article about Pence; each turn of a transcript).
fn is_speaker_label(text: &str, label: &str) -> bool {
    let words: Vec<&str> = label.split(' ').collect();
    if words.is_empty() || words.len() > 4 || label.len() > 40 {
        return false;
    }
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '\u{2019}' | '-'))
    };
    if !words.iter().all(|w| capitalised(w)) {
        return false;
    }
    let first = words[0].to_lowercase();
    let dated = crate::dates::is_weekday(&first) || crate::dates::is_month(&first);
    if WordClass::NOT_A_SPEAKER_LABEL.has(first.as_str()) || dated || words.iter().all(|w| w.chars().count() < 2) {
        return false;
    }
    // A speaker is named again: the surname recurs in the text.
    let last = words[words.len() - 1].trim_end_matches('.');
    if last.chars().count() < 2 {
        return false;
    }
    // "WALLACE: ..." in a transcript that names Wallace.
    let mut chars = last.chars();
    let title_case: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
    // Two occurrences settle it: the search stops there instead of counting
    // every one in the text, once per transcript line.
    let mut count = text.match_indices(last).take(2).count();
    if count < 2 && title_case != last {
        count += text.match_indices(title_case.as_str()).take(2 - count).count();
    }
    count >= 2
}

/// Four words at least, and not mostly capitalised ones.
fn reads_as_speech(content: &str) -> bool {
    let words: Vec<&str> = content.split_whitespace().collect();
    let lowercase = words.iter().filter(|w| w.chars().next().is_some_and(char::is_lowercase)).count();
    words.len() >= 4 && lowercase >= 2 && lowercase * 10 >= words.len() * 3
}

/// `“words” ― Name` in a line: each quotation directly followed by a dash
/// and one to four capitalised words.
fn signed_quotes(line_start: usize, line: &str, out: &mut Vec<LaidOut>) {
    for (dash_at, dash) in line.char_indices().filter(|(_, c)| SIGNING_DASHES.contains(c)) {
        let before = line[..dash_at].trim_end();
        if !before.ends_with(['"', '\u{201D}']) {
            continue;
        }
        let closing = before.len() - before.chars().next_back().map_or(0, char::len_utf8);
        // The opening mark; a line may open with a closing mark used as
        // one (`”He represents ...” ― Sonya Herridge`).
        let lead = line.len() - line.trim_start().len();
        let opening = match line[..closing].rfind(['"', '\u{201C}']) {
            Some(opening) => opening,
            None if lead < closing && line[lead..].starts_with('\u{201D}') => lead,
            None => continue,
        };
        let after_dash = dash_at + dash.len_utf8();
        let name_start = after_dash + (line[after_dash..].len() - line[after_dash..].trim_start().len());
        let name_len: usize = {
            let mut len = 0;
            for (n, word) in line[name_start..].split_inclusive(' ').enumerate() {
                let bare = word.trim_end().trim_end_matches(',');
                if n == 4 || !bare.chars().next().is_some_and(char::is_uppercase) {
                    break;
                }
                len += word.len();
                if bare.len() < word.trim_end().len() {
                    break;
                }
            }
            line[name_start..name_start + len].trim_end().trim_end_matches(',').len()
        };
        let content_start = opening + line[opening..].chars().next().map_or(1, char::len_utf8);
        if name_len == 0 || content_start >= closing {
            continue;
        }
        let at = |i: usize| line_start + i;
        out.push(LaidOut {
            source: Span::new(at(name_start), at(name_start + name_len)),
            cue: Span::new(at(dash_at), at(after_dash)),
            content: Span::new(at(content_start), at(closing)),
        });
    }
}

/// Adds the laid-out statements of `text`, replacing the tagger's reading of
/// the same words: attributions whose content overlaps one's and that have
/// no cue, or whose content or source starts at (or before) its label.
pub(crate) fn add(text: &str, attributions: &mut Vec<Attribution>) {
    let found = find(text);
    if found.is_empty() {
        return;
    }
    // A transcript lays out a statement a line: overlaps are looked up, not
    // scanned for.
    let laid_out = Overlaps::new(found.iter().map(|l| l.content));
    attributions.retain(|a| {
        let extent = a.content.extent();
        !laid_out.of(extent).any(|k| {
            let l = &found[k];
            let from_label = extent.start() <= l.source.start()
                || a.source.as_ref().is_some_and(|s| s.extent().start() == l.source.start());
            a.cue.is_none() || from_label
        })
    });
    for l in found {
        let (Some(source), Some(cue), Some(content)) =
            (Role::single(l.source), Role::single(l.cue), Role::single(l.content))
        else {
            continue;
        };
        attributions.push(Attribution::unresolved(Some(source), Some(cue), content, AttributionKind::Direct, 0.9));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, &str, &str)> {
        find(text).into_iter().map(|l| (l.source.slice(text), l.cue.slice(text), l.content.slice(text))).collect()
    }

    #[test]
    fn transcript_turns() {
        // PolNeAR dev (Breitbart, a Fox News transcript).
        let text = "Pence spoke to Wallace as follows:\n\n\"WALLACE: If I may, sir, because we\u{2019}ve got limited time.\n\n\"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.";
        assert_eq!(
            texts(text),
            [
                ("WALLACE", ":", "If I may, sir, because we\u{2019}ve got limited time."),
                ("PENCE", ":", "Gennifer Flowers will not be attending the debate tomorrow night."),
            ]
        );
    }

    #[test]
    fn a_quoted_turn_goes_on_over_paragraphs_that_open_a_quote_again() {
        let text = "Partial transcript of Marsh and Baker:\n\n\"MARSH: Will you run again next year?\n\n\"BAKER: I will not. The state needs new people.\n\n\"But the party will find someone, as it always does.\n\n\"(CROSSTALK.)\n\n\"MARSH: Thank you for your time this morning, governor.\n\n\"Follow Ann Marsh on Twitter @marsh.\"";
        assert_eq!(
            texts(text),
            [
                ("MARSH", ":", "Will you run again next year?"),
                (
                    "BAKER",
                    ":",
                    "I will not. The state needs new people.\n\n\"But the party will find someone, as it always does."
                ),
                ("MARSH", ":", "Thank you for your time this morning, governor."),
            ]
        );
    }

    #[test]
    fn labelled_quotes_in_a_roundup() {
        // PolNeAR train (HuffPollster): "Pollsters agree - Carl Bialik: “One of ...”".
        let text =
            "Pollsters agree - Carl Bialik: \u{201C}One of the biggest lessons is humility.\u{201D} Bialik adds ...";
        assert_eq!(texts(text), [("Carl Bialik", ":", "One of the biggest lessons is humility.")]);
    }

    #[test]
    fn a_headline_label_must_recur() {
        let headline = "Pence: Gennifer Flowers Won\u{2019}t Be at Debate\n";
        assert!(texts(headline).is_empty(), "Pence is named once");
        let text = format!("{headline}Mike Pence said on Sunday that the tweet was a joke.");
        assert_eq!(texts(&text), [("Pence", ":", "Gennifer Flowers Won\u{2019}t Be at Debate")]);
    }

    #[test]
    fn headings_and_fields_are_not_turns() {
        for text in [
            "UPDATE: The vote was delayed until next week.",
            "Photo: Crowds gather outside the hall in Kyiv",
            "Location: Kyiv",
            "At 10:30 the minister arrived at the hall.",
            // BBC sport: line-ups.
            "Subs Not Used: Francis, Kabba, Shaw, Haystead.\nShaw scored.",
            "Replacements: Everitt for Mapletoft (53), Hodgson for Edwards (77), Wheatley for Hatley (70).\nEdwards",
        ] {
            assert!(texts(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn signed_quotes() {
        // PolNeAR dev (HuffPost): "“... He represents our greatest shame.” ― Sonya Herridge".
        let text = "\u{201C}He represents our greatest shame.\u{201D} \u{2015} Sonya Herridge\n\u{201C}I\u{2019}m so ashamed.\u{201D} \u{2015} Pamela Padilla, 42";
        assert_eq!(
            texts(text),
            [
                ("Sonya Herridge", "\u{2015}", "He represents our greatest shame."),
                ("Pamela Padilla", "\u{2015}", "I\u{2019}m so ashamed.")
            ]
        );
        // A line opened by a closing mark used as an opening one.
        let text = "\u{201D}He represents our greatest shame.\u{201D} \u{2015} Sonya Herridge";
        assert_eq!(texts(text), [("Sonya Herridge", "\u{2015}", "He represents our greatest shame.")]);
        // A dash inside a sentence signs nothing.
        assert!(texts("He said \u{201C}no\u{201D} \u{2014} and then he left.").is_empty());
    }
}
