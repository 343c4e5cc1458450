//! `hearsay ingest` and the ledger queries as a user runs them: idempotent
//! ingest, a run killed with SIGKILL and completed by a rerun, and every
//! query command answering JSON. Corpora are read from `../shared` at run
//! time.

mod common;

use std::path::Path;

use common::{shared, Scratch};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use hearsay_ledger::{Counts, Ledger};

const HEARSAY: &str = env!("CARGO_BIN_EXE_hearsay");

fn hearsay(args: &[&str]) -> Output {
    Command::new(HEARSAY).args(args).env_remove("HEARSAY_DB").output().expect("run hearsay")
}

fn ingest_json(db: &Path, input: &Path) -> serde_json::Value {
    let out = hearsay(&["ingest", "--json", "--db", path_str(db), path_str(input)]);
    assert!(out.status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("ingest --json prints one object")
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

fn counts(db: &Path) -> Counts {
    Ledger::open_read_only(db).expect("open ledger").counts().expect("counts")
}

#[test]
fn ingest_twice_changes_no_count() {
    let scratch = Scratch::new("twice");
    let db = scratch.path("ledger.db");
    let input = shared("corpus/bbc-news/news/politics");
    let first = ingest_json(&db, &input);
    let after_first = counts(&db);
    assert!(first["stored"].as_u64().expect("stored") > 300);
    let second = ingest_json(&db, &input);
    assert_eq!(second["stored"], 0);
    assert_eq!(second["duplicates"], first["read"]);
    assert_eq!(counts(&db), after_first);
}

#[test]
fn ingest_killed_midway_then_rerun_matches_clean_run() {
    let scratch = Scratch::new("kill");
    let input = shared("corpus/bbc-news/news");
    let clean_db = scratch.path("clean.db");
    ingest_json(&clean_db, &input);
    let clean = counts(&clean_db);

    let killed_db = scratch.path("killed.db");
    let mut child = Command::new(HEARSAY)
        .args(["ingest", "--db", path_str(&killed_db), path_str(&input)])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn ingest");
    // Wait for the first committed batches, then kill without warning.
    let started = Instant::now();
    let mut seen = 0;
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        seen = Ledger::open_read_only(&killed_db).ok().and_then(|l| l.counts().ok()).map_or(0, |c| c.articles);
        if seen >= 200 {
            break;
        }
    }
    child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
    let status = child.wait().expect("reap");
    let partial = counts(&killed_db);
    assert!(!status.success(), "ingest finished before it could be killed ({seen} articles seen)");
    assert!(partial.articles >= 200 && partial.articles < clean.articles, "killed mid-way: {partial:?} of {clean:?}");

    let rerun = ingest_json(&killed_db, &input);
    assert_eq!(rerun["duplicates"].as_u64(), Some(partial.articles));
    // Claims within 1%: a statement's claim reads its speaker's name, which the relink at the
    // end of the killed run may have changed before the rerun attached the rest.
    let rerun = counts(&killed_db);
    assert_eq!(
        (rerun.articles, rerun.origins, rerun.statements, rerun.entities),
        (clean.articles, clean.origins, clean.statements, clean.entities)
    );
    assert!(rerun.claims.abs_diff(clean.claims) * 100 <= clean.claims, "{rerun:?} vs {clean:?}");
}

#[test]
fn query_commands_answer() {
    let scratch = Scratch::new("queries");
    let db = scratch.path("ledger.db");
    ingest_json(&db, &shared("eval/seed"));
    ingest_json(&db, &shared("corpus/bbc-news/news/business"));
    let db = path_str(&db);
    let out = hearsay(&["claims", "--json", "--db", db]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("json line"))
        .collect();
    assert!(!lines.is_empty());
    // Contested claims come first.
    let contested: Vec<bool> = lines.iter().map(|c| c["contested"].as_bool().unwrap_or(false)).collect();
    assert!(contested.windows(2).all(|w| w[0] >= w[1]));
    let claim_id = lines[0]["id"].to_string();
    let out = hearsay(&["timeline", "--json", "--db", db, &claim_id]);
    assert!(out.status.success());
    let timeline: serde_json::Value = serde_json::from_slice(&out.stdout).expect("timeline json");
    assert_eq!(timeline["id"], lines[0]["id"]);
    // The first assertion is "first" (a denial may come earlier: it is "denied").
    let events = timeline["timeline"].as_array().expect("events");
    let first = events.iter().position(|e| e["role"] == "first").expect("a first assertion");
    assert!(events[..first].iter().all(|e| e["role"] == "denied" || e["role"] == "questioned"), "{timeline}");
    // The same JSON as the API's (crates/server/src/wire_json.rs): the
    // statement's article nested, its speaker an {id, name}.
    let statement = &timeline["timeline"][0]["statement"];
    assert!(statement["article"]["key"].is_string() && statement["speaker"]["id"].is_number(), "{statement}");
    for args in [
        vec!["search", "--json", "--db", db, "said"],
        vec!["entities", "--json", "--db", db],
        vec!["claims", "--contested", "--about", "China", "--db", db],
    ] {
        let out = hearsay(&args);
        assert!(
            out.status.success() || out.status.code() == Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = hearsay(&["said-by", "--db", db, "nobody such as this"]);
    assert_eq!(out.status.code(), Some(1));
    let out = hearsay(&["claims", "--db", path_str(&scratch.path("missing.db"))]);
    assert_eq!(out.status.code(), Some(2), "a missing ledger is an error, not a new empty one");
}

#[test]
fn unreadable_input_is_reported_and_skipped() {
    let scratch = Scratch::new("bad");
    let bad = scratch.path("bad.txt");
    std::fs::write(&bad, [0xff, 0xfe, 0x00]).expect("write");
    let good = scratch.path("good.txt");
    std::fs::write(&good, "The minister said the bridge would reopen in May.").expect("write");
    let out = hearsay(&["ingest", "--json", "--db", path_str(&scratch.path("l.db")), path_str(&bad), path_str(&good)]);
    assert_eq!(out.status.code(), Some(1));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!((summary["stored"].as_u64(), summary["skipped"].as_u64()), (Some(1), Some(1)));
}
