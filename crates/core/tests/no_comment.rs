//! A comment that was not made is no statement.

use hearsay_core::{Analyzer, Document};

#[test]
fn no_immediate_comment_is_not_a_statement() {
    // The seed: "There was no immediate comment on the latest Ukrainian
    // statements from either Russia or China."
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/zelenskyy-drones.txt")).unwrap();
    let analysis = Analyzer::builtin().analyze(Document { text: &text, published: None });
    let last_sentence = text.find("There was no immediate comment").unwrap();
    let inside: Vec<_> = analysis
        .attributions
        .iter()
        .filter(|a| a.cue.as_ref().is_some_and(|c| c.extent().start() >= last_sentence))
        .map(|a| a.cue.as_ref().unwrap().extent().slice(&text))
        .collect();
    assert!(inside.is_empty(), "{inside:?}");
    // The statements before it stay.
    assert!(analysis.attributions.len() >= 20);
}
