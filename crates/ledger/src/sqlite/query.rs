//! The read path: every query the CLI and the server answer, as plain
//! structs. Each is one or a few indexed SQL statements; the figures in
//! README.md show them under 50 ms at p95 on 100,000 articles.

use std::collections::HashMap;

use hearsay_core::Stance;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::encoding::{
    date_of, kind_of, normalise_name, query_words, spans_of, stance_of, transliteration_key, transliteration_prefix,
};
use crate::model::{
    ArticleDetail, ArticleId, ArticleSummary, ClaimFilter, ClaimId, ClaimSummary, EntityId, EntityRef, EntitySummary,
    Statement, StatementId, Timeline, TimelineEvent, TimelineRole,
};
use crate::Error;

/// At most this many full-text hits feed `claims --about`: enough for any
/// page of results, bounded so that a common name stays fast.
const ABOUT_FTS_HITS: i64 = 2000;
/// At most this many of a speaker's statements, the latest, feed
/// `claims --about`, for the same reason.
const ABOUT_SPEAKER_STATEMENTS: i64 = 5000;
/// Full-text queries rank (bm25) only the latest this many matches: ranking
/// every match of a common word ("said") over a million statements takes
/// seconds, and the latest matches are what a reader of news wants.
const RANKED_HITS: i64 = 2000;

const STATEMENT_FIELDS: &str = "s.id, s.article_id, a.key, a.outlet, a.published, s.origin_id, s.speaker_id, e.name,
     s.source_text, s.cue_text, s.content_text, s.content_spans, s.kind, s.stance, s.said_from, s.said_to";
const STATEMENT_JOINS: &str = "JOIN articles a ON a.id = s.article_id LEFT JOIN entities e ON e.id = s.speaker_id";
const STATEMENT_COLUMNS: &str = concat!(
    "s.id, s.article_id, a.key, a.outlet, a.published, s.origin_id, s.speaker_id, e.name,
     s.source_text, s.cue_text, s.content_text, s.content_spans, s.kind, s.stance, s.said_from, s.said_to",
    " FROM statements s ",
    "JOIN articles a ON a.id = s.article_id LEFT JOIN entities e ON e.id = s.speaker_id"
);

const CLAIM_COLUMNS: &str =
    "c.id, c.text, c.n_statements, c.n_assert, c.n_deny, c.n_report, c.n_question, c.n_origins, c.first_said, c.contested";

pub(crate) fn claims(conn: &Connection, filter: &ClaimFilter) -> Result<Vec<ClaimSummary>, Error> {
    let limit = filter.limit as i64;
    let contested = i64::from(filter.contested_only);
    let Some(about) = &filter.about else {
        let sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.contested >= ?1
             ORDER BY c.contested DESC, c.n_origins DESC, c.n_statements DESC, c.id LIMIT ?2"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![contested, limit], claim_of_row)?;
        return Ok(rows.collect::<Result<Vec<ClaimSummary>, rusqlite::Error>>()?);
    };
    // The top `limit` of a union is the top `limit` of the tops of its
    // parts: each part is ranked and cut in SQL, then merged here.
    let mut out: Vec<ClaimSummary> = Vec::new();
    let by_speaker = format!(
        "SELECT {CLAIM_COLUMNS} FROM claims c
         WHERE c.id IN (SELECT m.claim_id FROM (SELECT s.id FROM statements s WHERE s.speaker_id = ?1
                                                ORDER BY s.date DESC LIMIT ?4) s
                        JOIN claim_members m ON m.statement_id = s.id)
           AND c.contested >= ?2
         ORDER BY c.contested DESC, c.n_origins DESC, c.n_statements DESC, c.id LIMIT ?3"
    );
    let mut by_speaker = conn.prepare_cached(&by_speaker)?;
    for entity in entities_named(conn, about)? {
        for row in by_speaker.query_map(params![entity, contested, limit, ABOUT_SPEAKER_STATEMENTS], claim_of_row)? {
            out.push(row?);
        }
    }
    if let Some(fts) = fts_query(about) {
        let by_text = format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c
             WHERE c.id IN (SELECT m.claim_id FROM (SELECT rowid AS id FROM statements_fts WHERE statements_fts MATCH ?1
                                                    LIMIT ?2) f
                            JOIN claim_members m ON m.statement_id = f.id)
               AND c.contested >= ?3
             ORDER BY c.contested DESC, c.n_origins DESC, c.n_statements DESC, c.id LIMIT ?4"
        );
        let mut by_text = conn.prepare_cached(&by_text)?;
        for row in by_text.query_map(params![fts, ABOUT_FTS_HITS, contested, limit], claim_of_row)? {
            out.push(row?);
        }
    }
    ClaimSummary::put_in_board_order(&mut out, filter.limit);
    Ok(out)
}

