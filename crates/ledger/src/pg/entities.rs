//! Entities on PostgreSQL: the same as `src/sqlite/entities.rs`, in
//! PostgreSQL's dialect. The write path runs under the writers' lock (see
//! `write.rs`), and so does a relink, so that no batch sees half of one.

use hearsay_core::Entity;
use postgres::GenericClient;

use super::write::WRITE_LOCK;
use super::{PgLedger, Session};
use crate::encoding::{date_of, normalise_name, transliteration_key};
use crate::entities::relink::{plan, SpokenAs, SpokenBy, StoredEntity};
use crate::entities::{place, AliasKind, EntityCache, Placed};
use crate::model::Relinked;
use crate::Error;

/// The entity a speaker or relay of an analysis is, made when new; `None`
/// when the name is never an entity (see the SQLite twin).
pub(crate) fn entity_id<C: GenericClient>(
    tx: &mut Session<'_, C>,
    cache: &mut EntityCache,
    entity: &Entity,
) -> Result<Option<i64>, Error> {
    let Some(placed) = place(&entity.name, entity.kind) else {
        return Ok(None);
    };
    if let Some(id) = cache.get(&placed.norm) {
        return Ok(Some(id));
    }
    let existing: Option<i64> = match tx.query_opt("SELECT id FROM entities WHERE norm = $1", &[&placed.norm])? {
        Some(row) => Some(row.try_get(0)?),
        None => None,
    };
    let spelled: Option<i64> = match existing {
        Some(_) => None,
        None if !placed.folds_spelling() => None,
        None => match tx.query_opt(
            "(SELECT entity_id FROM entity_aliases WHERE norm = $1 AND how = 'spelling')
             UNION ALL (SELECT id FROM entities WHERE spelling = $2 AND kind = $3 ORDER BY n_statements DESC, id LIMIT 1)
             LIMIT 1",
            &[&placed.norm, &placed.spelling(), &placed.kind],
        )? {
            Some(row) => Some(row.try_get(0)?),
            None => None,
        },
    };
    let id = match (existing, spelled) {
        (Some(id), _) => id,
        (None, Some(id)) => {
            add_alias(tx, &placed, id, AliasKind::Spelling)?;
            id
        }
        (None, None) => tx
            .query_one(
                "INSERT INTO entities (name, norm, kind, spelling) VALUES ($1, $2, $3, $4) RETURNING id",
                &[&placed.name, &placed.norm, &placed.kind, &placed.spelling()],
            )?
            .try_get(0)?,
    };
    cache.insert(placed.norm, id);
    Ok(Some(id))
}

/// Forgets cached ids when a relink changed the entities since they were
/// read; call under the writers' lock at the start of each batch.
pub(crate) fn refresh_cache<C: GenericClient>(tx: &mut Session<'_, C>, cache: &mut EntityCache) -> Result<(), Error> {
    let generation: i64 = match tx.query_opt("SELECT generation FROM entity_generation", &[])? {
        Some(row) => row.try_get(0)?,
        None => 0,
    };
    cache.at_generation(generation);
    Ok(())
}

fn add_alias<C: GenericClient>(tx: &mut Session<'_, C>, placed: &Placed, id: i64, how: AliasKind) -> Result<(), Error> {
    tx.execute(
        "INSERT INTO entity_aliases (norm, entity_id, name, how) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        &[&placed.norm, &id, &placed.name, &how.as_str()],
    )?;
    Ok(())
}

/// Every alias of an entity, in the order they were recorded.
pub(crate) fn aliases<C: GenericClient>(session: &mut Session<'_, C>, id: i64) -> Result<Vec<String>, Error> {
    let rows = session.query("SELECT name FROM entity_aliases WHERE entity_id = $1 ORDER BY id", &[&id])?;
    rows.iter().map(|row| Ok(row.try_get(0)?)).collect()
}

