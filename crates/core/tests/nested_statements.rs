//! Statements reported inside other statements, on real articles read from
//! `../shared` at run time (corpus text is not copied into the project).

use hearsay_core::{Analysis, Analyzer, Document};
use std::path::PathBuf;

fn shared(path: &str) -> String {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn role<'t>(text: &'t str, role: Option<&hearsay_core::Role>) -> &'t str {
    role.map_or("", |r| r.extent().slice(text))
}

fn analyze(text: &str) -> Analysis {
    Analyzer::builtin().analyze(Document { text, published: None })
}

#[test]
fn a_described_speaker_inside_indirect_speech_is_relayed_by_the_outer_one() {
    // BBC politics: "He had decided to support the plans as the police said
    // they would help fight terror, crime and illegal immigration."
    let text = shared("corpus/bbc-news/news/politics/clarke-faces-id-cards-rebellion.txt");
    let analysis = analyze(&text);
    let police = analysis
        .attributions
        .iter()
        .find(|a| role(&text, a.source.as_ref()) == "the police" && role(&text, a.cue.as_ref()) == "said")
        .expect("the police's statement, nested in another");
    assert!(police.content.extent().slice(&text).starts_with("they would help fight terror"));
    let outer = analysis
        .attributions
        .iter()
        .find(|a| {
            a.content.extent().start() < police.content.extent().start()
                && a.content.extent().end() >= police.content.extent().end()
        })
        .expect("the statement that holds it");
    assert_eq!(police.relayed_by.first(), outer.speaker.as_ref(), "relayed by the outer speaker");
}

#[test]
fn a_described_speaker_inside_a_mixed_quote_and_a_relative_clause_denial() {
    // The seed: the ministry added that the deputy foreign minister “called
    // on the Chinese side to ... stop supporting Russia in its aggression
    // against Ukraine, which Beijing has repeatedly stated is not the case”.
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/zelenskyy-drones.txt")).unwrap();
    let analysis = analyze(&text);
    let find = |source: &str, cue: &str| {
        analysis
            .attributions
            .iter()
            .find(|a| role(&text, a.source.as_ref()) == source && role(&text, a.cue.as_ref()) == cue)
            .unwrap_or_else(|| panic!("{source} {cue}"))
    };
    let deputy = find("The deputy foreign minister", "called on");
    assert!(deputy.content.extent().slice(&text).starts_with("the Chinese side to take measures"));
    let name = |a: &hearsay_core::Attribution| a.speaker.map(|e| analysis.entities[e.0].name.clone());
    assert_eq!(name(deputy).as_deref(), Some("Yevhen Perebyinis"));
    assert_eq!(deputy.relayed_by.len(), 1);
    let beijing = find("Beijing", "has repeatedly stated");
    let last = beijing.content.spans().last().unwrap().slice(&text);
    assert_eq!(last.trim_end_matches([',', '”']), "is not the case");
    assert_eq!(beijing.stance, hearsay_core::Stance::Deny);
    assert_eq!(name(beijing).as_deref(), Some("China"));
}
