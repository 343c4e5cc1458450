//! The JSON API against a real server on a loopback port: every route,
//! its errors, the token rule for ingest, the limits and the headers.

mod common;

use std::time::Duration;

use common::{post_json, request, serve, writable, Setup, TOKEN};
use serde_json::{json, Value};

fn read_only() -> Setup {
    Setup { token: None, ..writable() }
}

#[test]
fn openapi_document_describes_every_api_route() {
    let server = serve(read_only(), |_| {});
    let response = server.get("/openapi.json");
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("application/json"));
    let doc = response.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for (path, method) in [
        ("/api/stats", "get"),
        ("/api/articles", "get"),
        ("/api/articles/{id}", "get"),
        ("/api/claims", "get"),
        ("/api/claims/{id}", "get"),
        ("/api/entities", "get"),
        ("/api/entities/{id}", "get"),
        ("/api/search", "get"),
        ("/api/ingest", "post"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path} is missing from /openapi.json");
    }
    // Every $ref points at a component that exists.
    let text = response.body.clone();
    for piece in text.split("\"$ref\":").skip(1) {
        let target = piece.trim_start().trim_start_matches('"').split('"').next().unwrap_or("");
        let mut node = &doc;
        for key in target.trim_start_matches("#/").split('/') {
            node = &node[key];
        }
        assert!(!node.is_null(), "dangling $ref {target}");
    }
}

#[test]
fn claim_board_lists_contested_claims_with_both_sides() {
    let server = serve(read_only(), common::fill_bridge);
    let response = server.get("/api/claims?contested=true");
    assert_eq!(response.status, 200);
    let claims = response.json()["claims"].as_array().cloned().unwrap_or_default();
    assert_eq!(claims.len(), 1, "{claims:?}");
    let claim = &claims[0];
    assert_eq!(claim["text"], "the bridge will reopen in May");
    assert_eq!(claim["contested"], true);
    assert_eq!((claim["assert"].as_u64(), claim["deny"].as_u64()), (Some(1), Some(1)));
    assert_eq!(claim["asserted_by"][0]["speaker"]["name"], "Ana Bell");
    assert_eq!(claim["asserted_by"][0]["date"], "2025-03-01");
    assert_eq!(claim["asserted_by"][0]["outlet"], "Test Wire");
    assert_eq!(claim["asserted_by"][0]["relayed_by"][0]["name"], "Metro Radio");
    assert_eq!(claim["denied_by"][0]["speaker"]["name"], "Tom Reed");
    // `voices=0` keeps the tallies and drops the lists.
    let bare = server.get("/api/claims?voices=0").json();
    assert_eq!(bare["claims"][0]["asserted_by"], json!([]));
    assert_eq!(bare["claims"][0]["assert"], 1);
}

#[test]
fn claim_timeline_says_who_asserts_and_who_denies_and_when() {
    let server = serve(read_only(), common::fill_bridge);
    let id = server.get("/api/claims").json()["claims"][0]["id"].as_i64().expect("a claim id");
    let claim = server.get(&format!("/api/claims/{id}")).json();
    let events = claim["timeline"].as_array().cloned().unwrap_or_default();
    assert_eq!(events.len(), 2);
    let by_speaker = |name: &str| -> Value {
        events.iter().find(|e| e["statement"]["speaker"]["name"] == name).cloned().unwrap_or(Value::Null)
    };
    assert_eq!(by_speaker("Ana Bell")["stance"], "assert");
    assert_eq!(by_speaker("Ana Bell")["role"], "first");
    assert_eq!(by_speaker("Tom Reed")["stance"], "deny");
    assert_eq!(by_speaker("Tom Reed")["role"], "denied");
    assert_eq!(by_speaker("Tom Reed")["statement"]["date"], "2025-03-01");
    assert_eq!(by_speaker("Ana Bell")["statement"]["relayed_by"][0]["name"], "Metro Radio");
    assert_eq!(server.get("/api/claims/999999").status, 404);
}

