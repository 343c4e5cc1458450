//! The news stage (`scripts/claims/stage2.py`): two *attributed* statements (each with a source
//! or a cue, as news gives them) are scored by a second model over the headline model's logit and
//! three things headlines lack: the predicate the cue carries ("refused to pledge", "openly
//! admires": the cue's words other than plain speech verbs, read with the content), who the
//! statement is by (its source, or for "he" the last name before the content in its context),
//! and how many days apart the two were published. It was fitted on 520 PolNeAR-train pairs
//! labelled by hand (`scripts/claims/news-pairs.tsv`) and its thresholds tuned on
//! `claims/dev-pairs.jsonl`.
//!
//! Invariant: every function gives what its namesake in `stage2.py` gives, since the weights in
//! `data/claims/news_pair.txt` were fitted with them.

use chrono::NaiveDate;

use super::model::{ClaimModel, DIM};
use super::statement::Proposition;
use super::words::{content_words, is_stop, raw_words};
use crate::lexicon::WordClass;

/// What is known of how a statement was attributed, besides its content: who (`source`), the
/// reporting words (`cue`), the paragraph around it (`context`) and the day it was published.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attributed<'a> {
    /// Who said it, as written ("he", "the senator", "Marco Rubio").
    pub source: Option<&'a str>,
    /// The reporting words ("said", "refused to pledge").
    pub cue: Option<&'a str>,
    /// The paragraph around the statement.
    pub context: Option<&'a str>,
    /// The day the statement was published.
    pub published: Option<NaiveDate>,
}

/// What the news model reads of one attributed statement.
#[derive(Debug, Clone)]
pub(crate) struct NewsSide {
    /// The unit vector of the cue's predicate words and the content.
    predicate: [f32; DIM],
    /// The stems naming who the statement is by, sorted and unique.
    subject: Vec<String>,
    published: Option<NaiveDate>,
}

/// The news model's weights (`data/claims/news_pair.txt`).
#[derive(Debug, Clone)]
pub(crate) struct NewsWeights {
    /// On logit_p1, pred_cos, subj_same, days (raw features).
    weights: [f64; 4],
    bias: f64,
    pub(crate) seed: f64,
    pub(crate) join: f64,
    pub(crate) min_edge: f64,
}

/// The feature names of the news model, in weight order.
pub const NEWS_FEATURES: [&str; 4] = ["logit_p1", "pred_cos", "subj_same", "days"];

/// Distance in days assumed when either publication day is unknown.
const UNKNOWN_DAYS: f64 = 30.0;

pub(crate) fn parse_news(text: &str, numbers: impl Fn(&str, &str) -> Vec<f64>) -> NewsWeights {
    let features: Vec<&str> = text
        .lines()
        .find_map(|l| l.strip_prefix("features "))
        .map(|rest| rest.split_whitespace().collect())
        .unwrap_or_default();
    assert_eq!(features, NEWS_FEATURES, "data/claims/news_pair.txt: features");
    let one = |name: &str| {
        let v = numbers(text, name);
        assert_eq!(v.len(), 1, "data/claims/news_pair.txt: {name}");
        v[0]
    };
    let coef = numbers(text, "coef");
    let weights: [f64; 4] = coef.try_into().expect("data/claims/news_pair.txt: 4 coefficients");
    NewsWeights { weights, bias: one("bias"), seed: one("seed"), join: one("join"), min_edge: one("min_edge") }
}

/// The words of a cue (runs of ASCII letters, apostrophes and hyphens) that are not plain speech
/// verbs ("openly admires" keeps both; "said" keeps none).
fn predicate_words(cue: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_ascii_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-');
    for (i, c) in cue.char_indices().chain(std::iter::once((cue.len(), ' '))) {
        match (start, is_word(c) && i < cue.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &cue[s..i];
                if !WordClass::SPEECH_ONLY_CUE.has(&word.to_ascii_lowercase()) {
                    out.push(word);
                }
                start = None;
            }
            _ => {}
        }
    }
    out.join(" ")
}

/// Python's `\w` for one character.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_name_tail(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\'' | '\u{2019}' | '.' | '-')
}

