//! The ledger's tables and the migrations that make them.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Each entry
//! of [`MIGRATIONS`] runs once, in its own transaction, in order; a ledger
//! written by a newer build (a higher version than this build knows) is
//! refused rather than guessed at. Never edit a released migration: append.

use rusqlite::Connection;

use crate::Error;

/// The migrations, oldest first. The ledger's schema version is the number
/// applied.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2];

// Dates are ISO `YYYY-MM-DD` text, so that they sort as text. Byte spans are
// "start-end" pieces joined by ",". Stances and kinds are the lowercase wire
// names of the core enums.
const V1: &str = r#"
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    content_hash  BLOB NOT NULL UNIQUE,
    key           TEXT NOT NULL,
    origin_path   TEXT NOT NULL,
    title         TEXT,
    outlet        TEXT,
    url           TEXT,
    byline        TEXT,
    published     TEXT,
    text          TEXT NOT NULL,
    -- The article this one reprints (itself when it is an origin).
    origin_id     INTEGER NOT NULL,
    minhash       BLOB NOT NULL
);
CREATE INDEX articles_origin ON articles(origin_id);

-- MinHash LSH bands of articles, to find near-duplicates.
CREATE TABLE article_bands (
    band        INTEGER NOT NULL,
    article_id  INTEGER NOT NULL,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

CREATE TABLE entities (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    norm          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    n_statements  INTEGER NOT NULL DEFAULT 0,
    n_relayed     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities(n_statements DESC, n_relayed DESC);

CREATE TABLE statements (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id),
    origin_id       INTEGER NOT NULL,
    ordinal         INTEGER NOT NULL,
    source_text     TEXT,
    source_spans    TEXT,
    cue_text        TEXT,
    cue_spans       TEXT,
    content_text    TEXT NOT NULL,
    content_spans   TEXT NOT NULL,
    kind            TEXT NOT NULL,
    speaker_id      INTEGER REFERENCES entities(id),
    stance          TEXT NOT NULL,
    said_from       TEXT,
    said_to         TEXT,
    said_evidence   TEXT,
    -- said_to (the day by which it had been said), else the article's
    -- publication date: what timelines sort by.
    date            TEXT,
    confidence      REAL NOT NULL,
    UNIQUE (article_id, ordinal)
);
CREATE INDEX statements_speaker ON statements(speaker_id, date);

CREATE TABLE statement_relays (
    statement_id  INTEGER NOT NULL REFERENCES statements(id),
    position      INTEGER NOT NULL,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (statement_id, position)
) WITHOUT ROWID;

CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    text          TEXT NOT NULL,
    -- hearsay_core::claims::ClaimKey::to_storage
    key           TEXT NOT NULL,
    n_statements  INTEGER NOT NULL DEFAULT 0,
    n_assert      INTEGER NOT NULL DEFAULT 0,
    n_deny        INTEGER NOT NULL DEFAULT 0,
    n_report      INTEGER NOT NULL DEFAULT 0,
    n_question    INTEGER NOT NULL DEFAULT 0,
    n_origins     INTEGER NOT NULL DEFAULT 0,
    contested     INTEGER NOT NULL DEFAULT 0,
    first_said    TEXT
);
CREATE INDEX claims_rank ON claims(contested DESC, n_origins DESC, n_statements DESC, id);

CREATE TABLE claim_members (
    claim_id      INTEGER NOT NULL REFERENCES claims(id),
    statement_id  INTEGER NOT NULL REFERENCES statements(id),
    origin_id     INTEGER NOT NULL,
    stance        TEXT NOT NULL,
    PRIMARY KEY (claim_id, statement_id)
) WITHOUT ROWID;
CREATE INDEX claim_members_statement ON claim_members(statement_id);
CREATE INDEX claim_members_origin ON claim_members(claim_id, origin_id);

CREATE VIRTUAL TABLE statements_fts USING fts5(
    content_text, source_text, content='statements', content_rowid='id'
);
"#;

// Entities across articles (`crate::entities`): each entity's
// transliteration key (another spelling finds it at ingest); the aliases
// it is also known by; the statements a relink gave from a bare surname to
// a full name; and a generation, bumped by every relink, so that writers
// forget cached ids. Entities stored before this version get their key
// from `hearsay relink`.
const V2: &str = r#"
ALTER TABLE entities ADD COLUMN spelling TEXT;
CREATE INDEX entities_spelling ON entities(spelling);

CREATE TABLE entity_aliases (
    id         INTEGER PRIMARY KEY,
    -- The alias, normalised as entities.norm.
    norm       TEXT NOT NULL,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    -- The alias as written.
    name       TEXT NOT NULL,
    -- 'spelling' (a transliteration) or 'surname' (a bare surname linked).
    how        TEXT NOT NULL,
    UNIQUE (norm, entity_id)
);
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

-- Statements a relink gave to a full name, with the bare surname they
-- were spoken by: every relink decides them again.
CREATE TABLE surname_statements (
    statement_id  INTEGER PRIMARY KEY REFERENCES statements(id),
    norm          TEXT NOT NULL,
    name          TEXT NOT NULL
);

CREATE TABLE entity_generation (generation INTEGER NOT NULL);
INSERT INTO entity_generation (generation) VALUES (0);
"#;

/// Brings `conn` to the newest schema; returns the version it ends at.
pub(crate) fn migrate(conn: &mut Connection) -> Result<u32, Error> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let known = MIGRATIONS.len() as u32;
    if found > known {
        return Err(Error::NewerSchema { found, known });
    }
    for (idx, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(migration)?;
        // PRAGMA takes no parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", idx + 1))?;
        tx.commit()?;
    }
    Ok(known)
}
