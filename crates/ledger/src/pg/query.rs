//! The read path on PostgreSQL: the same queries as `src/sqlite/query.rs`
//! and `src/sqlite/board.rs`, with the same bounds and orders, in
//! PostgreSQL's dialect. Differences: full-text search is the `search`
//! `tsvector` column (GIN index) matched by `plainto_tsquery('simple', ...)`
//! and ranked by `ts_rank` divided by 1 + the log of the statement's length
//! (higher is better, where FTS5's bm25 is lower; both favour short texts);
//! `NULLS LAST` is spelt out where SQLite sorts NULL first in descending
//! order by default and PostgreSQL last in ascending.

use std::collections::HashMap;

use postgres::{GenericClient, Row};

use super::{PgLedger, Session};
use crate::encoding::{
    date_of, kind_of, like_pattern, normalise_name, query_words, spans_of, stance_of, transliteration_key,
    transliteration_prefix,
};
use crate::model::{
    ArticleDetail, ArticleId, ArticleSummary, ClaimFilter, ClaimId, ClaimSummary, EntityId, EntityRef, EntitySummary,
    Statement, StatementId, Timeline, TimelineEvent, TimelineRole, Voice,
};
use crate::Error;

/// Bounds, as on SQLite (see `src/sqlite/query.rs` for why), except that
/// full-text queries read the latest 500 matches, not 2,000: PostgreSQL
/// fetches each match from the table (FTS5 reads ids from its index), and
/// at 2,000 the p95 of `search` on the 100,000-article bench ledger was
/// 98 ms.
const ABOUT_FTS_HITS: i64 = 500;
const ABOUT_SPEAKER_STATEMENTS: i64 = 5000;
const RANKED_HITS: i64 = 500;
/// Statements searched first, newest first (see [`latest_matches`]).
const RECENT_WINDOW: i64 = 65_536;

const STATEMENT_FIELDS: &str = "s.id, s.article_id, a.key, a.outlet, a.published, s.origin_id, s.speaker_id, e.name,
     s.source_text, s.cue_text, s.content_text, s.content_spans, s.kind, s.stance, s.said_from, s.said_to";
const STATEMENT_JOINS: &str = "JOIN articles a ON a.id = s.article_id LEFT JOIN entities e ON e.id = s.speaker_id";
const CLAIM_COLUMNS: &str =
    "c.id, c.text, c.n_statements, c.n_assert, c.n_deny, c.n_report, c.n_question, c.n_origins, c.first_said, c.contested";
const CLAIM_ORDER: &str = "ORDER BY c.contested DESC, c.n_origins DESC, c.n_statements DESC, c.id";
const ARTICLE_COLUMNS: &str = "a.id, a.key, a.origin_path, a.title, a.outlet, a.url, a.published, a.origin_id,
     (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id)";

impl PgLedger {
    pub(crate) fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimSummary>, Error> {
        self.read(|session| claims(session, filter))
    }

    pub(crate) fn claim(&self, id: ClaimId) -> Result<Option<ClaimSummary>, Error> {
        self.read(|session| claim(session, id))
    }

    pub(crate) fn said_by(&self, entity: &str, limit: usize) -> Result<Vec<Statement>, Error> {
        self.read(|session| said_by(session, entity, limit))
    }

    pub(crate) fn timeline(&self, id: ClaimId) -> Result<Option<Timeline>, Error> {
        self.read(|session| timeline(session, id))
    }

    pub(crate) fn find_claim(&self, text: &str) -> Result<Option<ClaimId>, Error> {
        self.read(|session| find_claim(session, text))
    }

    pub(crate) fn search(&self, text: &str, limit: usize) -> Result<Vec<Statement>, Error> {
        self.read(|session| search(session, text, limit))
    }

    pub(crate) fn entities(&self, limit: usize) -> Result<Vec<EntitySummary>, Error> {
        self.read(|session| {
            let rows = session.query(
                "SELECT id, name, kind, n_statements, n_relayed FROM entities
                 ORDER BY n_statements DESC, n_relayed DESC, id LIMIT $1",
                &[&(limit as i64)],
            )?;
            let entities = rows.iter().map(entity_of_row).collect::<Result<Vec<EntitySummary>, Error>>()?;
            with_aliases(session, entities)
        })
    }

