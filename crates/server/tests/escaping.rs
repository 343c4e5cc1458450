//! Article text is untrusted: an article, speaker, relay, claim, title and
//! outlet made of markup payloads must reach every page and every API
//! response only escaped.

mod common;

use common::{post_json, serve, writable, TestServer, TOKEN};
use hearsay_core::{Analysis, Claim, ClaimMember, EntityKind, Stance};
use hearsay_ledger::Ledger;
use serde_json::json;

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";

/// The payload article: every place the ledger stores text holds markup.
fn payload_text() -> String {
    format!(
        "Agent {SCRIPT} said the {IMG} plan to rebuild the northern harbour wall is real. Officer Evil denied that the \
         {IMG} plan to rebuild the northern harbour wall is real."
    )
}

fn fill_payload(ledger: &mut Ledger) {
    let text = payload_text();
    let mut article = common::article(&format!("id{SCRIPT}"), &text, "2025-04-22");
    article.title = Some(format!("Title {SCRIPT} {IMG}"));
    article.outlet = Some(format!("Outlet {IMG}"));
    let analysis = Analysis {
        attributions: vec![
            common::statement(
                &text,
                &format!("Agent {SCRIPT}"),
                "said",
                &format!("the {IMG} plan to rebuild the northern harbour wall is real"),
                Stance::Assert,
                0,
                &[2],
            ),
            common::statement(
                &text,
                "Officer Evil",
                "denied",
                &format!("that the {IMG} plan to rebuild the northern harbour wall is real"),
                Stance::Deny,
                1,
                &[],
            ),
        ],
        entities: vec![
            common::entity(&format!("Agent {SCRIPT}"), EntityKind::Person),
            common::entity(&format!("Officer {IMG}"), EntityKind::Person),
            common::entity(&format!("Relay {SCRIPT}"), EntityKind::Outlet),
        ],
        claims: vec![Claim {
            text: format!("the {IMG} plan {SCRIPT} is real"),
            members: vec![
                ClaimMember { attribution: 0, stance: Stance::Assert },
                ClaimMember { attribution: 1, stance: Stance::Deny },
            ],
        }],
        diagnostics: Vec::new(),
    };
    ledger.ingest(&article, &analysis).expect("ingest payload fixture");
}

fn ids(server: &TestServer, path: &str, key: &str) -> Vec<i64> {
    server.get(path).json()[key]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|v| v["id"].as_i64())
        .collect()
}

fn assert_no_raw_payload(path: &str, body: &str) {
    for raw in [SCRIPT, IMG, "<script>alert", "<img", "onerror=\"", "javascript:"] {
        assert!(!body.contains(raw), "{path} carries {raw:?} unescaped:\n{body}");
    }
}

#[test]
fn payloads_reach_pages_and_api_only_escaped() {
    let server = serve(writable(), fill_payload);
    // The same kind of article through the API, analysed by the real
    // extractor (whatever it finds, the text itself is shown).
    let posted = post_json(
        server.addr(),
        "/api/ingest",
        Some(TOKEN),
        &json!({"text": format!("{} The spokesman said {SCRIPT} was fine.", payload_text()), "title": IMG, "outlet": SCRIPT, "id": IMG, "published": "2025-04-23"}),
    );
    assert_eq!(posted.status, 200, "{}", posted.body);

    let articles = ids(&server, "/api/articles", "articles");
    let claims = ids(&server, "/api/claims", "claims");
    let entities = ids(&server, "/api/entities", "entities");
    assert_eq!(articles.len(), 2);
    assert!(!claims.is_empty() && entities.len() >= 3);

    let mut html_paths = vec![
        "/".to_string(),
        "/?contested=true".to_string(),
        "/entities".to_string(),
        "/articles".to_string(),
        "/search?q=alert".to_string(),
        "/search?q=plan+real".to_string(),
        // The query itself is shown again in the search box.
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E".to_string(),
        "/no/such/%3Cscript%3Ealert(1)%3C/script%3E".to_string(),
    ];
    let mut api_paths = vec![
        "/api/articles".to_string(),
        "/api/claims".to_string(),
        "/api/entities".to_string(),
        "/api/search?q=alert".to_string(),
        "/api/search?q=plan+real".to_string(),
        "/api/entities?q=script".to_string(),
    ];
    for id in &articles {
        html_paths.push(format!("/articles/{id}"));
        api_paths.push(format!("/api/articles/{id}"));
    }
    for id in &claims {
        html_paths.push(format!("/claims/{id}"));
        api_paths.push(format!("/api/claims/{id}"));
    }
    for id in &entities {
        html_paths.push(format!("/entities/{id}"));
        api_paths.push(format!("/api/entities/{id}"));
    }

    for path in &html_paths {
        let response = server.get(path);
        assert!(response.status == 200 || path.starts_with("/no/"), "{path}: {}", response.status);
        assert_no_raw_payload(path, &response.body);
        // Our own pages load script from a file only, never inline.
        let own = response.body.matches("<script src=\"/assets/app.js\" defer></script>").count();
        assert_eq!(response.body.matches("<script").count(), own, "{path}");
    }
    // The payloads are shown (escaped), not dropped.
    let fixture_entities: Vec<i64> = server.get("/api/entities?q=%3C").json()["entities"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e["id"].as_i64())
        .collect();
    assert_eq!(fixture_entities.len(), 3);
    let mut must_show: Vec<String> = html_paths[..7].to_vec();
    must_show.push(format!("/articles/{}", articles[0]));
    must_show.push(format!("/claims/{}", claims[0]));
    must_show.extend(fixture_entities.iter().map(|id| format!("/entities/{id}")));
    for path in &must_show {
        let body = server.get(path).body;
        let shown = body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || body.contains("&lt;img src=x onerror=alert(1)&gt;");
        assert!(shown, "{path} does not show the escaped payload:\n{body}");
    }
    let article_page = server.get(&format!("/articles/{}", articles[0])).body;
    assert!(article_page.contains("Agent &lt;script&gt;alert(1)&lt;/script&gt; said <mark"), "{article_page}");

    for path in &api_paths {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_no_raw_payload(path, &response.body);
        assert!(!response.body.contains('<') && !response.body.contains('>'), "{path}: raw angle bracket in JSON");
        // Still the same strings to a JSON reader.
        let _ = response.json();
    }
    let article = server.get(&format!("/api/articles/{}", articles[0])).json();
    assert_eq!(article["text"].as_str(), Some(payload_text().as_str()));
    assert_eq!(article["title"].as_str(), Some(format!("Title {SCRIPT} {IMG}").as_str()));
}
