//! `hearsay migrate`: a SQLite ledger copied whole into an empty PostgreSQL
//! one, keeping every id, in one transaction (an interrupted copy leaves the
//! target empty, and the copy can simply be run again).
//!
//! Rows go through `COPY ... FROM STDIN BINARY`, table by table in the
//! order of their foreign keys. The full-text index is dropped before the
//! statements are copied and built once after (building a GIN index whole
//! is several times faster than updating it row by row); the identity
//! sequences then continue after the highest copied id, and `VACUUM
//! ANALYZE` gives the planner the new tables' statistics.

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use rusqlite::types::ValueRef;

use super::PgLedger;
use crate::model::Counts;
use crate::Error;

/// Each table with its columns and their PostgreSQL types, in copy order.
const TABLES: &[(&str, &[(&str, Kind)])] = &[
    (
        "articles",
        &[
            ("id", Kind::Int),
            ("content_hash", Kind::Bytes),
            ("key", Kind::Text),
            ("origin_path", Kind::Text),
            ("title", Kind::Text),
            ("outlet", Kind::Text),
            ("url", Kind::Text),
            ("byline", Kind::Text),
            ("published", Kind::Text),
            ("text", Kind::Text),
            ("origin_id", Kind::Int),
            ("minhash", Kind::Bytes),
        ],
    ),
    ("article_bands", &[("band", Kind::Int), ("article_id", Kind::Int)]),
    (
        "entities",
        &[
            ("id", Kind::Int),
            ("name", Kind::Text),
            ("norm", Kind::Text),
            ("kind", Kind::Text),
            ("n_statements", Kind::Int),
            ("n_relayed", Kind::Int),
            ("spelling", Kind::Text),
        ],
    ),
    (
        "entity_aliases",
        &[("id", Kind::Int), ("norm", Kind::Text), ("entity_id", Kind::Int), ("name", Kind::Text), ("how", Kind::Text)],
    ),
    (
        "statements",
        &[
            ("id", Kind::Int),
            ("article_id", Kind::Int),
            ("origin_id", Kind::Int),
            ("ordinal", Kind::Int),
            ("source_text", Kind::Text),
            ("source_spans", Kind::Text),
            ("cue_text", Kind::Text),
            ("cue_spans", Kind::Text),
            ("content_text", Kind::Text),
            ("content_spans", Kind::Text),
            ("kind", Kind::Text),
            ("speaker_id", Kind::Int),
            ("stance", Kind::Text),
            ("said_from", Kind::Text),
            ("said_to", Kind::Text),
            ("said_evidence", Kind::Text),
            ("date", Kind::Text),
            ("confidence", Kind::Real),
        ],
    ),
    ("surname_statements", &[("statement_id", Kind::Int), ("norm", Kind::Text), ("name", Kind::Text)]),
    ("statement_relays", &[("statement_id", Kind::Int), ("position", Kind::Int), ("entity_id", Kind::Int)]),
    (
        "claims",
        &[
            ("id", Kind::Int),
            ("text", Kind::Text),
            ("key", Kind::Text),
            ("n_statements", Kind::Int),
            ("n_assert", Kind::Int),
            ("n_deny", Kind::Int),
            ("n_report", Kind::Int),
            ("n_question", Kind::Int),
            ("n_origins", Kind::Int),
            ("contested", Kind::Int),
            ("first_said", Kind::Text),
        ],
    ),
    (
        "claim_members",
        &[
            ("claim_id", Kind::Int),
            ("statement_id", Kind::Int),
            ("origin_id", Kind::Int),
            ("stance", Kind::Text),
            ("speaker_id", Kind::Int),
            ("date", Kind::Text),
        ],
    ),
];

/// Tables whose ids come from an identity column.
const IDENTITY_TABLES: &[&str] = &["entities", "entity_aliases", "statements", "claims"];

#[derive(Debug, Clone, Copy)]
enum Kind {
    Int,
    Real,
    Text,
    Bytes,
}

impl Kind {
    fn pg_type(self) -> Type {
        match self {
            Kind::Int => Type::INT8,
            Kind::Real => Type::FLOAT8,
            Kind::Text => Type::TEXT,
            Kind::Bytes => Type::BYTEA,
        }
    }
}

