//! The API's JSON, converted by hand from the ledger's plain structs (which
//! derive no `Serialize`, so that the wire format is decided here alone).
//!
//! Ids are the ledger's integer row ids. Dates are `YYYY-MM-DD`. Spans, where
//! given, count Unicode scalar values into the article text, end exclusive,
//! as in the `extract` output format.

use chrono::NaiveDate;
use hearsay_core::CharOffsets;
use hearsay_ledger::{
    ArticleDetail, ArticleSummary, ClaimSummary, ClaimVoices, Counts, EntityRef, EntitySummary, Statement, Timeline,
    Voice,
};
use serde_json::{json, Value};

pub(crate) fn date(date: Option<NaiveDate>) -> Value {
    date.map_or(Value::Null, |d| Value::String(d.format("%Y-%m-%d").to_string()))
}

pub(crate) fn entity_ref(entity: &EntityRef) -> Value {
    json!({"id": entity.id.0, "name": entity.name})
}

pub(crate) fn counts(counts: &Counts) -> Value {
    json!({
        "articles": counts.articles, "origins": counts.origins, "statements": counts.statements,
        "claims": counts.claims, "entities": counts.entities,
    })
}

/// An entity, as the API and `hearsay entities --json` give it.
pub fn entity(entity: &EntitySummary) -> Value {
    json!({
        "id": entity.id.0, "name": entity.name, "type": entity.kind, "aliases": entity.aliases,
        "statements": entity.n_statements, "relayed": entity.n_relayed,
    })
}

/// A claim's tallies, as the API and `hearsay claims --json` give them.
pub fn claim(claim: &ClaimSummary) -> Value {
    json!({
        "id": claim.id.0,
        "text": claim.text,
        "contested": claim.is_contested(),
        "statements": claim.n_statements,
        "assert": claim.n_assert,
        "deny": claim.n_deny,
        "report": claim.n_report,
        "question": claim.n_question,
        "origins": claim.n_origins,
        "first_said": date(claim.first_said),
    })
}

pub(crate) fn voice(voice: &Voice) -> Value {
    json!({
        "statement": voice.statement.0,
        "article": voice.article.0,
        "speaker": voice.speaker.as_ref().map_or(Value::Null, entity_ref),
        "source": voice.source,
        "date": date(voice.date),
        "outlet": voice.outlet,
        "relayed_by": voice.relayed_by.iter().map(entity_ref).collect::<Vec<Value>>(),
    })
}

pub(crate) fn claim_voices(entry: &ClaimVoices) -> Value {
    let mut value = claim(&entry.claim);
    value["asserted_by"] = Value::Array(entry.asserted_by.iter().map(voice).collect());
    value["denied_by"] = Value::Array(entry.denied_by.iter().map(voice).collect());
    value
}

/// A statement, as the API and `hearsay said-by`/`search --json` give it;
/// with the article text at hand, its content spans too.
pub fn statement(statement: &Statement, offsets: Option<&CharOffsets>) -> Value {
    let mut value = json!({
        "id": statement.id.0,
        "article": {
            "id": statement.article.0,
            "key": statement.article_key,
            "outlet": statement.outlet,
            "published": date(statement.published),
        },
        "origin": statement.origin.0,
        "speaker": statement.speaker.as_ref().map_or(Value::Null, entity_ref),
        "source": statement.source,
        "cue": statement.cue,
        "content": statement.content,
        "kind": statement.kind.as_str(),
        "stance": statement.stance.as_str(),
        "said_on": match statement.said_on {
            Some((earliest, latest)) => json!({"earliest": date(Some(earliest)), "latest": date(Some(latest))}),
            None => Value::Null,
        },
        "date": date(statement.date()),
        "relayed_by": statement.relayed_by.iter().map(entity_ref).collect::<Vec<Value>>(),
    });
    if let Some(offsets) = offsets {
        let spans: Vec<Value> = statement
            .content_spans
            .iter()
            .map(|&(start, end)| json!([offsets.to_char(start), offsets.to_char(end)]))
            .collect();
        value["spans"] = Value::Array(spans);
    }
    value
}

pub(crate) fn article_summary(article: &ArticleSummary) -> Value {
    json!({
        "id": article.id.0,
        "key": article.key,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": date(article.published),
        "origin": article.origin.0,
        "statements": article.n_statements,
    })
}

pub(crate) fn article_detail(article: &ArticleDetail) -> Value {
    let offsets = CharOffsets::new(&article.text);
    let mut value = article_summary(&article.summary);
    value["text"] = Value::String(article.text.clone());
    value["statements"] = Value::Array(article.statements.iter().map(|s| statement(s, Some(&offsets))).collect());
    value
}

/// A claim's timeline, as the API and `hearsay timeline --json` give it:
/// the claim's tallies and its events in date order.
pub fn timeline(timeline: &Timeline) -> Value {
    let mut value = claim(&timeline.claim);
    value["timeline"] = Value::Array(
        timeline
            .events
            .iter()
            .map(|event| {
                json!({
                    "role": event.role.as_str(),
                    "stance": event.stance.as_str(),
                    "statement": statement(&event.statement, None),
                })
            })
            .collect(),
    );
    value
}

/// A JSON response whose text has no raw `<`, `>` or `&` ([`escape_markup`]).
pub(crate) fn response(value: &Value) -> axum::response::Response {
    body_response(escape_markup(&value.to_string()).into())
}

/// A JSON response of an already escaped body.
pub(crate) fn body_response(body: axum::body::Bytes) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    ([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Serialised JSON with `<`, `>` and `&` written as `\u003c`, `\u003e` and
/// `\u0026` (the same strings to any JSON reader), so that article text
/// cannot become markup even in a client or proxy that sniffs or embeds the
/// JSON. Outside strings, serialised JSON has none of these characters, so
/// replacing them everywhere is always valid.
pub(crate) fn escape_markup(json_text: &str) -> String {
    let mut out = String::with_capacity(json_text.len() + 64);
    for c in json_text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_json_has_no_markup_and_reads_back_the_same() {
        let value = json!({"text": "<script>alert(1)</script> & <img src=x onerror=alert(1)> \u{2028}"});
        let escaped = escape_markup(&value.to_string());
        assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('&'));
        let back: Value = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, value);
    }
}