pub(crate) fn said_by(conn: &Connection, entity: &str, limit: usize) -> Result<Vec<Statement>, Error> {
    let mut out = Vec::new();
    // Both orders follow the index on (speaker_id, date), whose ties are in
    // id order: no sort, however much the speaker said.
    let dated = format!(
        "SELECT {STATEMENT_COLUMNS} WHERE s.speaker_id = ?1 AND s.date IS NOT NULL ORDER BY s.date, s.id LIMIT ?2"
    );
    let undated =
        format!("SELECT {STATEMENT_COLUMNS} WHERE s.speaker_id = ?1 AND s.date IS NULL ORDER BY s.id LIMIT ?2");
    let mut dated = conn.prepare_cached(&dated)?;
    let mut undated = conn.prepare_cached(&undated)?;
    for id in entities_named(conn, entity)? {
        for row in dated.query_map(params![id, limit as i64], statement_of_row)? {
            out.push(row?);
        }
        for row in undated.query_map(params![id, limit as i64], statement_of_row)? {
            out.push(row?);
        }
    }
    // Several entities may match a loose name: merge by date.
    out.sort_by_key(|statement| (statement.date().is_none(), statement.date(), statement.id));
    out.truncate(limit);
    with_relays(conn, out)
}

pub(crate) fn claim(conn: &Connection, id: ClaimId) -> Result<Option<ClaimSummary>, Error> {
    let sql = format!("SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row(params![id.0], claim_of_row).optional()?)
}

pub(crate) fn timeline(conn: &Connection, id: ClaimId) -> Result<Option<Timeline>, Error> {
    let Some(summary) = claim(conn, id)? else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT {STATEMENT_FIELDS}, m.stance FROM claim_members m JOIN statements s ON s.id = m.statement_id
         {STATEMENT_JOINS} WHERE m.claim_id = ?1 ORDER BY s.date IS NULL, s.date, s.article_id, s.ordinal"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows =
        stmt.query_map(params![id.0], |row| Ok((statement_of_row(row)?, stance_of(&row.get::<_, String>(16)?))))?;
    let mut pairs: Vec<(Statement, Stance)> = Vec::new();
    for row in rows {
        pairs.push(row?);
    }
    let (statements, stances): (Vec<Statement>, Vec<Stance>) = pairs.into_iter().unzip();
    let statements = with_relays(conn, statements)?;
    let mut events = Vec::with_capacity(statements.len());
    let mut first_seen = false;
    for (statement, stance) in statements.into_iter().zip(stances) {
        let role = match stance {
            Stance::Deny => TimelineRole::Denied,
            Stance::Question => TimelineRole::Questioned,
            _ if !first_seen => {
                first_seen = true;
                TimelineRole::First
            }
            Stance::Report => TimelineRole::Relayed,
            _ if !statement.relayed_by.is_empty() || statement.origin != statement.article => TimelineRole::Relayed,
            _ => TimelineRole::Repeated,
        };
        events.push(TimelineEvent { role, stance, statement });
    }
    Ok(Some(Timeline { claim: summary, events }))
}

pub(crate) fn find_claim(conn: &Connection, text: &str) -> Result<Option<ClaimId>, Error> {
    if let Ok(id) = text.trim().parse::<i64>() {
        return Ok(claim(conn, ClaimId(id))?.map(|c| c.id));
    }
    let Some(fts) = fts_query(text) else {
        return Ok(None);
    };
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT m.claim_id FROM (SELECT rowid AS id, rank FROM statements_fts WHERE statements_fts MATCH ?1
                                     ORDER BY rowid DESC LIMIT ?2) f
             JOIN claim_members m ON m.statement_id = f.id ORDER BY f.rank LIMIT 1",
        )?
        .query_row(params![fts, RANKED_HITS], |row| row.get(0))
        .optional()?;
    Ok(found.map(ClaimId))
}

pub(crate) fn search(conn: &Connection, text: &str, limit: usize) -> Result<Vec<Statement>, Error> {
    let Some(fts) = fts_query(text) else {
        return Ok(Vec::new());
    };
    let sql = format!(
        "SELECT {STATEMENT_COLUMNS} JOIN (SELECT id, rank FROM (SELECT rowid AS id, rank FROM statements_fts
                                                               WHERE statements_fts MATCH ?1
                                                               ORDER BY rowid DESC LIMIT ?3)
                                          ORDER BY rank LIMIT ?2) f ON f.id = s.id
         ORDER BY f.rank"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![fts, limit as i64, RANKED_HITS], statement_of_row)?;
    let statements = rows.collect::<Result<Vec<Statement>, rusqlite::Error>>()?;
    with_relays(conn, statements)
}

