//! `hearsay stance`: judge whether each text asserts, denies or observes a
//! claim; and rebuild or cross-validate the stance model on Emergent-style
//! CSV (columns `id,claim,text,stance,claim_id`).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use hearsay_core::headline_stance::{self as stance, HeadlineStance, StanceConfig, StanceExample, StanceModel};

/// Flags of `hearsay stance`.
#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines of {"id", "claim", "text"} (- for standard input); prints
    /// {"id", "stance"} per line.
    #[arg(long, value_name = "PAIRS.jsonl", conflicts_with_all = ["train", "cv"])]
    input: Option<PathBuf>,
    /// Train on this Emergent-style CSV and write the model to --out.
    #[arg(long, value_name = "CSV", requires = "out", conflicts_with = "cv")]
    train: Option<PathBuf>,
    /// Where --train writes the model (crates/core/data/stance.model to
    /// rebuild the built-in one).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Cross-validate on this CSV, grouping folds by claim_id, and print
    /// accuracy and macro-F1.
    #[arg(long, value_name = "CSV")]
    cv: Option<PathBuf>,
    /// Number of folds for --cv.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Where --cv writes its out-of-fold predictions as JSON Lines.
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,
}

/// A labelled row of an Emergent-style CSV.
struct Row {
    id: String,
    claim_id: String,
    example: StanceExample,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<i32> {
    if let Some(input) = &args.input {
        return classify(input);
    }
    if let Some(csv_path) = &args.train {
        let out = args.out.as_deref().context("--train needs --out")?;
        let rows = read_csv(csv_path)?;
        let examples: Vec<StanceExample> = rows.into_iter().map(|r| r.example).collect();
        let model = stance::train(&examples, &StanceConfig::recommended());
        std::fs::write(out, model.to_bytes()).with_context(|| format!("{}: cannot write the model", out.display()))?;
        eprintln!(
            "hearsay: trained on {} pairs, {} features, wrote {}",
            examples.len(),
            model.n_features(),
            out.display()
        );
        return Ok(0);
    }
    if let Some(csv_path) = &args.cv {
        return cross_validate(csv_path, args.folds, args.predictions.as_deref());
    }
    bail!("give --input PAIRS.jsonl, --train CSV --out FILE, or --cv CSV")
}

fn classify(input: &Path) -> anyhow::Result<i32> {
    let reader: Box<dyn BufRead> = if input == Path::new("-") {
        Box::new(BufReader::new(io::stdin()))
    } else {
        let file = File::open(input).with_context(|| format!("{}: cannot open", input.display()))?;
        Box::new(BufReader::new(file))
    };
    let model = StanceModel::builtin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (i, line) in reader.lines().enumerate() {
        let line_number = i + 1;
        let line = line.with_context(|| format!("{}:{line_number}: cannot read", input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let pair: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{}:{line_number}: not JSON", input.display()))?;
        let field = |name: &str| -> anyhow::Result<&str> {
            pair.get(name)
                .and_then(|v| v.as_str())
                .with_context(|| format!("{}:{line_number}: missing string field {name:?}", input.display()))
        };
        let (claim, text) = (field("claim")?, field("text")?);
        let id = pair.get("id").cloned().unwrap_or(serde_json::Value::Null);
        let stance = model.classify(claim, text);
        writeln!(out, "{}", serde_json::json!({"id": id, "stance": stance.as_str()}))?;
    }
    out.flush()?;
    Ok(0)
}

fn cross_validate(csv_path: &Path, folds: usize, predictions: Option<&Path>) -> anyhow::Result<i32> {
    if folds < 2 {
        bail!("--folds must be at least 2, not {folds}");
    }
    let rows = read_csv(csv_path)?;
    let examples: Vec<StanceExample> = rows.iter().map(|r| r.example.clone()).collect();
    let groups: Vec<&str> = rows.iter().map(|r| r.claim_id.as_str()).collect();
    let predicted = stance::cross_validate(&examples, &groups, folds, &StanceConfig::recommended());

    if let Some(path) = predictions {
        let file = File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
        let mut out = BufWriter::new(file);
        for (row, stance) in rows.iter().zip(&predicted) {
            writeln!(out, "{}", serde_json::json!({"id": row.id, "stance": stance.as_str()}))?;
        }
        out.flush()?;
    }

    let n = rows.len().max(1) as f64;
    let right = rows.iter().zip(&predicted).filter(|(r, p)| r.example.stance == **p).count();
    let mut f1s = Vec::new();
    for class in HeadlineStance::ALL {
        let tp = rows.iter().zip(&predicted).filter(|(r, p)| **p == class && r.example.stance == class).count();
        let n_predicted = predicted.iter().filter(|p| **p == class).count();
        let n_gold = rows.iter().filter(|r| r.example.stance == class).count();
        let precision = if n_predicted > 0 { tp as f64 / n_predicted as f64 } else { 0.0 };
        let recall = if n_gold > 0 { tp as f64 / n_gold as f64 } else { 0.0 };
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        f1s.push((class, f1));
    }
    let macro_f1 = f1s.iter().map(|(_, f)| f).sum::<f64>() / f1s.len() as f64;
    let per_class: Vec<String> = f1s.iter().map(|(c, f)| format!("{} {:.1}", c.as_str(), 100.0 * f)).collect();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "stance {folds}-fold cross-validation by claim on {} pairs: accuracy {:.1}, macro-F1 {:.1}; F1 {}",
        rows.len(),
        100.0 * right as f64 / n,
        100.0 * macro_f1,
        per_class.join(" ")
    )?;
    Ok(0)
}

/// Reads an Emergent-style CSV by its header names; `claim_id` may be
/// missing (each row is then its own group).
fn read_csv(path: &Path) -> anyhow::Result<Vec<Row>> {
    let mut reader =
        csv::ReaderBuilder::new().from_path(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let headers = reader.headers().with_context(|| format!("{}:1: bad header", path.display()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(id_col), Some(claim_col), Some(text_col), Some(stance_col)) =
        (column("id"), column("claim"), column("text"), column("stance"))
    else {
        bail!("{}:1: the header needs the columns id, claim, text and stance", path.display());
    };
    let claim_id_col = column("claim_id");

    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{}: bad CSV", path.display()))?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let get = |col: usize, name: &str| -> anyhow::Result<String> {
            record
                .get(col)
                .map(str::to_string)
                .with_context(|| format!("{}:{line}: missing field {name:?}", path.display()))
        };
        let id = get(id_col, "id")?;
        let stance_name = get(stance_col, "stance")?;
        let Some(stance) = HeadlineStance::parse(&stance_name) else {
            bail!("{}:{line}: unknown stance {stance_name:?} (for, against, observing)", path.display());
        };
        let claim_id = match claim_id_col {
            Some(col) => get(col, "claim_id")?,
            None => id.clone(),
        };
        rows.push(Row {
            id,
            claim_id,
            example: StanceExample { claim: get(claim_col, "claim")?, text: get(text_col, "text")?, stance },
        });
    }
    Ok(rows)
}
