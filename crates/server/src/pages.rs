//! The web page: the claim board, claim timelines, speaker pages, article
//! views and search, rendered on the server with every value escaped
//! ([`crate::html::escape`]); plus the embedded script and style sheet.
//!
//! The article view, with its highlighting, is in `article_view.rs`.
//!
//! The pages work without script. `assets/app.js` adds hover cards on
//! highlighted statements and live search, and writes data only through
//! `textContent`.

use std::fmt::Write as _;

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use hearsay_ledger::{ClaimId, ClaimVoices, EntityId, EntityRef, Statement, Voice};

use crate::api::{clamp_limit, entity_with_statements, ClaimsQuery, SearchQuery};
use crate::extract::{Id, Params};
use crate::html::{escape, page, push_escaped, speaker_class};
use crate::{Error, State};

const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");

pub(crate) async fn app_js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

pub(crate) async fn style_css() -> Response {
    asset("text/css; charset=utf-8", STYLE_CSS)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}

pub(crate) async fn not_found() -> Response {
    error_page(Error::NotFound("page".into()))
}

fn error_page(err: Error) -> Response {
    let status = match &err {
        Error::NotFound(_) => StatusCode::NOT_FOUND,
        Error::BadRequest(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let body = format!("<h1>{}</h1><p>{}</p>", status.as_u16(), escape(&err.to_string()));
    (status, Html(page("Error", "error", &body))).into_response()
}

pub(crate) fn respond(result: Result<String, Error>) -> Response {
    match result {
        Ok(body) => Html(body).into_response(),
        Err(err) => error_page(err),
    }
}

/// `/`: claims, contested ones first, each with who asserts and who denies
/// it, when, and through which outlets.
pub(crate) async fn board(state: State, Params(query): Params<ClaimsQuery>) -> Response {
    let filter = query.filter(50);
    let voices = query.voices();
    let key = format!("page {} {:?} {} {voices}", filter.contested_only, filter.about, filter.limit);
    let pool = &state.pool;
    let rendered = state
        .boards
        .get_or_render(key, || async move {
            let contested_only = filter.contested_only;
            let board = pool.read(move |ledger| Ok(ledger.claim_board(&filter, voices)?)).await?;
            Ok(board_page(&board, contested_only).into())
        })
        .await;
    match rendered {
        Ok(body) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response(),
        Err(err) => error_page(err),
    }
}

fn board_page(board: &[ClaimVoices], contested_only: bool) -> String {
    let mut body = String::with_capacity(4096 + board.len() * 1024);
    body.push_str("<h1>Claim board</h1><p class=\"lede\">Contested claims first: who asserts each, who denies it, when, and through which outlets.</p>");
    body.push_str("<p class=\"filters\">");
    if contested_only {
        body.push_str("<a href=\"/\">All claims</a> · <strong>Contested only</strong>");
    } else {
        body.push_str("<strong>All claims</strong> · <a href=\"/?contested=true\">Contested only</a>");
    }
    body.push_str("</p>");
    if board.is_empty() {
        body.push_str("<p class=\"empty\">No claims yet.</p>");
    }
    body.push_str("<div class=\"board\">");
    for entry in board {
        push_claim_card(&mut body, entry);
    }
    body.push_str("</div>");
    page("Claim board", "page-board", &body)
}

fn push_claim_card(out: &mut String, entry: &ClaimVoices) {
    let claim = &entry.claim;
    let contested = claim.is_contested();
    let _ = write!(
        out,
        "<section class=\"claim{}\" data-claim=\"{}\">",
        if contested { " contested" } else { "" },
        claim.id.0
    );
    let _ = write!(out, "<h2><a href=\"/claims/{}\">", claim.id.0);
    push_escaped(out, &claim.text);
    out.push_str("</a>");
    if contested {
        out.push_str(" <span class=\"badge contested\">contested</span>");
    }
    out.push_str("</h2><p class=\"tally\">");
    let _ = write!(
        out,
        "asserted {} · denied {} · reported {} · questioned {} · {} origin{}",
        claim.n_assert,
        claim.n_deny,
        claim.n_report,
        claim.n_question,
        claim.n_origins,
        if claim.n_origins == 1 { "" } else { "s" }
    );
    if let Some(first) = claim.first_said {
        let _ = write!(out, " · first said {first}");
    }
    out.push_str("</p><div class=\"sides\">");
    push_side(out, "assert", "Asserted by", &entry.asserted_by, claim.n_assert);
    push_side(out, "deny", "Denied by", &entry.denied_by, claim.n_deny);
    out.push_str("</div></section>\n");
}

fn push_side(out: &mut String, class: &str, heading: &str, voices: &[Voice], total: u64) {
    let _ = write!(out, "<div class=\"side {class}\"><h3>{heading}</h3><ul>");
    if voices.is_empty() {
        out.push_str("<li class=\"none\">nobody yet</li>");
    }
    for voice in voices {
        out.push_str("<li class=\"voice\">");
        push_speaker(out, voice.speaker.as_ref(), voice.source.as_deref());
        push_date(out, voice.date);
        push_via(out, &voice.relayed_by, voice.outlet.as_deref());
        let _ =
            write!(out, " <a class=\"src\" href=\"/articles/{}#s{}\">article</a>", voice.article.0, voice.statement.0);
        out.push_str("</li>");
    }
    let shown = voices.len() as u64;
    if total > shown {
        let _ = write!(out, "<li class=\"more\">and {} more</li>", total - shown);
    }
    out.push_str("</ul></div>");
}

fn push_speaker(out: &mut String, speaker: Option<&EntityRef>, source: Option<&str>) {
    match speaker {
        Some(speaker) => {
            let _ = write!(
                out,
                "<a class=\"speaker {}\" href=\"/entities/{}\"",
                speaker_class(Some(speaker.id.0)),
                speaker.id.0
            );
            push_short_name(out, &speaker.name);
            out.push_str("</a>");
        }
        None => {
            out.push_str("<span class=\"speaker sp-none\"");
            push_short_name(out, source.unwrap_or("unnamed source"));
            out.push_str("</span>");
        }
    }
}

fn push_date(out: &mut String, date: Option<chrono::NaiveDate>) {
    match date {
        Some(date) => {
            let _ = write!(out, " <time datetime=\"{date}\">{date}</time>");
        }
        None => out.push_str(" <span class=\"undated\">undated</span>"),
    }
}

fn push_via(out: &mut String, relays: &[EntityRef], outlet: Option<&str>) {
    if !relays.is_empty() {
        out.push_str(" <span class=\"via\">via ");
        for (idx, relay) in relays.iter().enumerate() {
            if idx > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "<a href=\"/entities/{}\"", relay.id.0);
            push_short_name(out, &relay.name);
            out.push_str("</a>");
        }
        out.push_str("</span>");
    }
    if let Some(outlet) = outlet {
        out.push_str(" <span class=\"outlet\">in ");
        push_escaped(out, outlet);
        out.push_str("</span>");
    }
}

/// Longest name shown in full in lists; longer ones (a source that the
/// extractor took with half a sentence) are cut, whole in the tooltip.
const SHORT_NAME_CHARS: usize = 60;

/// Ends an open tag (`<a ...`) and writes `name`, cut to
/// [`SHORT_NAME_CHARS`] with the whole name as its `title`.
pub(crate) fn push_short_name(out: &mut String, name: &str) {
    match name.char_indices().nth(SHORT_NAME_CHARS) {
        Some((cut, _)) => {
            out.push_str(" title=\"");
            push_escaped(out, name);
            out.push_str("\">");
            push_escaped(out, &name[..cut]);
            out.push('…');
        }
        None => {
            out.push('>');
            push_escaped(out, name);
        }
    }
}

/// `/claims/{id}`: one claim's history.
pub(crate) async fn claim(state: State, Id(id): Id) -> Response {
    let result = state.pool.read(move |ledger| Ok(ledger.timeline(ClaimId(id))?)).await;
    respond(result.and_then(|timeline| {
        let timeline = timeline.ok_or_else(|| Error::NotFound(format!("claim {id}")))?;
        let claim = &timeline.claim;
        let mut body = String::with_capacity(4096);
        body.push_str("<h1>");
        push_escaped(&mut body, &claim.text);
        body.push_str("</h1>");
        if claim.is_contested() {
            body.push_str("<p><span class=\"badge contested\">contested</span></p>");
        }
        let _ = write!(
            body,
            "<p class=\"tally\">asserted {} · denied {} · reported {} · questioned {} · {} origins</p>",
            claim.n_assert, claim.n_deny, claim.n_report, claim.n_question, claim.n_origins
        );
        body.push_str("<ol class=\"timeline\">");
        for event in &timeline.events {
            let _ = write!(body, "<li class=\"event role-{} stance-{}\">", event.role.as_str(), event.stance.as_str());
            let _ = write!(body, "<span class=\"role\">{}</span> ", event.role.as_str());
            push_statement_line(&mut body, &event.statement, true);
            body.push_str("</li>");
        }
        body.push_str("</ol>");
        Ok(page(&claim.text, "page-claim", &body))
    }))
}

/// One statement: speaker, date, stance, content, cue, relays, article.
pub(crate) fn push_statement_line(out: &mut String, statement: &Statement, with_speaker: bool) {
    if with_speaker {
        push_speaker(out, statement.speaker.as_ref(), statement.source.as_deref());
    }
    match statement.said_on {
        // A range ("last week", "previously") is shown as one.
        Some((earliest, latest)) if earliest != latest => {
            let _ = write!(
                out,
                " <time datetime=\"{earliest}\">{earliest}</time>–<time datetime=\"{latest}\">{latest}</time>"
            );
        }
        _ => push_date(out, statement.date()),
    }
    let _ = write!(out, " <span class=\"badge stance-{0}\">{0}</span>", statement.stance.as_str());
    out.push_str(" <q>");
    push_escaped(out, &statement.content);
    out.push_str("</q>");
    if let Some(cue) = &statement.cue {
        out.push_str(" <span class=\"cue\">(");
        push_escaped(out, cue);
        out.push_str(")</span>");
    }
    push_via(out, &statement.relayed_by, statement.outlet.as_deref());
    let _ = write!(out, " <a class=\"src\" href=\"/articles/{}#s{}\">", statement.article.0, statement.id.0);
    push_escaped(out, &statement.article_key);
    out.push_str("</a>");
}

/// `/entities`: speakers, the most quoted first.
pub(crate) async fn entities(state: State) -> Response {
    let result = state.pool.read(|ledger| Ok(ledger.entities(500)?)).await;
    respond(result.map(|entities| {
        let mut body = String::from("<h1>Speakers</h1><table class=\"list\"><thead><tr><th>Name</th><th>Also</th><th>Type</th><th>Statements</th><th>Relayed</th></tr></thead><tbody>");
        for entity in &entities {
            let _ = write!(body, "<tr><td><a class=\"speaker {}\" href=\"/entities/{}\">", speaker_class(Some(entity.id.0)), entity.id.0);
            push_escaped(&mut body, &entity.name);
            body.push_str("</a></td><td class=\"aliases\">");
            push_escaped(&mut body, &entity.aliases.join(", "));
            body.push_str("</td><td>");
            push_escaped(&mut body, &entity.kind);
            let _ = write!(body, "</td><td>{}</td><td>{}</td></tr>", entity.n_statements, entity.n_relayed);
        }
        body.push_str("</tbody></table>");
        page("Speakers", "page-entities", &body)
    }))
}

/// `/entities/{id}`: everything one entity said, on a timeline.
pub(crate) async fn entity(state: State, Id(id): Id) -> Response {
    let result = state.pool.read(move |ledger| entity_with_statements(ledger, EntityId(id), 500)).await;
    respond(result.and_then(|found| {
        let (entity, statements) = found.ok_or_else(|| Error::NotFound(format!("entity {id}")))?;
        let mut body = String::with_capacity(4096);
        let _ = write!(body, "<h1><span class=\"speaker {}\">", speaker_class(Some(entity.id.0)));
        push_escaped(&mut body, &entity.name);
        body.push_str("</span></h1><p class=\"tally\">");
        push_escaped(&mut body, &entity.kind);
        let _ = write!(body, " · {} statements · relayed {}</p>", entity.n_statements, entity.n_relayed);
        if !entity.aliases.is_empty() {
            body.push_str("<p class=\"aliases\">Also: ");
            push_escaped(&mut body, &entity.aliases.join(", "));
            body.push_str("</p>");
        }
        body.push_str("<ol class=\"timeline\">");
        let mut last_date: Option<Option<chrono::NaiveDate>> = None;
        for statement in &statements {
            let date = statement.date();
            if last_date != Some(date) {
                match date {
                    Some(date) => {
                        let _ = write!(body, "<li class=\"day\"><time datetime=\"{date}\">{date}</time></li>");
                    }
                    None => body.push_str("<li class=\"day\">undated</li>"),
                }
                last_date = Some(date);
            }
            let _ = write!(body, "<li class=\"event stance-{}\">", statement.stance.as_str());
            push_statement_line(&mut body, statement, false);
            body.push_str("</li>");
        }
        if statements.is_empty() {
            body.push_str("<li class=\"none\">No statements of its own (it may only relay others).</li>");
        }
        body.push_str("</ol>");
        Ok(page(&entity.name, "page-entity", &body))
    }))
}

#[derive(serde::Deserialize)]
pub(crate) struct ArticlesPage {
    offset: Option<usize>,
}

/// `/articles`: stored articles in ingest order, 100 a page.
pub(crate) async fn articles(state: State, Params(query): Params<ArticlesPage>) -> Response {
    let offset = query.offset.unwrap_or(0);
    let result = state.pool.read(move |ledger| Ok(ledger.articles(100, offset)?)).await;
    respond(result.map(|articles| {
        let mut body = String::from("<h1>Articles</h1><table class=\"list\"><thead><tr><th>Article</th><th>Outlet</th><th>Published</th><th>Statements</th></tr></thead><tbody>");
        for article in &articles {
            let _ = write!(body, "<tr><td><a href=\"/articles/{}\">", article.id.0);
            push_escaped(&mut body, article.title.as_deref().unwrap_or(&article.key));
            body.push_str("</a></td><td>");
            push_escaped(&mut body, article.outlet.as_deref().unwrap_or(""));
            body.push_str("</td><td>");
            if let Some(published) = article.published {
                let _ = write!(body, "{published}");
            }
            let _ = write!(body, "</td><td>{}</td></tr>", article.n_statements);
        }
        body.push_str("</tbody></table>");
        if let Some(last) = articles.last() {
            let _ = write!(body, "<p><a href=\"/articles?offset={}\">Next page</a></p>", last.id.0);
        }
        page("Articles", "page-articles", &body)
    }))
}

/// `/search?q=`: statements holding every word, and speakers by name.
pub(crate) async fn search(state: State, Params(query): Params<SearchQuery>) -> Response {
    let text = query.q.unwrap_or_default();
    let limit = clamp_limit(query.limit, 50);
    let words = text.clone();
    let result = if text.trim().is_empty() {
        Ok((Vec::new(), Vec::new()))
    } else {
        state.pool.read(move |ledger| Ok((ledger.search(&words, limit)?, ledger.entities_matching(&words, 20)?))).await
    };
    respond(result.map(|(statements, entities)| {
        let mut body = String::with_capacity(4096);
        body.push_str("<h1>Search</h1><form class=\"big-search\" action=\"/search\" method=\"get\">");
        body.push_str("<input id=\"q\" type=\"search\" name=\"q\" autofocus value=\"");
        push_escaped(&mut body, &text);
        body.push_str("\" aria-label=\"Search statements\"><button type=\"submit\">Search</button></form>");
        // The script re-renders this block live as the user types.
        body.push_str("<div id=\"results\">");
        if !entities.is_empty() {
            body.push_str("<h2>Speakers</h2><ul class=\"entities\">");
            for entity in &entities {
                let _ = write!(
                    body,
                    "<li><a class=\"speaker {}\" href=\"/entities/{}\">",
                    speaker_class(Some(entity.id.0)),
                    entity.id.0
                );
                push_escaped(&mut body, &entity.name);
                let _ = write!(body, "</a> <span class=\"count\">{} statements</span></li>", entity.n_statements);
            }
            body.push_str("</ul>");
        }
        if !text.trim().is_empty() {
            let _ = write!(
                body,
                "<h2>Statements</h2><p class=\"count\">{} found</p><ol class=\"statements\">",
                statements.len()
            );
            for statement in &statements {
                let _ = write!(body, "<li class=\"event stance-{}\">", statement.stance.as_str());
                push_statement_line(&mut body, statement, true);
                body.push_str("</li>");
            }
            body.push_str("</ol>");
        }
        body.push_str("</div>");
        page("Search", "page-search", &body)
    }))
}
