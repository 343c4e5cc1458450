//! `hearsay group` (FORMAT.md, "hearsay group"): the measured figure on
//! `claims/dev-pairs.jsonl` read from `../shared` at run time, ids echoed as
//! given, bad input named by file and line, and a closed pipe ending quietly;
//! `--cv` on Emergent train as `scripts/claims/train.py` measures it, and
//! `--train --write` refitting the built-in weights.

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

#[test]
fn cross_validation_on_emergent_is_as_measured() {
    let csv = shared("eval/emergent/train.csv");
    let output = hearsay(&["group", "--cv", csv.to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // "threshold 0.30 seed 0.93: pairwise F1 75.4 (P 76.3, R 74.5); contested 52/72; stance 76.0"
    let line = stdout.lines().find(|l| l.starts_with("threshold 0.30 seed 0.93:")).expect("the join-0.3 line");
    let number_after = |tag: &str| -> f64 {
        let rest = &line[line.find(tag).unwrap_or_else(|| panic!("{tag} in {line}")) + tag.len()..];
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        rest[..end].parse().unwrap_or_else(|_| panic!("{tag} in {line}"))
    };
    // Measured: as train.py, 75.4 (P 76.3, R 74.5), contested 52/72, stance 76.0.
    let (f1, contested, stance) = (number_after("pairwise F1 "), number_after("contested "), number_after("stance "));
    assert!((f1 - 75.4).abs() <= 1.0, "{line}");
    assert!(contested >= 45.0, "{line}");
    assert!(line.contains("/72;"), "{line}");
    assert!((stance - 76.0).abs() <= 1.0, "{line}");
    assert!(stdout.contains("candidate recall of same-claim pairs: 12175/14367"), "{stdout}");
}

#[test]
fn training_on_emergent_rebuilds_the_built_in_weights() {
    let csv = shared("eval/emergent/train.csv");
    let scratch = Scratch::new("group-train");
    let dir = scratch.path("claims");
    let output =
        hearsay(&["group", "--train", csv.to_str().expect("utf-8 path"), "--write", dir.to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/data/claims/");
    let read = |path: std::path::PathBuf| std::fs::read_to_string(&path).expect("weights file");
    assert_eq!(read(dir.join("stance.txt")), read(format!("{data}stance.txt").into()));
    // pair.txt: the same lines, each number within 1e-5 (Python's cosine is summed in f32 and
    // its nearest neighbours break ties otherwise, which can move a fifth decimal).
    let (ours, theirs) = (read(dir.join("pair.txt")), read(format!("{data}pair.txt").into()));
    assert_eq!(ours.lines().count(), theirs.lines().count());
    for (a, b) in ours.lines().zip(theirs.lines()) {
        let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
        assert_eq!((wa[0], wa.len()), (wb[0], wb.len()), "{a} vs {b}");
        for (x, y) in wa.iter().zip(&wb) {
            match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(x), Ok(y)) => assert!((x - y).abs() <= 1.5e-5, "{a} vs {b}"),
                _ => assert_eq!(x, y, "{a} vs {b}"),
            }
        }
    }
}
