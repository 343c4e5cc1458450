//! Main-text extraction on the article-extraction benchmark in
//! `../shared/eval/html` (112 news pages with hand-annotated main text) stays at
//! or above the project's bar of F1 0.95.
//!
//! The metric is the benchmark's (see `score_extraction.py`): word 4-gram
//! shingles, per-page precision and recall averaged over pages, F1 of the two
//! averages. Words are runs of alphanumeric characters and `_`, as Python's `\w+`.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

fn shared_html() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/html")
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    let mut bag = HashMap::new();
    if words.is_empty() {
        return bag;
    }
    if words.len() < 4 {
        bag.insert(words, 1);
        return bag;
    }
    for window in words.windows(4) {
        *bag.entry(window.to_vec()).or_insert(0) += 1;
    }
    bag
}

/// (matched, extra, missed) shingle counts of one page.
fn page_counts(truth: &str, predicted: &str) -> (usize, usize, usize) {
    let truth = shingles(truth);
    let predicted = shingles(predicted);
    let mut matched = 0;
    let mut extra = 0;
    for (shingle, &count) in &predicted {
        let in_truth = truth.get(shingle).copied().unwrap_or(0);
        matched += count.min(in_truth);
        extra += count.saturating_sub(in_truth);
    }
    let n_truth: usize = truth.values().sum();
    (matched, extra, n_truth - matched)
}

#[test]
fn main_text_f1_on_the_benchmark_is_at_least_095() {
    let dir = shared_html();
    let truth_json = std::fs::read_to_string(dir.join("ground-truth.json")).expect("ground-truth.json");
    let truth: serde_json::Value = serde_json::from_str(&truth_json).expect("ground truth is JSON");
    let truth = truth.as_object().expect("an object of pages");
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    for (id, entry) in truth {
        let true_text = entry.get("articleBody").and_then(|b| b.as_str()).unwrap_or("");
        let path = dir.join("pages").join(format!("{id}.html.gz"));
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).expect("page"))
            .read_to_end(&mut bytes)
            .expect("gunzip");
        let page = hearsay_ingest::html::extract(&bytes, None);
        let (matched, extra, missed) = page_counts(true_text, &page.text);
        // Normalising by the page total, as the scorer does, leaves the ratios as they are.
        if matched + extra > 0 {
            precisions.push(matched as f64 / (matched + extra) as f64);
        }
        if matched + missed > 0 {
            recalls.push(matched as f64 / (matched + missed) as f64);
        }
    }
    assert_eq!(truth.len(), 112);
    let precision = precisions.iter().sum::<f64>() / precisions.len() as f64;
    let recall = recalls.iter().sum::<f64>() / recalls.len() as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!("benchmark: F1 {f1:.3}, precision {precision:.3}, recall {recall:.3}");
    assert!(f1 >= 0.95, "F1 {f1:.3} (precision {precision:.3}, recall {recall:.3}) is under 0.95");
}
