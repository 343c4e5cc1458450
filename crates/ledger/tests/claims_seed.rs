//! Golden test of claim grouping on the seed article: the hand-annotated
//! attributions of `../shared/eval/seed` go through `group_claims`, and the
//! result is scored as `score_seed.py` scores it (contested claims held as
//! such, pairwise grouping F1).

use std::collections::{BTreeSet, HashMap};

use hearsay_core::claims::group_claims;
use hearsay_core::{Attribution, AttributionKind, Entity, EntityIndex, EntityKind, Role, Span, Stance};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/seed/zelenskyy-drones");

struct Seed {
    text: String,
    gold: serde_json::Value,
    attributions: Vec<Attribution>,
    entities: Vec<Entity>,
}

fn byte_of(text: &str, char_idx: u64) -> usize {
    text.char_indices().nth(char_idx as usize).map_or(text.len(), |(b, _)| b)
}

fn role(text: &str, value: &serde_json::Value) -> Option<Role> {
    let start = value.get("start")?.as_u64()?;
    let end = value.get("end")?.as_u64()?;
    Role::single(Span::new(byte_of(text, start), byte_of(text, end)))
}

fn load_seed() -> Seed {
    let text = std::fs::read_to_string(format!("{SEED}.txt")).expect("seed text in ../shared");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{SEED}.gold.json")).expect("seed gold")).expect("json");
    let mut entities: Vec<Entity> = Vec::new();
    let mut attributions = Vec::new();
    for a in gold["attributions"].as_array().expect("attributions") {
        let speaker = a["speaker"].as_str().unwrap_or("");
        let speaker_idx = match entities.iter().position(|e| e.name == speaker) {
            Some(i) => i,
            None => {
                entities.push(Entity { name: speaker.to_string(), kind: EntityKind::Other, mentions: vec![] });
                entities.len() - 1
            }
        };
        let stance = match a["stance"].as_str() {
            Some("deny") => Stance::Deny,
            _ => Stance::Assert,
        };
        attributions.push(Attribution {
            source: role(&text, &a["source"]),
            cue: role(&text, &a["cue"]),
            content: role(&text, &a["content"]).expect("content"),
            kind: AttributionKind::Indirect,
            speaker: Some(EntityIndex(speaker_idx)),
            stance,
            said_on: None,
            relayed_by: vec![],
            addressee: None,
            confidence: 1.0,
        });
    }
    Seed { text, gold, attributions, entities }
}

#[test]
fn seed_claims_contested_and_grouped_as_annotated() {
    let seed = load_seed();
    let claims = group_claims(&seed.text, &seed.attributions, &seed.entities);
    let ids: Vec<String> = seed.gold["attributions"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a["id"].as_str().unwrap_or("").to_string())
        .collect();
    let idx: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    for (n, claim) in claims.iter().enumerate() {
        let members: Vec<String> =
            claim.members.iter().map(|m| format!("{}:{}", ids[m.attribution], m.stance.as_str())).collect();
        eprintln!("c{n}: {:?} {:?}", claim.text, members);
    }
    let member_of = |a: usize| -> Vec<(usize, Stance)> {
        claims
            .iter()
            .enumerate()
            .flat_map(|(c, claim)| claim.members.iter().filter(move |m| m.attribution == a).map(move |m| (c, m.stance)))
            .collect()
    };
    let gold_claims = seed.gold["claims"].as_array().expect("claims");
    let list = |k: &serde_json::Value, field: &str| -> Vec<usize> {
        k[field].as_array().expect("list").iter().filter_map(|v| idx.get(v.as_str()?).copied()).collect()
    };
    let (mut contested, mut n_contested) = (0, 0);
    let mut gold_pairs = BTreeSet::new();
    let mut in_claim = BTreeSet::new();
    for k in gold_claims {
        let asserted = list(k, "asserted_by");
        let denied = list(k, "denied_by");
        let all: BTreeSet<usize> = asserted.iter().chain(&denied).copied().collect();
        for &a in &all {
            for &b in &all {
                if a < b {
                    gold_pairs.insert((a, b));
                }
            }
        }
        in_claim.extend(all);
        if denied.is_empty() {
            continue;
        }
        n_contested += 1;
        let pro: BTreeSet<usize> =
            asserted.iter().flat_map(|&a| member_of(a)).filter(|(_, s)| *s == Stance::Assert).map(|(c, _)| c).collect();
        let con: BTreeSet<usize> =
            denied.iter().flat_map(|&a| member_of(a)).filter(|(_, s)| *s == Stance::Deny).map(|(c, _)| c).collect();
        if pro.intersection(&con).next().is_some() {
            contested += 1;
        } else {
            eprintln!("not contested: {}", k["gist"]);
        }
    }
    let mut pred_pairs = BTreeSet::new();
    for &a in &in_claim {
        for &b in &in_claim {
            let ca: BTreeSet<usize> = member_of(a).into_iter().map(|(c, _)| c).collect();
            let cb: BTreeSet<usize> = member_of(b).into_iter().map(|(c, _)| c).collect();
            if a < b && ca.intersection(&cb).next().is_some() {
                pred_pairs.insert((a, b));
            }
        }
    }
    let tp = gold_pairs.intersection(&pred_pairs).count() as f64;
    let precision = if pred_pairs.is_empty() { 0.0 } else { tp / pred_pairs.len() as f64 };
    let recall = tp / gold_pairs.len() as f64;
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    for pair in gold_pairs.difference(&pred_pairs) {
        eprintln!("missed pair {} {}", ids[pair.0], ids[pair.1]);
    }
    for pair in pred_pairs.difference(&gold_pairs) {
        eprintln!("extra pair {} {}", ids[pair.0], ids[pair.1]);
    }
    eprintln!("contested {contested}/{n_contested}, grouping P {precision:.2} R {recall:.2} F1 {:.0}", 100.0 * f1);
    assert_eq!((contested, n_contested), (2, 2));
    assert!(f1 >= 0.80, "grouping F1 {f1:.2} below 0.80");
}