    pub(crate) fn other_spellings(&self, text: &str) -> Result<Vec<String>, Error> {
        self.read(|session| other_spellings(session, text))
    }

    pub(crate) fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>, Error> {
        self.read(|session| {
            // Ids are dense from 1 (given under the writers' lock, never
            // deleted), so an offset is an id bound.
            let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id > $1 ORDER BY a.id LIMIT $2");
            let rows = session.query(&sql, &[&(offset as i64), &(limit as i64)])?;
            rows.iter().map(article_of_row).collect()
        })
    }

    pub(crate) fn article(&self, id: ArticleId) -> Result<Option<ArticleDetail>, Error> {
        self.read(|session| {
            let sql = format!("SELECT {ARTICLE_COLUMNS}, a.text FROM articles a WHERE a.id = $1");
            let Some(row) = session.query_opt(&sql, &[&id.0])? else {
                return Ok(None);
            };
            let summary = article_of_row(&row)?;
            let text: String = row.try_get(9)?;
            let sql = format!("SELECT {STATEMENT_FIELDS} FROM statements s {STATEMENT_JOINS} WHERE s.article_id = $1 ORDER BY s.ordinal");
            let statements = session.query(&sql, &[&id.0])?.iter().map(statement_of_row).collect::<Result<_, _>>()?;
            let statements = with_relays(session, statements)?;
            Ok(Some(ArticleDetail { summary, text, statements }))
        })
    }

    pub(crate) fn entity(&self, id: EntityId) -> Result<Option<EntitySummary>, Error> {
        self.read(|session| {
            let row = session
                .query_opt("SELECT id, name, kind, n_statements, n_relayed FROM entities WHERE id = $1", &[&id.0])?;
            let found = row.as_ref().map(entity_of_row).transpose()?;
            Ok(with_aliases(session, found.into_iter().collect())?.pop())
        })
    }

    pub(crate) fn entities_matching(&self, text: &str, limit: usize) -> Result<Vec<EntitySummary>, Error> {
        let Some(pattern) = like_pattern(text) else {
            return Ok(Vec::new());
        };
        self.read(|session| {
            let rows = session.query(
                "SELECT id, name, kind, n_statements, n_relayed FROM entities
                 WHERE norm LIKE $1 ESCAPE '\\'
                    OR id IN (SELECT entity_id FROM entity_aliases WHERE norm LIKE $1 ESCAPE '\\')
                 ORDER BY n_statements DESC, n_relayed DESC, id LIMIT $2",
                &[&pattern, &(limit as i64)],
            )?;
            let entities = rows.iter().map(entity_of_row).collect::<Result<Vec<EntitySummary>, Error>>()?;
            with_aliases(session, entities)
        })
    }

    pub(crate) fn voices(&self, claim_id: i64, stance: &str, limit: usize) -> Result<Vec<Voice>, Error> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        self.read(|session| {
            let rows = session.query(
                "SELECT s.id, s.article_id, s.speaker_id, e.name, s.source_text, s.date, a.outlet
                 FROM (SELECT statement_id FROM claim_members WHERE claim_id = $1 AND stance = $2
                       ORDER BY statement_id LIMIT $3) m
                 JOIN statements s ON s.id = m.statement_id
                 JOIN articles a ON a.id = s.article_id LEFT JOIN entities e ON e.id = s.speaker_id
                 ORDER BY s.date IS NULL, s.date, s.id",
                &[&claim_id, &stance, &(limit as i64)],
            )?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let statement = StatementId(row.try_get(0)?);
                out.push(Voice {
                    statement,
                    article: ArticleId(row.try_get(1)?),
                    speaker: entity_ref(row.try_get(2)?, row.try_get(3)?),
                    source: row.try_get(4)?,
                    date: date_of(row.try_get(5)?),
                    outlet: row.try_get(6)?,
                    relayed_by: relays_of(session, statement)?,
                });
            }
            Ok(out)
        })
    }
}

