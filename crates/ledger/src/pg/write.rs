//! The PostgreSQL write path, and how concurrent writers agree.
//!
//! Several processes may ingest into one ledger at once, over overlapping
//! inputs. Each batch is one transaction, and its first statement takes a
//! transaction-level advisory lock ([`WRITE_LOCK`]), so that batches of all
//! writers are stored one after another, never interleaved; the lock goes
//! with the transaction's commit or rollback, also when the writer's
//! connection dies (a SIGKILLed writer's open batch is rolled back by the
//! server, and what it committed stays). Analysis, most of an ingest's
//! cost, runs before and in parallel.
//!
//! We chose one lock over finer ones (row locks, `ON CONFLICT` alone, a lock
//! per claim key) because storing an article reads what earlier articles
//! stored: the content hash (a duplicate is skipped), the MinHash bands (a
//! reprint is linked to its origin) and every claim (a statement joins the
//! most similar one). Under the lock each batch sees every batch committed
//! before it, so the ledger is one that a single writer would have built
//! from the articles in commit order: no article twice (`content_hash` is
//! also `UNIQUE`), no statement lost, reprints linked, and claims attached
//! as a single writer attaches them, except that which article of a pair
//! comes first, and so which claim absorbs which, follows the order of
//! commits.
//!
//! Under the lock, article ids are dense (`MAX(id) + 1`), as on SQLite, and
//! statement ids grow with commit order, so a writer catches up on the
//! statements others stored (and the claims they joined) by reading those
//! above the highest id its claim index has seen, not the whole table. A
//! statement stored alone by another writer that a later statement of theirs
//! joined stays alone in this writer's index: the index scores candidates a
//! little differently from a single writer's, never wrongly.

use std::collections::HashMap;

use hearsay_core::{Analysis, Attribution, Stance};
use hearsay_ingest::Article;
use postgres::{Client, Statement, Transaction};

use super::entities::entity_id;
use super::Session;
use crate::claim_index::{
    article_claims, inputs_of, ClaimIndex, ClaimInput, ClaimWrite, Reanalyze, StoredRow, ARTICLE_STATEMENTS,
    STORED_STATEMENTS,
};
use crate::encoding::{iso, spans_text};
use crate::entities::EntityCache;
use crate::model::{ArticleId, Ingested};
use crate::similar::{
    article_bands, article_minhash, content_hash, estimated_jaccard, signature_from_bytes, signature_to_bytes,
    NEAR_DUPLICATE_JACCARD,
};
use crate::Error;

/// Advisory lock key that serialises the batches of all writers ("hsay"
/// "wrte" in ASCII).
pub(crate) const WRITE_LOCK: i64 = 0x6873_6179_7772_7465;

type Tx<'a, 'b> = Session<'a, Transaction<'b>>;

pub(crate) fn ingest_batch(
    client: &mut Client,
    statements: &mut HashMap<String, Statement>,
    entity_cache: &mut EntityCache,
    claim_index: &mut ClaimIndex,
    batch: &[(&Article, &Analysis)],
) -> Result<Vec<Ingested>, Error> {
    let mut transaction = client.transaction()?;
    let mut outcomes = Vec::with_capacity(batch.len());
    {
        let mut tx = Session { client: &mut transaction, statements };
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        super::entities::refresh_cache(&mut tx, entity_cache)?;
        let rows = tx.query(STORED_STATEMENTS, &[&claim_index.seen_up_to])?;
        claim_index.place_rows(stored_rows(rows)?);
        for (article, analysis) in batch {
            outcomes.push(ingest_one(&mut tx, entity_cache, claim_index, article, analysis)?);
        }
    }
    transaction.commit()?;
    Ok(outcomes)
}