/// The end of `[A-Z][a-zA-Z'’.-]+` at `i`, if it matches there.
fn name_word_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    if !chars.get(i)?.1.is_ascii_uppercase() {
        return None;
    }
    let mut j = i + 1;
    while j < chars.len() && is_name_tail(chars[j].1) {
        j += 1;
    }
    (j > i + 1).then_some(j)
}

/// The matches of `\b[A-Z][a-zA-Z'’.-]+(?:\s+[A-Z][a-zA-Z'’.-]+)*`, in order.
fn capitalised_runs(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at_boundary = i == 0 || !is_word_char(chars[i - 1].1);
        let Some(mut end) = at_boundary.then(|| name_word_end(&chars, i)).flatten() else {
            i += 1;
            continue;
        };
        loop {
            let mut k = end;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            match (k > end).then(|| name_word_end(&chars, k)).flatten() {
                Some(next) => end = next,
                None => break,
            }
        }
        out.push(&text[byte(i)..byte(end)]);
        i = end;
    }
    out
}

/// The stems naming who a statement is by: its source's names (or words) when the source names
/// someone; for a stand-in source ("he", "who", none), the last name before the content in its
/// context. Sorted and unique.
fn subject(source: Option<&str>, context: Option<&str>, content: &str) -> Vec<String> {
    let source = source.unwrap_or("");
    let mut stems = if !source.is_empty() && !raw_words(source).iter().all(|w| WordClass::STAND_IN_SOURCE.has(w)) {
        let names = content_words(&capitalised_runs(source).join(" "));
        if names.is_empty() {
            content_words(source)
        } else {
            names
        }
    } else {
        let context = context.unwrap_or("");
        let before = match context.find(if content.is_empty() { "\0" } else { content }) {
            Some(pos) if pos > 0 => &context[..pos],
            _ => context,
        };
        let names = capitalised_runs(before);
        let last = names.into_iter().rev().find(|name| {
            let first = name.split_whitespace().next().unwrap_or("");
            !is_stop(&name.to_lowercase()) && !is_stop(&first.to_lowercase())
        });
        last.map(content_words).unwrap_or_default()
    };
    stems.sort_unstable();
    stems.dedup();
    stems
}

