//! Ledger connections for request handlers.
//!
//! A [`Ledger`] is one connection (SQLite or PostgreSQL): `Send`, not
//! `Sync`. Readers take an idle read-only connection (opening one when none
//! is idle) on a blocking thread, so that the database never stalls the
//! async workers; a semaphore bounds how many queries run at once, since
//! more than a few per core only queue inside the database. The one writer
//! (ingest) is kept apart behind a mutex: SQLite allows one writer at a time
//! anyway (WAL lets readers go on meanwhile), and on PostgreSQL this
//! server's ingests join those of other processes under the ledger's own
//! write lock.

use std::sync::{Arc, Mutex};

use hearsay_ledger::{Ledger, Location};
use tokio::sync::Semaphore;

use crate::Error;

pub(crate) struct Pool {
    location: Location,
    // Invariant: at most `max_readers` connections are ever idle here.
    idle: Mutex<Vec<Ledger>>,
    max_readers: usize,
    permits: Arc<Semaphore>,
    writer: Option<Mutex<Ledger>>,
}

impl Pool {
    /// A pool over the ledger at `location`. With `writable`, the ledger is
    /// created or migrated and a writer connection kept; without, it must
    /// exist at this build's schema.
    pub(crate) fn open(location: Location, max_readers: usize, writable: bool) -> Result<Pool, Error> {
        let writer = if writable { Some(Mutex::new(Ledger::open_at(&location)?)) } else { None };
        // Open one reader now, so that a missing or newer ledger fails at
        // start rather than on the first request.
        let first = Ledger::open_read_only_at(&location)?;
        let max_readers = max_readers.max(1);
        Ok(Pool {
            location,
            idle: Mutex::new(vec![first]),
            max_readers,
            permits: Arc::new(Semaphore::new(max_readers)),
            writer,
        })
    }

    pub(crate) fn is_writable(&self) -> bool {
        self.writer.is_some()
    }

    /// Runs `query` on a read-only connection, on a blocking thread.
    pub(crate) async fn read<T, F>(self: &Arc<Pool>, query: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&Ledger) -> Result<T, Error> + Send + 'static,
    {
        let permit = self.permits.clone().acquire_owned().await.map_err(|err| Error::Runtime(err.to_string()))?;
        let pool = Arc::clone(self);
        let task = tokio::task::spawn_blocking(move || {
            // The permit lives as long as the query, even when the request
            // that asked for it timed out and went away.
            let _permit = permit;
            let ledger = match pool.take_idle() {
                Some(ledger) => ledger,
                None => Ledger::open_read_only_at(&pool.location)?,
            };
            let result = query(&ledger);
            pool.give_back(ledger);
            result
        });
        task.await.map_err(|err| Error::Runtime(err.to_string()))?
    }

    /// Runs `write` on the writer connection, on a blocking thread.
    pub(crate) async fn write<T, F>(self: &Arc<Pool>, write: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut Ledger) -> Result<T, Error> + Send + 'static,
    {
        if self.writer.is_none() {
            return Err(Error::ReadOnly);
        }
        let pool = Arc::clone(self);
        let task = tokio::task::spawn_blocking(move || {
            let Some(writer) = &pool.writer else {
                return Err(Error::ReadOnly);
            };
            // A panic while holding the lock leaves the connection usable:
            // the transaction it was in is rolled back when dropped.
            let mut ledger = writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            write(&mut ledger)
        });
        task.await.map_err(|err| Error::Runtime(err.to_string()))?
    }

    fn take_idle(&self) -> Option<Ledger> {
        self.idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).pop()
    }

    fn give_back(&self, ledger: Ledger) {
        let mut idle = self.idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if idle.len() < self.max_readers {
            idle.push(ledger);
        }
    }
}
