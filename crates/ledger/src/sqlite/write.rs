//! The write path: one article and its analysis into the ledger.
//!
//! Everything for one batch of articles happens inside one transaction, so
//! that a process killed mid-ingest leaves each article either wholly stored
//! or absent; the content hash then makes a rerun skip what was stored and
//! complete the rest. Within the transaction the order per article is:
//! content hash (stop on a duplicate), near-duplicate lookup, the article
//! row, its LSH bands, its statements (with FTS rows and relays), then its
//! statements' claims, as `ClaimIndex` decides them (a stored claim joined,
//! or a new one).

use hearsay_core::{Analysis, Attribution, Stance};
use hearsay_ingest::Article;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::entities::entity_id;
use crate::claim_index::{
    article_claims, inputs_of, ClaimIndex, ClaimInput, ClaimWrite, Reanalyze, StoredRow, ARTICLE_STATEMENTS,
    STORED_STATEMENTS,
};
use crate::encoding::{iso, spans_text};
use crate::model::{ArticleId, Ingested};
use crate::similar::{
    article_bands, article_minhash, content_hash, estimated_jaccard, signature_from_bytes, signature_to_bytes,
    NEAR_DUPLICATE_JACCARD,
};
use crate::Error;

pub(crate) use crate::entities::EntityCache;

/// The claim index of a stored ledger: every statement placed in its stored claim, in id order.
pub(crate) fn load_claim_index(conn: &Connection) -> Result<ClaimIndex, Error> {
    let mut index = ClaimIndex::new();
    let mut stmt = conn.prepare(STORED_STATEMENTS)?;
    let rows = stmt.query_map(params![0i64], |row| {
        let input = ClaimInput {
            statement_id: row.get(0)?,
            content: row.get(1)?,
            cue: row.get(2)?,
            source: row.get(3)?,
            date: row.get(4)?,
            stance: crate::encoding::stance_of(&row.get::<_, String>(7)?),
            origin: row.get(8)?,
        };
        Ok((input, row.get(5)?, row.get(6)?))
    })?;
    let rows: Vec<StoredRow> = rows.collect::<Result<_, _>>()?;
    index.place_rows(rows);
    Ok(index)
}

pub(crate) fn ingest_one(
    tx: &Transaction<'_>,
    entity_cache: &mut EntityCache,
    claim_index: &mut ClaimIndex,
    article: &Article,
    analysis: &Analysis,
) -> Result<Ingested, Error> {
    let hash = content_hash(&article.text);
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row(params![&hash[..]], |row| row.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(Ingested::Duplicate { article: ArticleId(id) });
    }

    let signature = article_minhash(&article.text);
    let bands = article_bands(&signature);
    let near_duplicate_of = find_near_duplicate(tx, &signature, &bands)?;
    let article_id: i64 =
        tx.prepare_cached("SELECT IFNULL(MAX(id), 0) + 1 FROM articles")?.query_row([], |row| row.get(0))?;
    let origin_id = near_duplicate_of.unwrap_or(article_id);
    tx.prepare_cached(
        "INSERT INTO articles (id, content_hash, key, origin_path, title, outlet, url, byline, published, text, origin_id, minhash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        article_id,
        &hash[..],
        article.id,
        article.origin,
        article.title,
        article.outlet,
        article.url,
        article.byline,
        article.published.map(iso),
        article.text,
        origin_id,
        signature_to_bytes(&signature),
    ])?;
    {
        let mut insert_band =
            tx.prepare_cached("INSERT OR IGNORE INTO article_bands (band, article_id) VALUES (?1, ?2)")?;
        for band in &bands {
            insert_band.execute(params![band, article_id])?;
        }
    }

    let published = article.published.map(iso);
    let mut statement_ids: Vec<i64> = Vec::with_capacity(analysis.attributions.len());
    let mut statement_dates: Vec<Option<String>> = Vec::with_capacity(analysis.attributions.len());
    for (ordinal, attribution) in analysis.attributions.iter().enumerate() {
        let speaker_id = match attribution.speaker.and_then(|id| analysis.entities.get(id.0)) {
            Some(entity) => entity_id(tx, entity_cache, entity)?,
            None => None,
        };
        let said = attribution.said_on.as_ref();
        // The day by which it had certainly been said: "previously" in an
        // article of 22 April 2025 dates a statement 21 April 2025, not a
        // year earlier.
        let date = said.map(|range| iso(range.latest())).or_else(|| published.clone());
        let content_text = attribution.content.text(&article.text);
        let source_text = attribution.source.as_ref().map(|role| role.text(&article.text));
        let statement_id: i64 = tx
            .prepare_cached(
                "INSERT INTO statements (article_id, origin_id, ordinal, source_text, source_spans, cue_text, cue_spans,
                     content_text, content_spans, kind, speaker_id, stance, said_from, said_to, said_evidence, date, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) RETURNING id",
            )?
            .query_row(
                params![
                    article_id,
                    origin_id,
                    ordinal as i64,
                    source_text,
                    attribution.source.as_ref().map(spans_text),
                    attribution.cue.as_ref().map(|role| role.text(&article.text)),
                    attribution.cue.as_ref().map(spans_text),
                    content_text,
                    spans_text(&attribution.content),
                    attribution.kind.as_str(),
                    speaker_id,
                    attribution.stance.as_str(),
                    said.map(|range| iso(range.earliest())),
                    said.map(|range| iso(range.latest())),
                    said.map(|range| range.evidence().slice(&article.text).to_string()),
                    date,
                    f64::from(attribution.confidence),
                ],
                |row| row.get(0),
            )?;
        tx.prepare_cached("INSERT INTO statements_fts (rowid, content_text, source_text) VALUES (?1, ?2, ?3)")?
            .execute(params![statement_id, content_text, source_text])?;
        if let Some(speaker_id) = speaker_id {
            tx.prepare_cached("UPDATE entities SET n_statements = n_statements + 1 WHERE id = ?1")?
                .execute(params![speaker_id])?;
        }
        insert_relays(tx, entity_cache, analysis, attribution, statement_id)?;
        statement_ids.push(statement_id);
        statement_dates.push(date);
    }

    let inputs = inputs_of(&article.text, analysis, &statement_ids, &statement_dates, origin_id);
    let writes = claim_index.attach_article(&article_claims(analysis), &inputs);
    let n_new_claims = store_claims(tx, claim_index, writes, origin_id)?;

    Ok(Ingested::Stored {
        article: ArticleId(article_id),
        near_duplicate_of: near_duplicate_of.map(ArticleId),
        n_statements: statement_ids.len(),
        n_new_claims,
    })
}