/// How often `progress` hears of a table being copied.
const PROGRESS_EVERY: u64 = 50_000;

pub(crate) fn from_sqlite(
    source: &rusqlite::Connection,
    target: &mut PgLedger,
    progress: &mut dyn FnMut(&str, u64),
) -> Result<Counts, Error> {
    let found = target.counts()?.articles;
    if found > 0 {
        return Err(Error::TargetNotEmpty { articles: found });
    }
    let client = &mut target.conn_mut().client;
    let mut tx = client.transaction()?;
    // No writer may start meanwhile (see write.rs).
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&super::write::WRITE_LOCK])?;
    tx.batch_execute("SET LOCAL maintenance_work_mem = '256MB'; DROP INDEX statements_search")?;
    for (table, columns) in TABLES {
        let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
        let types: Vec<Type> = columns.iter().map(|(_, kind)| kind.pg_type()).collect();
        let sink = tx.copy_in(&format!("COPY {table} ({}) FROM STDIN BINARY", names.join(", ")))?;
        let mut writer = BinaryCopyInWriter::new(sink, &types);
        let mut select = source.prepare(&source_query(table, &names))?;
        let mut rows = select.query([])?;
        let mut n_rows: u64 = 0;
        while let Some(row) = rows.next()? {
            let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::with_capacity(columns.len());
            for (idx, (name, kind)) in columns.iter().enumerate() {
                values.push(
                    value(row.get_ref(idx)?, *kind)
                        .map_err(|why| Error::Corrupt(format!("{table}.{name} of row {}: {why}", n_rows + 1)))?,
                );
            }
            let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|value| value.as_ref()).collect();
            writer.write(&refs)?;
            n_rows += 1;
            if n_rows % PROGRESS_EVERY == 0 {
                progress(table, n_rows);
            }
        }
        writer.finish()?;
        progress(table, n_rows);
    }
    tx.batch_execute("CREATE INDEX statements_search ON statements USING GIN (search)")?;
    for table in IDENTITY_TABLES {
        tx.batch_execute(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
        ))?;
    }
    tx.commit()?;
    // Statistics for the planner, and the visibility map that lets index-only
    // scans skip the heap (VACUUM cannot run inside the transaction).
    client.batch_execute("VACUUM ANALYZE")?;
    target.counts()
}

/// The SQLite query for a table's rows: its own columns, except that
/// claim members take their statement's speaker and date (PostgreSQL keeps
/// copies of them, see `schema.rs`).
fn source_query(table: &str, names: &[&str]) -> String {
    match table {
        "claim_members" => "SELECT m.claim_id, m.statement_id, m.origin_id, m.stance, s.speaker_id, s.date
             FROM claim_members m JOIN statements s ON s.id = m.statement_id"
            .to_string(),
        _ => format!("SELECT {} FROM {table}", names.join(", ")),
    }
}

fn value(value: ValueRef<'_>, kind: Kind) -> Result<Box<dyn ToSql + Sync>, String> {
    Ok(match (kind, value) {
        (Kind::Int, ValueRef::Integer(v)) => Box::new(v),
        (Kind::Int, ValueRef::Null) => Box::new(None::<i64>),
        (Kind::Real, ValueRef::Real(v)) => Box::new(v),
        (Kind::Real, ValueRef::Integer(v)) => Box::new(v as f64),
        (Kind::Real, ValueRef::Null) => Box::new(None::<f64>),
        (Kind::Text, ValueRef::Text(bytes)) => {
            Box::new(std::str::from_utf8(bytes).map_err(|err| err.to_string())?.to_string())
        }
        (Kind::Text, ValueRef::Null) => Box::new(None::<String>),
        (Kind::Bytes, ValueRef::Blob(bytes)) => Box::new(bytes.to_vec()),
        (Kind::Bytes, ValueRef::Null) => Box::new(None::<Vec<u8>>),
        (kind, other) => return Err(format!("expected {kind:?}, found {:?}", other.data_type())),
    })
}