/// The entities that `norm` is an alias of.
pub(crate) fn alias_targets<C: GenericClient>(session: &mut Session<'_, C>, norm: &str) -> Result<Vec<i64>, Error> {
    let rows = session.query(
        "SELECT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
         WHERE a.norm = $1 ORDER BY e.n_statements DESC, e.id",
        &[&norm],
    )?;
    rows.iter().map(|row| Ok(row.try_get(0)?)).collect()
}

impl PgLedger {
    /// Places, folds and links every entity again ([`crate::Ledger::relink`]),
    /// in one transaction under the writers' lock.
    pub(crate) fn relink(&mut self) -> Result<Relinked, Error> {
        let conn = self.conn_mut();
        let mut transaction = conn.client.transaction()?;
        let relinked = {
            let mut tx = Session { client: &mut transaction, statements: &mut conn.statements };
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
            relink(&mut tx)?
        };
        transaction.commit()?;
        self.entity_cache.clear();
        Ok(relinked)
    }
}

fn relink<C: GenericClient>(tx: &mut Session<'_, C>) -> Result<Relinked, Error> {
    let count = |tx: &mut Session<'_, C>| -> Result<u64, Error> {
        Ok(tx.query_one("SELECT COUNT(*) FROM entities", &[])?.try_get::<_, i64>(0)? as u64)
    };
    let entities_before = count(tx)?;
    let mut entities = Vec::new();
    for row in tx.query("SELECT id, name, norm, kind, spelling FROM entities ORDER BY id", &[])? {
        entities.push(StoredEntity {
            id: row.try_get(0)?,
            name: row.try_get(1)?,
            norm: row.try_get(2)?,
            kind: row.try_get(3)?,
            spelling: row.try_get(4)?,
        });
    }
    let mut spoken = Vec::new();
    for row in tx.query("SELECT id, speaker_id, article_id, date FROM statements WHERE speaker_id IS NOT NULL", &[])? {
        spoken.push(SpokenBy {
            statement: row.try_get(0)?,
            speaker: row.try_get(1)?,
            article: row.try_get(2)?,
            date: date_of(row.try_get(3)?),
        });
    }
    let mut spoken_as = Vec::new();
    for row in tx.query("SELECT statement_id, norm, name FROM surname_statements ORDER BY statement_id", &[])? {
        spoken_as.push(SpokenAs { statement: row.try_get(0)?, norm: row.try_get(1)?, name: row.try_get(2)? });
    }
    let mut article_text = |id: i64| -> Result<String, Error> {
        Ok(tx.query_one("SELECT text FROM articles WHERE id = $1", &[&id])?.try_get(0)?)
    };
    let plan = plan(&entities, &spoken, &spoken_as, &mut article_text)?;
    for id in &plan.drop {
        tx.execute("UPDATE statements SET speaker_id = NULL WHERE speaker_id = $1", &[id])?;
        tx.execute("UPDATE claim_members SET speaker_id = NULL WHERE speaker_id = $1", &[id])?;
        tx.execute("DELETE FROM statement_relays WHERE entity_id = $1", &[id])?;
        tx.execute("DELETE FROM entity_aliases WHERE entity_id = $1", &[id])?;
        tx.execute("DELETE FROM entities WHERE id = $1", &[id])?;
    }
    for (from, into, how, name) in &plan.merge {
        tx.execute("UPDATE statements SET speaker_id = $2 WHERE speaker_id = $1", &[from, into])?;
        tx.execute("UPDATE claim_members SET speaker_id = $2 WHERE speaker_id = $1", &[from, into])?;
        tx.execute("UPDATE statement_relays SET entity_id = $2 WHERE entity_id = $1", &[from, into])?;
        tx.execute(
            "DELETE FROM entity_aliases WHERE entity_id = $1
                 AND norm IN (SELECT norm FROM entity_aliases WHERE entity_id = $2)",
            &[from, into],
        )?;
        tx.execute("UPDATE entity_aliases SET entity_id = $2 WHERE entity_id = $1", &[from, into])?;
        if *how != AliasKind::Name {
            tx.execute(
                "INSERT INTO entity_aliases (norm, entity_id, name, how) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[&normalise_name(name), into, name, &how.as_str()],
            )?;
        }
        tx.execute("DELETE FROM entities WHERE id = $1", &[from])?;
    }
    for (id, placed) in &plan.rewrite {
        tx.execute("UPDATE entities SET norm = '#' || id WHERE id = $1 AND norm <> $2", &[id, &placed.norm])?;
    }
    for (id, placed) in &plan.rewrite {
        tx.execute(
            "UPDATE entities SET name = $2, norm = $3, kind = $4, spelling = $5 WHERE id = $1",
            &[id, &placed.name, &placed.norm, &placed.kind, &placed.spelling()],
        )?;
    }
    let mut moved = 0;
    for decision in &plan.surnames {
        for (statement, into) in &decision.linked {
            tx.execute("UPDATE statements SET speaker_id = $2 WHERE id = $1", &[statement, into])?;
            tx.execute("UPDATE claim_members SET speaker_id = $2 WHERE statement_id = $1", &[statement, into])?;
            tx.execute(
                "INSERT INTO surname_statements (statement_id, norm, name) VALUES ($1, $2, $3)
                 ON CONFLICT (statement_id) DO UPDATE SET norm = excluded.norm, name = excluded.name",
                &[statement, &decision.norm, &decision.name],
            )?;
        }
        moved += decision.linked.len() as u64;
        if !decision.unlinked.is_empty() {
            let bare: i64 = match decision.bare {
                Some(id) => id,
                None => tx
                    .query_one(
                        "INSERT INTO entities (name, norm, kind, spelling) VALUES ($1, $2, 'person', $3)
                         ON CONFLICT (norm) DO UPDATE SET norm = excluded.norm RETURNING id",
                        &[&decision.name, &decision.norm, &transliteration_key(&decision.norm)],
                    )?
                    .try_get(0)?,
            };
            for statement in &decision.unlinked {
                tx.execute("UPDATE statements SET speaker_id = $2 WHERE id = $1", &[statement, &bare])?;
                tx.execute("UPDATE claim_members SET speaker_id = $2 WHERE statement_id = $1", &[statement, &bare])?;
                tx.execute("DELETE FROM surname_statements WHERE statement_id = $1", &[statement])?;
            }
        }
        tx.execute("DELETE FROM entity_aliases WHERE norm = $1 AND how = 'surname'", &[&decision.norm])?;
        for into in &decision.targets {
            tx.execute(
                "INSERT INTO entity_aliases (norm, entity_id, name, how) VALUES ($1, $2, $3, 'surname') ON CONFLICT DO NOTHING",
                &[&decision.norm, into, &decision.name],
            )?;
        }
        if let (Some(bare), true) = (decision.bare, decision.all_linked) {
            if let [into] = decision.targets[..] {
                tx.execute("UPDATE statement_relays SET entity_id = $2 WHERE entity_id = $1", &[&bare, &into])?;
            }
            tx.execute(
                "DELETE FROM entity_aliases WHERE entity_id = $1
                     AND NOT EXISTS (SELECT 1 FROM statement_relays WHERE entity_id = $1)",
                &[&bare],
            )?;
            tx.execute(
                "DELETE FROM entities WHERE id = $1
                     AND NOT EXISTS (SELECT 1 FROM statements WHERE speaker_id = $1)
                     AND NOT EXISTS (SELECT 1 FROM statement_relays WHERE entity_id = $1)",
                &[&bare],
            )?;
        }
    }
    tx.execute(
        "UPDATE entities e SET
             n_statements = (SELECT COUNT(*) FROM statements WHERE speaker_id = e.id),
             n_relayed = (SELECT COUNT(*) FROM statement_relays WHERE entity_id = e.id)",
        &[],
    )?;
    tx.execute("UPDATE entity_generation SET generation = generation + 1", &[])?;
    let entities_after = count(tx)?;
    Ok(Relinked {
        entities_before,
        entities_after,
        dropped: plan.drop.len() as u64,
        merged: plan.merge.len() as u64,
        moved,
    })
}