#[test]
fn articles_list_and_detail_with_spans_in_characters() {
    let server = serve(read_only(), common::fill_bridge);
    let list = server.get("/api/articles").json();
    let articles = list["articles"].as_array().cloned().unwrap_or_default();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["key"], "bridge");
    assert_eq!(articles[0]["statements"], 2);
    let id = articles[0]["id"].as_i64().expect("article id");
    let article = server.get(&format!("/api/articles/{id}")).json();
    assert_eq!(article["text"], common::BRIDGE_TEXT);
    let text: Vec<char> = common::BRIDGE_TEXT.chars().collect();
    for statement in article["statements"].as_array().cloned().unwrap_or_default() {
        let span = &statement["spans"][0];
        let (start, end) = (span[0].as_u64().expect("start") as usize, span[1].as_u64().expect("end") as usize);
        let sliced: String = text[start..end].iter().collect();
        assert_eq!(statement["content"].as_str(), Some(sliced.as_str()));
    }
    assert_eq!(server.get("/api/articles/424242").status, 404);
    assert_eq!(server.get("/api/articles?offset=1").json()["articles"], json!([]));
}

#[test]
fn entities_and_everything_one_said() {
    let server = serve(read_only(), common::fill_bridge);
    let entities = server.get("/api/entities").json()["entities"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = entities.iter().filter_map(|e| e["name"].as_str()).collect();
    assert!(names.contains(&"Ana Bell") && names.contains(&"Tom Reed") && names.contains(&"Metro Radio"), "{names:?}");
    let tom = entities.iter().find(|e| e["name"] == "Tom Reed").expect("Tom Reed");
    let said = server.get(&format!("/api/entities/{}", tom["id"])).json();
    assert_eq!(said["name"], "Tom Reed");
    assert_eq!(said["statements"].as_array().map(Vec::len), Some(1));
    assert_eq!(said["statements"][0]["stance"], "deny");
    assert_eq!(said["statements"][0]["date"], "2025-03-01");
    let matching = server.get("/api/entities?q=metro").json();
    assert_eq!(matching["entities"][0]["name"], "Metro Radio");
    assert_eq!(server.get("/api/entities/77777").status, 404);
}

#[test]
fn search_finds_statements_and_speakers() {
    let server = serve(read_only(), common::fill_bridge);
    let found = server.get("/api/search?q=bridge%20reopen").json();
    assert_eq!(found["statements"].as_array().map(Vec::len), Some(2));
    let by_name = server.get("/api/search?q=Tom").json();
    assert_eq!(by_name["entities"][0]["name"], "Tom Reed");
    assert_eq!(server.get("/api/search?q=").status, 400);
    assert_eq!(server.get("/api/search").status, 400);
    // FTS syntax in the words is taken literally.
    assert_eq!(server.get("/api/search?q=%22bridge%20OR%20NEAR(").status, 200);
}

#[test]
fn malformed_ids_and_queries_answer_400_without_echoing_them() {
    let server = serve(read_only(), common::fill_bridge);
    for path in ["/api/articles/abc%3Cb%3E", "/api/claims?limit=%3Cb%3E", "/api/claims?contested=maybe", "/entities/x"]
    {
        let response = server.get(path);
        assert_eq!(response.status, 400, "{path}");
        assert!(
            !response.body.contains("<b>") && !response.body.contains("abc") && !response.body.contains("maybe"),
            "{path}: {}",
            response.body
        );
        assert!(response.json()["error"].is_string());
    }
    assert_eq!(server.get("/no/such/page").status, 404);
}

#[test]
fn read_only_server_refuses_ingest() {
    let server = serve(read_only(), |_| {});
    let response = post_json(server.addr(), "/api/ingest", Some(TOKEN), &json!({"text": "Someone said something."}));
    assert_eq!(response.status, 403);
    assert_eq!(server.get("/api/stats").json()["articles"], 0);
}

#[test]
fn ingest_needs_the_bearer_token() {
    let server = serve(writable(), |_| {});
    let body = json!({"text": "The minister said on Tuesday that taxes would rise.", "id": "tax", "published": "2025-04-22", "outlet": "Daily Test"});
    assert_eq!(post_json(server.addr(), "/api/ingest", None, &body).status, 401);
    let wrong = post_json(server.addr(), "/api/ingest", Some("test-token-7f3b"), &body);
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.header("www-authenticate"), Some("Bearer"));
    assert_eq!(server.get("/api/stats").json()["articles"], 0);

    let stored = post_json(server.addr(), "/api/ingest", Some(TOKEN), &body);
    assert_eq!(stored.status, 200, "{}", stored.body);
    assert_eq!(stored.json()["status"], "stored");
    let id = stored.json()["article"].as_i64().expect("article id");
    let again = post_json(server.addr(), "/api/ingest", Some(TOKEN), &body).json();
    assert_eq!((again["status"].as_str(), again["article"].as_i64()), (Some("duplicate"), Some(id)));
    let article = server.get(&format!("/api/articles/{id}")).json();
    assert_eq!(article["key"], "tax");
    assert_eq!(article["outlet"], "Daily Test");
    assert_eq!(article["published"], "2025-04-22");
    assert_eq!(server.get("/api/stats").json()["articles"], 1);
}