fn claims<C: GenericClient>(session: &mut Session<'_, C>, filter: &ClaimFilter) -> Result<Vec<ClaimSummary>, Error> {
    let limit = filter.limit as i64;
    let contested = i64::from(filter.contested_only);
    let Some(about) = &filter.about else {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.contested >= $1 {CLAIM_ORDER} LIMIT $2");
        return session.query(&sql, &[&contested, &limit])?.iter().map(claim_of_row).collect();
    };
    // As on SQLite: the top of a union is the top of the tops of its parts.
    let mut out: Vec<ClaimSummary> = Vec::new();
    // The claims of the speaker's latest memberships, one index range (see
    // claim_members in schema.rs): the same claims as SQLite's "of the
    // latest 5,000 statements" unless the speaker has more than 5,000
    // statements, some in no claim or in several.
    let by_speaker = format!(
        "SELECT {CLAIM_COLUMNS} FROM claims c
         WHERE c.id IN (SELECT m.claim_id FROM claim_members m WHERE m.speaker_id = $1
                        ORDER BY m.date DESC NULLS LAST, m.statement_id DESC LIMIT $4)
           AND c.contested >= $2
         {CLAIM_ORDER} LIMIT $3"
    );
    for entity in entities_named(session, about)? {
        for row in session.query(&by_speaker, &[&entity, &contested, &limit, &ABOUT_SPEAKER_STATEMENTS])? {
            out.push(claim_of_row(&row)?);
        }
    }
    if let Some(words) = ts_words(about) {
        let hits = latest_matches(session, &words, ABOUT_FTS_HITS)?;
        let by_text = format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c
             WHERE c.id IN (SELECT m.claim_id FROM claim_members m WHERE m.statement_id = ANY($1))
               AND c.contested >= $2
             {CLAIM_ORDER} LIMIT $3"
        );
        for row in session.query(&by_text, &[&hits, &contested, &limit])? {
            out.push(claim_of_row(&row)?);
        }
    }
    ClaimSummary::put_in_board_order(&mut out, filter.limit);
    Ok(out)
}

fn claim<C: GenericClient>(session: &mut Session<'_, C>, id: ClaimId) -> Result<Option<ClaimSummary>, Error> {
    let sql = format!("SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.id = $1");
    session.query_opt(&sql, &[&id.0])?.as_ref().map(claim_of_row).transpose()
}

fn said_by<C: GenericClient>(
    session: &mut Session<'_, C>,
    entity: &str,
    limit: usize,
) -> Result<Vec<Statement>, Error> {
    let mut out = Vec::new();
    // NULLS FIRST changes nothing (no NULL passes the filter) but lets the
    // index on (speaker_id, date DESC NULLS LAST, id DESC) be read backwards
    // without a sort.
    let dated = format!(
        "SELECT {STATEMENT_FIELDS} FROM statements s {STATEMENT_JOINS}
         WHERE s.speaker_id = $1 AND s.date IS NOT NULL ORDER BY s.date NULLS FIRST, s.id LIMIT $2"
    );
    let undated = format!(
        "SELECT {STATEMENT_FIELDS} FROM statements s {STATEMENT_JOINS}
         WHERE s.speaker_id = $1 AND s.date IS NULL ORDER BY s.id LIMIT $2"
    );
    for id in entities_named(session, entity)? {
        for sql in [&dated, &undated] {
            for row in session.query(sql, &[&id, &(limit as i64)])? {
                out.push(statement_of_row(&row)?);
            }
        }
    }
    out.sort_by_key(|statement| (statement.date().is_none(), statement.date(), statement.id));
    out.truncate(limit);
    with_relays(session, out)
}

fn timeline<C: GenericClient>(session: &mut Session<'_, C>, id: ClaimId) -> Result<Option<Timeline>, Error> {
    let Some(summary) = claim(session, id)? else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT {STATEMENT_FIELDS}, m.stance FROM claim_members m JOIN statements s ON s.id = m.statement_id
         {STATEMENT_JOINS} WHERE m.claim_id = $1 ORDER BY s.date IS NULL, s.date, s.article_id, s.ordinal"
    );
    let mut statements = Vec::new();
    let mut stances = Vec::new();
    for row in session.query(&sql, &[&id.0])? {
        statements.push(statement_of_row(&row)?);
        stances.push(stance_of(row.try_get(16)?));
    }
    let statements = with_relays(session, statements)?;
    let mut events = Vec::with_capacity(statements.len());
    let mut first_seen = false;
    for (statement, stance) in statements.into_iter().zip(stances) {
        let role = match stance {
            hearsay_core::Stance::Deny => TimelineRole::Denied,
            hearsay_core::Stance::Question => TimelineRole::Questioned,
            _ if !first_seen => {
                first_seen = true;
                TimelineRole::First
            }
            hearsay_core::Stance::Report => TimelineRole::Relayed,
            _ if !statement.relayed_by.is_empty() || statement.origin != statement.article => TimelineRole::Relayed,
            _ => TimelineRole::Repeated,
        };
        events.push(TimelineEvent { role, stance, statement });
    }
    Ok(Some(Timeline { claim: summary, events }))
}

