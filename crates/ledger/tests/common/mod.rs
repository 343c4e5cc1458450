//! Helpers shared by the ledger's tests and benches: reading the BBC corpus
//! from `../shared` at run time, and a stand-in analyzer that turns
//! "..., X said." sentences into attributions, so that the ledger can be
//! tested under a realistic load whatever the real extractor finds.
#![allow(dead_code)]

use std::path::PathBuf;

use hearsay_core::{Analysis, Attribution, AttributionKind, Entity, EntityIndex, EntityKind, Role, Span, Stance};
use hearsay_ingest::Article;

/// The BBC corpus folder.
pub fn bbc_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/bbc-news/news"))
}

/// The first `n` BBC articles in sorted order (all of them for `usize::MAX`).
pub fn bbc_articles(n: usize) -> Vec<Article> {
    hearsay_ingest::read_inputs(&[bbc_dir()]).filter_map(Result::ok).take(n).collect()
}

/// An article with the given id and text.
pub fn article(id: &str, text: &str, published: Option<&str>) -> Article {
    Article {
        id: id.to_string(),
        origin: format!("{id}.txt"),
        title: None,
        text: text.to_string(),
        published: published.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        outlet: Some("Test Wire".to_string()),
        url: None,
        byline: None,
    }
}

/// One hand-made attribution: the content and source are found in `text`.
pub fn attribution(text: &str, source: &str, content: &str, stance: Stance, speaker: usize) -> Attribution {
    let role = |needle: &str| {
        let start = text.find(needle).expect("test string is in the text");
        Role::single(Span::new(start, start + needle.len()))
    };
    Attribution {
        source: role(source),
        cue: None,
        content: role(content).expect("non-empty content"),
        kind: AttributionKind::Indirect,
        speaker: Some(EntityIndex(speaker)),
        stance,
        said_on: None,
        relayed_by: Vec::new(),
        addressee: None,
        confidence: 1.0,
    }
}

/// A stand-in analyzer: every sentence with ", NAME said" or "NAME said"
/// gives one attribution whose content is the rest of the sentence and
/// whose speaker is NAME (up to three capitalised words).
pub fn fake_analysis(text: &str) -> Analysis {
    let mut analysis = Analysis::default();
    let mut sentence_start = 0;
    for (idx, c) in text.char_indices() {
        if c == '.' || c == '\n' {
            let end = idx;
            if let Some(sentence) = text.get(sentence_start..end) {
                add_sentence(text, sentence_start, sentence, &mut analysis);
            }
            sentence_start = idx + c.len_utf8();
        }
    }
    analysis
}

fn add_sentence(text: &str, offset: usize, sentence: &str, analysis: &mut Analysis) {
    let Some(cue_at) = sentence.find(" said") else { return };
    let before = &sentence[..cue_at];
    // The source: capitalised words right before the cue.
    let words: Vec<&str> =
        before.rsplit(' ').take_while(|w| w.chars().next().is_some_and(char::is_uppercase)).collect();
    if words.is_empty() || words.len() > 3 {
        return;
    }
    let name: Vec<&str> = words.iter().rev().copied().collect();
    let name = name.join(" ");
    let source_start = offset + cue_at - name.len();
    let (content_start, content_end) = if before.len() > name.len() + 20 {
        (offset, offset + cue_at - name.len())
    } else {
        (offset + cue_at + 5, offset + sentence.len())
    };
    let content_text = text.get(content_start..content_end).unwrap_or("");
    let trimmed = content_text.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '"' || c == '\'');
    if trimmed.len() < 10 {
        return;
    }
    let lead = content_text.find(trimmed).unwrap_or(0);
    let content = Span::new(content_start + lead, content_start + lead + trimmed.len());
    let speaker = match analysis.entities.iter().position(|e| e.name == name) {
        Some(i) => i,
        None => {
            analysis.entities.push(Entity { name: name.clone(), kind: EntityKind::Person, mentions: Vec::new() });
            analysis.entities.len() - 1
        }
    };
    let stance = if hearsay_core::claims::is_negated(trimmed) { Stance::Deny } else { Stance::Assert };
    analysis.attributions.push(Attribution {
        source: Role::single(Span::new(source_start, source_start + name.len())),
        cue: Role::single(Span::new(offset + cue_at + 1, offset + cue_at + 5)),
        content: Role::single(content).expect("non-empty"),
        kind: AttributionKind::Indirect,
        speaker: Some(EntityIndex(speaker)),
        stance,
        said_on: None,
        relayed_by: Vec::new(),
        addressee: None,
        confidence: 0.5,
    });
}
