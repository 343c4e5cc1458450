//! `hearsay group`: group statements into claims across articles with the
//! machinery the ledger uses (`hearsay_core::claims::propositions`), and give
//! each statement its stance towards its claim (FORMAT.md, "hearsay group").

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use hearsay_core::claims::propositions::{group, Attributed, ClaimModel, IncrementalGrouper, Proposition};
use hearsay_core::Stance;

/// Flags of `hearsay group`.
#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines of statements, {"id", "content"} and where known "source",
    /// "cue", "context" and "published" (YYYY-MM-DD) (- for standard input);
    /// prints {"id", "claim", "stance"} per line.
    #[arg(long, value_name = "STATEMENTS.jsonl")]
    input: PathBuf,
    /// Write there instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Group one statement at a time, in input order, as the ledger does
    /// (IncrementalGrouper), instead of all at once.
    #[arg(long)]
    incremental: bool,
}

/// One input statement: its id as given, and its analysis.
struct Statement {
    id: serde_json::Value,
    proposition: Proposition,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let model = ClaimModel::builtin();
    let statements = read_statements(&args.input, &model)?;
    let propositions: Vec<Proposition> = statements.iter().map(|s| s.proposition.clone()).collect();
    let (claim_of, stances): (Vec<u32>, Vec<Stance>) = if args.incremental {
        let mut grouper = IncrementalGrouper::new();
        let stances = propositions.iter().map(Proposition::stance).collect();
        for proposition in propositions {
            grouper.add(&model, proposition);
        }
        (grouper.claim_of().to_vec(), stances)
    } else {
        let grouping = group(&model, &propositions);
        (grouping.claim_of().to_vec(), grouping.stances().to_vec())
    };
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(File::create(path).with_context(|| format!("{}: cannot create", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    for (i, statement) in statements.iter().enumerate() {
        let claim = format!("c{}", claim_of[i] + 1);
        let stance = stances[i].as_str();
        writeln!(out, "{}", serde_json::json!({"id": statement.id, "claim": claim, "stance": stance}))?;
    }
    out.flush()?;
    Ok(0)
}

/// Reads and analyses the statements of `input`; a line that is not a JSON
/// object with a string "content" is an error naming the file and line.
fn read_statements(input: &Path, model: &ClaimModel) -> anyhow::Result<Vec<Statement>> {
    let reader: Box<dyn BufRead> = if input == Path::new("-") {
        Box::new(BufReader::new(io::stdin()))
    } else {
        let file = File::open(input).with_context(|| format!("{}: cannot open", input.display()))?;
        Box::new(BufReader::new(file))
    };
    let mut statements = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line_number = i + 1;
        let line = line.with_context(|| format!("{}:{line_number}: cannot read", input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{}:{line_number}: not JSON", input.display()))?;
        let content = value
            .get("content")
            .and_then(|v| v.as_str())
            .with_context(|| format!("{}:{line_number}: missing string field \"content\"", input.display()))?;
        let text = |field: &str| value.get(field).and_then(|v| v.as_str());
        let published = match text("published") {
            Some(day) => Some(
                chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                    .with_context(|| format!("{}:{line_number}: \"published\" is not YYYY-MM-DD", input.display()))?,
            ),
            None => None,
        };
        let attributed = Attributed { source: text("source"), cue: text("cue"), context: text("context"), published };
        let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
        statements.push(Statement { id, proposition: model.attributed_statement(content, &attributed) });
    }
    Ok(statements)
}
