//! hearsay-ledger: who said this before? Articles, statements and claims in
//! an embedded SQLite database, and the queries over them.
//!
//! The [`Ledger`] stores each ingested article once (by content hash), links
//! near-duplicates (wire copy reprinted with light edits, found by MinHash
//! over word shingles) to one origin article, stores every attributed
//! statement of the article's [`hearsay_core::Analysis`] with its speaker,
//! stance, date and relays, and attaches each statement to a claim: the
//! most similar stored claim by [`hearsay_core::claims::ClaimKey`], or a new
//! one. Claims keep their tallies (asserted, denied, distinct origins), so
//! that contested claims can be listed first without scanning.
//!
//! Only this crate knows SQL; it knows nothing of the CLI or HTTP. Every
//! query returns plain structs ([`ClaimSummary`], [`Statement`],
//! [`Timeline`], ...), which callers convert to their own wire types.
//!
//! # Where the ledger lives
//!
//! [`default_path`] is `$HEARSAY_DB` when set, else `./hearsay.db`. The
//! database runs in WAL mode with `synchronous=NORMAL`: a crash loses at
//! most the last transactions, never consistency.
//!
//! # Schema versions
//!
//! `PRAGMA user_version` counts the migrations applied (see
//! `src/schema.rs`); [`Ledger::open`] applies missing ones and refuses a
//! ledger written by a newer build ([`Error::NewerSchema`]).
//!
//! # Crash safety and idempotency
//!
//! [`Ledger::ingest_batch`] runs one transaction per batch. A process killed
//! mid-batch leaves the ledger as it was before the batch; ingesting the
//! same inputs again skips stored articles by content hash and completes
//! the rest, ending with the counts of a clean run.
//!
//! # Threads
//!
//! A `Ledger` is one SQLite connection: `Send`, not `Sync`. A server opens
//! one per worker thread ([`Ledger::open_read_only`] for readers); WAL lets
//! readers run while one writer ingests.
//!
//! # Example
//!
//! ```
//! use hearsay_core::{Analyzer, Document};
//! use hearsay_ledger::{ClaimFilter, Ingested, Ledger};
//!
//! let mut ledger = Ledger::open_in_memory()?;
//! let article = hearsay_ingest::Article {
//!     id: "a1".into(),
//!     origin: "a1.txt".into(),
//!     title: None,
//!     text: "The minister said the bridge would reopen in May.".into(),
//!     published: None,
//!     outlet: None,
//!     url: None,
//!     byline: None,
//! };
//! let analysis = Analyzer::builtin().analyze(Document { text: &article.text, published: None });
//! let first = ledger.ingest(&article, &analysis)?;
//! assert!(matches!(first, Ingested::Stored { .. }));
//! // The same text again is stored once.
//! assert!(matches!(ledger.ingest(&article, &analysis)?, Ingested::Duplicate { .. }));
//! assert_eq!(ledger.counts()?.articles, 1);
//! let contested = ledger.claims(&ClaimFilter { contested_only: true, about: None, limit: 20 })?;
//! assert!(contested.is_empty());
//! # Ok::<(), hearsay_ledger::Error>(())
//! ```
#![deny(missing_docs)]

mod claim_index;
mod model;
mod query;
mod schema;
mod server_queries;
mod similar;
mod write;

use std::path::{Path, PathBuf};

use hearsay_core::Analysis;
use hearsay_ingest::Article;
use rusqlite::{Connection, OpenFlags};

pub use model::{
    ArticleDetail, ArticleId, ArticleSummary, ClaimFilter, ClaimId, ClaimSummary, Counts, EntityId, EntityRef,
    EntitySummary, Ingested, Statement, StatementId, Timeline, TimelineEvent, TimelineRole,
};
pub use server_queries::{ClaimVoices, Voice};

/// The environment variable that names the ledger file.
pub const DB_ENV: &str = "HEARSAY_DB";
/// The ledger file used when neither `--db` nor [`DB_ENV`] says otherwise.
pub const DEFAULT_DB: &str = "hearsay.db";

/// The ledger's location: `$HEARSAY_DB` when set and not empty, else
/// `./hearsay.db`.
pub fn default_path() -> PathBuf {
    match std::env::var_os(DB_ENV) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(DEFAULT_DB),
    }
}

