//! The HTML pages, as served (before any script runs): the claim board,
//! a claim's timeline, speaker pages, the article view and search.

mod common;

use common::{serve, writable, Setup};

fn read_only() -> Setup {
    Setup { token: None, ..writable() }
}

/// The part of `html` from the first `start` to the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let Some(from) = html.find(start) else { return "" };
    let rest = &html[from..];
    match rest[start.len()..].find(end) {
        Some(to) => &rest[..start.len() + to],
        None => rest,
    }
}

#[test]
fn board_shows_who_asserts_and_who_denies_when_and_through_whom() {
    let server = serve(read_only(), common::fill_bridge);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").is_some_and(|t| t.starts_with("text/html")));
    let card = between(&page.body, "<section class=\"claim contested\"", "</section>");
    assert!(card.contains("the bridge will reopen in May"), "{}", page.body);
    let asserted = between(card, "<div class=\"side assert\">", "</div>");
    let denied = between(card, "<div class=\"side deny\">", "</div>");
    assert!(asserted.contains(">Ana Bell</a>") && asserted.contains("<time datetime=\"2025-03-01\">"), "{asserted}");
    assert!(asserted.contains("via <a href=\"/entities/") && asserted.contains(">Metro Radio</a>"), "{asserted}");
    assert!(asserted.contains("in Test Wire"), "{asserted}");
    assert!(denied.contains(">Tom Reed</a>") && !denied.contains("Ana Bell"), "{denied}");
    let contested_only = server.get("/?contested=true").body;
    assert!(contested_only.contains("the bridge will reopen in May"));
}

#[test]
fn article_view_highlights_each_statement_with_hover_details() {
    let server = serve(read_only(), common::fill_bridge);
    let id = server.get("/api/articles").json()["articles"][0]["id"].as_i64().expect("article id");
    let page = server.get(&format!("/articles/{id}")).body;
    let marks: Vec<&str> =
        page.match_indices("<mark ").map(|(at, _)| between(&page[at..], "<mark ", "</mark>")).collect();
    assert_eq!(marks.len(), 2, "{page}");
    let ana = marks.iter().find(|m| m.contains("data-speaker=\"Ana Bell\"")).expect("Ana Bell's statement");
    assert!(ana.contains("data-cue=\"said\"") && ana.contains("data-relay=\"Metro Radio\""), "{ana}");
    assert!(
        ana.contains("data-stance=\"assert\"") && ana.contains("data-date=\"not stated (published 2025-03-01)\""),
        "{ana}"
    );
    assert!(ana.ends_with(">the bridge will reopen in May"), "{ana}");
    let tom = marks.iter().find(|m| m.contains("data-speaker=\"Tom Reed\"")).expect("Tom Reed's statement");
    assert!(tom.contains("stance-deny") && tom.contains("data-cue=\"denied\""), "{tom}");
    // A colour per speaker.
    let class_of = |mark: &str| between(mark, "class=\"st ", " ").to_string();
    assert_ne!(class_of(ana), class_of(tom));
    // The text around the marks is all there.
    assert!(page.contains("Minister Ana Bell said <mark"), "{page}");
    assert!(page.contains("</mark>, Metro Radio reported."), "{page}");
}

#[test]
fn speaker_page_lists_what_one_entity_said_by_date() {
    let server = serve(read_only(), common::fill_bridge);
    let entities = server.get("/api/entities").json()["entities"].as_array().cloned().unwrap_or_default();
    let ana = entities.iter().find(|e| e["name"] == "Ana Bell").and_then(|e| e["id"].as_i64()).expect("Ana Bell");
    let page = server.get(&format!("/entities/{ana}")).body;
    assert!(page.contains("<h1><span class=\"speaker"), "{page}");
    let timeline = between(&page, "<ol class=\"timeline\">", "</ol>");
    assert!(timeline.contains("<li class=\"day\"><time datetime=\"2025-03-01\">2025-03-01</time></li>"), "{timeline}");
    assert!(
        timeline.contains("<q>the bridge will reopen in May</q>") && timeline.contains("stance-assert"),
        "{timeline}"
    );
    assert!(!timeline.contains("that the bridge"), "Tom Reed's statement is not Ana Bell's: {timeline}");
    assert_eq!(server.get("/entities/31337").status, 404);
}

#[test]
fn claim_page_shows_the_timeline() {
    let server = serve(read_only(), common::fill_bridge);
    let id = server.get("/api/claims").json()["claims"][0]["id"].as_i64().expect("claim id");
    let page = server.get(&format!("/claims/{id}")).body;
    assert!(page.contains("role-first stance-assert") && page.contains("role-denied stance-deny"), "{page}");
}

#[test]
fn search_page_works_without_script() {
    let server = serve(read_only(), common::fill_bridge);
    let page = server.get("/search?q=reopen").body;
    let results = between(&page, "<div id=\"results\"", "</ol>");
    assert!(results.contains("2 found") && results.contains(">Tom Reed</a>"), "{results}");
    let empty = server.get("/search").body;
    assert!(empty.contains("<input id=\"q\""));
    let lists = [server.get("/entities").body, server.get("/articles").body];
    assert!(lists[0].contains(">Metro Radio</a>") && lists[1].contains(">Title of bridge</a>"));
}