fn ingest_one(
    tx: &mut Tx<'_, '_>,
    entity_cache: &mut EntityCache,
    claim_index: &mut ClaimIndex,
    article: &Article,
    analysis: &Analysis,
) -> Result<Ingested, Error> {
    let hash = content_hash(&article.text);
    if let Some(row) = tx.query_opt("SELECT id FROM articles WHERE content_hash = $1", &[&&hash[..]])? {
        return Ok(Ingested::Duplicate { article: ArticleId(row.try_get(0)?) });
    }

    let signature = article_minhash(&article.text);
    let bands = article_bands(&signature);
    let near_duplicate_of = find_near_duplicate(tx, &signature, &bands)?;
    let article_id: i64 = tx.query_one("SELECT COALESCE(MAX(id), 0) + 1 FROM articles", &[])?.try_get(0)?;
    let origin_id = near_duplicate_of.unwrap_or(article_id);
    let published = article.published.map(iso);
    tx.execute(
        "INSERT INTO articles (id, content_hash, key, origin_path, title, outlet, url, byline, published, text, origin_id, minhash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &[
            &article_id,
            &&hash[..],
            &article.id,
            &article.origin,
            &article.title,
            &article.outlet,
            &article.url,
            &article.byline,
            &published,
            &article.text,
            &origin_id,
            &signature_to_bytes(&signature),
        ],
    )?;
    tx.execute(
        "INSERT INTO article_bands (band, article_id) SELECT DISTINCT unnest($1::bigint[]), $2::bigint ON CONFLICT DO NOTHING",
        &[&bands, &article_id],
    )?;

    let mut statement_ids: Vec<i64> = Vec::with_capacity(analysis.attributions.len());
    let mut statement_dates: Vec<Option<String>> = Vec::with_capacity(analysis.attributions.len());
    for (ordinal, attribution) in analysis.attributions.iter().enumerate() {
        let speaker_id = match attribution.speaker.and_then(|id| analysis.entities.get(id.0)) {
            Some(entity) => entity_id(tx, entity_cache, entity)?,
            None => None,
        };
        let said = attribution.said_on.as_ref();
        // As on SQLite: the day by which it had certainly been said.
        let date = said.map(|range| iso(range.latest())).or_else(|| published.clone());
        let statement_id: i64 = tx
            .query_one(
                "INSERT INTO statements (article_id, origin_id, ordinal, source_text, source_spans, cue_text, cue_spans,
                     content_text, content_spans, kind, speaker_id, stance, said_from, said_to, said_evidence, date, confidence)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
                &[
                    &article_id,
                    &origin_id,
                    &(ordinal as i64),
                    &attribution.source.as_ref().map(|role| role.text(&article.text)),
                    &attribution.source.as_ref().map(spans_text),
                    &attribution.cue.as_ref().map(|role| role.text(&article.text)),
                    &attribution.cue.as_ref().map(spans_text),
                    &attribution.content.text(&article.text),
                    &spans_text(&attribution.content),
                    &attribution.kind.as_str(),
                    &speaker_id,
                    &attribution.stance.as_str(),
                    &said.map(|range| iso(range.earliest())),
                    &said.map(|range| iso(range.latest())),
                    &said.map(|range| range.evidence().slice(&article.text).to_string()),
                    &date,
                    &f64::from(attribution.confidence),
                ],
            )?
            .try_get(0)?;
        if let Some(speaker_id) = speaker_id {
            tx.execute("UPDATE entities SET n_statements = n_statements + 1 WHERE id = $1", &[&speaker_id])?;
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

// The same candidates, in the same order, as the SQLite backend: per band
// (in band order) its first 16 articles by id; the most similar wins, the
// first on a tie.
fn find_near_duplicate(tx: &mut Tx<'_, '_>, signature: &[u64; 32], bands: &[i64]) -> Result<Option<i64>, Error> {
    let rows = tx.query(
        "SELECT b.article_id, a.minhash, a.origin_id
         FROM unnest($1::bigint[]) WITH ORDINALITY AS q(band, ord)
         CROSS JOIN LATERAL (SELECT article_id FROM article_bands WHERE band = q.band ORDER BY article_id LIMIT 16) b
         JOIN articles a ON a.id = b.article_id
         ORDER BY q.ord, b.article_id",
        &[&bands],
    )?;
    let mut seen: Vec<i64> = Vec::with_capacity(rows.len());
    let mut best: Option<(f64, i64)> = None;
    for row in rows {
        let candidate: i64 = row.try_get(0)?;
        if seen.contains(&candidate) {
            continue;
        }
        seen.push(candidate);
        let bytes: &[u8] = row.try_get(1)?;
        let origin: i64 = row.try_get(2)?;
        let Some(other) = signature_from_bytes(bytes) else {
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
    tx: &mut Tx<'_, '_>,
    claim_index: &mut ClaimIndex,
    writes: Vec<ClaimWrite>,
    origin_id: i64,
) -> Result<usize, Error> {
    let mut n_new_claims = 0;
    for write in writes {
        match write {
            ClaimWrite::Create { claim, text } => {
                n_new_claims += 1;
                let id: i64 = tx
                    .query_one("INSERT INTO claims (text, key) VALUES ($1, '') RETURNING id", &[&text])?
                    .try_get(0)?;
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

/// As SQLite's `regroup`, under the write lock: every claim rebuilt from the stored statements.
pub(crate) fn regroup(
    client: &mut Client,
    statements: &mut HashMap<String, Statement>,
    reanalyze: &mut Reanalyze<'_>,
) -> Result<ClaimIndex, Error> {
    let mut transaction = client.transaction()?;
    let mut claim_index = ClaimIndex::new();
    {
        let mut tx = Session { client: &mut transaction, statements };
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        tx.execute("DELETE FROM claim_members", &[])?;
        tx.execute("DELETE FROM claims", &[])?;
        let articles = tx.query("SELECT id, origin_id, text, published FROM articles ORDER BY id", &[])?;
        for article in articles {
            let (article_id, origin_id): (i64, i64) = (article.try_get(0)?, article.try_get(1)?);
            let (text, published): (&str, Option<String>) = (article.try_get(2)?, article.try_get(3)?);
            let inputs: Vec<ClaimInput> = tx
                .query(ARTICLE_STATEMENTS, &[&article_id])?
                .into_iter()
                .map(|row| -> Result<ClaimInput, Error> {
                    Ok(ClaimInput {
                        statement_id: row.try_get(0)?,
                        content: row.try_get(1)?,
                        cue: row.try_get(2)?,
                        source: row.try_get(3)?,
                        date: row.try_get(4)?,
                        stance: crate::encoding::stance_of(row.try_get(5)?),
                        origin: row.try_get(6)?,
                    })
                })
                .collect::<Result<_, _>>()?;
            let analysis = reanalyze(text, crate::encoding::date_of(published));
            let analysis = if analysis.attributions.len() == inputs.len() { analysis } else { Analysis::default() };
            let writes = claim_index.attach_article(&article_claims(&analysis), &inputs);
            store_claims(&mut tx, &mut claim_index, writes, origin_id)?;
        }
    }
    transaction.commit()?;
    Ok(claim_index)
}

/// Rows of [`STORED_STATEMENTS`] as the claim index reads them.
pub(crate) fn stored_rows(rows: Vec<postgres::Row>) -> Result<Vec<StoredRow>, Error> {
    rows.into_iter()
        .map(|row| {
            let input = ClaimInput {
                statement_id: row.try_get(0)?,
                content: row.try_get(1)?,
                cue: row.try_get(2)?,
                source: row.try_get(3)?,
                date: row.try_get(4)?,
                stance: crate::encoding::stance_of(row.try_get(7)?),
                origin: row.try_get(8)?,
            };
            Ok((input, row.try_get(5)?, row.try_get(6)?))
        })
        .collect()
}

// One round trip: the statements of a CTE all see the rows as they were
// before it, so `new_origin` is read before the member is inserted, the
// tallies change only when the insert did. Whether the claim is contested
// is core's judgement (`ClaimAttacher::is_contested`), as on SQLite;
// a claim once contested stays so.
fn add_member(
    tx: &mut Tx<'_, '_>,
    claim_id: i64,
    statement_id: i64,
    origin_id: i64,
    stance: Stance,
    contested: bool,
) -> Result<(), Error> {
    let (assert, deny, report, question): (i64, i64, i64, i64) = match stance {
        Stance::Assert => (1, 0, 0, 0),
        Stance::Deny => (0, 1, 0, 0),
        Stance::Report => (0, 0, 1, 0),
        Stance::Question => (0, 0, 0, 1),
    };
    tx.execute(
        "WITH st AS (
             SELECT speaker_id, date FROM statements WHERE id = $2
         ), new_origin AS (
             SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_members WHERE claim_id = $1 AND origin_id = $3)
                         THEN 0 ELSE 1 END AS n
         ), inserted AS (
             INSERT INTO claim_members (claim_id, statement_id, origin_id, stance, speaker_id, date)
             SELECT $1, $2, $3, $4, speaker_id, date FROM st ON CONFLICT DO NOTHING RETURNING 1
         )
         UPDATE claims SET
             n_statements = n_statements + 1,
             n_assert = n_assert + $5, n_deny = n_deny + $6, n_report = n_report + $7, n_question = n_question + $8,
             n_origins = n_origins + (SELECT n FROM new_origin),
             contested = GREATEST(contested, $9),
             first_said = CASE WHEN (SELECT date FROM st) IS NULL THEN first_said
                               WHEN first_said IS NULL OR (SELECT date FROM st) < first_said THEN (SELECT date FROM st)
                               ELSE first_said END
         WHERE id = $1 AND EXISTS (SELECT 1 FROM inserted)",
        &[
            &claim_id,
            &statement_id,
            &origin_id,
            &stance.as_str(),
            &assert,
            &deny,
            &report,
            &question,
            &i64::from(contested),
        ],
    )?;
    Ok(())
}

fn insert_relays(
    tx: &mut Tx<'_, '_>,
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
        tx.execute(
            "INSERT INTO statement_relays (statement_id, position, entity_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&statement_id, &(position as i64), &relay_id],
        )?;
        tx.execute("UPDATE entities SET n_relayed = n_relayed + 1 WHERE id = $1", &[&relay_id])?;
    }
    Ok(())
}
