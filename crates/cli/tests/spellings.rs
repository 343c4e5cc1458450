//! `said-by` finds a speaker under any spelling of the name: the seed's
//! "Volodymyr Zelenskyy" is found as "Zelenskiy" and "Zelensky" too.

use std::path::Path;
use std::process::Command;

#[test]
fn said_by_finds_every_spelling() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("spellings.db");
    let db = db.to_str().expect("utf-8 path");
    let example = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/zelenskyy-drones.txt"));
    let hearsay = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hearsay"));
        command.env_remove("HEARSAY_DB");
        command
    };
    let status = hearsay()
        .args(["ingest", "--db", db, "--published", "2025-04-22"])
        .arg(example)
        .output()
        .expect("run ingest")
        .status;
    assert!(status.success());
    let said_by = |name: &str| -> String {
        let output = hearsay().args(["said-by", name, "--db", db]).output().expect("run said-by");
        assert!(output.status.success(), "{name}");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let canonical = said_by("Volodymyr Zelenskyy");
    assert!(canonical.lines().count() >= 5, "{canonical}");
    for spelling in ["Zelenskiy", "Zelensky", "Volodymyr Zelenskiy"] {
        assert_eq!(said_by(spelling), canonical, "{spelling}");
    }
}
