//! Output piped into a reader that stops early (`hearsay claims | head`)
//! ends quietly: exit code 0, nothing on standard error.

use std::path::Path;
use std::process::{Command, Stdio};

fn hearsay() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hearsay"));
    command.env_remove("HEARSAY_DB");
    command
}

fn example() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/zelenskyy-drones.txt"))
}

#[test]
fn a_closed_pipe_ends_every_listing_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("pipes.db");
    let db = db.to_str().expect("utf-8 path");
    let status = hearsay()
        .args(["ingest", "--db", db, "--published", "2025-04-22"])
        .arg(example())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run ingest");
    assert!(status.success());
    for args in [
        vec!["claims", "--db", db],
        vec!["claims", "--contested", "--json", "--db", db],
        vec!["entities", "--db", db],
        vec!["said-by", "Zelenskyy", "--db", db],
        vec!["search", "China", "--db", db],
        vec!["stats", "--db", db],
        vec!["--help"],
    ] {
        let mut child =
            hearsay().args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn hearsay");
        // The reader goes away before the first line is written.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
