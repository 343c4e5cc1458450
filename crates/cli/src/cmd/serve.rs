//! `hearsay serve`: serve the ledger over HTTP with a web page.
//!
//! Binds to loopback unless told otherwise. Read-only unless a token is
//! given (`--token` or `$HEARSAY_TOKEN`); then `POST /api/ingest` accepts
//! articles with `Authorization: Bearer TOKEN`.

use std::net::SocketAddr;
use std::time::Duration;

use hearsay_server::ServerConfig;

/// The environment variable that holds the ingest token.
const TOKEN_ENV: &str = "HEARSAY_TOKEN";

/// Flags of `hearsay serve`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: crate::db::DbArg,
    /// Where to listen. Loopback by default; any other address shows the ledger to the network.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow POST /api/ingest with this bearer token (default: $HEARSAY_TOKEN; none: read-only).
    /// Prefer the variable: a flag is visible to other users in the process list.
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    /// At most this many queries at once, each on its own read-only connection.
    #[arg(long, default_value_t = 8)]
    readers: usize,
    /// Seconds before an unanswered request gets 408.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Largest request body, in bytes (413 above).
    #[arg(long, default_value_t = 4 << 20)]
    max_body: usize,
}

/// Runs the command: serves until killed.
pub fn run(args: Args) -> anyhow::Result<i32> {
    let db = args.db.location();
    let token = match args.token {
        Some(token) => Some(token),
        None => std::env::var(TOKEN_ENV).ok().filter(|token| !token.is_empty()),
    };
    if token.as_deref().is_some_and(|token| token.trim().len() < 8) {
        anyhow::bail!("the ingest token must have at least 8 characters");
    }
    if token.is_none() && db.is_missing_file() {
        anyhow::bail!(
            "{db}: no ledger there (run `hearsay ingest` first, pass --db, or give a token to ingest over HTTP)"
        );
    }
    let writable = token.is_some();
    let server = hearsay_server::start(ServerConfig {
        db: db.clone(),
        addr: args.addr,
        token,
        readers: args.readers,
        request_timeout: Duration::from_secs(args.timeout.max(1)),
        max_body_bytes: args.max_body,
    })?;
    let mode = if writable { "ingest allowed with the token" } else { "read-only" };
    eprintln!("hearsay: serving {db} on http://{} ({mode})", server.addr());
    if !server.addr().ip().is_loopback() {
        eprintln!(
            "hearsay: warning: {} is not a loopback address; the ledger is visible to the network",
            server.addr().ip()
        );
    }
    server.wait()?;
    Ok(0)
}