/// Why a ledger operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file could not be opened or set up.
    #[error("{path}: {source}")]
    Open {
        /// The file.
        path: String,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The ledger was written by a newer hearsay.
    #[error("ledger schema version {found} is newer than this build knows ({known})")]
    NewerSchema {
        /// The ledger's version.
        found: u32,
        /// The newest this build knows.
        known: u32,
    },
    /// A stored value is not what this build wrote.
    #[error("ledger is corrupt: {0}")]
    Corrupt(String),
    /// SQLite failed (disk full, locked past the busy timeout, ...).
    #[error("ledger: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// An open ledger: one SQLite connection.
pub struct Ledger {
    conn: Connection,
    entity_cache: write::EntityCache,
    // Loaded on the first ingest; dropped when a transaction fails.
    claim_index: Option<claim_index::ClaimIndex>,
}

impl Ledger {
    /// Opens (creating if needed) the ledger at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Ledger, Error> {
        let open_error = |source| Error::Open { path: path.display().to_string(), source };
        let conn = Connection::open(path).map_err(open_error)?;
        Ledger::set_up(conn).map_err(|err| match err {
            Error::Sqlite(source) => open_error(source),
            other => other,
        })
    }

    /// Opens an existing ledger for queries only; never migrates.
    pub fn open_read_only(path: &Path) -> Result<Ledger, Error> {
        let open_error = |source| Error::Open { path: path.display().to_string(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(open_error)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(open_error)?;
        conn.set_prepared_statement_cache_capacity(64);
        let found: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(open_error)?;
        let known = schema::MIGRATIONS.len() as u32;
        if found != known {
            return Err(Error::NewerSchema { found, known });
        }
        Ok(Ledger { conn, entity_cache: write::EntityCache::new(), claim_index: None })
    }

    /// A ledger in memory, gone when dropped (for tests and examples).
    pub fn open_in_memory() -> Result<Ledger, Error> {
        Ledger::set_up(Connection::open_in_memory()?)
    }

    fn set_up(mut conn: Connection) -> Result<Ledger, Error> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL: readers never block the writer; NORMAL: no fsync per commit
        // (WAL keeps it consistent; a power cut may lose the last commits).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.set_prepared_statement_cache_capacity(64);
        schema::migrate(&mut conn)?;
        Ok(Ledger { conn, entity_cache: write::EntityCache::new(), claim_index: None })
    }

    /// The schema version of the open ledger.
    pub fn schema_version(&self) -> Result<u32, Error> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// True when an article with exactly this text is stored: callers skip
    /// analysing it.
    pub fn contains(&self, text: &str) -> Result<bool, Error> {
        let hash = similar::content_hash(text);
        let found: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE content_hash = ?1)")?
            .query_row([&hash[..]], |row| row.get(0))?;
        Ok(found)
    }

    /// Stores one article and its analysis, in one transaction.
    pub fn ingest(&mut self, article: &Article, analysis: &Analysis) -> Result<Ingested, Error> {
        let mut outcomes = self.ingest_batch(&[(article, analysis)])?;
        outcomes.pop().ok_or_else(|| Error::Corrupt("ingest of one article returned no outcome".into()))
    }

    /// Stores several articles in one transaction (faster than one by one:
    /// one commit per batch), in order. All or none of the batch is stored.
    pub fn ingest_batch(&mut self, batch: &[(&Article, &Analysis)]) -> Result<Vec<Ingested>, Error> {
        let result = self.ingest_batch_inner(batch);
        if result.is_err() {
            // Ids cached during the failed transaction may not exist.
            self.entity_cache.clear();
            self.claim_index = None;
        }
        result
    }

    fn ingest_batch_inner(&mut self, batch: &[(&Article, &Analysis)]) -> Result<Vec<Ingested>, Error> {
        let mut claim_index = match self.claim_index.take() {
            Some(index) => index,
            None => claim_index::ClaimIndex::load(&self.conn)?,
        };
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for (article, analysis) in batch {
            outcomes.push(write::ingest_one(&tx, &mut self.entity_cache, &mut claim_index, article, analysis)?);
        }
        tx.commit()?;
        self.claim_index = Some(claim_index);
        Ok(outcomes)
    }

    /// How many articles, origins, statements, claims and entities it holds.
    pub fn counts(&self) -> Result<Counts, Error> {
        let count =
            |sql: &str| -> Result<u64, Error> { Ok(self.conn.query_row(sql, [], |row| row.get::<_, i64>(0))? as u64) };
        Ok(Counts {
            articles: count("SELECT COUNT(*) FROM articles")?,
            origins: count("SELECT COUNT(*) FROM articles WHERE origin_id = id")?,
            statements: count("SELECT COUNT(*) FROM statements")?,
            claims: count("SELECT COUNT(*) FROM claims")?,
            entities: count("SELECT COUNT(*) FROM entities")?,
        })
    }

    /// Claims, contested ones (asserted and denied) first, then by distinct
    /// origins and statements. With `about`, the claims of the entity's
    /// latest 5,000 statements and of the latest 2,000 statements naming it.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimSummary>, Error> {
        query::claims(&self.conn, filter)
    }

    /// One claim's tallies.
    pub fn claim(&self, id: ClaimId) -> Result<Option<ClaimSummary>, Error> {
        query::claim(&self.conn, id)
    }

    /// Everything an entity said (matched by name: exactly, ignoring case
    /// and a leading "the", else by containment), in date order, undated
    /// last; at most `limit`.
    pub fn said_by(&self, entity: &str, limit: usize) -> Result<Vec<Statement>, Error> {
        query::said_by(&self.conn, entity, limit)
    }

    /// A claim's history: who said it first, who repeated, relayed, denied
    /// or questioned it, in date order, with article and outlet.
    pub fn timeline(&self, claim: ClaimId) -> Result<Option<Timeline>, Error> {
        query::timeline(&self.conn, claim)
    }

    /// The claim a user means: a claim id given as a number, else the claim
    /// of the statement that best matches the words.
    pub fn find_claim(&self, text: &str) -> Result<Option<ClaimId>, Error> {
        query::find_claim(&self.conn, text)
    }

    /// Statements whose content or source holds every word of `text` (FTS5,
    /// best match first among the latest 2,000 matches); at most `limit`.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<Statement>, Error> {
        query::search(&self.conn, text, limit)
    }

    /// Entities, the most quoted first; at most `limit`.
    pub fn entities(&self, limit: usize) -> Result<Vec<EntitySummary>, Error> {
        query::entities(&self.conn, limit)
    }

    /// Articles in ingest order, skipping the first `offset`; at most `limit`.
    pub fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>, Error> {
        query::articles(&self.conn, limit, offset)
    }

    /// One article with its text and statements.
    pub fn article(&self, id: ArticleId) -> Result<Option<ArticleDetail>, Error> {
        query::article(&self.conn, id)
    }
}
