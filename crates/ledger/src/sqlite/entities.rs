//! Entities on SQLite: the ids the write path gives speakers and relays,
//! their aliases, and the relink (the decisions are `crate::entities`').

use hearsay_core::Entity;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::encoding::{date_of, normalise_name, transliteration_key};
use crate::entities::relink::{plan, SpokenAs, SpokenBy, StoredEntity};
use crate::entities::{place, AliasKind, EntityCache, Placed};
use crate::model::Relinked;
use crate::Error;

/// The entity a speaker or relay of an analysis is, made when new; `None`
/// when the name is never an entity. A bare surname is stored as it is:
/// linking it to a full name is the relink's, which sees the whole ledger.
pub(crate) fn entity_id(tx: &Transaction<'_>, cache: &mut EntityCache, entity: &Entity) -> Result<Option<i64>, Error> {
    let Some(placed) = place(&entity.name, entity.kind) else {
        return Ok(None);
    };
    if let Some(id) = cache.get(&placed.norm) {
        return Ok(Some(id));
    }
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM entities WHERE norm = ?1")?
        .query_row(params![placed.norm], |row| row.get(0))
        .optional()?;
    let spelled = match existing {
        Some(_) => None,
        None if !placed.folds_spelling() => None,
        None => tx
            .prepare_cached(
                "SELECT entity_id FROM entity_aliases WHERE norm = ?1 AND how = 'spelling'
                 UNION ALL SELECT id FROM (SELECT id FROM entities WHERE spelling = ?2 AND kind = ?3
                                           ORDER BY n_statements DESC, id LIMIT 1)
                 LIMIT 1",
            )?
            .query_row(params![placed.norm, placed.spelling(), placed.kind], |row| row.get(0))
            .optional()?,
    };
    let id = match (existing, spelled) {
        (Some(id), _) => id,
        (None, Some(id)) => {
            add_alias(tx, &placed, id, AliasKind::Spelling)?;
            id
        }
        (None, None) => tx
            .prepare_cached("INSERT INTO entities (name, norm, kind, spelling) VALUES (?1, ?2, ?3, ?4) RETURNING id")?
            .query_row(params![placed.name, placed.norm, placed.kind, placed.spelling()], |row| row.get(0))?,
    };
    cache.insert(placed.norm, id);
    Ok(Some(id))
}

/// Forgets cached ids when a relink changed the entities since they were
/// read; call at the start of each batch's transaction.
pub(crate) fn refresh_cache(tx: &Transaction<'_>, cache: &mut EntityCache) -> Result<(), Error> {
    let generation: i64 = tx
        .prepare_cached("SELECT generation FROM entity_generation")?
        .query_row([], |row| row.get(0))
        .optional()?
        .unwrap_or(0);
    cache.at_generation(generation);
    Ok(())
}

fn add_alias(tx: &Connection, placed: &Placed, id: i64, how: AliasKind) -> Result<(), Error> {
    tx.prepare_cached("INSERT OR IGNORE INTO entity_aliases (norm, entity_id, name, how) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![placed.norm, id, placed.name, how.as_str()])?;
    Ok(())
}

/// Every alias of an entity, in the order they were recorded.
pub(crate) fn aliases(conn: &Connection, id: i64) -> Result<Vec<String>, Error> {
    let mut stmt = conn.prepare_cached("SELECT name FROM entity_aliases WHERE entity_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map(params![id], |row| row.get(0))?;
    Ok(rows.collect::<Result<Vec<String>, rusqlite::Error>>()?)
}

/// The entities that `norm` is an alias of.
pub(crate) fn alias_targets(conn: &Connection, norm: &str) -> Result<Vec<i64>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
         WHERE a.norm = ?1 ORDER BY e.n_statements DESC, e.id",
    )?;
    let rows = stmt.query_map(params![norm], |row| row.get(0))?;
    Ok(rows.collect::<Result<Vec<i64>, rusqlite::Error>>()?)
}