fn find_claim<C: GenericClient>(session: &mut Session<'_, C>, text: &str) -> Result<Option<ClaimId>, Error> {
    if let Ok(id) = text.trim().parse::<i64>() {
        return Ok(claim(session, ClaimId(id))?.map(|c| c.id));
    }
    let Some(words) = ts_words(text) else {
        return Ok(None);
    };
    let hits = latest_matches(session, &words, RANKED_HITS)?;
    let row = session.query_opt(
        "SELECT m.claim_id FROM (SELECT id, ts_rank(search, plainto_tsquery('simple', $1), 1) AS rank FROM statements
                                 WHERE id = ANY($2)) f
         JOIN claim_members m ON m.statement_id = f.id ORDER BY f.rank DESC, f.id DESC LIMIT 1",
        &[&words, &hits],
    )?;
    Ok(row.map(|row| row.try_get(0)).transpose()?.map(ClaimId))
}

fn search<C: GenericClient>(session: &mut Session<'_, C>, text: &str, limit: usize) -> Result<Vec<Statement>, Error> {
    let Some(words) = ts_words(text) else {
        return Ok(Vec::new());
    };
    let hits = latest_matches(session, &words, RANKED_HITS)?;
    let sql = format!(
        "SELECT {STATEMENT_FIELDS} FROM statements s
         JOIN (SELECT id, ts_rank(search, plainto_tsquery('simple', $1), 1) AS rank FROM statements
               WHERE id = ANY($3) ORDER BY rank DESC, id DESC LIMIT $2) f ON f.id = s.id
         {STATEMENT_JOINS}
         ORDER BY f.rank DESC, f.id DESC"
    );
    let rows = session.query(&sql, &[&words, &(limit as i64), &hits])?;
    let statements = rows.iter().map(statement_of_row).collect::<Result<Vec<Statement>, Error>>()?;
    with_relays(session, statements)
}

/// Entities whose normalised name or alias is `name`'s; failing that,
/// those whose name contains it (at most 20); failing that, those spelt
/// another way.
fn entities_named<C: GenericClient>(session: &mut Session<'_, C>, name: &str) -> Result<Vec<i64>, Error> {
    let norm = normalise_name(name);
    if norm.is_empty() {
        return Ok(Vec::new());
    }
    let named = named_exactly(session, &norm)?;
    if !named.is_empty() {
        return Ok(named);
    }
    let Some(pattern) = like_pattern(&norm) else {
        return Ok(Vec::new());
    };
    let rows = session.query(
        "SELECT id FROM entities WHERE norm LIKE $1 ESCAPE '\\' ORDER BY n_statements DESC LIMIT 20",
        &[&pattern],
    )?;
    let found: Vec<i64> = rows.iter().map(|row| row.try_get(0)).collect::<Result<Vec<i64>, _>>()?;
    if !found.is_empty() {
        return Ok(found);
    }
    spelt_otherwise(session, &norm)
}

/// The entity named `norm`, then those it is an alias of.
fn named_exactly<C: GenericClient>(session: &mut Session<'_, C>, norm: &str) -> Result<Vec<i64>, Error> {
    let mut named: Vec<i64> = Vec::new();
    if let Some(row) = session.query_opt("SELECT id FROM entities WHERE norm = $1", &[&norm])? {
        named.push(row.try_get(0)?);
    }
    for id in super::entities::alias_targets(session, norm)? {
        if !named.contains(&id) {
            named.push(id);
        }
    }
    Ok(named)
}

