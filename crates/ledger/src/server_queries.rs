//! Queries the HTTP server needs beyond the CLI's: one entity by id, entities
//! by name, and the claim board (each claim with the first voices that assert
//! and deny it, dated, with their outlets).
//!
//! Each board query reads at most `per_side` statements per claim and side,
//! so a board's cost does not grow with how often a claim was repeated.
//!
//! Kept in their own file so that the server's needs and the CLI's queries
//! (`query.rs`) can change apart. Like every ledger query they return plain
//! structs and bind every value as an SQL parameter.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::model::{ArticleId, ClaimFilter, ClaimSummary, EntityId, EntityRef, EntitySummary, StatementId};
use crate::{Error, Ledger};

/// One statement on a claim board: who said it, when and through which
/// outlets, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// The statement.
    pub statement: StatementId,
    /// The article it appeared in.
    pub article: ArticleId,
    /// The speaker, when resolved.
    pub speaker: Option<EntityRef>,
    /// The source as written, for statements without a resolved speaker.
    pub source: Option<String>,
    /// When it was said, else when its article was published.
    pub date: Option<NaiveDate>,
    /// The outlet of the article it appeared in.
    pub outlet: Option<String>,
    /// Who relayed it, nearest first.
    pub relayed_by: Vec<EntityRef>,
}

/// A claim with its first asserting and denying voices.
///
/// "First" is in storage order, not by date: a claim repeated by thousands
/// of reprints would otherwise need all its statements read and sorted for
/// every board. Ingest order is mostly date order; the claim's earliest
/// date is in [`ClaimSummary::first_said`], and its whole history, in
/// date order, in [`Ledger::timeline`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimVoices {
    /// The claim and its tallies (`n_assert` and `n_deny` count every
    /// voice, also those not listed).
    pub claim: ClaimSummary,
    /// The first statements stored that assert it, at most `per_side`,
    /// in date order.
    pub asserted_by: Vec<Voice>,
    /// The first statements stored that deny it, at most `per_side`, in
    /// date order.
    pub denied_by: Vec<Voice>,
}

impl Ledger {
    /// One entity by id.
    pub fn entity(&self, id: EntityId) -> Result<Option<EntitySummary>, Error> {
        let found = self
            .conn
            .prepare_cached("SELECT id, name, kind, n_statements, n_relayed FROM entities WHERE id = ?1")?
            .query_row(params![id.0], entity_of_row)
            .optional()?;
        Ok(found)
    }

    /// Entities whose name contains `text` (ignoring case), the most quoted
    /// first; at most `limit`.
    pub fn entities_matching(&self, text: &str, limit: usize) -> Result<Vec<EntitySummary>, Error> {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let pattern = format!("%{}%", needle.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, n_statements, n_relayed FROM entities WHERE norm LIKE ?1 ESCAPE '\\'
             ORDER BY n_statements DESC, n_relayed DESC, id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![pattern, limit as i64], entity_of_row)?;
        Ok(rows.collect::<Result<Vec<EntitySummary>, rusqlite::Error>>()?)
    }

    /// The claim board: claims as [`Ledger::claims`] lists them, each with
    /// its first `per_side` asserting and denying statements (see
    /// [`ClaimVoices`]).
    pub fn claim_board(&self, filter: &ClaimFilter, per_side: usize) -> Result<Vec<ClaimVoices>, Error> {
        let claims = self.claims(filter)?;
        let mut board = Vec::with_capacity(claims.len());
        for claim in claims {
            let asserted_by = voices(&self.conn, claim.id.0, "assert", per_side)?;
            let denied_by = voices(&self.conn, claim.id.0, "deny", per_side)?;
            board.push(ClaimVoices { claim, asserted_by, denied_by });
        }
        Ok(board)
    }
}

fn voices(conn: &Connection, claim_id: i64, stance: &str, limit: usize) -> Result<Vec<Voice>, Error> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.article_id, s.speaker_id, e.name, s.source_text, s.date, a.outlet
         FROM (SELECT statement_id FROM claim_members WHERE claim_id = ?1 AND stance = ?2
               ORDER BY statement_id LIMIT ?3) m
         JOIN statements s ON s.id = m.statement_id
         JOIN articles a ON a.id = s.article_id LEFT JOIN entities e ON e.id = s.speaker_id
         ORDER BY s.date IS NULL, s.date, s.id",
    )?;
    let rows = stmt.query_map(params![claim_id, stance, limit as i64], |row| {
        let speaker = match (row.get::<_, Option<i64>>(2)?, row.get::<_, Option<String>>(3)?) {
            (Some(id), Some(name)) => Some(EntityRef { id: EntityId(id), name }),
            _ => None,
        };
        let date: Option<String> = row.get(5)?;
        Ok(Voice {
            statement: StatementId(row.get(0)?),
            article: ArticleId(row.get(1)?),
            speaker,
            source: row.get(4)?,
            date: date.and_then(|text| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()),
            outlet: row.get(6)?,
            relayed_by: Vec::new(),
        })
    })?;
    let mut out = rows.collect::<Result<Vec<Voice>, rusqlite::Error>>()?;
    let mut relays = conn.prepare_cached(
        "SELECT r.entity_id, e.name FROM statement_relays r JOIN entities e ON e.id = r.entity_id
         WHERE r.statement_id = ?1 ORDER BY r.position",
    )?;
    for voice in &mut out {
        let rows = relays.query_map(params![voice.statement.0], |row| {
            Ok(EntityRef { id: EntityId(row.get(0)?), name: row.get(1)? })
        })?;
        voice.relayed_by = rows.collect::<Result<Vec<EntityRef>, rusqlite::Error>>()?;
    }
    Ok(out)
}

fn entity_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<EntitySummary> {
    Ok(EntitySummary {
        id: EntityId(row.get(0)?),
        name: row.get(1)?,
        kind: row.get(2)?,
        n_statements: row.get::<_, i64>(3)? as u64,
        n_relayed: row.get::<_, i64>(4)? as u64,
    })
}
