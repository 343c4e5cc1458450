//! `hearsay said-by`: everything one speaker said, dated.

use hearsay_ledger::Statement;
use std::io::Write as _;

/// Flags of `hearsay said-by`.
#[derive(clap::Args)]
pub struct Args {
    /// The speaker's name ("Zelenskyy", "the Foreign Office").
    #[arg(required = true)]
    entity: Vec<String>,
    /// At most this many statements.
    #[arg(long, default_value_t = 200)]
    limit: usize,
    /// Print JSON Lines, one statement a line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: crate::db::DbArg,
}

/// Runs the command; the exit code is 1 when nothing was found.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let ledger = args.db.open_existing()?;
    let entity = args.entity.join(" ");
    let statements = ledger.said_by(&entity, args.limit)?;
    for statement in &statements {
        if args.json {
            writeln!(out, "{}", hearsay_server::statement_json(statement, None))?;
        } else {
            writeln!(out, "{}", statement_line(statement))?;
        }
    }
    if statements.is_empty() {
        eprintln!("hearsay: no statements by {entity:?}");
        return Ok(1);
    }
    Ok(0)
}

/// A statement as one line of text: date, speaker, stance, content, where.
pub(crate) fn statement_line(statement: &Statement) -> String {
    let date = statement.date().map_or_else(|| "undated   ".to_string(), |d| d.to_string());
    let speaker = statement.speaker.as_ref().map_or("(unknown)", |e| e.name.as_str());
    let mut line = format!(
        "{date}  {speaker}  {}  \"{}\"  [{}",
        statement.stance.as_str(),
        statement.content,
        statement.article_key
    );
    if let Some(outlet) = &statement.outlet {
        line.push_str(&format!(", {outlet}"));
    }
    line.push(']');
    if !statement.relayed_by.is_empty() {
        let relays: Vec<&str> = statement.relayed_by.iter().map(|e| e.name.as_str()).collect();
        line.push_str(&format!(" via {}", relays.join(", ")));
    }
    line
}
