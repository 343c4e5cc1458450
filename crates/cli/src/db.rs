//! Where the ledger is: `--db`, else `$HEARSAY_DB`, else `./hearsay.db`.
//! Either a SQLite file or a `postgres://` URL ([`hearsay_ledger::Location`]).
//! The CLI alone reads the variable; the ledger crate reads no environment.

use std::ffi::{OsStr, OsString};

use hearsay_ledger::{Ledger, Location};

/// The environment variable that names the ledger (a file or a URL).
pub const DB_ENV: &str = "HEARSAY_DB";
/// The ledger used when neither `--db` nor [`DB_ENV`] says otherwise.
pub const DEFAULT_DB: &str = "hearsay.db";

/// The `--db` flag, shared by every command that opens the ledger.
#[derive(clap::Args)]
pub struct DbArg {
    /// The ledger: a SQLite file or a postgres:// URL (default: $HEARSAY_DB, else ./hearsay.db).
    #[arg(long, value_name = "FILE|URL")]
    db: Option<OsString>,
}

impl DbArg {
    /// The ledger's location, resolved.
    pub fn location(&self) -> Location {
        resolve(self.db.as_deref(), std::env::var_os(DB_ENV).as_deref())
    }

    /// Opens an existing ledger for a query command; a missing file is an
    /// error rather than a new empty ledger.
    pub fn open_existing(&self) -> anyhow::Result<Ledger> {
        open_existing(&self.location())
    }
}

/// Opens the ledger at `location`, which must exist when it is a file.
pub fn open_existing(location: &Location) -> anyhow::Result<Ledger> {
    if location.is_missing_file() {
        anyhow::bail!("{location}: no ledger there (run `hearsay ingest` first, or pass --db)");
    }
    Ok(Ledger::open_at(location)?)
}

fn resolve(flag: Option<&OsStr>, env: Option<&OsStr>) -> Location {
    match (flag, env) {
        (Some(flag), _) => Location::parse(flag),
        (None, Some(env)) if !env.is_empty() => Location::parse(env),
        _ => Location::parse(OsStr::new(DEFAULT_DB)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_then_variable_then_default() {
        let url = OsStr::new("postgres://news@db/ledger");
        let file = OsStr::new("mine.db");
        assert_eq!(resolve(Some(file), Some(url)), Location::File("mine.db".into()));
        assert_eq!(resolve(None, Some(url)), Location::Postgres("postgres://news@db/ledger".into()));
        assert_eq!(resolve(None, Some(OsStr::new(""))), Location::File(DEFAULT_DB.into()));
        assert_eq!(resolve(None, None), Location::File(DEFAULT_DB.into()));
    }
}
