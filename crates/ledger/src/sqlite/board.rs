//! Queries the HTTP server needs beyond the CLI's: one entity by id, entities
//! by name, and the voices of a claim board (a claim's first statements that
//! assert or deny it, dated, with their outlets).
//!
//! Each board query reads at most `per_side` statements per claim and side,
//! so a board's cost does not grow with how often a claim was repeated.
//!
//! Kept in their own file so that the server's needs and the CLI's queries
//! (`query.rs`) can change apart. Like every ledger query they return plain
//! structs and bind every value as an SQL parameter.

use rusqlite::{params, Connection, OptionalExtension};

use crate::encoding::{date_of, like_pattern};
use crate::model::{ArticleId, EntityId, EntityRef, EntitySummary, StatementId, Voice};
use crate::Error;

pub(crate) fn entity(conn: &Connection, id: EntityId) -> Result<Option<EntitySummary>, Error> {
    let found = conn
        .prepare_cached("SELECT id, name, kind, n_statements, n_relayed FROM entities WHERE id = ?1")?
        .query_row(params![id.0], entity_of_row)
        .optional()?;
    Ok(with_aliases(conn, found.into_iter().collect())?.pop())
}

pub(crate) fn entities_matching(conn: &Connection, text: &str, limit: usize) -> Result<Vec<EntitySummary>, Error> {
    let Some(pattern) = like_pattern(text) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, n_statements, n_relayed FROM entities
         WHERE norm LIKE ?1 ESCAPE '\\' OR id IN (SELECT entity_id FROM entity_aliases WHERE norm LIKE ?1 ESCAPE '\\')
         ORDER BY n_statements DESC, n_relayed DESC, id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![pattern, limit as i64], entity_of_row)?;
    with_aliases(conn, rows.collect::<Result<Vec<EntitySummary>, rusqlite::Error>>()?)
}

pub(crate) fn voices(conn: &Connection, claim_id: i64, stance: &str, limit: usize) -> Result<Vec<Voice>, Error> {
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
        Ok(Voice {
            statement: StatementId(row.get(0)?),
            article: ArticleId(row.get(1)?),
            speaker,
            source: row.get(4)?,
            date: date_of(row.get(5)?),
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

pub(super) fn entity_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<EntitySummary> {
    Ok(EntitySummary {
        id: EntityId(row.get(0)?),
        name: row.get(1)?,
        kind: row.get(2)?,
        n_statements: row.get::<_, i64>(3)? as u64,
        n_relayed: row.get::<_, i64>(4)? as u64,
        aliases: Vec::new(),
    })
}

/// The entities with their aliases filled in.
pub(super) fn with_aliases(conn: &Connection, mut entities: Vec<EntitySummary>) -> Result<Vec<EntitySummary>, Error> {
    for entity in &mut entities {
        entity.aliases = super::entities::aliases(conn, entity.id.0)?;
    }
    Ok(entities)
}
