//! Request extractors whose rejections are this crate's [`Error`]: a
//! malformed id or query string answers with a fixed JSON message that
//! never echoes the request (axum's own rejections quote the offending
//! text back as plain text).

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::Error;

/// The `{id}` of a route: a ledger row id.
pub(crate) struct Id(pub(crate) i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Id, Error> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| Error::BadRequest("malformed path".into()))?;
        match text.parse::<i64>() {
            Ok(id) => Ok(Id(id)),
            Err(_) => Err(Error::BadRequest("the id must be an integer".into())),
        }
    }
}

/// A query string parsed into `T`.
pub(crate) struct Params<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Params<T>, Error> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Params(value)),
            Err(_) => Err(Error::BadRequest("malformed query string (see /openapi.json)".into())),
        }
    }
}