fn find_near_duplicate(tx: &Transaction<'_>, signature: &[u64; 32], bands: &[i64]) -> Result<Option<i64>, Error> {
    let mut candidates: Vec<i64> = Vec::new();
    {
        let mut by_band = tx.prepare_cached("SELECT article_id FROM article_bands WHERE band = ?1 LIMIT 16")?;
        for band in bands {
            let rows = by_band.query_map(params![band], |row| row.get::<_, i64>(0))?;
            for row in rows {
                let id = row?;
                if !candidates.contains(&id) {
                    candidates.push(id);
                }
            }
        }
    }
    let mut best: Option<(f64, i64)> = None;
    let mut load = tx.prepare_cached("SELECT minhash, origin_id FROM articles WHERE id = ?1")?;
    for candidate in candidates {
        let (bytes, origin): (Vec<u8>, i64) =
            load.query_row(params![candidate], |row| Ok((row.get(0)?, row.get(1)?)))?;
        let Some(other) = signature_from_bytes(&bytes) else {
            return Err(Error::Corrupt(format!("article {candidate} has a malformed minhash")));
        };
        let jaccard = estimated_jaccard(signature, &other);
        if jaccard >= NEAR_DUPLICATE_JACCARD && best.is_none_or(|(j, _)| jaccard > j) {
            best = Some((jaccard, origin));
        }
    }
    Ok(best.map(|(_, origin)| origin))
}

/// Carries out the claim writes of one article; returns how many claims it created.
fn store_claims(
    tx: &Transaction<'_>,
    claim_index: &mut ClaimIndex,
    writes: Vec<ClaimWrite>,
    origin_id: i64,
) -> Result<usize, Error> {
    let mut n_new_claims = 0;
    for write in writes {
        match write {
            ClaimWrite::Create { claim, text } => {
                n_new_claims += 1;
                let id = create_claim(tx, &text)?;
                claim_index.set_claim_id(claim, id);
            }
            ClaimWrite::Member { claim, statement_id, stance, contested } => {
                let Some(claim_id) = claim_index.claim_id(claim) else { continue };
                add_member(tx, claim_id, statement_id, origin_id, stance, contested)?;
            }
        }
    }
    Ok(n_new_claims)
}