#[test]
fn ingest_rejects_malformed_bodies() {
    let server = serve(writable(), |_| {});
    let auth = format!("Bearer {TOKEN}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    assert_eq!(request(server.addr(), "POST", "/api/ingest", &headers, b"{not json").status, 400);
    assert_eq!(post_json(server.addr(), "/api/ingest", Some(TOKEN), &json!({"text": "  "})).status, 400);
    let bad_date = json!({"text": "He said so.", "published": "22/04/2025"});
    assert_eq!(post_json(server.addr(), "/api/ingest", Some(TOKEN), &bad_date).status, 400);
    assert_eq!(server.get("/api/ingest").status, 405);
}

#[test]
fn bodies_over_the_limit_get_413() {
    let server = serve(Setup { max_body_bytes: 4096, ..writable() }, |_| {});
    let big = json!({"text": "word ".repeat(2000)});
    assert_eq!(post_json(server.addr(), "/api/ingest", Some(TOKEN), &big).status, 413);
    assert_eq!(server.get("/api/stats").json()["articles"], 0);
}

#[test]
fn requests_past_the_time_limit_get_408() {
    // A client that announces a body and stops sending it holds the
    // request open until the time limit ends it.
    let server = serve(Setup { request_timeout: Duration::from_millis(300), ..writable() }, |_| {});
    let mut stream = std::net::TcpStream::connect(server.addr()).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("read timeout");
    let head = format!(
        "POST /api/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"text\": \""
    );
    std::io::Write::write_all(&mut stream, head.as_bytes()).expect("write");
    let started = std::time::Instant::now();
    let mut answer = String::new();
    let _ = std::io::Read::read_to_string(&mut stream, &mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn every_response_carries_the_security_headers() {
    let server = serve(read_only(), common::fill_bridge);
    for path in ["/", "/api/claims", "/assets/app.js", "/assets/style.css", "/openapi.json", "/nothing"] {
        let response = server.get(path);
        let csp = response.header("content-security-policy").unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("default-src 'none'"),
            "{csp}"
        );
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"), "{path}");
    }
    assert!(server.get("/assets/app.js").header("content-type").is_some_and(|t| t.starts_with("text/javascript")));
}

#[test]
fn many_concurrent_readers_all_succeed() {
    let server = serve(read_only(), common::fill_bridge);
    let addr = server.addr();
    let threads: Vec<std::thread::JoinHandle<u16>> = (0..32)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/api/claims?contested=true" } else { "/" };
                request(addr, "GET", path, &[], b"").status
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().expect("client thread"), 200);
    }
}

#[test]
fn claim_board_shows_an_ingested_article_at_once() {
    let seed = common::shared_dir().join("eval/seed/zelenskyy-drones.txt");
    let text = std::fs::read_to_string(&seed).unwrap_or_else(|err| panic!("{}: {err}", seed.display()));
    let server = serve(writable(), |_| {});
    // Both boards are rendered, and cached, while the ledger is empty.
    assert_eq!(server.get("/api/claims").json()["claims"], json!([]));
    assert!(server.get("/").body.contains("No claims yet."));
    let stored =
        post_json(server.addr(), "/api/ingest", Some(TOKEN), &json!({"text": text, "published": "2025-04-22"}));
    assert_eq!(stored.status, 200, "{}", stored.body);
    assert!(stored.json()["new_claims"].as_u64().is_some_and(|n| n > 0), "{}", stored.body);
    let claims = server.get("/api/claims").json()["claims"].as_array().map_or(0, Vec::len);
    assert!(claims > 0, "the cached empty board was served after an ingest");
    assert!(!server.get("/").body.contains("No claims yet."));
}
