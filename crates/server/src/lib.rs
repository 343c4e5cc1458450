//! hearsay-server: the ledger over HTTP. A JSON API (described by an
//! OpenAPI 3 document at `/openapi.json`) and a web page for reading claims,
//! speakers and articles, served from one binary with its assets embedded.
//!
//! Main items: [`ServerConfig`] says what to serve and how; [`start`] binds
//! and serves on background threads and returns a [`RunningServer`], whose
//! [`RunningServer::addr`] is the bound address (bind port 0 to let the
//! system pick one, as the tests do).
//!
//! # Security model
//!
//! Article text is untrusted. Every value put into HTML is escaped on the
//! server ([`html::escape`]); the page's script is a separate embedded file
//! that writes data only through `textContent`, and a Content-Security-Policy
//! forbids inline script. SQL is the ledger's, always parameterised. Request
//! bodies and request times are bounded. The server is read-only unless a
//! token is configured, and then `POST /api/ingest` needs it as
//! `Authorization: Bearer TOKEN`. The CLI binds to loopback by default.
//!
//! # Example
//!
//! ```no_run
//! use std::time::Duration;
//! use hearsay_server::{start, ServerConfig};
//!
//! let server = start(ServerConfig {
//!     db: hearsay_ledger::Location::File("hearsay.db".into()),
//!     addr: "127.0.0.1:0".parse().unwrap(),
//!     token: None,
//!     readers: 8,
//!     request_timeout: Duration::from_secs(10),
//!     max_body_bytes: 2 << 20,
//! })?;
//! println!("serving on http://{}", server.addr());
//! server.wait()?;
//! # Ok::<(), hearsay_server::Error>(())
//! ```
#![deny(missing_docs)]

mod api;
mod article_view;
mod cache;
mod error;
mod extract;
pub mod html;
mod pages;
mod pool;
mod wire_json;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use hearsay_core::Analyzer;
use hearsay_ledger::Location;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::Error;
pub use wire_json::{
    claim as claim_json, entity as entity_json, statement as statement_json, timeline as timeline_json,
};

use crate::pool::Pool;

/// The Content-Security-Policy of every response: scripts and styles only
/// from this server's own files (no inline script, no inline style, no
/// `eval`), fetches only to this server, no framing, no plugins.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// What to serve and how. No `Default`: the CLI states each choice.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The ledger: a SQLite file or a PostgreSQL database. Without a token
    /// it must exist; with one it is created (or migrated) when needed.
    pub db: Location,
    /// Where to listen (port 0: any free port).
    pub addr: SocketAddr,
    /// When set, `POST /api/ingest` is allowed with this bearer token.
    pub token: Option<String>,
    /// At most this many queries run at once, each on its own read-only
    /// connection.
    pub readers: usize,
    /// A request not answered within this time gets HTTP 408.
    pub request_timeout: Duration,
    /// Request bodies larger than this get HTTP 413.
    pub max_body_bytes: usize,
}

/// A server serving on background threads. Dropping it stops the server.
pub struct RunningServer {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), Error>>>,
}

impl RunningServer {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until the server stops (it stops only on an error).
    pub fn wait(mut self) -> Result<(), Error> {
        self.join()
    }

    /// Stops accepting, lets open requests finish, and returns.
    pub fn stop(mut self) -> Result<(), Error> {
        self.shutdown.take().map(|sender| sender.send(()));
        self.join()
    }

    fn join(&mut self) -> Result<(), Error> {
        match self.thread.take() {
            Some(thread) => thread.join().map_err(|_| Error::Runtime("server thread panicked".into()))?,
            None => Ok(()),
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.shutdown.take().map(|sender| sender.send(()));
        let _ = self.join();
    }
}

/// Opens the ledger, binds `config.addr` and serves until stopped.
pub fn start(config: ServerConfig) -> Result<RunningServer, Error> {
    let pool = Pool::open(config.db.clone(), config.readers, config.token.is_some())?;
    let analyzer = if pool.is_writable() { Some(Arc::new(Analyzer::builtin())) } else { None };
    let state = Arc::new(AppState {
        pool: Arc::new(pool),
        token: config.token.clone(),
        analyzer,
        boards: cache::BoardCache::new(),
    });
    let listener =
        std::net::TcpListener::bind(config.addr).map_err(|source| Error::Bind { addr: config.addr, source })?;
    let addr = listener.local_addr().map_err(|source| Error::Bind { addr: config.addr, source })?;
    listener.set_nonblocking(true).map_err(|source| Error::Bind { addr, source })?;
    // The state (and its ledger connections) must be dropped outside the
    // runtime: a PostgreSQL connection closes by blocking on its own small
    // runtime, which tokio forbids inside another's async context. This
    // clone outlives the runtime, so the last reference is dropped here.
    let last_state = Arc::clone(&state);
    let app = router(state, &config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .thread_name("hearsay-server")
        .build()
        .map_err(|err| Error::Runtime(err.to_string()))?;
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("hearsay-server".into())
        .spawn(move || {
            let served = runtime.block_on(async move {
                let listener =
                    tokio::net::TcpListener::from_std(listener).map_err(|source| Error::Bind { addr, source })?;
                axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stopped.await;
                    })
                    .await
                    .map_err(|err| Error::Runtime(err.to_string()))
            });
            drop(runtime);
            drop(last_state);
            served
        })
        .map_err(|err| Error::Runtime(err.to_string()))?;
    Ok(RunningServer { addr, shutdown: Some(shutdown), thread: Some(thread) })
}

/// What every handler shares.
pub(crate) struct AppState {
    pub(crate) pool: Arc<Pool>,
    pub(crate) token: Option<String>,
    // Loaded only when ingest is allowed: the weights take memory.
    pub(crate) analyzer: Option<Arc<Analyzer>>,
    /// Rendered claim boards, API and page.
    pub(crate) boards: cache::BoardCache,
}

pub(crate) type State = axum::extract::State<Arc<AppState>>;

fn router(state: Arc<AppState>, config: &ServerConfig) -> Router {
    let csp = HeaderValue::from_static(CONTENT_SECURITY_POLICY);
    Router::new()
        .route("/openapi.json", get(api::openapi))
        .route("/api/stats", get(api::stats))
        .route("/api/articles", get(api::articles))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/claims", get(api::claims))
        .route("/api/claims/{id}", get(api::claim))
        .route("/api/entities", get(api::entities))
        .route("/api/entities/{id}", get(api::entity))
        .route("/api/search", get(api::search))
        .route("/api/ingest", post(api::ingest))
        .route("/", get(pages::board))
        .route("/claims/{id}", get(pages::claim))
        .route("/entities", get(pages::entities))
        .route("/entities/{id}", get(pages::entity))
        .route("/articles", get(pages::articles))
        .route("/articles/{id}", get(article_view::article))
        .route("/search", get(pages::search))
        .route("/assets/app.js", get(pages::app_js))
        .route("/assets/style.css", get(pages::style_css))
        .fallback(pages::not_found)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, csp))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
}
