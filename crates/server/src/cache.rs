//! A short-lived cache of rendered claim boards, the page and API that every
//! visitor loads first.
//!
//! A board of 50 claims with their voices costs about 10 ms of SQLite work.
//! Under 200 concurrent clients on two cores that would be the whole machine,
//! yet the board changes only when articles are ingested. So each rendered
//! body is kept for [`FRESH_FOR`] and dropped at once when this server
//! ingests an article (the generation changes). An ingest by another process
//! (`hearsay ingest` on the same file) shows within [`FRESH_FOR`].
//!
//! When an entry is stale, one request renders it again, and requests that
//! arrive meanwhile get the stale body: a burst of clients never renders the
//! same board many times at once. An entry with no body yet is rendered by
//! every request that finds it missing; that happens only at the first request
//! for each key.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;

use crate::Error;

/// How long a rendered board is served without rendering it again.
pub(crate) const FRESH_FOR: Duration = Duration::from_secs(2);

/// At most this many boards are kept (one per distinct query). Past that,
/// the cache is emptied: the keys are user input, and must not grow memory
/// without bound.
const MAX_ENTRIES: usize = 256;

pub(crate) struct BoardCache {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

struct Entry {
    body: Bytes,
    made: Instant,
    generation: u64,
    // Invariant: true while one request is rendering this key again.
    refreshing: bool,
}

impl BoardCache {
    pub(crate) fn new() -> BoardCache {
        BoardCache { generation: AtomicU64::new(0), entries: Mutex::new(HashMap::new()) }
    }

    /// Marks every entry stale: the ledger changed.
    pub(crate) fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The body cached under `key`, or the one `render` makes.
    pub(crate) async fn get_or_render<F, Fut>(&self, key: String, render: F) -> Result<Bytes, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Bytes, Error>>,
    {
        let generation = self.generation.load(Ordering::SeqCst);
        {
            let mut entries = self.lock();
            if let Some(entry) = entries.get_mut(&key) {
                let fresh = entry.generation == generation && entry.made.elapsed() < FRESH_FOR;
                if fresh || entry.refreshing {
                    return Ok(entry.body.clone());
                }
                entry.refreshing = true;
            }
        }
        // Should this request go away mid-render (a timeout, a closed
        // connection), the guard clears `refreshing` so that the next
        // request renders instead.
        let mut guard = RefreshGuard { cache: self, key: Some(key.clone()) };
        let body = render().await?;
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, Entry { body: body.clone(), made: Instant::now(), generation, refreshing: false });
        guard.key = None;
        Ok(body)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // The map stays consistent under panics: every change is one insert.
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

struct RefreshGuard<'a> {
    cache: &'a BoardCache,
    key: Option<String>,
}

impl Drop for RefreshGuard<'_> {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            if let Some(entry) = self.cache.lock().get_mut(&key) {
                entry.refreshing = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<T>(future: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime").block_on(future)
    }

    #[test]
    fn renders_once_then_serves_until_invalidated() {
        let cache = BoardCache::new();
        let render =
            |text: &'static str| move || async move { Ok::<Bytes, Error>(Bytes::from_static(text.as_bytes())) };
        block_on(async {
            assert_eq!(cache.get_or_render("k".into(), render("one")).await.ok(), Some(Bytes::from_static(b"one")));
            assert_eq!(cache.get_or_render("k".into(), render("two")).await.ok(), Some(Bytes::from_static(b"one")));
            cache.invalidate();
            assert_eq!(cache.get_or_render("k".into(), render("three")).await.ok(), Some(Bytes::from_static(b"three")));
            assert_eq!(
                cache.get_or_render("other".into(), render("four")).await.ok(),
                Some(Bytes::from_static(b"four"))
            );
        });
    }

    #[test]
    fn a_failed_render_is_not_cached() {
        let cache = BoardCache::new();
        block_on(async {
            let failed =
                cache.get_or_render("k".into(), || async { Err::<Bytes, Error>(Error::NotFound("x".into())) }).await;
            assert!(failed.is_err());
            let ok = cache.get_or_render("k".into(), || async { Ok::<Bytes, Error>(Bytes::from_static(b"ok")) }).await;
            assert_eq!(ok.ok(), Some(Bytes::from_static(b"ok")));
        });
    }
}
