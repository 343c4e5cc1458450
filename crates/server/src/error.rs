//! The server's one error type, and how each variant answers over HTTP.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why serving, or one request, failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The ledger failed (missing file, newer schema, SQLite error).
    #[error(transparent)]
    Ledger(#[from] hearsay_ledger::Error),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The async runtime or a worker thread could not be started or joined.
    #[error("server runtime: {0}")]
    Runtime(String),
    /// No such article, claim or entity (HTTP 404).
    #[error("{0} not found")]
    NotFound(String),
    /// The request is malformed (HTTP 400).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Writing needs a token, and none or a wrong one was given (HTTP 401).
    #[error("a valid bearer token is required")]
    Unauthorized,
    /// The server was started without a token, so it is read-only (HTTP 403).
    #[error("this server is read-only (start it with a token to allow ingest)")]
    ReadOnly,
}

impl Error {
    fn status(&self) -> StatusCode {
        match self {
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::ReadOnly => StatusCode::FORBIDDEN,
            Error::Ledger(_) | Error::Bind { .. } | Error::Runtime(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Errors answer as `{"error": "..."}` with their status, as JSON whose
/// text has no raw `<`, `>` or `&`.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = crate::wire_json::escape_markup(&serde_json::json!({ "error": self.to_string() }).to_string());
        let mut response = (status, [(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}
