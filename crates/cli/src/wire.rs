//! The JSON Lines wire format of `hearsay extract` (see FORMAT.md in the
//! shared eval folder). Core types are converted here by hand: spans become
//! Unicode scalar offsets, ids become "a1", "e1", "c1".

use hearsay_core::{Analysis, CharOffsets, Role};
use serde_json::{json, Value};

/// One document's output line, written field by field: a document with a
/// hundred thousand statements then costs about its output's size in
/// memory, not a tree of values many times that. Same fields as
/// [`document_json`].
pub fn document_line(
    id: &str,
    text: &str,
    published: Option<chrono::NaiveDate>,
    analysis: &Analysis,
    title: Option<&str>,
    with_text: bool,
) -> String {
    let offsets = CharOffsets::new(text);
    let mut out = String::with_capacity(256 + analysis.attributions.len() * 400);
    out.push_str("{\"id\":");
    out.push_str(&json_string(id));
    out.push_str(",\"published\":");
    out.push_str(&published.map_or(Value::Null, |d| Value::String(d.to_string())).to_string());
    out.push_str(",\"attributions\":[");
    for (i, a) in analysis.attributions.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&attribution_json(i, a, text, &offsets, analysis).to_string());
    }
    out.push_str("],\"entities\":");
    out.push_str(&entities_json(analysis).to_string());
    out.push_str(",\"claims\":");
    out.push_str(&claims_json(analysis).to_string());
    if with_text {
        out.push_str(",\"title\":");
        out.push_str(&title.map_or_else(|| "null".to_string(), json_string));
        out.push_str(",\"text\":");
        out.push_str(&json_string(text));
    }
    out.push('}');
    out
}

fn attribution_json(
    i: usize,
    a: &hearsay_core::Attribution,
    text: &str,
    offsets: &CharOffsets,
    analysis: &Analysis,
) -> Value {
    let role = |role: Option<&Role>| -> Value {
        match role {
            None => Value::Null,
            Some(role) => json!({
                "text": role.text(text),
                "spans": role.spans().iter().map(|s| json!([offsets.to_char(s.start()), offsets.to_char(s.end())])).collect::<Vec<_>>(),
            }),
        }
    };
    let entity_ref = |idx: usize| -> Value {
        match analysis.entities.get(idx) {
            Some(e) => json!({"entity": format!("e{}", idx + 1), "name": e.name}),
            None => Value::Null,
        }
    };
    json!({
        "id": format!("a{}", i + 1),
        "source": role(a.source.as_ref()),
        "cue": role(a.cue.as_ref()),
        "content": role(Some(&a.content)),
        "kind": a.kind.as_str(),
        "speaker": a.speaker.map_or(Value::Null, |e| entity_ref(e.0)),
        "stance": a.stance.as_str(),
        "said_on": a.said_on.as_ref().map_or(Value::Null, |d| json!({
            "earliest": d.earliest().to_string(),
            "latest": d.latest().to_string(),
            "text": d.evidence().slice(text),
        })),
        "relayed_by": a.relayed_by.iter().map(|e| entity_ref(e.0)).collect::<Vec<_>>(),
        "addressee": a.addressee.as_ref().map_or(Value::Null, |to| json!({
            "name": to.name.slice(text),
            "entity": to.entity.map_or(Value::Null, |e| Value::String(format!("e{}", e.0 + 1))),
        })),
        "confidence": (a.confidence * 1000.0).round() / 1000.0,
    })
}

fn entities_json(analysis: &Analysis) -> Value {
    Value::Array(
        analysis
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| json!({"id": format!("e{}", i + 1), "name": e.name, "type": e.kind.as_str(), "mentions": e.mentions.len()}))
            .collect(),
    )
}

fn claims_json(analysis: &Analysis) -> Value {
    Value::Array(
        analysis
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({
                    "id": format!("c{}", i + 1),
                    "text": c.text,
                    "members": c.members.iter().map(|m| json!({"attribution": format!("a{}", m.attribution + 1), "stance": m.stance.as_str()})).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// A JSON string literal of `text`, without copying it into a `Value` first.
fn json_string(text: &str) -> String {
    // Serialising a `&str` cannot fail: it has no map keys and no I/O.
    serde_json::to_string(text).unwrap_or_else(|_| "null".to_string())
}
