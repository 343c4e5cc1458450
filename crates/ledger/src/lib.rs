//! hearsay-ledger: who said this before? Articles, statements and claims in
//! an embedded SQLite file or a shared PostgreSQL database, and the queries
//! over them.
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
//! A [`Location`]: a SQLite file (WAL mode, `synchronous=NORMAL`: a crash
//! loses at most the last transactions, never consistency), or a
//! `postgres://` URL, where several writers and readers share one ledger.
//! Both backends keep the same tables and give the same answers; only the
//! SQL differs (`src/sqlite/` and `src/pg/`). This crate reads no
//! environment variable: the caller (the CLI's `--db`, `$HEARSAY_DB`)
//! decides where the ledger is.
//!
//! # Schema versions
//!
//! Each backend counts the migrations applied (SQLite in `PRAGMA
//! user_version`, PostgreSQL in the table `hearsay_schema`); both lists have
//! the same versions. [`Ledger::open`] applies missing ones and refuses a
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
//! A `Ledger` is one connection: `Send`, not `Sync`. A server opens one per
//! worker thread ([`Ledger::open_read_only`] for readers). On SQLite, WAL
//! lets readers run while one writer ingests; on PostgreSQL, any number of
//! processes may ingest at once (see `src/pg/write.rs` for how they agree).
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
mod encoding;
mod entities;
mod location;
mod model;
mod pg;
mod similar;
mod sqlite;
#[doc(hidden)]
pub mod test_support;

use std::path::Path;

use chrono::NaiveDate;
use hearsay_core::Analysis;
use hearsay_ingest::Article;

pub use location::Location;

/// The speaker an analysis's entity becomes when a ledger stores it at ingest, as a key: names
/// with one key are one entity (the same normalised name, or, for names of two words or more, the
/// same transliteration), and `None` is no entity (a relative pronoun, a bare description: the
/// statement keeps no speaker). Bare surnames are given to full names only by [`Ledger::relink`],
/// after ingest. The contested rule compares speakers so; the Spark job does the same with this.
pub fn speaker_key(name: &str, kind: hearsay_core::EntityKind) -> Option<String> {
    let placed = entities::place(name, kind)?;
    Some(if placed.folds_spelling() { placed.spelling() } else { placed.norm })
}
pub use model::{
    ArticleDetail, ArticleId, ArticleSummary, ClaimFilter, ClaimId, ClaimSummary, ClaimVoices, Counts, EntityId,
    EntityRef, EntitySummary, Ingested, Relinked, Statement, StatementId, Timeline, TimelineEvent, TimelineRole, Voice,
};

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
    /// The PostgreSQL server could not be reached or the ledger set up there.
    #[error("{url}: {source}")]
    Connect {
        /// The URL, without its password.
        url: String,
        /// The cause.
        source: postgres::Error,
    },
    /// The ledger was written by a newer hearsay.
    #[error("ledger schema version {found} is newer than this build knows ({known})")]
    NewerSchema {
        /// The ledger's version.
        found: u32,
        /// The newest this build knows.
        known: u32,
    },
    /// A read-only connection found no ledger in the database (no
    /// migration was ever applied there).
    #[error("{url}: no ledger there (run `hearsay ingest` first)")]
    NoLedger {
        /// The URL, without its password.
        url: String,
    },
    /// A copy's target already holds articles ([`Ledger::copy_into`]).
    #[error("the target ledger is not empty ({articles} articles)")]
    TargetNotEmpty {
        /// Articles found there.
        articles: u64,
    },
    /// The operation needs the other backend (for example a copy from
    /// PostgreSQL to SQLite).
    #[error("{0}")]
    Unsupported(String),
    /// A stored value is not what this build wrote.
    #[error("ledger is corrupt: {0}")]
    Corrupt(String),
    /// SQLite failed (disk full, locked past the busy timeout, ...).
    #[error("ledger: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL failed (connection lost, server shut down, ...).
    #[error("ledger: {0}")]
    Postgres(#[from] postgres::Error),
}

