//! Reading a PolNeAR split: `text/<doc>.txt` and the first (sorted)
//! `attributions/<doc>_<annotator>.ann` brat file per document, as the
//! scorer reads them. Offsets in the files count Unicode scalars; they are
//! converted to byte spans here.

use std::path::Path;

use anyhow::Context as _;
use hearsay_core::{GoldAttribution, Span};

/// One annotated document.
pub struct GoldDocument {
    /// The text.
    pub text: String,
    /// Its attributions, byte spans.
    pub attributions: Vec<GoldAttribution>,
}

/// Every annotated document of a split, sorted by id.
pub fn read_split(dir: &Path) -> anyhow::Result<Vec<GoldDocument>> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("{}", ann_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut texts: Vec<_> = std::fs::read_dir(&text_dir)
        .with_context(|| format!("{}", text_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let mut docs = Vec::new();
    for path in texts {
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let prefix = format!("{id}_");
        let Some(ann) = anns.iter().find(|a| a.starts_with(&prefix)) else { continue };
        let text = std::fs::read_to_string(&path).with_context(|| format!("{}", path.display()))?;
        let ann_path = ann_dir.join(ann);
        let ann_text = std::fs::read_to_string(&ann_path).with_context(|| format!("{}", ann_path.display()))?;
        let attributions = parse_ann(&ann_text, &text);
        docs.push(GoldDocument { text, attributions });
    }
    Ok(docs)
}

/// Parses brat standoff as the scorer does: T lines give typed spans, E
/// lines tie them into attributions; those with neither cue nor content are
/// dropped.
pub fn parse_ann(ann: &str, text: &str) -> Vec<GoldAttribution> {
    let byte_of = char_to_byte_table(text);
    let to_byte = |c: usize| byte_of.get(c).copied().unwrap_or(text.len());
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = std::collections::HashMap::new();
    for line in ann.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        if parts.len() < 2 || !parts[0].starts_with('T') {
            continue;
        }
        let Some((_, ranges)) = parts[1].split_once(' ') else { continue };
        let mut list = Vec::new();
        for range in ranges.split(';') {
            let mut nums = range.split_whitespace().map(str::parse::<usize>);
            if let (Some(Ok(s)), Some(Ok(e))) = (nums.next(), nums.next()) {
                list.push(Span::new(to_byte(s), to_byte(e)));
            }
        }
        spans.insert(parts[0], list);
    }
    let mut out = Vec::new();
    for line in ann.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        if parts.len() < 2 || !parts[0].starts_with('E') {
            continue;
        }
        let mut gold = GoldAttribution::default();
        for item in parts[1].split_whitespace() {
            let Some((role, id)) = item.split_once(':') else { continue };
            let role = role.to_lowercase();
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            let Some(list) = spans.get(id) else { continue };
            match role {
                "source" => gold.source.extend(list),
                "cue" => gold.cue.extend(list),
                "content" => gold.content.extend(list),
                _ => {}
            }
        }
        if !gold.content.is_empty() || !gold.cue.is_empty() {
            out.push(gold);
        }
    }
    out
}

/// `table[c]` is the byte offset of scalar `c`; one extra entry for the end.
pub fn char_to_byte_table(text: &str) -> Vec<usize> {
    let mut table: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    table.push(text.len());
    table
}
