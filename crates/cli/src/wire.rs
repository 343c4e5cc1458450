//! The JSON Lines wire format of `hearsay extract` (see FORMAT.md in the
//! shared eval folder). Core types are converted here by hand: spans become
//! Unicode scalar offsets, ids become "a1", "e1", "c1".

use hearsay_core::{Analysis, CharOffsets, Role};
use serde_json::{json, Value};

/// One document's output object.
pub fn document_json(id: &str, text: &str, published: Option<chrono::NaiveDate>, analysis: &Analysis, title: Option<&str>, with_text: bool) -> Value {
    let offsets = CharOffsets::new(text);
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
    let attributions: Vec<Value> = analysis
        .attributions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({
                "id": format!("a{}", i + 1),
                "source": role(a.source.as_ref()),
                "cue": role(a.cue.as_ref()),
                "content": role(Some(&a.content)),
                "kind": a.kind.as_str(),
                "speaker": a.speaker.map_or(Value::Null, |e| entity_ref(e.0)),
                "stance": a.stance.as_str(),
                "said_on": a.said_on.as_ref().map_or(Value::Null, |d| json!({
                    "earliest": d.earliest.to_string(),
                    "latest": d.latest.to_string(),
                    "text": d.evidence.slice(text),
                })),
                "relayed_by": a.relayed_by.iter().map(|e| entity_ref(e.0)).collect::<Vec<_>>(),
                "confidence": (a.confidence * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    let entities: Vec<Value> = analysis
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| json!({"id": format!("e{}", i + 1), "name": e.name, "type": e.kind.as_str(), "mentions": e.mentions.len()}))
        .collect();
    let claims: Vec<Value> = analysis
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
        .collect();
    let mut object = json!({
        "id": id,
        "published": published.map(|d| d.to_string()),
        "attributions": attributions,
        "entities": entities,
        "claims": claims,
    });
    if with_text {
        object["title"] = title.map_or(Value::Null, |t| Value::String(t.to_string()));
        object["text"] = Value::String(text.to_string());
    }
    object
}