/// An open ledger: one connection to a SQLite file or a PostgreSQL
/// database.
pub struct Ledger {
    backend: Backend,
}

// Boxed: the two differ in size, and a ledger is made once per connection,
// so the indirection costs nothing.
enum Backend {
    Sqlite(Box<sqlite::SqliteLedger>),
    Postgres(Box<pg::PgLedger>),
}

impl Ledger {
    /// Opens (creating if needed) the SQLite ledger at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Ledger, Error> {
        Ok(Ledger { backend: Backend::Sqlite(Box::new(sqlite::SqliteLedger::open(path)?)) })
    }

    /// Opens an existing SQLite ledger for queries only; never migrates.
    pub fn open_read_only(path: &Path) -> Result<Ledger, Error> {
        Ok(Ledger { backend: Backend::Sqlite(Box::new(sqlite::SqliteLedger::open_read_only(path)?)) })
    }

    /// A SQLite ledger in memory, gone when dropped (for tests and examples).
    pub fn open_in_memory() -> Result<Ledger, Error> {
        Ok(Ledger { backend: Backend::Sqlite(Box::new(sqlite::SqliteLedger::open_in_memory()?)) })
    }

    /// Connects to the PostgreSQL ledger at `url` (`postgres://user@host:port/db`),
    /// creating or migrating its tables.
    pub fn connect(url: &str) -> Result<Ledger, Error> {
        Ok(Ledger { backend: Backend::Postgres(Box::new(pg::PgLedger::connect(url, pg::Mode::Migrate)?)) })
    }

    /// Connects to an existing PostgreSQL ledger for queries; never migrates.
    pub fn connect_read_only(url: &str) -> Result<Ledger, Error> {
        Ok(Ledger { backend: Backend::Postgres(Box::new(pg::PgLedger::connect(url, pg::Mode::ReadOnly)?)) })
    }

    /// Opens the ledger at `location`, creating or migrating it.
    pub fn open_at(location: &Location) -> Result<Ledger, Error> {
        match location {
            Location::File(path) => Ledger::open(path),
            Location::Postgres(url) => Ledger::connect(url),
        }
    }

    /// Opens the existing ledger at `location` for queries only.
    pub fn open_read_only_at(location: &Location) -> Result<Ledger, Error> {
        match location {
            Location::File(path) => Ledger::open_read_only(path),
            Location::Postgres(url) => Ledger::connect_read_only(url),
        }
    }

    /// The schema version of the open ledger.
    pub fn schema_version(&self) -> Result<u32, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => ledger.schema_version(),
            Backend::Postgres(ledger) => ledger.schema_version(),
        }
    }

    /// True when an article with exactly this text is stored: callers skip
    /// analysing it.
    pub fn contains(&self, text: &str) -> Result<bool, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => ledger.contains(text),
            Backend::Postgres(ledger) => ledger.contains(text),
        }
    }

    /// Stores one article and its analysis, in one transaction.
    pub fn ingest(&mut self, article: &Article, analysis: &Analysis) -> Result<Ingested, Error> {
        let mut outcomes = self.ingest_batch(&[(article, analysis)])?;
        outcomes.pop().ok_or_else(|| Error::Corrupt("ingest of one article returned no outcome".into()))
    }

    /// Stores several articles in one transaction (faster than one by one:
    /// one commit per batch), in order. All or none of the batch is stored.
    pub fn ingest_batch(&mut self, batch: &[(&Article, &Analysis)]) -> Result<Vec<Ingested>, Error> {
        match &mut self.backend {
            Backend::Sqlite(ledger) => ledger.ingest_batch(batch),
            Backend::Postgres(ledger) => ledger.ingest_batch(batch),
        }
    }

    /// Rebuilds every claim with this build's claim model: drops the claims and attaches the
    /// stored statements again, article by article in the order they were stored, as ingest
    /// does. `reanalyze` analyses a stored article's text again (for the in-article claims that
    /// anaphoric denials join through; an analysis whose statements no longer match the stored
    /// ones is not used). No statement is added or lost; one transaction.
    pub fn regroup(&mut self, reanalyze: &mut dyn FnMut(&str, Option<NaiveDate>) -> Analysis) -> Result<(), Error> {
        match &mut self.backend {
            Backend::Sqlite(ledger) => ledger.regroup(reanalyze),
            Backend::Postgres(ledger) => ledger.regroup(reanalyze),
        }
    }

    /// How many articles, origins, statements, claims, contested claims and
    /// entities it holds.
    pub fn counts(&self) -> Result<Counts, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => ledger.counts(),
            Backend::Postgres(ledger) => ledger.counts(),
        }
    }

    /// Claims, contested ones (asserted and denied) first, then by distinct
    /// origins and statements. With `about`, the claims of the entity's
    /// latest 5,000 statements and of the latest 2,000 statements naming it.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimSummary>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::claims(ledger.conn(), filter),
            Backend::Postgres(ledger) => ledger.claims(filter),
        }
    }

    /// One claim's tallies.
    pub fn claim(&self, id: ClaimId) -> Result<Option<ClaimSummary>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::claim(ledger.conn(), id),
            Backend::Postgres(ledger) => ledger.claim(id),
        }
    }

    /// Everything an entity said (matched by name: exactly, ignoring case
    /// and a leading "the", or by one of its aliases, else by containment,
    /// else by another spelling), in date order, undated last; at most
    /// `limit`.
    pub fn said_by(&self, entity: &str, limit: usize) -> Result<Vec<Statement>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::said_by(ledger.conn(), entity, limit),
            Backend::Postgres(ledger) => ledger.said_by(entity, limit),
        }
    }

    /// A claim's history: who said it first, who repeated, relayed, denied
    /// or questioned it, in date order, with article and outlet.
    pub fn timeline(&self, claim: ClaimId) -> Result<Option<Timeline>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::timeline(ledger.conn(), claim),
            Backend::Postgres(ledger) => ledger.timeline(claim),
        }
    }

    /// The claim a user means: a claim id given as a number, else the claim
    /// of the statement that best matches the words.
    pub fn find_claim(&self, text: &str) -> Result<Option<ClaimId>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::find_claim(ledger.conn(), text),
            Backend::Postgres(ledger) => ledger.find_claim(text),
        }
    }

    /// Statements whose content or source holds every word of `text` (full
    /// text: FTS5 or `tsvector`), best match first among the latest 2,000
    /// matches; at most `limit`. When `text` names an entity that has other
    /// spellings ("Zelensky" for "Volodymyr Zelenskyy", spelt "Zelenskiy"
    /// elsewhere), the statements holding those follow.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<Statement>, Error> {
        let search_one = |words: &str| match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::search(ledger.conn(), words, limit),
            Backend::Postgres(ledger) => ledger.search(words, limit),
        };
        let mut found = search_one(text)?;
        let spellings = match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::other_spellings(ledger.conn(), text)?,
            Backend::Postgres(ledger) => ledger.other_spellings(text)?,
        };
        // As many last words of each spelling as the query has words: a
        // surname searched finds the surname spelt otherwise.
        let n_words = text.split_whitespace().count().max(1);
        let mut searched: Vec<String> = vec![text.trim().to_lowercase()];
        for spelling in spellings {
            let words: Vec<&str> = spelling.split_whitespace().collect();
            let spelling = words[words.len().saturating_sub(n_words)..].join(" ");
            if found.len() >= limit || searched.contains(&spelling.to_lowercase()) {
                continue;
            }
            searched.push(spelling.to_lowercase());
            for statement in search_one(&spelling)? {
                if found.len() < limit && !found.iter().any(|seen| seen.id == statement.id) {
                    found.push(statement);
                }
            }
        }
        Ok(found)
    }

    /// Places, folds and links every entity again, over the whole ledger
    /// (what ingest does for each new name, with later articles seen too):
    /// pronouns and bare descriptions stop being entities, types are
    /// refined, other spellings of a name and names that differ only by
    /// words glued before them are merged, and a bare surname's statements
    /// go to the one full-name person with that surname in their period.
    /// Run it after upgrading a ledger made before aliases existed. One
    /// transaction; writers that cached entity ids forget them at their
    /// next batch.
    pub fn relink(&mut self) -> Result<Relinked, Error> {
        match &mut self.backend {
            Backend::Sqlite(ledger) => ledger.relink(),
            Backend::Postgres(ledger) => ledger.relink(),
        }
    }

    /// Entities, the most quoted first; at most `limit`.
    pub fn entities(&self, limit: usize) -> Result<Vec<EntitySummary>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::entities(ledger.conn(), limit),
            Backend::Postgres(ledger) => ledger.entities(limit),
        }
    }

    /// Articles in ingest order, skipping the first `offset`; at most `limit`.
    pub fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::articles(ledger.conn(), limit, offset),
            Backend::Postgres(ledger) => ledger.articles(limit, offset),
        }
    }

    /// One article with its text and statements.
    pub fn article(&self, id: ArticleId) -> Result<Option<ArticleDetail>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::query::article(ledger.conn(), id),
            Backend::Postgres(ledger) => ledger.article(id),
        }
    }

    /// One entity by id.
    pub fn entity(&self, id: EntityId) -> Result<Option<EntitySummary>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::board::entity(ledger.conn(), id),
            Backend::Postgres(ledger) => ledger.entity(id),
        }
    }

    /// Entities whose name contains `text` (ignoring case), the most quoted
    /// first; at most `limit`.
    pub fn entities_matching(&self, text: &str, limit: usize) -> Result<Vec<EntitySummary>, Error> {
        match &self.backend {
            Backend::Sqlite(ledger) => sqlite::board::entities_matching(ledger.conn(), text, limit),
            Backend::Postgres(ledger) => ledger.entities_matching(text, limit),
        }
    }

    /// The claim board: claims as [`Ledger::claims`] lists them, each with
    /// its first `per_side` asserting and denying statements (see
    /// [`ClaimVoices`]).
    pub fn claim_board(&self, filter: &ClaimFilter, per_side: usize) -> Result<Vec<ClaimVoices>, Error> {
        let claims = self.claims(filter)?;
        let mut board = Vec::with_capacity(claims.len());
        for claim in claims {
            let (asserted_by, denied_by) = match &self.backend {
                Backend::Sqlite(ledger) => (
                    sqlite::board::voices(ledger.conn(), claim.id.0, "assert", per_side)?,
                    sqlite::board::voices(ledger.conn(), claim.id.0, "deny", per_side)?,
                ),
                Backend::Postgres(ledger) => {
                    (ledger.voices(claim.id.0, "assert", per_side)?, ledger.voices(claim.id.0, "deny", per_side)?)
                }
            };
            board.push(ClaimVoices { claim, asserted_by, denied_by });
        }
        Ok(board)
    }

    /// Copies this SQLite ledger whole into `target`, an empty PostgreSQL
    /// ledger, in one transaction (all or nothing), keeping every id.
    /// `progress` is called with each table's name and rows copied so far.
    pub fn copy_into(&self, target: &mut Ledger, progress: &mut dyn FnMut(&str, u64)) -> Result<Counts, Error> {
        match (&self.backend, &mut target.backend) {
            (Backend::Sqlite(source), Backend::Postgres(target)) => {
                pg::copy::from_sqlite(source.conn(), target, progress)
            }
            _ => Err(Error::Unsupported("a ledger copies only from a SQLite file to PostgreSQL".into())),
        }
    }
}
