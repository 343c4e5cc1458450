//! End to end in headless Chromium (Debian's `chromium`; `.ci/run` installs
//! it, `HEARSAY_CHROMIUM` may name another binary): the claim board shows
//! the seed article's claim with who asserts and who denies it, and a
//! crafted article cannot run script in any page.
//!
//! Chromium loads each page with script enabled; `--dump-dom` prints the
//! DOM after the page's script ran (`--virtual-time-budget` lets its
//! fetches finish first). The board's screenshot is saved to
//! `<target>/claim-board.png`.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{post_json, serve, writable, TOKEN};
use serde_json::json;

/// Runs Chromium headless on `url` with `extra` flags, a fresh profile and
/// no network but loopback; returns its standard output.
fn chromium(url: &str, extra: &[&str]) -> String {
    let binary = std::env::var("HEARSAY_CHROMIUM").unwrap_or_else(|_| "chromium".to_string());
    let profile = tempfile::tempdir().expect("profile dir");
    let user_data = format!("--user-data-dir={}", profile.path().display());
    let mut command = Command::new(&binary);
    command
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .args(["--disable-dev-shm-usage", "--virtual-time-budget=5000"])
        .arg(&user_data)
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let child = command.spawn().unwrap_or_else(|err| {
        panic!("cannot run {binary} ({err}): install Debian's chromium (apt-get install -y chromium) or set HEARSAY_CHROMIUM")
    });
    let started = Instant::now();
    let pid = child.id();
    // Chromium hangs now and then on a broken GPU or D-Bus set-up: give up
    // after two minutes rather than hold the test run forever.
    let watchdog = std::thread::spawn(move || {
        while started.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_millis(200));
            if !Path::new(&format!("/proc/{pid}")).exists() {
                return;
            }
        }
        let _ = Command::new("kill").arg(pid.to_string()).status();
    });
    let output = child.wait_with_output().expect("chromium runs");
    let _ = watchdog.join();
    String::from_utf8_lossy(&output.stdout).to_string()
}

fn dump_dom(url: &str) -> String {
    let dom = chromium(url, &["--dump-dom"]);
    assert!(dom.contains("</html>"), "chromium printed no DOM for {url}: {dom:?}");
    dom
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let Some(from) = html.find(start) else { return "" };
    let rest = &html[from..];
    match rest[start.len()..].find(end) {
        Some(to) => &rest[..start.len() + to],
        None => rest,
    }
}

/// The text of a bit of HTML: tags dropped, whitespace squeezed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<&str>>().join(" ")
}

#[test]
fn claim_board_in_chromium_shows_the_seed_claim_asserted_by_zelenskyy_and_denied_by_lin_jian() {
    claim_board_shows_the_seed_claim(serve(writable(), |_| {}), "claim-board.png");
}

// The same page over a PostgreSQL ledger (see hearsay_ledger::test_support).
#[test]
fn claim_board_on_postgres_in_chromium_shows_the_seed_claim() {
    if let Some(server) = common::serve_postgres("claim_board", writable(), |_| {}) {
        claim_board_shows_the_seed_claim(server, "claim-board-postgres.png");
    }
}

fn claim_board_shows_the_seed_claim(server: common::TestServer, screenshot_name: &str) {
    let seed = common::shared_dir().join("eval/seed/zelenskyy-drones.txt");
    let text = std::fs::read_to_string(&seed).unwrap_or_else(|err| panic!("{}: {err}", seed.display()));
    let body = json!({"text": text, "id": "zelenskyy-drones", "published": "2025-04-22"});
    let stored = post_json(server.addr(), "/api/ingest", Some(TOKEN), &body);
    assert_eq!(stored.status, 200, "{}", stored.body);

    let dom = dump_dom(&server.url("/"));
    assert!(dom.contains("data-js=\"ready\""), "the page's script did not run:\n{dom}");
    let screenshot = common::target_dir().join(screenshot_name);
    let shot_flag = format!("--screenshot={}", screenshot.display());
    let _ = std::fs::remove_file(&screenshot);
    chromium(&server.url("/"), &[&shot_flag, "--window-size=1280,900", "--hide-scrollbars"]);
    assert!(screenshot.metadata().is_ok_and(|m| m.len() > 10_000), "no screenshot at {}", screenshot.display());

    let mut summary = String::new();
    let mut found = false;
    for card in dom.split("<section class=\"claim").skip(1) {
        let card = card.split("</section>").next().unwrap_or("");
        let claim = text_of(between(card, "<h2>", "</h2>"));
        let asserted = text_of(between(card, "<div class=\"side assert\">", "</div>"));
        let denied = text_of(between(card, "<div class=\"side deny\">", "</div>"));
        summary.push_str(&format!("- {claim}\n    {asserted}\n    {denied}\n"));
        let lower = text_of(card).to_lowercase();
        let about_arms = lower.contains("china")
            && lower.contains("russia")
            && ["weapon", "gunpowder", " arms "].iter().any(|w| lower.contains(w));
        // China's denials reach the board as Lin Jian's or China's (the ministry speaking).
        let china_denies = denied.contains("Lin Jian") || denied.contains("China");
        if (about_arms || lower.contains("chinese"))
            && (asserted.contains("Zel") || asserted.contains("Ukrain"))
            && china_denies
        {
            found = true;
        }
    }
    assert!(found, "no claim about China supplying weapons to Russia, asserted by Zelenskyy and denied by Lin Jian, on the board:\n{summary}");
}