/// Rebuilds every claim: drops them, then attaches each stored article's statements in article
/// order, as ingest did, with the claim model of this build. Statements are not touched.
pub(crate) fn regroup(tx: &Transaction<'_>, reanalyze: &mut Reanalyze<'_>) -> Result<ClaimIndex, Error> {
    tx.execute_batch("DELETE FROM claim_members; DELETE FROM claims;")?;
    let mut claim_index = ClaimIndex::new();
    let articles: Vec<(i64, i64, String, Option<String>)> = tx
        .prepare("SELECT id, origin_id, text, published FROM articles ORDER BY id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut statements = tx.prepare(ARTICLE_STATEMENTS)?;
    for (article_id, origin_id, text, published) in articles {
        let inputs: Vec<ClaimInput> = statements
            .query_map(params![article_id], |row| {
                Ok(ClaimInput {
                    statement_id: row.get(0)?,
                    content: row.get(1)?,
                    cue: row.get(2)?,
                    source: row.get(3)?,
                    date: row.get(4)?,
                    stance: crate::encoding::stance_of(&row.get::<_, String>(5)?),
                    origin: row.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let analysis = reanalyze(&text, crate::encoding::date_of(published));
        let analysis = if analysis.attributions.len() == inputs.len() { analysis } else { Analysis::default() };
        let writes = claim_index.attach_article(&article_claims(&analysis), &inputs);
        store_claims(tx, &mut claim_index, writes, origin_id)?;
    }
    Ok(claim_index)
}

fn create_claim(tx: &Transaction<'_>, text: &str) -> Result<i64, Error> {
    let claim_id: i64 = tx
        .prepare_cached("INSERT INTO claims (text, key) VALUES (?1, '') RETURNING id")?
        .query_row(params![text], |row| row.get(0))?;
    Ok(claim_id)
}

/// Adds a statement to a claim and updates the claim's tallies; `contested` is whether the claim
/// is contested with it, as core's claim attacher judges
/// ([`hearsay_core::claims::propositions::ClaimAttacher::is_contested`]): a claim once contested
/// stays so.
fn add_member(
    tx: &Transaction<'_>,
    claim_id: i64,
    statement_id: i64,
    origin_id: i64,
    stance: Stance,
    contested: bool,
) -> Result<(), Error> {
    let new_origin: bool = tx
        .prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM claim_members WHERE claim_id = ?1 AND origin_id = ?2)")?
        .query_row(params![claim_id, origin_id], |row| row.get(0))?;
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO claim_members (claim_id, statement_id, origin_id, stance) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![claim_id, statement_id, origin_id, stance.as_str()])?;
    if inserted == 0 {
        return Ok(());
    }
    let date: Option<String> = tx
        .prepare_cached("SELECT date FROM statements WHERE id = ?1")?
        .query_row(params![statement_id], |row| row.get(0))?;
    let (assert, deny, report, question) = match stance {
        Stance::Assert => (1, 0, 0, 0),
        Stance::Deny => (0, 1, 0, 0),
        Stance::Report => (0, 0, 1, 0),
        Stance::Question => (0, 0, 0, 1),
    };
    tx.prepare_cached(
        "UPDATE claims SET
             n_statements = n_statements + 1,
             n_assert = n_assert + ?2, n_deny = n_deny + ?3, n_report = n_report + ?4, n_question = n_question + ?5,
             n_origins = n_origins + ?6,
             contested = MAX(contested, ?8),
             first_said = CASE WHEN ?7 IS NULL THEN first_said
                               WHEN first_said IS NULL OR ?7 < first_said THEN ?7 ELSE first_said END
         WHERE id = ?1",
    )?
    .execute(params![
        claim_id,
        assert,
        deny,
        report,
        question,
        i64::from(new_origin),
        date,
        i64::from(contested)
    ])?;
    Ok(())
}

fn insert_relays(
    tx: &Transaction<'_>,
    entity_cache: &mut EntityCache,
    analysis: &Analysis,
    attribution: &Attribution,
    statement_id: i64,
) -> Result<(), Error> {
    for (position, relay) in attribution.relayed_by.iter().enumerate() {
        let Some(entity) = analysis.entities.get(relay.0) else {
            continue;
        };
        let Some(relay_id) = entity_id(tx, entity_cache, entity)? else {
            continue;
        };
        tx.prepare_cached(
            "INSERT OR IGNORE INTO statement_relays (statement_id, position, entity_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![statement_id, position as i64, relay_id])?;
        tx.prepare_cached("UPDATE entities SET n_relayed = n_relayed + 1 WHERE id = ?1")?.execute(params![relay_id])?;
    }
    Ok(())
}
