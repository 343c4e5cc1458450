//! The SQLite backend: one embedded file (bundled SQLite with FTS5), in WAL
//! mode. Tables and migrations in `schema.rs`, the write path in
//! `write.rs`, the CLI's queries in `query.rs`, the server's in `board.rs`.

pub(crate) mod board;
pub(crate) mod entities;
pub(crate) mod query;
pub(crate) mod schema;
pub(crate) mod write;

use std::path::Path;

use hearsay_core::Analysis;
use hearsay_ingest::Article;
use rusqlite::{Connection, OpenFlags};

use crate::claim_index::ClaimIndex;
use crate::model::{Counts, Ingested};
use crate::similar::content_hash;
use crate::Error;

pub(crate) struct SqliteLedger {
    conn: Connection,
    entity_cache: write::EntityCache,
    // Loaded on the first ingest; dropped when a transaction fails.
    claim_index: Option<ClaimIndex>,
}

impl SqliteLedger {
    pub(crate) fn open(path: &Path) -> Result<SqliteLedger, Error> {
        let open_error = |source| Error::Open { path: path.display().to_string(), source };
        let conn = Connection::open(path).map_err(open_error)?;
        SqliteLedger::set_up(conn).map_err(|err| match err {
            Error::Sqlite(source) => open_error(source),
            other => other,
        })
    }

    pub(crate) fn open_read_only(path: &Path) -> Result<SqliteLedger, Error> {
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
        Ok(SqliteLedger { conn, entity_cache: write::EntityCache::new(), claim_index: None })
    }

    pub(crate) fn open_in_memory() -> Result<SqliteLedger, Error> {
        SqliteLedger::set_up(Connection::open_in_memory()?)
    }

    fn set_up(mut conn: Connection) -> Result<SqliteLedger, Error> {
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
        Ok(SqliteLedger { conn, entity_cache: write::EntityCache::new(), claim_index: None })
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn schema_version(&self) -> Result<u32, Error> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    pub(crate) fn contains(&self, text: &str) -> Result<bool, Error> {
        let hash = content_hash(text);
        let found: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE content_hash = ?1)")?
            .query_row([&hash[..]], |row| row.get(0))?;
        Ok(found)
    }

    pub(crate) fn ingest_batch(&mut self, batch: &[(&Article, &Analysis)]) -> Result<Vec<Ingested>, Error> {
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
            None => write::load_claim_index(&self.conn)?,
        };
        let tx = self.conn.transaction()?;
        entities::refresh_cache(&tx, &mut self.entity_cache)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for (article, analysis) in batch {
            outcomes.push(write::ingest_one(&tx, &mut self.entity_cache, &mut claim_index, article, analysis)?);
        }
        tx.commit()?;
        self.claim_index = Some(claim_index);
        Ok(outcomes)
    }

    pub(crate) fn regroup(&mut self, reanalyze: &mut crate::claim_index::Reanalyze<'_>) -> Result<(), Error> {
        self.claim_index = None;
        let tx = self.conn.transaction()?;
        let claim_index = write::regroup(&tx, reanalyze)?;
        tx.commit()?;
        self.claim_index = Some(claim_index);
        Ok(())
    }

    pub(crate) fn relink(&mut self) -> Result<crate::model::Relinked, Error> {
        let result = entities::relink(&mut self.conn);
        self.entity_cache.clear();
        result
    }

    pub(crate) fn counts(&self) -> Result<Counts, Error> {
        let count =
            |sql: &str| -> Result<u64, Error> { Ok(self.conn.query_row(sql, [], |row| row.get::<_, i64>(0))? as u64) };
        Ok(Counts {
            articles: count("SELECT COUNT(*) FROM articles")?,
            origins: count("SELECT COUNT(*) FROM articles WHERE origin_id = id")?,
            statements: count("SELECT COUNT(*) FROM statements")?,
            claims: count("SELECT COUNT(*) FROM claims")?,
            contested: count("SELECT COUNT(*) FROM claims WHERE contested > 0")?,
            entities: count("SELECT COUNT(*) FROM entities")?,
        })
    }
}