/// Places, folds and links every entity again ([`crate::Ledger::relink`]).
pub(crate) fn relink(conn: &mut Connection) -> Result<Relinked, Error> {
    let tx = conn.transaction()?;
    let entities_before: u64 = tx.query_row("SELECT COUNT(*) FROM entities", [], |row| row.get::<_, i64>(0))? as u64;
    let mut entities = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT id, name, norm, kind, spelling FROM entities ORDER BY id")?;
        let rows = stmt.query_map([], |row| {
            Ok(StoredEntity {
                id: row.get(0)?,
                name: row.get(1)?,
                norm: row.get(2)?,
                kind: row.get(3)?,
                spelling: row.get(4)?,
            })
        })?;
        for row in rows {
            entities.push(row?);
        }
    }
    let mut spoken = Vec::new();
    {
        let mut stmt =
            tx.prepare("SELECT id, speaker_id, article_id, date FROM statements WHERE speaker_id IS NOT NULL")?;
        let rows = stmt.query_map([], |row| {
            Ok(SpokenBy {
                statement: row.get(0)?,
                speaker: row.get(1)?,
                article: row.get(2)?,
                date: date_of(row.get(3)?),
            })
        })?;
        for row in rows {
            spoken.push(row?);
        }
    }
    let mut spoken_as = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT statement_id, norm, name FROM surname_statements ORDER BY statement_id")?;
        let rows =
            stmt.query_map([], |row| Ok(SpokenAs { statement: row.get(0)?, norm: row.get(1)?, name: row.get(2)? }))?;
        for row in rows {
            spoken_as.push(row?);
        }
    }
    let mut article_text = |id: i64| -> Result<String, Error> {
        Ok(tx.prepare_cached("SELECT text FROM articles WHERE id = ?1")?.query_row(params![id], |row| row.get(0))?)
    };
    let plan = plan(&entities, &spoken, &spoken_as, &mut article_text)?;
    for &id in &plan.drop {
        tx.execute("UPDATE statements SET speaker_id = NULL WHERE speaker_id = ?1", params![id])?;
        tx.execute("DELETE FROM statement_relays WHERE entity_id = ?1", params![id])?;
        tx.execute("DELETE FROM entity_aliases WHERE entity_id = ?1", params![id])?;
        tx.execute("DELETE FROM entities WHERE id = ?1", params![id])?;
    }
    for (from, into, how, name) in &plan.merge {
        tx.execute("UPDATE statements SET speaker_id = ?2 WHERE speaker_id = ?1", params![from, into])?;
        tx.execute("UPDATE statement_relays SET entity_id = ?2 WHERE entity_id = ?1", params![from, into])?;
        tx.execute(
            "DELETE FROM entity_aliases WHERE entity_id = ?1
                 AND norm IN (SELECT norm FROM entity_aliases WHERE entity_id = ?2)",
            params![from, into],
        )?;
        tx.execute("UPDATE entity_aliases SET entity_id = ?2 WHERE entity_id = ?1", params![from, into])?;
        if *how != AliasKind::Name {
            tx.execute(
                "INSERT OR IGNORE INTO entity_aliases (norm, entity_id, name, how) VALUES (?1, ?2, ?3, ?4)",
                params![normalise_name(name), into, name, how.as_str()],
            )?;
        }
        tx.execute("DELETE FROM entities WHERE id = ?1", params![from])?;
    }
    // Names that change move aside first, so that no two rows ever share a
    // norm on the way.
    for (id, placed) in &plan.rewrite {
        tx.execute("UPDATE entities SET norm = '#' || id WHERE id = ?1 AND norm <> ?2", params![id, placed.norm])?;
    }
    for (id, placed) in &plan.rewrite {
        tx.execute(
            "UPDATE entities SET name = ?2, norm = ?3, kind = ?4, spelling = ?5 WHERE id = ?1",
            params![id, placed.name, placed.norm, placed.kind, placed.spelling()],
        )?;
    }
    let mut moved = 0;
    for decision in &plan.surnames {
        for (statement, into) in &decision.linked {
            tx.execute("UPDATE statements SET speaker_id = ?2 WHERE id = ?1", params![statement, into])?;
            tx.execute(
                "INSERT OR REPLACE INTO surname_statements (statement_id, norm, name) VALUES (?1, ?2, ?3)",
                params![statement, decision.norm, decision.name],
            )?;
        }
        moved += decision.linked.len() as u64;
        if !decision.unlinked.is_empty() {
            let bare: i64 = match decision.bare {
                Some(id) => id,
                None => tx.query_row(
                    "INSERT INTO entities (name, norm, kind, spelling) VALUES (?1, ?2, 'person', ?3)
                     ON CONFLICT (norm) DO UPDATE SET norm = excluded.norm RETURNING id",
                    params![decision.name, decision.norm, transliteration_key(&decision.norm)],
                    |row| row.get(0),
                )?,
            };
            for statement in &decision.unlinked {
                tx.execute("UPDATE statements SET speaker_id = ?2 WHERE id = ?1", params![statement, bare])?;
                tx.execute("DELETE FROM surname_statements WHERE statement_id = ?1", params![statement])?;
            }
        }
        tx.execute("DELETE FROM entity_aliases WHERE norm = ?1 AND how = 'surname'", params![decision.norm])?;
        for into in &decision.targets {
            tx.execute(
                "INSERT OR IGNORE INTO entity_aliases (norm, entity_id, name, how) VALUES (?1, ?2, ?3, 'surname')",
                params![decision.norm, into, decision.name],
            )?;
        }
        if let (Some(bare), true) = (decision.bare, decision.all_linked) {
            if let [into] = decision.targets[..] {
                tx.execute("UPDATE statement_relays SET entity_id = ?2 WHERE entity_id = ?1", params![bare, into])?;
            }
            tx.execute(
                "DELETE FROM entity_aliases WHERE entity_id = ?1
                     AND NOT EXISTS (SELECT 1 FROM statement_relays WHERE entity_id = ?1)",
                params![bare],
            )?;
            tx.execute(
                "DELETE FROM entities WHERE id = ?1
                     AND NOT EXISTS (SELECT 1 FROM statements WHERE speaker_id = ?1)
                     AND NOT EXISTS (SELECT 1 FROM statement_relays WHERE entity_id = ?1)",
                params![bare],
            )?;
        }
    }
    tx.execute_batch(
        "UPDATE entities SET
             n_statements = (SELECT COUNT(*) FROM statements WHERE speaker_id = entities.id),
             n_relayed = (SELECT COUNT(*) FROM statement_relays WHERE entity_id = entities.id);
         UPDATE entity_generation SET generation = generation + 1;",
    )?;
    let entities_after: u64 = tx.query_row("SELECT COUNT(*) FROM entities", [], |row| row.get::<_, i64>(0))? as u64;
    tx.commit()?;
    Ok(Relinked {
        entities_before,
        entities_after,
        dropped: plan.drop.len() as u64,
        merged: plan.merge.len() as u64,
        moved,
    })
}
