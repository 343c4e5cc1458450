//! The PostgreSQL backend: one shared database that several processes
//! write and many read. Tables and migrations in `schema.rs`, the write path
//! and how concurrent writers agree in `write.rs`, queries in `query.rs`,
//! the copy from a SQLite ledger in `copy.rs`.
//!
//! The `postgres` crate is synchronous, like rusqlite, so both backends sit
//! behind the same blocking [`crate::Ledger`] methods. Its client needs
//! `&mut` for every query while the ledger's queries take `&self`: the
//! connection sits in a `RefCell` (a `Ledger` is `Send`, never `Sync`, so
//! one thread uses it at a time). Every statement is prepared once per
//! connection and kept ([`Session`]): a query then costs one round trip.

pub(crate) mod copy;
pub(crate) mod entities;
pub(crate) mod query;
pub(crate) mod schema;
pub(crate) mod write;

use std::cell::RefCell;
use std::collections::HashMap;

use hearsay_core::Analysis;
use hearsay_ingest::Article;
use postgres::types::ToSql;
use postgres::{Client, GenericClient, NoTls, Row, Statement};

use crate::claim_index::ClaimIndex;
use crate::entities::EntityCache;
use crate::location::redact_password;
use crate::model::{Counts, Ingested};
use crate::similar::content_hash;
use crate::Error;

/// Whether connecting may create and migrate the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Migrate,
    ReadOnly,
}

pub(crate) struct PgLedger {
    conn: RefCell<Connection>,
    // Entity ids by normalised name, for one generation of entities (a
    // relink deletes merged ones; see `crate::entities::EntityCache`);
    // cleared when a transaction fails.
    entity_cache: EntityCache,
    // Loaded on the first ingest, refreshed at each batch; dropped when a
    // transaction fails.
    claim_index: Option<ClaimIndex>,
}

pub(crate) struct Connection {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl PgLedger {
    pub(crate) fn connect(url: &str, mode: Mode) -> Result<PgLedger, Error> {
        let connect_error = |source| Error::Connect { url: redact_password(url), source };
        let mut client = Client::connect(url, NoTls).map_err(connect_error)?;
        let known = schema::MIGRATIONS.len() as u32;
        match mode {
            Mode::Migrate => {
                schema::migrate(&mut client).map_err(|err| match err {
                    Error::Postgres(source) => connect_error(source),
                    other => other,
                })?;
            }
            Mode::ReadOnly => {
                let found = schema::version(&mut client).map_err(|err| match err {
                    Error::Postgres(source) => connect_error(source),
                    other => other,
                })?;
                if found == 0 {
                    return Err(Error::NoLedger { url: redact_password(url) });
                }
                if found != known {
                    return Err(Error::NewerSchema { found, known });
                }
            }
        }
        Ok(PgLedger {
            conn: RefCell::new(Connection { client, statements: HashMap::new() }),
            entity_cache: EntityCache::new(),
            claim_index: None,
        })
    }

    pub(crate) fn schema_version(&self) -> Result<u32, Error> {
        schema::version(&mut self.conn.borrow_mut().client)
    }

    /// Runs `f` with a session on the connection (outside any transaction).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut Session<'_, Client>) -> Result<T, Error>) -> Result<T, Error> {
        let mut conn = self.conn.borrow_mut();
        let Connection { client, statements } = &mut *conn;
        f(&mut Session { client, statements })
    }

    pub(crate) fn contains(&self, text: &str) -> Result<bool, Error> {
        let hash = content_hash(text);
        self.read(|session| {
            let row =
                session.query_one("SELECT EXISTS (SELECT 1 FROM articles WHERE content_hash = $1)", &[&&hash[..]])?;
            Ok(row.try_get(0)?)
        })
    }

    pub(crate) fn ingest_batch(&mut self, batch: &[(&Article, &Analysis)]) -> Result<Vec<Ingested>, Error> {
        let mut claim_index = self.claim_index.take().unwrap_or_else(ClaimIndex::new);
        let result = {
            let mut conn = self.conn.borrow_mut();
            let Connection { client, statements } = &mut *conn;
            write::ingest_batch(client, statements, &mut self.entity_cache, &mut claim_index, batch)
        };
        match result {
            Ok(outcomes) => {
                self.claim_index = Some(claim_index);
                Ok(outcomes)
            }
            Err(err) => {
                // Ids cached during the failed transaction may not exist.
                self.entity_cache.clear();
                Err(err)
            }
        }
    }

    pub(crate) fn regroup(&mut self, reanalyze: &mut crate::claim_index::Reanalyze<'_>) -> Result<(), Error> {
        self.claim_index = None;
        let mut conn = self.conn.borrow_mut();
        let Connection { client, statements } = &mut *conn;
        self.claim_index = Some(write::regroup(client, statements, reanalyze)?);
        Ok(())
    }

    pub(crate) fn counts(&self) -> Result<Counts, Error> {
        self.read(|session| {
            let row = session.query_one(
                "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM articles WHERE origin_id = id),
                        (SELECT COUNT(*) FROM statements), (SELECT COUNT(*) FROM claims),
                        (SELECT COUNT(*) FROM claims WHERE contested > 0), (SELECT COUNT(*) FROM entities)",
                &[],
            )?;
            let count = |idx: usize| -> Result<u64, Error> { Ok(row.try_get::<_, i64>(idx)? as u64) };
            Ok(Counts {
                articles: count(0)?,
                origins: count(1)?,
                statements: count(2)?,
                claims: count(3)?,
                contested: count(4)?,
                entities: count(5)?,
            })
        })
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        self.conn.get_mut()
    }
}

/// A client (the connection, or a transaction on it) with the
/// connection's prepared statements.
pub(crate) struct Session<'a, C: GenericClient> {
    pub(crate) client: &'a mut C,
    pub(crate) statements: &'a mut HashMap<String, Statement>,
}

impl<C: GenericClient> Session<'_, C> {
    fn prepared(&mut self, sql: &str) -> Result<Statement, Error> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    pub(crate) fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, Error> {
        let statement = self.prepared(sql)?;
        Ok(self.client.query(&statement, params)?)
    }

    pub(crate) fn query_one(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Row, Error> {
        let statement = self.prepared(sql)?;
        Ok(self.client.query_one(&statement, params)?)
    }

    pub(crate) fn query_opt(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>, Error> {
        let statement = self.prepared(sql)?;
        Ok(self.client.query_opt(&statement, params)?)
    }

    pub(crate) fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, Error> {
        let statement = self.prepared(sql)?;
        Ok(self.client.execute(&statement, params)?)
    }
}
