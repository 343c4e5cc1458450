//! `hearsay group` (FORMAT.md, "hearsay group"): the measured figure on
//! `claims/dev-pairs.jsonl` read from `../shared` at run time, ids echoed as
//! given, bad input named by file and line, and a closed pipe ending quietly.

mod common;

use std::collections::HashMap;
use std::process::{Command, Output, Stdio};

use common::{shared, Scratch};
use serde_json::{json, Value};

fn hearsay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearsay")).args(args).output().expect("run hearsay")
}

/// The statements of a pair file as `score_group.py inputs` makes them: one
/// id per distinct (doc, content), and each pair's two ids with its label.
fn pair_statements(pairs: &str) -> (Vec<Value>, Vec<(String, String, String)>) {
    const FIELDS: [&str; 7] = ["content", "source", "cue", "context", "published", "publisher", "doc"];
    let mut ids: HashMap<(Option<String>, String), String> = HashMap::new();
    let (mut statements, mut ends) = (Vec::new(), Vec::new());
    for line in pairs.lines().filter(|l| !l.trim().is_empty()) {
        let pair: Value = serde_json::from_str(line).expect("pair JSON");
        let mut two = Vec::new();
        for side in ["a", "b"] {
            let s = &pair[side];
            let key = (s["doc"].as_str().map(str::to_string), s["content"].as_str().expect("content").to_string());
            let next = format!("s{}", ids.len() + 1);
            let id = ids.entry(key).or_insert_with(|| {
                let mut statement = json!({"id": next});
                for field in FIELDS {
                    if !s[field].is_null() {
                        statement[field] = s[field].clone();
                    }
                }
                statements.push(statement);
                next.clone()
            });
            two.push(id.clone());
        }
        ends.push((two[0].clone(), two[1].clone(), pair["label"].as_str().expect("label").to_string()));
    }
    (statements, ends)
}

#[test]
fn dev_pairs_linked_f1_is_as_measured() {
    let pairs = std::fs::read_to_string(shared("eval/claims/dev-pairs.jsonl")).expect("dev pairs");
    let (statements, ends) = pair_statements(&pairs);
    let scratch = Scratch::new("group-dev-pairs");
    let lines: Vec<String> = statements.iter().map(Value::to_string).collect();
    let input = scratch.write("in.jsonl", lines.join("\n").as_bytes());
    let output = hearsay(&["group", "--input", input.to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let claim_of: HashMap<String, String> = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("output JSON");
            assert!(["assert", "deny", "report", "question"].contains(&v["stance"].as_str().expect("stance")));
            (v["id"].as_str().expect("id").to_string(), v["claim"].as_str().expect("claim").to_string())
        })
        .collect();
    assert_eq!(claim_of.len(), statements.len());
    let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
    for (a, b, label) in &ends {
        let linked = claim_of[a] == claim_of[b];
        let gold = label != "different";
        match (gold, linked) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fn_ += 1.0,
            (false, false) => {}
        }
    }
    let (precision, recall) = (tp / (tp + fp), tp / (tp + fn_));
    let f1 = 100.0 * 2.0 * precision * recall / (precision + recall);
    // Measured with score_group.py: linked F1 56.5 (P 76.5, R 44.8), as
    // scripts/claims/claims.py group gives.
    assert!((f1 - 56.5).abs() <= 1.0, "linked F1 {f1:.1} (P {:.1})", 100.0 * precision);
    assert!((100.0 * precision - 76.5).abs() <= 1.0, "linked precision {:.1}", 100.0 * precision);
}

#[test]
fn ids_are_echoed_as_given_and_a_bad_line_is_named() {
    let scratch = Scratch::new("group-ids");
    let good = scratch.write(
        "good.jsonl",
        b"{\"id\": 7, \"content\": \"Apple will release a smartwatch with a sapphire screen in September\"}\n\n\
          {\"id\": \"x7\", \"content\": \"Apple to release sapphire-screen smartwatch in September\", \"cue\": \"said\"}\n",
    );
    let output = hearsay(&["group", "--input", good.to_str().expect("utf-8 path")]);
    assert!(output.status.success());
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("output JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!((&lines[0]["id"], &lines[1]["id"]), (&json!(7), &json!("x7")));
    assert_eq!(lines[0]["claim"], lines[1]["claim"], "the same claim: {lines:?}");

    let bad = scratch.write("bad.jsonl", b"{\"id\": 1, \"content\": \"fine\"}\n{\"id\": 2, \"content\": \n");
    let output = hearsay(&["group", "--input", bad.to_str().expect("utf-8 path")]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(0));
    assert!(stderr.contains("bad.jsonl:2: not JSON"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let no_content = scratch.write("no-content.jsonl", b"{\"id\": 1, \"text\": \"fine\"}\n");
    let output = hearsay(&["group", "--input", no_content.to_str().expect("utf-8 path")]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-content.jsonl:1: missing string field \"content\""), "{stderr}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let scratch = Scratch::new("group-pipe");
    let lines: Vec<String> = (0..2000)
        .map(|i| {
            json!({"id": i, "content": format!("The council voted {i} times on the bridge repairs budget")}).to_string()
        })
        .collect();
    let input = scratch.write("in.jsonl", lines.join("\n").as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearsay"))
        .args(["group", "--input", input.to_str().expect("utf-8 path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn hearsay");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