const TITLE_SCRIPT: &str = "<script>document.title='pwned'</script>";
const TITLE_IMG: &str = "<img src=x onerror=\"document.title='pwned'\">";
const TITLE_SVG: &str = "<svg onload=\"document.title='pwned'\"></svg>";

/// A crafted article stored with hand-made statements, so that its
/// payloads reach statements, speakers and claims whatever the extractor
/// finds.
fn fill_crafted(ledger: &mut hearsay_ledger::Ledger) {
    use hearsay_core::{Analysis, Claim, ClaimMember, EntityKind, Stance};
    let text = crafted_text();
    let mut article = common::article("crafted-fixture", &text, "2025-04-21");
    article.title = Some(TITLE_SVG.to_string());
    let analysis = Analysis {
        attributions: vec![
            common::statement(
                &text,
                "Officials",
                "said",
                &format!("the plan was {TITLE_IMG} ready"),
                Stance::Assert,
                0,
                &[2],
            ),
            common::statement(
                &text,
                "A spokesman",
                "denied",
                &format!("that the plan {TITLE_SVG} was ready"),
                Stance::Deny,
                1,
                &[],
            ),
        ],
        entities: vec![
            common::entity(&format!("Officials {TITLE_SCRIPT}"), EntityKind::Organization),
            common::entity(&format!("Spokesman {TITLE_IMG}"), EntityKind::Person),
            common::entity(&format!("Wire {TITLE_SVG}"), EntityKind::Outlet),
        ],
        claims: vec![Claim {
            text: format!("the plan {TITLE_IMG} is ready {TITLE_SCRIPT}"),
            members: vec![
                ClaimMember { attribution: 0, stance: Stance::Assert },
                ClaimMember { attribution: 1, stance: Stance::Deny },
            ],
        }],
        diagnostics: Vec::new(),
    };
    ledger.ingest(&article, &analysis).expect("ingest crafted fixture");
}

fn crafted_text() -> String {
    format!(
        "Officials said {TITLE_SCRIPT} the plan was {TITLE_IMG} ready. A spokesman denied that the plan {TITLE_SVG} was ready, \
         according to <a href=\"javascript:document.title='pwned'\">Wire</a>."
    )
}

#[test]
fn crafted_article_cannot_run_script_in_chromium() {
    let server = serve(writable(), fill_crafted);
    // The same payloads once more through the API and the real extractor.
    let text = format!("{} Reporters said the plan was ready.", crafted_text());
    let body =
        json!({"text": text, "title": TITLE_IMG, "outlet": TITLE_SCRIPT, "id": "crafted", "published": "2025-04-22"});
    let stored = post_json(server.addr(), "/api/ingest", Some(TOKEN), &body);
    assert_eq!(stored.status, 200, "{}", stored.body);
    let posted = stored.json()["article"].as_i64().expect("article id");
    let entities = server.get("/api/entities?q=%3C").json()["entities"].as_array().cloned().unwrap_or_default();
    let claim = server.get("/api/claims").json()["claims"][0]["id"].as_i64().expect("a claim");

    let mut paths = vec![
        "/".to_string(),
        "/articles/1".to_string(),
        format!("/articles/{posted}"),
        format!("/claims/{claim}"),
        "/articles".to_string(),
        "/entities".to_string(),
        "/search?q=plan".to_string(),
        "/search?q=%3Cimg%20src%3Dx%20onerror%3D%22document.title%3D'pwned'%22%3E".to_string(),
    ];
    paths.extend(entities.iter().filter_map(|e| e["id"].as_i64()).map(|id| format!("/entities/{id}")));
    for path in &paths {
        let dom = dump_dom(&server.url(path));
        assert!(dom.contains("data-js=\"ready\""), "{path}: the page's own script did not run:\n{dom}");
        assert!(
            !dom.contains("<title>pwned") && dom.contains(" · hearsay</title>"),
            "{path}: the title changed:\n{dom}"
        );
        for element in ["<img", "<svg", "<a href=\"javascript:"] {
            assert!(!dom.contains(element), "{path}: the DOM holds an element from the article: {element}\n{dom}");
        }
        assert_eq!(dom.matches("<script").count(), 1, "{path}: a script element other than the page's own:\n{dom}");
    }
    // Live search rendered the crafted statements from JSON, as text.
    let dom = dump_dom(&server.url("/search?q=plan"));
    let results = between(&dom, "<div id=\"results\"", "</div>");
    assert!(results.contains("data-state=\"rendered\""), "live search did not render:\n{dom}");
    assert!(results.contains("&lt;img src=x onerror=") && results.contains("&lt;svg onload="), "{results}");
}
