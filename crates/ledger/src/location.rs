//! Where a ledger lives: a SQLite file or a PostgreSQL database.

use std::ffi::OsStr;
use std::fmt;
use std::path::PathBuf;

/// A ledger's location, as `--db` and `$HEARSAY_DB` give it: a
/// `postgres://` (or `postgresql://`) URL names a PostgreSQL database,
/// anything else a SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    File(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl Location {
    /// Reads a location: a URL when it starts with `postgres://` or
    /// `postgresql://`, else a file path.
    pub fn parse(text: &OsStr) -> Location {
        match text.to_str() {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Location::Postgres(url.to_string())
            }
            _ => Location::File(PathBuf::from(text)),
        }
    }

    /// True for a ledger that must exist before a query (a file that is
    /// not there); a database is checked when connecting.
    pub fn is_missing_file(&self) -> bool {
        match self {
            Location::File(path) => !path.exists(),
            Location::Postgres(_) => false,
        }
    }
}

/// The path, or the URL without its password: safe to print.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// `postgres://user:secret@host/db` as `postgres://user:***@host/db`.
pub(crate) fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at => {
            format!("{scheme}://{}:***{}", &authority[..colon], &rest[at..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_postgres_and_the_rest_files() {
        let url = "postgres://me:pw@localhost:5432/news";
        assert_eq!(Location::parse(OsStr::new(url)), Location::Postgres(url.into()));
        assert_eq!(Location::parse(OsStr::new("postgres.db")), Location::File("postgres.db".into()));
        assert_eq!(Location::parse(OsStr::new(url)).to_string(), "postgres://me:***@localhost:5432/news");
        assert_eq!(redact_password("postgres://me@localhost/news"), "postgres://me@localhost/news");
    }
}