pub(crate) fn entities(conn: &Connection, limit: usize) -> Result<Vec<EntitySummary>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, n_statements, n_relayed FROM entities
         ORDER BY n_statements DESC, n_relayed DESC, id LIMIT ?1",
    )?;
    let rows = stmt.query_map(params![limit as i64], super::board::entity_of_row)?;
    super::board::with_aliases(conn, rows.collect::<Result<Vec<EntitySummary>, rusqlite::Error>>()?)
}

const ARTICLE_COLUMNS: &str = "a.id, a.key, a.origin_path, a.title, a.outlet, a.url, a.published, a.origin_id,
     (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id)";

pub(crate) fn articles(conn: &Connection, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>, Error> {
    let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id > ?1 ORDER BY a.id LIMIT ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    // Ids are dense from 1 (never deleted), so an offset is an id bound.
    let rows = stmt.query_map(params![offset as i64, limit as i64], article_of_row)?;
    Ok(rows.collect::<Result<Vec<ArticleSummary>, rusqlite::Error>>()?)
}

pub(crate) fn article(conn: &Connection, id: ArticleId) -> Result<Option<ArticleDetail>, Error> {
    let sql = format!("SELECT {ARTICLE_COLUMNS}, a.text FROM articles a WHERE a.id = ?1");
    let found = conn
        .prepare_cached(&sql)?
        .query_row(params![id.0], |row| Ok((article_of_row(row)?, row.get::<_, String>(9)?)))
        .optional()?;
    let Some((summary, text)) = found else {
        return Ok(None);
    };
    let sql = format!("SELECT {STATEMENT_COLUMNS} WHERE s.article_id = ?1 ORDER BY s.ordinal");
    let mut stmt = conn.prepare_cached(&sql)?;
    let statements =
        stmt.query_map(params![id.0], statement_of_row)?.collect::<Result<Vec<Statement>, rusqlite::Error>>()?;
    let statements = with_relays(conn, statements)?;
    Ok(Some(ArticleDetail { summary, text, statements }))
}

/// Entities whose normalised name or alias is `name`'s; failing that,
/// those whose name contains it (at most 20); failing that, those spelt
/// another way.
fn entities_named(conn: &Connection, name: &str) -> Result<Vec<i64>, Error> {
    let norm = normalise_name(name);
    if norm.is_empty() {
        return Ok(Vec::new());
    }
    let named = named_exactly(conn, &norm)?;
    if !named.is_empty() {
        return Ok(named);
    }
    let pattern = format!("%{}%", norm.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut stmt = conn
        .prepare_cached("SELECT id FROM entities WHERE norm LIKE ?1 ESCAPE '\\' ORDER BY n_statements DESC LIMIT 20")?;
    let rows = stmt.query_map(params![pattern], |row| row.get::<_, i64>(0))?;
    let found = rows.collect::<Result<Vec<i64>, rusqlite::Error>>()?;
    if !found.is_empty() {
        return Ok(found);
    }
    spelt_otherwise(conn, &norm)
}

/// The entity named `norm`, then those it is an alias of.
fn named_exactly(conn: &Connection, norm: &str) -> Result<Vec<i64>, Error> {
    let exact: Option<i64> = conn
        .prepare_cached("SELECT id FROM entities WHERE norm = ?1")?
        .query_row(params![norm], |row| row.get(0))
        .optional()?;
    let mut named: Vec<i64> = exact.into_iter().collect();
    for id in super::entities::alias_targets(conn, norm)? {
        if !named.contains(&id) {
            named.push(id);
        }
    }
    Ok(named)
}

/// "Zelenskiy" for "Volodymyr Zelenskyy": entities whose name, or last
/// words, is another spelling of `norm`, among names that share its first
/// letters.
fn spelt_otherwise(conn: &Connection, norm: &str) -> Result<Vec<i64>, Error> {
    let key = transliteration_key(norm);
    let Some(prefix) = transliteration_prefix(norm.split_whitespace().last().unwrap_or("")) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, norm FROM entities WHERE norm LIKE ?1 ESCAPE '\\' OR norm LIKE ?2 ESCAPE '\\' ORDER BY n_statements DESC LIMIT 200",
    )?;
    let rows = stmt.query_map(params![prefix, format!("% {prefix}")], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut spelled = Vec::new();
    for row in rows {
        let (id, candidate) = row?;
        let candidate_key = transliteration_key(&candidate);
        if candidate_key == key || candidate_key.ends_with(&format!(" {key}")) {
            spelled.push(id);
        }
    }
    Ok(spelled)
}

/// The other written forms of the entity `text` names (exactly, by an
/// alias or by another spelling): its name and its spelling aliases, not
/// its linked surnames (a surname finds the full name already).
pub(crate) fn other_spellings(conn: &Connection, text: &str) -> Result<Vec<String>, Error> {
    let norm = normalise_name(text);
    if norm.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids = named_exactly(conn, &norm)?;
    if ids.is_empty() {
        ids = spelt_otherwise(conn, &norm)?;
    }
    let mut out: Vec<String> = Vec::new();
    let mut names = conn.prepare_cached(
        "SELECT name FROM (SELECT 0 AS o, name FROM entities WHERE id = ?1
                           UNION ALL SELECT id, name FROM entity_aliases WHERE entity_id = ?1 AND how = 'spelling')
         ORDER BY o",
    )?;
    for id in ids {
        for name in names.query_map(params![id], |row| row.get::<_, String>(0))? {
            let name = name?;
            if normalise_name(&name) != norm && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    Ok(out)
}

/// The user's words as an FTS5 query: each word quoted (so that no FTS
/// syntax leaks through), all required. `None` when there is no word.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = query_words(text).into_iter().map(|w| format!("\"{w}\"")).collect();
    if words.is_empty() {
        return None;
    }
    Some(words.join(" "))
}

fn with_relays(conn: &Connection, mut statements: Vec<Statement>) -> Result<Vec<Statement>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.entity_id, e.name FROM statement_relays r JOIN entities e ON e.id = r.entity_id
         WHERE r.statement_id = ?1 ORDER BY r.position",
    )?;
    let mut cache: HashMap<i64, Vec<EntityRef>> = HashMap::new();
    for statement in &mut statements {
        if let Some(relays) = cache.get(&statement.id.0) {
            statement.relayed_by = relays.clone();
            continue;
        }
        let rows = stmt
            .query_map(params![statement.id.0], |row| Ok(EntityRef { id: EntityId(row.get(0)?), name: row.get(1)? }))?;
        statement.relayed_by = rows.collect::<Result<Vec<EntityRef>, rusqlite::Error>>()?;
        cache.insert(statement.id.0, statement.relayed_by.clone());
    }
    Ok(statements)
}

