//! For tests of this workspace only (hidden from the docs): a fresh
//! PostgreSQL database per test, on the server named by
//! `$HEARSAY_TEST_PG`, so that the tests of every crate can run against
//! PostgreSQL without knowing SQL.
//!
//! `scripts/test.sh` (and so CI) runs the tests under
//! `scripts/with-postgres.sh` with `HEARSAY_TEST_PG` set and
//! `HEARSAY_REQUIRE_PG=1`: there a missing server fails the tests. Without
//! the variable (a plain `cargo test` on a machine with no server), the
//! PostgreSQL tests print a note and pass without testing.

use std::sync::atomic::{AtomicU64, Ordering};

use postgres::{Client, NoTls};

/// The variable naming the PostgreSQL server for tests (a URL to any
/// database there, whose user may create databases).
pub const TEST_PG_ENV: &str = "HEARSAY_TEST_PG";
/// Set to 1 where PostgreSQL tests must run (CI).
pub const REQUIRE_PG_ENV: &str = "HEARSAY_REQUIRE_PG";

/// A database made for one test, dropped (with its connections) when
/// this value is.
pub struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// Its URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Best effort: the server is thrown away after CI anyway.
        if let Ok(mut client) = Client::connect(&self.admin_url, NoTls) {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// A new empty database for the test `test_name`, or `None` (with a note
/// on stderr) when `$HEARSAY_TEST_PG` is not set. Panics when it is set but
/// the server cannot be reached, and when it is unset but
/// `$HEARSAY_REQUIRE_PG` is 1.
pub fn fresh_database(test_name: &str) -> Option<TestDatabase> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let Some(admin_url) = std::env::var(TEST_PG_ENV).ok().filter(|url| !url.is_empty()) else {
        if std::env::var(REQUIRE_PG_ENV).is_ok_and(|v| v == "1") {
            panic!("{REQUIRE_PG_ENV}=1 but {TEST_PG_ENV} is not set (run under scripts/with-postgres.sh)");
        }
        eprintln!("note: {test_name}: PostgreSQL part skipped ({TEST_PG_ENV} not set; scripts/test.sh sets it)");
        return None;
    };
    let suffix: String =
        test_name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    let name = format!(
        "t{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        &suffix[..suffix.len().min(40)]
    );
    let mut client = Client::connect(&admin_url, NoTls).unwrap_or_else(|err| panic!("{TEST_PG_ENV}: {err}"));
    client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap_or_else(|err| panic!("create {name}: {err}"));
    let url = with_database(&admin_url, &name);
    Some(TestDatabase { admin_url, name, url })
}

/// `url` with its database (the path) replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |at| at + 3);
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |at| scheme_end + at);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}
