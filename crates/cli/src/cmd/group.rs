//! `hearsay group`: group statements into claims across articles with the
//! machinery the ledger uses (`hearsay_core::claims::propositions`), and give
//! each statement its stance towards its claim (FORMAT.md, "hearsay group");
//! and, on an Emergent-style CSV, cross-validate the pair and stance models
//! (`--cv`) or refit them (`--train --write`), as `scripts/claims/train.py`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use hearsay_core::claims::propositions::train::{self, Example};
use hearsay_core::claims::propositions::{group, Attributed, ClaimModel, IncrementalGrouper, Proposition};
use hearsay_core::Stance;

/// Flags of `hearsay group`.
#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines of statements, {"id", "content"} and where known "source",
    /// "cue", "context" and "published" (YYYY-MM-DD) (- for standard input);
    /// prints {"id", "claim", "stance"} per line.
    #[arg(long, value_name = "STATEMENTS.jsonl", required_unless_present_any = ["cv", "train"])]
    input: Option<PathBuf>,
    /// Write there instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Group one statement at a time, in input order, as the ledger does
    /// (IncrementalGrouper), instead of all at once.
    #[arg(long)]
    incremental: bool,
    /// Cross-validate the pair and stance models on this Emergent-style CSV
    /// (columns text, stance, claim_id), 5 folds grouped by claim, and print
    /// the grouping's figures at joins 0.3, 0.5 and 0.7.
    #[arg(long, value_name = "CSV", conflicts_with_all = ["input", "train", "incremental", "output"])]
    cv: Option<PathBuf>,
    /// Fit the pair and stance models on all of this Emergent-style CSV and
    /// write pair.txt and stance.txt to --write.
    #[arg(long, value_name = "CSV", requires = "write", conflicts_with_all = ["input", "incremental", "output"])]
    train: Option<PathBuf>,
    /// Where --train writes pair.txt and stance.txt (crates/core/data/claims
    /// to rebuild the built-in ones).
    #[arg(long, value_name = "DIR", requires = "train")]
    write: Option<PathBuf>,
}

/// One input statement: its id as given, and its analysis.
struct Statement {
    id: serde_json::Value,
    proposition: Proposition,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let model = ClaimModel::builtin();
    if let Some(csv_path) = &args.cv {
        return cross_validate(&model, csv_path);
    }
    if let (Some(csv_path), Some(dir)) = (&args.train, &args.write) {
        return write_models(&model, csv_path, dir);
    }
    let Some(input) = &args.input else { bail!("give --input STATEMENTS.jsonl, --cv CSV or --train CSV --write DIR") };
    let statements = read_statements(input, &model)?;
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

/// A row of an Emergent-style CSV: its text, claim and gold stance.
struct Row {
    text: String,
    claim: String,
    stance: Stance,
}

/// Reads an Emergent-style CSV by its header names (`text`, `stance`,
/// `claim_id`); stance for, against or observing is assert, deny or report.
fn read_emergent(path: &Path) -> anyhow::Result<Vec<Row>> {
    let mut reader =
        csv::ReaderBuilder::new().from_path(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let headers = reader.headers().with_context(|| format!("{}:1: bad header", path.display()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(text_col), Some(stance_col), Some(claim_col)) = (column("text"), column("stance"), column("claim_id"))
    else {
        bail!("{}:1: the header needs the columns text, stance and claim_id", path.display());
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{}: bad CSV", path.display()))?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let get = |col: usize, name: &str| {
            record.get(col).with_context(|| format!("{}:{line}: missing field {name:?}", path.display()))
        };
        let stance = match get(stance_col, "stance")? {
            "for" => Stance::Assert,
            "against" => Stance::Deny,
            "observing" => Stance::Report,
            other => bail!("{}:{line}: unknown stance {other:?} (for, against, observing)", path.display()),
        };
        rows.push(Row {
            text: get(text_col, "text")?.to_string(),
            claim: get(claim_col, "claim_id")?.to_string(),
            stance,
        });
    }
    if rows.is_empty() {
        bail!("{}: no rows", path.display());
    }
    Ok(rows)
}

fn examples(rows: &[Row]) -> Vec<Example<'_>> {
    rows.iter().map(|r| Example { text: &r.text, claim: &r.claim, stance: r.stance }).collect()
}

/// `--cv`: the figures `scripts/claims/train.py` prints, the time on
/// standard error.
fn cross_validate(model: &ClaimModel, csv_path: &Path) -> anyhow::Result<i32> {
    let rows = read_emergent(csv_path)?;
    let started = std::time::Instant::now();
    let seed = model.thresholds(false).seed;
    let cv = train::cross_validate(model, &examples(&rows), &[0.3, 0.5, 0.7], seed)
        .with_context(|| format!("{}: cannot fit", csv_path.display()))?;
    let elapsed = started.elapsed();
    let mut out = io::stdout().lock();
    writeln!(out, "{} statements, {} candidate pairs", cv.statements, cv.candidate_pairs)?;
    writeln!(
        out,
        "candidate recall of same-claim pairs: {}/{} = {:.3}",
        cv.candidate_same,
        cv.same_pairs,
        cv.candidate_same as f64 / cv.same_pairs.max(1) as f64
    )?;
    writeln!(out, "training pairs: {} of {} ({} same)", cv.training_pairs, cv.candidate_pairs, cv.training_same)?;
    writeln!(
        out,
        "  with 'question' for a report ending in '?': {} statements, accuracy {:.1} (Emergent has no question label)",
        cv.questions,
        100.0 * cv.accuracy_with_questions
    )?;
    writeln!(
        out,
        "stance CV accuracy {:.1}  confusion (rows gold a/d/r, columns predicted):",
        100.0 * cv.stance_accuracy
    )?;
    for row in cv.confusion {
        writeln!(out, "{:>5} {:>5} {:>5}", row[0], row[1], row[2])?;
    }
    for g in &cv.groupings {
        writeln!(
            out,
            "threshold {:.2} seed {}: pairwise F1 {:.1} (P {:.1}, R {:.1}); contested {}/{}; stance {:.1}",
            g.thresholds.join,
            g.thresholds.seed,
            100.0 * g.f1,
            100.0 * g.precision,
            100.0 * g.recall,
            g.contested_found,
            g.contested,
            100.0 * cv.stance_accuracy
        )?;
    }
    out.flush()?;
    eprintln!("cross-validation: {:.1} s", elapsed.as_secs_f64());
    Ok(0)
}

/// `--train --write`: pair.txt and stance.txt fitted on all rows.
fn write_models(model: &ClaimModel, csv_path: &Path, dir: &Path) -> anyhow::Result<i32> {
    let rows = read_emergent(csv_path)?;
    let trained =
        train::train(model, &examples(&rows)).with_context(|| format!("{}: cannot fit", csv_path.display()))?;
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    for (name, text) in [("pair.txt", trained.pair_txt(model)), ("stance.txt", trained.stance_txt())] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(0)
}
