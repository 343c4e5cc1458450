//! Helpers shared by the server's tests: a server on a free loopback port
//! over a fresh ledger, a minimal HTTP/1.1 client on `TcpStream` (no client
//! library: the tests must see exactly the bytes served), and a hand-made
//! fixture whose statements do not depend on the extractor.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use hearsay_core::{
    Analysis, Attribution, AttributionKind, Claim, ClaimMember, Entity, EntityIndex, EntityKind, Role, Span, Stance,
};
use hearsay_ingest::Article;
use hearsay_ledger::{Ledger, Location};
use hearsay_server::{start, RunningServer, ServerConfig};

/// The token of the tests' writable servers.
pub const TOKEN: &str = "test-token-7f3a";

/// A server and the temporary folder its ledger lives in (removed on drop,
/// after the server stops: fields drop in order).
pub struct TestServer {
    pub server: RunningServer,
    pub dir: tempfile::TempDir,
    // A PostgreSQL ledger's database, dropped after the server stops.
    pub database: Option<hearsay_ledger::test_support::TestDatabase>,
}

impl TestServer {
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.db")
    }
    pub fn get(&self, path: &str) -> HttpResponse {
        request(self.addr(), "GET", path, &[], b"")
    }
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr(), path)
    }
}

/// How a test server is set up.
pub struct Setup {
    pub token: Option<&'static str>,
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
}

/// The usual setup: with the test token, 10 s and 1 MiB limits.
pub fn writable() -> Setup {
    Setup { token: Some(TOKEN), request_timeout: Duration::from_secs(10), max_body_bytes: 1 << 20 }
}

/// Starts a server over a new SQLite ledger, first filled by `fill`.
pub fn serve(setup: Setup, fill: impl FnOnce(&mut Ledger)) -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.db");
    {
        let mut ledger = Ledger::open(&db).expect("create ledger");
        fill(&mut ledger);
    }
    start_server(setup, Location::File(db), dir, None)
}

/// Starts a server over a new PostgreSQL ledger, first filled by `fill`;
/// `None` when no test server is configured (see
/// `hearsay_ledger::test_support`).
pub fn serve_postgres(name: &str, setup: Setup, fill: impl FnOnce(&mut Ledger)) -> Option<TestServer> {
    let database = hearsay_ledger::test_support::fresh_database(name)?;
    {
        let mut ledger = Ledger::connect(database.url()).expect("create ledger");
        fill(&mut ledger);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let location = Location::Postgres(database.url().to_string());
    Some(start_server(setup, location, dir, Some(database)))
}

fn start_server(
    setup: Setup,
    db: Location,
    dir: tempfile::TempDir,
    database: Option<hearsay_ledger::test_support::TestDatabase>,
) -> TestServer {
    let server = start(ServerConfig {
        db,
        addr: "127.0.0.1:0".parse().expect("loopback address"),
        token: setup.token.map(str::to_string),
        readers: 4,
        request_timeout: setup.request_timeout,
        max_body_bytes: setup.max_body_bytes,
    })
    .expect("server starts");
    TestServer { server, dir, database }
}

/// One HTTP response.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    /// Header names lowercased, in order.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }
}

/// Sends one request on a new connection (`Connection: close`) and reads
/// the whole response.
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    // A server may answer (413) and close before reading a large body.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse_response(&raw)
}

/// `POST` of a JSON body, with the bearer token when given.
pub fn post_json(addr: SocketAddr, path: &str, token: Option<&str>, body: &serde_json::Value) -> HttpResponse {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(auth) = &auth {
        headers.push(("Authorization", auth.as_str()));
    }
    request(addr, "POST", path, &headers, body.to_string().as_bytes())
}

fn parse_response(raw: &[u8]) -> HttpResponse {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status: u16 = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(name, value)| name == "transfer-encoding" && value.contains("chunked")) {
        body = dechunk(&body);
    }
    HttpResponse { status, headers, body: String::from_utf8(body).expect("UTF-8 body") }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") else { return out };
        let size_text = String::from_utf8_lossy(&data[..line_end]).to_string();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16).expect("chunk size");
        data = &data[line_end + 2..];
        if size == 0 || data.len() < size {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[(size + 2).min(data.len())..];
    }
}

/// An article with the given id, text and date, from the "Test Wire".
pub fn article(id: &str, text: &str, published: &str) -> Article {
    Article {
        id: id.to_string(),
        origin: format!("{id}.txt"),
        title: Some(format!("Title of {id}")),
        text: text.to_string(),
        published: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        outlet: Some("Test Wire".to_string()),
        url: None,
        byline: None,
    }
}

/// One statement of `text`: its source, cue and content are the first
/// places these words appear in the text.
pub fn statement(
    text: &str,
    source: &str,
    cue: &str,
    content: &str,
    stance: Stance,
    speaker: usize,
    relays: &[usize],
) -> Attribution {
    let role = |needle: &str| {
        let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is in the text"));
        Role::single(Span::new(start, start + needle.len()))
    };
    Attribution {
        source: role(source),
        cue: role(cue),
        content: role(content).expect("non-empty content"),
        kind: AttributionKind::Indirect,
        speaker: Some(EntityIndex(speaker)),
        stance,
        said_on: None,
        relayed_by: relays.iter().map(|&r| EntityIndex(r)).collect(),
        addressee: None,
        confidence: 1.0,
    }
}

/// An entity of an analysis.
pub fn entity(name: &str, kind: EntityKind) -> Entity {
    Entity { name: name.to_string(), kind, mentions: Vec::new() }
}

/// The bridge fixture: Ana Bell asserts that the bridge will reopen in
/// May (relayed by Metro Radio), Tom Reed denies it; one claim groups them.
pub const BRIDGE_TEXT: &str = "Minister Ana Bell said the bridge will reopen in May, Metro Radio reported. \
     Mayor Tom Reed denied that the bridge will reopen in May.";

pub fn bridge_analysis() -> Analysis {
    let text = BRIDGE_TEXT;
    Analysis {
        attributions: vec![
            statement(text, "Minister Ana Bell", "said", "the bridge will reopen in May", Stance::Assert, 0, &[2]),
            statement(text, "Mayor Tom Reed", "denied", "that the bridge will reopen in May", Stance::Deny, 1, &[]),
        ],
        entities: vec![
            entity("Ana Bell", EntityKind::Person),
            entity("Tom Reed", EntityKind::Person),
            entity("Metro Radio", EntityKind::Outlet),
        ],
        claims: vec![Claim {
            text: "the bridge will reopen in May".to_string(),
            members: vec![
                ClaimMember { attribution: 0, stance: Stance::Assert },
                ClaimMember { attribution: 1, stance: Stance::Deny },
            ],
        }],
        diagnostics: Vec::new(),
    }
}

/// Stores the bridge fixture.
pub fn fill_bridge(ledger: &mut Ledger) {
    let article = article("bridge", BRIDGE_TEXT, "2025-03-01");
    ledger.ingest(&article, &bridge_analysis()).expect("ingest fixture");
}

/// `../shared` beside the repository.
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The cargo target folder (`CARGO_TARGET_DIR` when set).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    }
}
