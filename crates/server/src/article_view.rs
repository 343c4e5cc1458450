//! The article view: an article's text, escaped, with each statement's
//! content highlighted in its speaker's colour; hovering a statement shows
//! its speaker, cue, relays, date and stance (from `data-*` attributes, and
//! a `title` for browsers without script).

use std::fmt::Write as _;

use axum::response::Response;
use hearsay_ledger::{ArticleDetail, ArticleId, Statement};

use crate::extract::Id;
use crate::html::{page, push_escaped, speaker_class};
use crate::pages::{push_short_name, push_statement_line, respond};
use crate::{Error, State};

/// `/articles/{id}`: the text with each statement highlighted, a colour
/// per speaker; hovering shows cue, relay, date and stance.
pub(crate) async fn article(state: State, Id(id): Id) -> Response {
    let result = state.pool.read(move |ledger| Ok(ledger.article(ArticleId(id))?)).await;
    respond(result.and_then(|article| {
        let article = article.ok_or_else(|| Error::NotFound(format!("article {id}")))?;
        let title = article.summary.title.clone().unwrap_or_else(|| article.summary.key.clone());
        let mut body = String::with_capacity(article.text.len() * 2 + 4096);
        body.push_str("<h1>");
        push_escaped(&mut body, &title);
        body.push_str("</h1><p class=\"tally\">");
        push_escaped(&mut body, article.summary.outlet.as_deref().unwrap_or("outlet unknown"));
        if let Some(published) = article.summary.published {
            let _ = write!(body, " · published {published}");
        }
        if article.summary.origin != article.summary.id {
            let _ = write!(body, " · reprints <a href=\"/articles/{0}\">article {0}</a>", article.summary.origin.0);
        }
        let _ = write!(body, " · {} statements</p>", article.statements.len());
        push_legend(&mut body, &article.statements);
        body.push_str("<article class=\"text\">");
        push_highlighted(&mut body, &article);
        body.push_str("</article><h2>Statements</h2><ol class=\"statements\">");
        for statement in &article.statements {
            let _ = write!(body, "<li class=\"event stance-{}\">", statement.stance.as_str());
            push_statement_line(&mut body, statement, true);
            body.push_str("</li>");
        }
        body.push_str("</ol>");
        Ok(page(&title, "page-article", &body))
    }))
}

fn push_legend(out: &mut String, statements: &[Statement]) {
    let mut seen: Vec<i64> = Vec::new();
    out.push_str("<p class=\"legend\">");
    for speaker in statements.iter().filter_map(|s| s.speaker.as_ref()) {
        if seen.contains(&speaker.id.0) {
            continue;
        }
        seen.push(speaker.id.0);
        let _ =
            write!(out, "<a class=\"chip {}\" href=\"/entities/{}\"", speaker_class(Some(speaker.id.0)), speaker.id.0);
        push_short_name(out, &speaker.name);
        out.push_str("</a> ");
    }
    if statements.iter().any(|s| s.speaker.is_none()) {
        out.push_str("<span class=\"chip sp-none\">unresolved speaker</span>");
    }
    out.push_str("</p>");
}

/// The article text, escaped, with each statement's content spans wrapped
/// in a `<mark>`. Spans that are out of bounds, not on character
/// boundaries, or overlap an earlier mark are left unmarked: a stored span
/// is data, and bad data must not break the page.
fn push_highlighted(out: &mut String, article: &ArticleDetail) {
    let text = &article.text;
    let mut marks: Vec<(usize, usize, usize)> = Vec::new();
    for (idx, statement) in article.statements.iter().enumerate() {
        for &(start, end) in &statement.content_spans {
            if start < end && text.get(start..end).is_some() {
                marks.push((start, end, idx));
            }
        }
    }
    marks.sort_by_key(|&(start, end, idx)| (start, std::cmp::Reverse(end), idx));
    let mut pos = 0;
    let mut first_piece: Vec<bool> = vec![true; article.statements.len()];
    for (start, end, idx) in marks {
        if start < pos {
            continue;
        }
        push_escaped(out, &text[pos..start]);
        let statement = &article.statements[idx];
        push_mark_open(out, statement, std::mem::replace(&mut first_piece[idx], false));
        push_escaped(out, &text[start..end]);
        out.push_str("</mark>");
        pos = end;
    }
    push_escaped(out, &text[pos..]);
}

fn push_mark_open(out: &mut String, statement: &Statement, with_anchor: bool) {
    let speaker = match (&statement.speaker, &statement.source) {
        (Some(speaker), _) => speaker.name.as_str(),
        (None, Some(source)) => source.as_str(),
        (None, None) => "unnamed source",
    };
    let relays: Vec<&str> = statement.relayed_by.iter().map(|r| r.name.as_str()).collect();
    let relay = if relays.is_empty() { "none".to_string() } else { relays.join(", ") };
    let date = match (statement.said_on, statement.published) {
        (Some((earliest, latest)), _) if earliest == latest => format!("{earliest}"),
        (Some((earliest, latest)), _) => format!("between {earliest} and {latest}"),
        (None, Some(published)) => format!("not stated (published {published})"),
        (None, None) => "not stated".to_string(),
    };
    let cue = statement.cue.as_deref().unwrap_or("none");
    let stance = statement.stance.as_str();
    let _ =
        write!(out, "<mark class=\"st {} stance-{stance}\"", speaker_class(statement.speaker.as_ref().map(|s| s.id.0)));
    if with_anchor {
        let _ = write!(out, " id=\"s{}\"", statement.id.0);
    }
    let title = format!("{speaker}\ncue: {cue}\nrelayed by: {relay}\ndate: {date}\nstance: {stance}");
    for (name, value) in [
        ("data-speaker", speaker),
        ("data-cue", cue),
        ("data-relay", relay.as_str()),
        ("data-date", date.as_str()),
        ("data-stance", stance),
        ("title", title.as_str()),
    ] {
        let _ = write!(out, " {name}=\"");
        push_escaped(out, value);
        out.push('"');
    }
    out.push('>');
}
