//! The JSON API under `/api`, and the OpenAPI document that describes it
//! (`assets/openapi.json`, hand-written; a test checks that every route
//! the router serves is in it).

use std::sync::Arc;

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use hearsay_core::Document;
use hearsay_ledger::{ArticleId, ClaimFilter, ClaimId, EntityId, Ingested};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::extract::{Id, Params};
use crate::{wire_json, AppState, Error, State};

/// The OpenAPI 3 document.
pub(crate) const OPENAPI: &str = include_str!("../assets/openapi.json");

/// Largest page any list returns: bounds the work one request can ask for.
pub(crate) const MAX_LIMIT: usize = 500;
/// Largest number of voices per side on the claim board.
pub(crate) const MAX_VOICES: usize = 50;

pub(crate) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub(crate) async fn stats(state: State) -> Result<Response, Error> {
    let counts = state.pool.read(|ledger| Ok(ledger.counts()?)).await?;
    Ok(wire_json::response(&wire_json::counts(&counts)))
}

#[derive(Deserialize)]
pub(crate) struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

pub(crate) async fn articles(state: State, Params(page): Params<Page>) -> Result<Response, Error> {
    let limit = clamp_limit(page.limit, 50);
    let offset = page.offset.unwrap_or(0);
    let articles = state.pool.read(move |ledger| Ok(ledger.articles(limit, offset)?)).await?;
    Ok(wire_json::response(
        &json!({ "articles": articles.iter().map(wire_json::article_summary).collect::<Vec<Value>>() }),
    ))
}

pub(crate) async fn article(state: State, Id(id): Id) -> Result<Response, Error> {
    let article = state.pool.read(move |ledger| Ok(ledger.article(ArticleId(id))?)).await?;
    match article {
        Some(article) => Ok(wire_json::response(&wire_json::article_detail(&article))),
        None => Err(Error::NotFound(format!("article {id}"))),
    }
}

/// The claim board's query: `contested`, `about`, `limit`, `voices`.
#[derive(Deserialize)]
pub(crate) struct ClaimsQuery {
    pub(crate) contested: Option<bool>,
    pub(crate) about: Option<String>,
    pub(crate) limit: Option<usize>,
    pub(crate) voices: Option<usize>,
}

impl ClaimsQuery {
    pub(crate) fn filter(&self, default_limit: usize) -> ClaimFilter {
        ClaimFilter {
            contested_only: self.contested.unwrap_or(false),
            about: self.about.as_ref().map(|about| about.trim().to_string()).filter(|about| !about.is_empty()),
            limit: clamp_limit(self.limit, default_limit),
        }
    }

    pub(crate) fn voices(&self) -> usize {
        self.voices.unwrap_or(5).min(MAX_VOICES)
    }
}

pub(crate) async fn claims(state: State, Params(query): Params<ClaimsQuery>) -> Result<Response, Error> {
    let filter = query.filter(50);
    let voices = query.voices();
    let key = format!("api {} {:?} {} {voices}", filter.contested_only, filter.about, filter.limit);
    let pool = &state.pool;
    let body = state
        .boards
        .get_or_render(key, || async move {
            let board = pool.read(move |ledger| Ok(ledger.claim_board(&filter, voices)?)).await?;
            let value = json!({ "claims": board.iter().map(wire_json::claim_voices).collect::<Vec<Value>>() });
            Ok(wire_json::escape_markup(&value.to_string()).into())
        })
        .await?;
    Ok(wire_json::body_response(body))
}

pub(crate) async fn claim(state: State, Id(id): Id) -> Result<Response, Error> {
    let timeline = state.pool.read(move |ledger| Ok(ledger.timeline(ClaimId(id))?)).await?;
    match timeline {
        Some(timeline) => Ok(wire_json::response(&wire_json::timeline(&timeline))),
        None => Err(Error::NotFound(format!("claim {id}"))),
    }
}

#[derive(Deserialize)]
pub(crate) struct EntitiesQuery {
    q: Option<String>,
    limit: Option<usize>,
}

pub(crate) async fn entities(state: State, Params(query): Params<EntitiesQuery>) -> Result<Response, Error> {
    let limit = clamp_limit(query.limit, 100);
    let entities = state
        .pool
        .read(move |ledger| match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => Ok(ledger.entities_matching(q, limit)?),
            None => Ok(ledger.entities(limit)?),
        })
        .await?;
    Ok(wire_json::response(&json!({ "entities": entities.iter().map(wire_json::entity).collect::<Vec<Value>>() })))
}

#[derive(Deserialize)]
pub(crate) struct LimitQuery {
    limit: Option<usize>,
}

pub(crate) async fn entity(state: State, Id(id): Id, Params(query): Params<LimitQuery>) -> Result<Response, Error> {
    let limit = clamp_limit(query.limit, MAX_LIMIT);
    let found = state.pool.read(move |ledger| entity_with_statements(ledger, EntityId(id), limit)).await?;
    let Some((entity, statements)) = found else {
        return Err(Error::NotFound(format!("entity {id}")));
    };
    let mut value = wire_json::entity(&entity);
    value["statements"] = Value::Array(statements.iter().map(|s| wire_json::statement(s, None)).collect());
    Ok(wire_json::response(&value))
}

