//! The statement stages: from the tagger's labels to [`Attribution`]s with
//! source, cue and content spans, before anything is resolved.
//!
//! - `link` ([`link`]): labels read as pieces and joined into statements,
//!   with the linking rules the tagger cannot learn;
//! - `repairs` ([`repairs`]): boundaries that grammar settles, as a list of
//!   named rules;
//! - `nesting` ([`nested`]): statements reported inside long contents;
//! - `claims named in contents` ([`claimed`]): "rejected Trump's claim that ..." as
//!   Trump's statement too;
//! - `embedded posts` ([`posts`]): pasted posts as their signatory's words;
//! - `layout` ([`layout`], [`headline`], [`closing`]): transcript turns,
//!   signed quotes, a headline's statement and a sentence closed by its
//!   source and verb of saying that the tagger missed;
//! - `no comment`, `order` and `subjects` (here and in [`subject`]).

mod claimed;
mod closing;
mod headline;
mod layout;
mod link;
mod nested;
pub(crate) mod posts;
mod repairs;
mod subject;

use crate::text::Doc;
use crate::Attribution;
pub(crate) use claimed::add_claimed;
pub(crate) use link::link;
pub(crate) use nested::add_nested;
pub(crate) use posts::add_embedded_posts;

/// The `repairs` stage: every rule of [`repairs::RULES`], in order.
pub(crate) fn repair(doc: &Doc<'_>, attributions: &mut [Attribution]) {
    for rule in repairs::RULES {
        (rule.run)(doc, attributions);
    }
}

/// The `layout` stage: statements marked by layout replace the tagger's
/// reading of the same lines.
pub(crate) fn add_laid_out(doc: &Doc<'_>, attributions: &mut Vec<Attribution>) {
    layout::add(doc.text(), attributions);
    headline::add(doc, attributions);
    closing::add(doc, attributions);
}

/// The `no comment` stage: "There was no immediate comment from X" is no
/// statement of X's.
pub(crate) fn drop_no_comment(doc: &Doc<'_>, attributions: &mut Vec<Attribution>) {
    attributions.retain(|a| !reports_no_comment(doc.text(), a));
}

/// The `order` stage: statements sorted by where their content starts,
/// then their cue.
pub(crate) fn put_in_text_order(attributions: &mut [Attribution]) {
    attributions.sort_by_key(|a| (a.content.extent().start(), a.cue.as_ref().map(|c| c.extent().start())));
}

/// The `subjects` stage: a cue the tagger found no source for takes the
/// capitalised subject opening its sentence ("China last week staunchly
/// denied ...").
pub(crate) fn take_subjects(doc: &Doc<'_>, attributions: &mut [Attribution]) {
    for attribution in attributions.iter_mut() {
        if attribution.source.is_none() {
            if let Some(cue) = attribution.cue.as_ref() {
                attribution.source =
                    subject::capitalised_subject_before(doc, cue.extent()).and_then(crate::Role::single);
            }
        }
    }
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
