//! The server over a PostgreSQL ledger: every API answer is the one a
//! SQLite ledger with the same articles gives, and ingest over HTTP works
//! there too. Each test gets its own database on the server named by
//! `$HEARSAY_TEST_PG` (see `hearsay_ledger::test_support`).

mod common;

use common::{post_json, serve, serve_postgres, writable, Setup, TOKEN};
use serde_json::json;
use std::time::Duration;

fn read_only() -> Setup {
    Setup { token: None, request_timeout: Duration::from_secs(10), max_body_bytes: 1 << 20 }
}

#[test]
fn api_answers_as_on_sqlite() {
    let Some(postgres) = serve_postgres("api_answers", read_only(), common::fill_bridge) else {
        return;
    };
    let sqlite = serve(read_only(), common::fill_bridge);
    let claim = sqlite.get("/api/claims").json()["claims"][0]["id"].clone();
    let article = sqlite.get("/api/articles").json()["articles"][0]["id"].clone();
    let entity = sqlite.get("/api/entities").json()["entities"][0]["id"].clone();
    for path in [
        "/api/stats".to_string(),
        "/api/claims".to_string(),
        "/api/claims?contested=true".to_string(),
        "/api/claims?voices=0".to_string(),
        format!("/api/claims/{claim}"),
        "/api/claims/999999".to_string(),
        "/api/articles".to_string(),
        format!("/api/articles/{article}"),
        "/api/entities".to_string(),
        "/api/entities?q=metro".to_string(),
        format!("/api/entities/{entity}"),
        "/api/search?q=bridge%20reopen".to_string(),
        "/api/search?q=%22bridge%20OR%20NEAR(".to_string(),
        "/".to_string(),
        format!("/claims/{claim}"),
    ] {
        let (on_postgres, on_sqlite) = (postgres.get(&path), sqlite.get(&path));
        assert_eq!(on_postgres.status, on_sqlite.status, "{path}");
        assert_eq!(on_postgres.body, on_sqlite.body, "{path}");
    }
    assert_eq!(postgres.get("/api/stats").json()["articles"], 1);
}

#[test]
fn ingest_over_http_into_postgres() {
    let Some(server) = serve_postgres("ingest_http", writable(), |_| {}) else {
        return;
    };
    let body =
        json!({"text": "The minister said on Tuesday that taxes would rise.", "id": "tax", "published": "2025-04-22"});
    assert_eq!(post_json(server.addr(), "/api/ingest", None, &body).status, 401);
    let stored = post_json(server.addr(), "/api/ingest", Some(TOKEN), &body);
    assert_eq!(stored.status, 200, "{}", stored.body);
    assert_eq!(stored.json()["status"], "stored");
    let again = post_json(server.addr(), "/api/ingest", Some(TOKEN), &body).json();
    assert_eq!(again["status"], "duplicate");
    let id = stored.json()["article"].as_i64().expect("article id");
    assert_eq!(server.get(&format!("/api/articles/{id}")).json()["published"], "2025-04-22");
    assert_eq!(server.get("/api/stats").json()["articles"], 1);
}