/// An entity and what it said, in date order.
pub(crate) fn entity_with_statements(
    ledger: &hearsay_ledger::Ledger,
    id: EntityId,
    limit: usize,
) -> Result<Option<(hearsay_ledger::EntitySummary, Vec<hearsay_ledger::Statement>)>, Error> {
    let Some(entity) = ledger.entity(id)? else {
        return Ok(None);
    };
    // Entity names are unique once normalised, so the exact-name match of
    // `said_by` finds this entity alone; keep only its own statements all
    // the same, should that ever change.
    let statements = ledger.said_by(&entity.name, limit)?;
    let statements = statements.into_iter().filter(|s| s.speaker.as_ref().is_some_and(|sp| sp.id == id)).collect();
    Ok(Some((entity, statements)))
}

#[derive(Deserialize)]
pub(crate) struct SearchQuery {
    pub(crate) q: Option<String>,
    pub(crate) limit: Option<usize>,
}

pub(crate) async fn search(state: State, Params(query): Params<SearchQuery>) -> Result<Response, Error> {
    let text = query.q.unwrap_or_default();
    if text.trim().is_empty() {
        return Err(Error::BadRequest("q is required".into()));
    }
    let limit = clamp_limit(query.limit, 50);
    let (statements, entities) =
        state.pool.read(move |ledger| Ok((ledger.search(&text, limit)?, ledger.entities_matching(&text, 20)?))).await?;
    Ok(wire_json::response(&json!({
        "statements": statements.iter().map(|s| wire_json::statement(s, None)).collect::<Vec<Value>>(),
        "entities": entities.iter().map(wire_json::entity).collect::<Vec<Value>>(),
    })))
}

/// `POST /api/ingest` body.
#[derive(Deserialize)]
pub(crate) struct IngestRequest {
    text: String,
    id: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
}

pub(crate) async fn ingest(state: State, headers: HeaderMap, body: axum::body::Bytes) -> Result<Response, Error> {
    // The token is checked before the body is even parsed.
    authorize(&state, &headers)?;
    let request: IngestRequest = serde_json::from_slice(&body)
        .map_err(|err| Error::BadRequest(format!("body is not an ingest request: {err}")))?;
    if request.text.trim().is_empty() {
        return Err(Error::BadRequest("text is empty".into()));
    }
    let published = match request.published.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(text) => Some(
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| Error::BadRequest("published must be YYYY-MM-DD".into()))?,
        ),
        None => None,
    };
    let id = match request.id.filter(|id| !id.trim().is_empty()) {
        Some(id) => id,
        None => format!("api-{:016x}", hearsay_core::hash::fnv1a(request.text.as_bytes())),
    };
    let article = hearsay_ingest::Article {
        origin: format!("api:{id}"),
        id,
        title: request.title,
        text: request.text,
        published,
        outlet: request.outlet,
        url: request.url,
        byline: None,
    };
    let Some(analyzer) = state.analyzer.clone() else {
        return Err(Error::ReadOnly);
    };
    let outcome = state
        .pool
        .write(move |ledger| {
            // Analysis under the writer lock: ingest is rare, and this keeps
            // two requests for one text from analysing it twice.
            if ledger.contains(&article.text)? {
                let analysis = hearsay_core::Analysis::default();
                return Ok(ledger.ingest(&article, &analysis)?);
            }
            let analysis = analyzer.analyze(Document { text: &article.text, published: article.published });
            Ok(ledger.ingest(&article, &analysis)?)
        })
        .await?;
    state.boards.invalidate();
    Ok(wire_json::response(&match outcome {
        Ingested::Stored { article, near_duplicate_of, n_statements, n_new_claims } => json!({
            "status": "stored", "article": article.0, "near_duplicate_of": near_duplicate_of.map(|a| a.0),
            "statements": n_statements, "new_claims": n_new_claims,
        }),
        Ingested::Duplicate { article } => json!({ "status": "duplicate", "article": article.0 }),
    }))
}

fn authorize(state: &Arc<AppState>, headers: &HeaderMap) -> Result<(), Error> {
    let Some(token) = &state.token else {
        return Err(Error::ReadOnly);
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(given) if constant_time_eq(given.as_bytes(), token.as_bytes()) => Ok(()),
        _ => Err(Error::Unauthorized),
    }
}

/// Compares without stopping at the first difference, so that response
/// times do not tell how much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) fn clamp_limit(limit: Option<usize>, default: usize) -> usize {
    limit.unwrap_or(default).clamp(1, MAX_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison_needs_equal_bytes() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(clamp_limit(None, 50), 50);
        assert_eq!(clamp_limit(Some(0), 50), 1);
        assert_eq!(clamp_limit(Some(1_000_000), 50), MAX_LIMIT);
    }
}
