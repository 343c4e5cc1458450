//! `hearsay extract` and `hearsay eval` as a user runs them: bad input in a
//! batch, offsets on the wire, the seed article's statements, and the
//! PolNeAR dev figures (a floor under the figures the README reports, so
//! that a change that loses accuracy fails here). Corpora are read from
//! `../shared` at run time.

mod common;

use std::path::PathBuf;

use common::{shared, Scratch};
use std::process::{Command, Output};

use serde_json::Value;

const HEARSAY: &str = env!("CARGO_BIN_EXE_hearsay");

fn example() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/zelenskyy-drones.txt"))
}

fn hearsay(args: &[&str]) -> Output {
    Command::new(HEARSAY).args(args).output().expect("run hearsay")
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

#[test]
fn bad_files_are_reported_and_the_batch_goes_on() {
    let scratch = Scratch::new("extract-bad");
    scratch.write("a-good.txt", "“We will win,” the minister said on Monday.".as_bytes());
    scratch.write("b-latin1.txt", b"caf\xe9 \xab said \xbb");
    scratch.write("c-empty.txt", b"");
    scratch.write("d-quotes.txt", "\"".repeat(10_000).as_bytes());
    scratch.write("e-good.txt", "Officials said the bridge would reopen.".as_bytes());
    let output = hearsay(&["extract", scratch.0.to_str().expect("utf-8 path")]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "a failed file makes the exit code 1");
    assert!(stderr.contains("b-latin1.txt") && stderr.contains("UTF-8"), "error names the file: {stderr}");
    let docs = lines(&output);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap_or("")).collect();
    assert_eq!(ids, ["a-good", "c-empty", "d-quotes", "e-good"]);
    assert!(!docs[0]["attributions"].as_array().expect("list").is_empty(), "the good file still yields its statement");
    assert!(docs[1]["attributions"].as_array().expect("list").is_empty());
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let output = hearsay(&["extract", "/nonexistent/hearsay-input.txt", example().to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/hearsay-input.txt"));
    assert_eq!(lines(&output).len(), 1, "the readable file is still processed");
}

#[test]
fn a_fifty_megabyte_line_is_processed() {
    let scratch = Scratch::new("extract-long");
    let sentence = "The spokesman said the talks would go on, and critics insisted that nothing had changed. ";
    let mut text = String::with_capacity(50 << 20);
    while text.len() < 50 << 20 {
        text.push_str(sentence);
    }
    let path = scratch.write("long.txt", text.as_bytes());
    let output = hearsay(&["extract", path.to_str().expect("path")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let docs = lines(&output);
    assert!(docs[0]["attributions"].as_array().expect("list").len() > 1000);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_in_a_folder_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("extract-unreadable");
    scratch.write("a.txt", b"He said it would rain.");
    let locked = scratch.write("b.txt", b"She said it would not.");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable_anyway = std::fs::read(&locked).is_ok(); // root reads anything
    let output = hearsay(&["extract", scratch.0.to_str().expect("path")]);
    if readable_anyway {
        assert!(output.status.success());
        assert_eq!(lines(&output).len(), 2);
    } else {
        assert_eq!(output.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&output.stderr).contains("b.txt"));
        assert_eq!(lines(&output).len(), 1);
    }
}

#[test]
fn offsets_count_unicode_scalars_and_slice_to_the_text() {
    let text = std::fs::read_to_string(example()).expect("example");
    let chars: Vec<char> = text.chars().collect();
    let output = hearsay(&["extract", "--published", "2025-04-22", example().to_str().expect("path")]);
    let doc = &lines(&output)[0];
    for attribution in doc["attributions"].as_array().expect("list") {
        for role in ["source", "cue", "content"] {
            let Some(spans) = attribution[role]["spans"].as_array() else { continue };
            let pieces: Vec<String> = spans
                .iter()
                .map(|s| {
                    let (a, b) = (s[0].as_u64().expect("start") as usize, s[1].as_u64().expect("end") as usize);
                    assert!(a <= b && b <= chars.len());
                    chars[a..b].iter().collect()
                })
                .collect();
            assert_eq!(pieces.join(" … "), attribution[role]["text"].as_str().expect("text"));
        }
    }
}

#[test]
fn seed_speakers_relays_dates_and_denials() {
    let output = hearsay(&["extract", "--published", "2025-04-22", example().to_str().expect("path")]);
    let doc = &lines(&output)[0];
    let attributions = doc["attributions"].as_array().expect("list");
    let find = |content_start: &str| -> &Value {
        attributions
            .iter()
            .find(|a| {
                a["content"]["text"].as_str().is_some_and(|t| t.trim_start_matches("that ").starts_with(content_start))
            })
            .unwrap_or_else(|| panic!("no statement starting {content_start:?}"))
    };
    let zelenskyy = find("I asked the Security Service");
    assert_eq!(zelenskyy["speaker"]["name"], "Volodymyr Zelenskyy");
    assert_eq!(zelenskyy["said_on"]["earliest"], "2025-04-22");
    let relayed = find("The information also describes");
    assert_eq!(relayed["speaker"]["name"], "Volodymyr Zelenskyy", "“he” resolves to the president");
    assert_eq!(relayed["relayed_by"][0]["name"], "Ukrinform");
    let lin = find("The Chinese side has never provided");
    assert_eq!(lin["speaker"]["name"], "Lin Jian");
    assert_eq!(lin["stance"], "deny");
    assert_eq!(lin["said_on"]["earliest"], "2025-04-18", "“on Friday” before a Tuesday");
    let denial = find("providing weapons");
    assert_eq!(denial["speaker"]["name"], "China");
    assert_eq!(denial["said_on"]["earliest"], "2025-04-14");
    assert_eq!(denial["said_on"]["latest"], "2025-04-20");
    let nested = find("the participation of Chinese citizens");
    assert_eq!(nested["speaker"]["name"], "Yevhen Perebyinis");
    assert!(nested["relayed_by"][0]["name"].as_str().is_some_and(|n| n.contains("Ministry of Foreign Affairs")));
    let post = find("Ukraine shares evidence");
    assert_eq!(post["speaker"]["name"], "The Kyiv Independent");
}

#[test]
fn polnear_dev_figures_hold() {
    let output = hearsay(&["eval", "polnear", shared("eval/polnear/dev").to_str().expect("path")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report = String::from_utf8_lossy(&output.stdout);
    let last = report.lines().last().expect("summary line");
    // "exact F1 source 66 cue 64.3 content 50.9; attribution F1 59.2"
    let numbers: Vec<f64> = last.split([' ', ';']).filter_map(|w| w.parse().ok()).collect();
    assert_eq!(numbers.len(), 4, "{last}");
    // Issue 2's bar (source, cue, content, attribution: 65, 65, 55, 65),
    // raised for source and cue to a point or so under the README's figures.
    let floors = [69.5, 67.0, 55.0, 65.0];
    for (got, floor) in numbers.iter().zip(floors) {
        assert!(*got >= floor, "{last} fell under {floors:?}");
    }
}

#[test]
fn train_rebuilds_the_committed_weights_byte_for_byte() {
    let scratch = Scratch::new("extract-train");
    let out = scratch.path("tagger.bin");
    let output = hearsay(&[
        "train",
        "--data",
        shared("eval/polnear/train").to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let committed =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/data/tagger.bin")).expect("committed weights");
    let rebuilt = std::fs::read(&out).expect("rebuilt weights");
    assert!(
        rebuilt == committed,
        "`hearsay train` no longer reproduces crates/core/data/tagger.bin: retrain and commit"
    );
}