/// "Zelenskiy" for "Volodymyr Zelenskyy": entities whose name, or last
/// words, is another spelling of `norm`, among names that share its first
/// letters.
fn spelt_otherwise<C: GenericClient>(session: &mut Session<'_, C>, norm: &str) -> Result<Vec<i64>, Error> {
    let key = transliteration_key(norm);
    let Some(prefix) = transliteration_prefix(norm.split_whitespace().last().unwrap_or("")) else {
        return Ok(Vec::new());
    };
    let rows = session.query(
        "SELECT id, norm FROM entities WHERE norm LIKE $1 ESCAPE '\\' OR norm LIKE $2 ESCAPE '\\' ORDER BY n_statements DESC LIMIT 200",
        &[&prefix, &format!("% {prefix}")],
    )?;
    let mut spelled = Vec::new();
    for row in &rows {
        let (id, candidate): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
        let candidate_key = transliteration_key(&candidate);
        if candidate_key == key || candidate_key.ends_with(&format!(" {key}")) {
            spelled.push(id);
        }
    }
    Ok(spelled)
}

/// The other written forms of the entity `text` names (see the SQLite
/// twin in `src/sqlite/query.rs`).
fn other_spellings<C: GenericClient>(session: &mut Session<'_, C>, text: &str) -> Result<Vec<String>, Error> {
    let norm = normalise_name(text);
    if norm.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids = named_exactly(session, &norm)?;
    if ids.is_empty() {
        ids = spelt_otherwise(session, &norm)?;
    }
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let rows = session.query(
            "SELECT name FROM (SELECT 0::bigint AS o, name FROM entities WHERE id = $1
                               UNION ALL SELECT id, name FROM entity_aliases WHERE entity_id = $1 AND how = 'spelling') n
             ORDER BY o",
            &[&id],
        )?;
        for row in &rows {
            let name: String = row.try_get(0)?;
            if normalise_name(&name) != norm && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    Ok(out)
}

/// The entities with their aliases filled in.
fn with_aliases<C: GenericClient>(
    session: &mut Session<'_, C>,
    mut entities: Vec<EntitySummary>,
) -> Result<Vec<EntitySummary>, Error> {
    for entity in &mut entities {
        entity.aliases = super::entities::aliases(session, entity.id.0)?;
    }
    Ok(entities)
}

/// Ids of the latest `n` statements holding every word, newest first.
///
/// One query ordered by id would do, but neither of PostgreSQL's plans for
/// it is fast for every word: reading the primary key backwards and testing
/// each statement costs 1/frequency rows per hit (122 ms for "growth" on the
/// 100,000-article bench ledger, common overall but rare lately), and the
/// GIN bitmap fetches every match before sorting (60 ms for "the"). So the
/// latest [`RECENT_WINDOW`] statements are searched first, where either
/// plan is bounded by the window, and only when they hold fewer than `n`
/// matches is the rest searched, through the GIN index (`id + 0` keeps the
/// planner off the backward scan): words rare enough to get there have few
/// matches to fetch.
fn latest_matches<C: GenericClient>(session: &mut Session<'_, C>, words: &str, n: i64) -> Result<Vec<i64>, Error> {
    let newest: i64 = session.query_one("SELECT COALESCE(MAX(id), 0) FROM statements", &[])?.try_get(0)?;
    let bound = newest - RECENT_WINDOW;
    let mut ids: Vec<i64> = Vec::new();
    for row in session.query(
        "SELECT id FROM statements WHERE search @@ plainto_tsquery('simple', $1) AND id > $2 ORDER BY id DESC LIMIT $3",
        &[&words, &bound, &n],
    )? {
        ids.push(row.try_get(0)?);
    }
    let missing = n - ids.len() as i64;
    if missing > 0 && bound > 0 {
        for row in session.query(
            "SELECT id FROM statements WHERE search @@ plainto_tsquery('simple', $1) AND id <= $2
             ORDER BY id + 0 DESC LIMIT $3",
            &[&words, &bound, &missing],
        )? {
            ids.push(row.try_get(0)?);
        }
    }
    Ok(ids)
}

/// The user's words for `plainto_tsquery`, which ANDs them and reads no
/// operators. `None` when there is no word.
fn ts_words(text: &str) -> Option<String> {
    let words = query_words(text);
    if words.is_empty() {
        return None;
    }
    Some(words.join(" "))
}