fn claim_of_row(row: &Row<'_>) -> rusqlite::Result<ClaimSummary> {
    Ok(ClaimSummary {
        id: ClaimId(row.get(0)?),
        text: row.get(1)?,
        n_statements: row.get::<_, i64>(2)? as u64,
        n_assert: row.get::<_, i64>(3)? as u64,
        n_deny: row.get::<_, i64>(4)? as u64,
        n_report: row.get::<_, i64>(5)? as u64,
        n_question: row.get::<_, i64>(6)? as u64,
        n_origins: row.get::<_, i64>(7)? as u64,
        first_said: date_of(row.get(8)?),
        contested: row.get::<_, i64>(9)? != 0,
    })
}

fn article_of_row(row: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: ArticleId(row.get(0)?),
        key: row.get(1)?,
        origin_path: row.get(2)?,
        title: row.get(3)?,
        outlet: row.get(4)?,
        url: row.get(5)?,
        published: date_of(row.get(6)?),
        origin: ArticleId(row.get(7)?),
        n_statements: row.get::<_, i64>(8)? as u64,
    })
}

fn statement_of_row(row: &Row<'_>) -> rusqlite::Result<Statement> {
    let speaker = match (row.get::<_, Option<i64>>(6)?, row.get::<_, Option<String>>(7)?) {
        (Some(id), Some(name)) => Some(EntityRef { id: EntityId(id), name }),
        _ => None,
    };
    let said_on = match (date_of(row.get(14)?), date_of(row.get(15)?)) {
        (Some(earliest), Some(latest)) => Some((earliest, latest)),
        _ => None,
    };
    Ok(Statement {
        id: StatementId(row.get(0)?),
        article: ArticleId(row.get(1)?),
        article_key: row.get(2)?,
        outlet: row.get(3)?,
        published: date_of(row.get(4)?),
        origin: ArticleId(row.get(5)?),
        speaker,
        source: row.get(8)?,
        cue: row.get(9)?,
        content: row.get(10)?,
        content_spans: spans_of(&row.get::<_, String>(11)?),
        kind: kind_of(&row.get::<_, String>(12)?),
        stance: stance_of(&row.get::<_, String>(13)?),
        said_on,
        relayed_by: Vec::new(),
    })
}