fn shares(a: &[String], b: &[String]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The content without a leading tag's markup: an embedded post kept as
/// `tweet id="74…" author="@x" datetime="2016-06-29">text` is read from `text`, since the
/// attribute names and values would otherwise link every embedded post to every other.
fn without_markup(content: &str) -> &str {
    let cut = (0..=content.len().min(400)).rev().find(|&i| content.is_char_boundary(i)).unwrap_or(0);
    let head = &content[..cut];
    match head.rfind("\">") {
        Some(end) if head[..end].contains("=\"") => content[end + 2..].trim_start(),
        _ => content,
    }
}

impl ClaimModel {
    /// Analyses an attributed statement: as [`ClaimModel::statement`], plus what the news model
    /// reads when both sides of a pair are attributed (a source or a cue is given). A leading
    /// tag's markup is left out of the content ([`without_markup`]).
    pub fn attributed_statement(&self, content: &str, attributed: &Attributed<'_>) -> Proposition {
        let content = without_markup(content);
        let (mut proposition, content_sum) = self.statement_with_sum(content, attributed.cue);
        let has = |s: Option<&str>| s.is_some_and(|s| !s.is_empty());
        if has(attributed.source) || has(attributed.cue) {
            let mut predicate = content_sum;
            let mut ids = Vec::new();
            self.wordpiece.encode(&predicate_words(attributed.cue.unwrap_or("")), &mut ids);
            for &id in &ids {
                self.add_row(id, &mut predicate);
            }
            proposition.news = Some(NewsSide {
                predicate: unit(predicate),
                subject: subject(attributed.source, attributed.context, content),
                published: attributed.published,
            });
        }
        proposition
    }

    /// The news model's probability for two attributed statements, from the headline model's
    /// probability `p1` of the same pair; `None` unless both are attributed.
    pub(crate) fn news_probability(&self, a: &Proposition, b: &Proposition, p1: f64) -> Option<f64> {
        let (na, nb) = (a.news.as_ref()?, b.news.as_ref()?);
        let logit = (p1 / (1.0 - p1 + 1e-9) + 1e-9).ln();
        let cos: f64 = na.predicate.iter().zip(&nb.predicate).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum();
        let same_subject = f64::from(u8::from(shares(&na.subject, &nb.subject)));
        let days = match (na.published, nb.published) {
            (Some(x), Some(y)) => (x - y).num_days().unsigned_abs() as f64,
            _ => UNKNOWN_DAYS,
        };
        let x = [logit, cos, same_subject, days.ln_1p() / 6.0];
        let w = &self.news;
        let z = w.bias + w.weights.iter().zip(&x).map(|(w, x)| w * x).sum::<f64>();
        Some(1.0 / (1.0 + (-z).exp()))
    }
}

/// `v` scaled to norm 1 (all zeros stay zeros).
pub(crate) fn unit(mut v: [f32; DIM]) -> [f32; DIM] {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_probability_matches_the_python() {
        // Expected from scripts/claims/claims.py: pair_prob 0.9466019495056703, news_prob 0.3049236821540715.
        let model = ClaimModel::builtin();
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        let a = model.attributed_statement(
            "his tax returns before the election in November",
            &Attributed {
                source: Some("Mr. Trump"),
                cue: Some("again refused to release"),
                context: None,
                published: day("2016-09-20"),
            },
        );
        let content = "he would not release his tax returns before the election because of the audit";
        let context = "Donald Trump spoke on Monday. He said he would not release his tax returns before the \
                       election because of the audit.";
        let b = model.attributed_statement(
            content,
            &Attributed { source: Some("he"), cue: Some("said"), context: Some(context), published: day("2016-09-26") },
        );
        let headline = model.statement("his tax returns before the election in November", None);
        let p1 = model.link_probability(&headline, &model.statement(content, None)).unwrap();
        assert!((p1 - 0.9466019495056703).abs() < 1e-5, "{p1}");
        let p = model.link_probability(&a, &b).unwrap();
        assert!((p - 0.3049236821540715).abs() < 1e-5, "{p}");
        // Without attribution on one side, the headline model decides.
        assert!((model.link_probability(&headline, &b).unwrap() - p1).abs() < 1e-12);
    }

    #[test]
    fn markup_of_an_embedded_post_is_left_out() {
        let post = r#"tweet id="7479" author="@someone" datetime="2016-06-29">The rally was moved to Friday"#;
        assert_eq!(without_markup(post), "The rally was moved to Friday");
        assert_eq!(without_markup(r#"he said "yes">no"#), r#"he said "yes">no"#);
        assert_eq!(without_markup("plain text"), "plain text");
        let long = "’".repeat(300);
        assert_eq!(without_markup(&long), long);
    }

    #[test]
    fn predicate_words_drop_speech_verbs() {
        assert_eq!(predicate_words("again refused to pledge"), "again refused to pledge");
        assert_eq!(predicate_words("said Monday"), "Monday");
        assert_eq!(predicate_words("told"), "");
        assert_eq!(predicate_words("has a new campaign ad hitting"), "has a new campaign ad hitting");
    }

    #[test]
    fn capitalised_runs_follow_the_regex() {
        assert_eq!(capitalised_runs("Sen. Mark Kirk, R-Ill., who faces"), ["Sen. Mark Kirk", "R-Ill."]);
        assert_eq!(capitalised_runs("the FBI said I and O'Neill"), ["FBI", "O'Neill"]);
        assert_eq!(capitalised_runs("xTrump and éMacron"), Vec::<&str>::new());
    }

    #[test]
    fn subjects_come_from_the_source_or_the_context() {
        assert_eq!(subject(Some("Donald J. Trump"), None, "x"), ["donald", "trump"]);
        assert_eq!(subject(Some("the government"), None, "x"), ["government"]);
        let context = "Hillary Clinton spoke in Ohio. She said the plan works.";
        assert_eq!(subject(Some("She"), Some(context), "the plan works"), ["ohio"]);
        assert!(subject(Some("she"), Some("The Senator arrived. She left."), "nothing here").is_empty());
        assert!(subject(None, None, "x").is_empty());
    }
}