/// Fills in who relayed each statement: one query for all of them (a
/// round trip per statement cost more than the rest of a timeline).
fn with_relays<C: GenericClient>(
    session: &mut Session<'_, C>,
    mut statements: Vec<Statement>,
) -> Result<Vec<Statement>, Error> {
    if statements.is_empty() {
        return Ok(statements);
    }
    let ids: Vec<i64> = statements.iter().map(|statement| statement.id.0).collect();
    let rows = session.query(
        "SELECT r.statement_id, r.entity_id, e.name FROM statement_relays r JOIN entities e ON e.id = r.entity_id
         WHERE r.statement_id = ANY($1) ORDER BY r.statement_id, r.position",
        &[&ids],
    )?;
    let mut relays: HashMap<i64, Vec<EntityRef>> = HashMap::new();
    for row in rows {
        let entity = EntityRef { id: EntityId(row.try_get(1)?), name: row.try_get(2)? };
        relays.entry(row.try_get(0)?).or_default().push(entity);
    }
    for statement in &mut statements {
        if let Some(found) = relays.get(&statement.id.0) {
            statement.relayed_by = found.clone();
        }
    }
    Ok(statements)
}

fn relays_of<C: GenericClient>(session: &mut Session<'_, C>, statement: StatementId) -> Result<Vec<EntityRef>, Error> {
    let rows = session.query(
        "SELECT r.entity_id, e.name FROM statement_relays r JOIN entities e ON e.id = r.entity_id
         WHERE r.statement_id = $1 ORDER BY r.position",
        &[&statement.0],
    )?;
    rows.iter().map(|row| Ok(EntityRef { id: EntityId(row.try_get(0)?), name: row.try_get(1)? })).collect()
}

fn entity_ref(id: Option<i64>, name: Option<String>) -> Option<EntityRef> {
    match (id, name) {
        (Some(id), Some(name)) => Some(EntityRef { id: EntityId(id), name }),
        _ => None,
    }
}

fn entity_of_row(row: &Row) -> Result<EntitySummary, Error> {
    Ok(EntitySummary {
        id: EntityId(row.try_get(0)?),
        name: row.try_get(1)?,
        kind: row.try_get(2)?,
        n_statements: row.try_get::<_, i64>(3)? as u64,
        n_relayed: row.try_get::<_, i64>(4)? as u64,
        aliases: Vec::new(),
    })
}

fn claim_of_row(row: &Row) -> Result<ClaimSummary, Error> {
    Ok(ClaimSummary {
        id: ClaimId(row.try_get(0)?),
        text: row.try_get(1)?,
        n_statements: row.try_get::<_, i64>(2)? as u64,
        n_assert: row.try_get::<_, i64>(3)? as u64,
        n_deny: row.try_get::<_, i64>(4)? as u64,
        n_report: row.try_get::<_, i64>(5)? as u64,
        n_question: row.try_get::<_, i64>(6)? as u64,
        n_origins: row.try_get::<_, i64>(7)? as u64,
        first_said: date_of(row.try_get(8)?),
        contested: row.try_get::<_, i64>(9)? != 0,
    })
}

fn article_of_row(row: &Row) -> Result<ArticleSummary, Error> {
    Ok(ArticleSummary {
        id: ArticleId(row.try_get(0)?),
        key: row.try_get(1)?,
        origin_path: row.try_get(2)?,
        title: row.try_get(3)?,
        outlet: row.try_get(4)?,
        url: row.try_get(5)?,
        published: date_of(row.try_get(6)?),
        origin: ArticleId(row.try_get(7)?),
        n_statements: row.try_get::<_, i64>(8)? as u64,
    })
}

fn statement_of_row(row: &Row) -> Result<Statement, Error> {
    let said_on = match (date_of(row.try_get(14)?), date_of(row.try_get(15)?)) {
        (Some(earliest), Some(latest)) => Some((earliest, latest)),
        _ => None,
    };
    Ok(Statement {
        id: StatementId(row.try_get(0)?),
        article: ArticleId(row.try_get(1)?),
        article_key: row.try_get(2)?,
        outlet: row.try_get(3)?,
        published: date_of(row.try_get(4)?),
        origin: ArticleId(row.try_get(5)?),
        speaker: entity_ref(row.try_get(6)?, row.try_get(7)?),
        source: row.try_get(8)?,
        cue: row.try_get(9)?,
        content: row.try_get(10)?,
        content_spans: spans_of(row.try_get(11)?),
        kind: kind_of(row.try_get(12)?),
        stance: stance_of(row.try_get(13)?),
        said_on,
        relayed_by: Vec::new(),
    })
}
