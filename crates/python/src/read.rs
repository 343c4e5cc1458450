//! `read`: files and folders to record batches of articles, through
//! hearsay-ingest's readers (text, HTML, feeds, JSON Lines, WARC), so that
//! a Spark executor reads its share of the input with hearsay itself.
//!
//! A thread reads ahead while Python analyses the previous batch; it stops
//! when the iterator is dropped (its channel closes). A file or record that
//! cannot be read does not stop the rest: its message, naming the file and
//! record, is kept in `ArticleBatches.errors`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use arrow_array::RecordBatch;
use arrow_pyarrow::PyArrowType;
use arrow_schema::{DataType, Field, Schema};
use hearsay_ingest::{Article, Kind};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use crate::columns::{dates, longs, strings};

/// An iterator of article batches (see `read`).
#[pyclass(module = "hearsay")]
pub(crate) struct ArticleBatches {
    // A Mutex only to make the class Sync, as pyo3 asks; one Python thread
    // iterates at a time.
    items: Mutex<Receiver<Item>>,
    batch_size: usize,
    n_items: i64,
    errors: Vec<String>,
    done: bool,
}

type Item = Result<Article, hearsay_ingest::Error>;

/// Reads `paths` (files or folders; a folder gives every file of a kind
/// hearsay reads below it, in sorted order) and yields record batches of at
/// most `batch_size` articles.
#[pyfunction]
#[pyo3(signature = (paths, batch_size = 256))]
pub(crate) fn read(paths: Vec<PathBuf>, batch_size: usize) -> PyResult<ArticleBatches> {
    if batch_size == 0 {
        return Err(PyValueError::new_err("batch_size must be at least 1"));
    }
    let (sender, receiver) = sync_channel::<Item>(batch_size);
    std::thread::Builder::new()
        .name("hearsay-read".into())
        .spawn(move || {
            for item in hearsay_ingest::read_inputs(&paths) {
                if sender.send(item).is_err() {
                    // The iterator was dropped: nobody wants the rest.
                    return;
                }
            }
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the reading thread: {e}")))?;
    Ok(ArticleBatches { items: Mutex::new(receiver), batch_size, n_items: 0, errors: Vec::new(), done: false })
}

/// The schema of the batches `read` yields.
#[pyfunction]
pub(crate) fn article_schema() -> PyArrowType<Schema> {
    PyArrowType(Schema::new(article_fields()))
}

/// The kind of document hearsay reads from a file of this name (`text`,
/// `html`, `feed`, `jsonl`, `warc`), or None when a folder walk skips it.
#[pyfunction]
pub(crate) fn input_kind(path: PathBuf) -> Option<&'static str> {
    Some(match Kind::of_path(Path::new(&path))? {
        Kind::Text => "text",
        Kind::Html => "html",
        Kind::Feed => "feed",
        Kind::Jsonl => "jsonl",
        Kind::Warc => "warc",
        _ => "other",
    })
}

fn article_fields() -> Vec<Field> {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    vec![
        text("id", false),
        text("origin", false),
        text("title", true),
        text("text", false),
        Field::new("published", DataType::Date32, true),
        text("outlet", true),
        text("url", true),
        text("byline", true),
        // Position among everything this `read` call met (errors included),
        // from 0: the input order, which `hearsay ingest` follows.
        Field::new("ordinal", DataType::Int64, false),
    ]
}

#[pymethods]
impl ArticleBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyArrowType<RecordBatch>>> {
        if self.done {
            return Ok(None);
        }
        let (articles, errors, ordinals, exhausted) = py.detach(|| {
            let receiver = self.items.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let mut articles: Vec<Article> = Vec::with_capacity(self.batch_size);
            let mut ordinals: Vec<i64> = Vec::with_capacity(self.batch_size);
            let mut errors: Vec<String> = Vec::new();
            let mut exhausted = false;
            while articles.len() < self.batch_size {
                match receiver.recv() {
                    Ok(Ok(article)) => {
                        articles.push(article);
                        ordinals.push(self.n_items);
                    }
                    Ok(Err(error)) => errors.push(error.to_string()),
                    Err(_) => {
                        exhausted = true;
                        break;
                    }
                }
                self.n_items += 1;
            }
            (articles, errors, ordinals, exhausted)
        });
        self.errors.extend(errors);
        self.done = exhausted;
        if articles.is_empty() {
            return Ok(None);
        }
        Ok(Some(PyArrowType(article_batch(&articles, &ordinals)?)))
    }

    /// Messages of the files and records that could not be read so far.
    #[getter]
    fn errors(&self) -> Vec<String> {
        self.errors.clone()
    }
}

fn article_batch(articles: &[Article], ordinals: &[i64]) -> PyResult<RecordBatch> {
    let text = |f: fn(&Article) -> Option<&str>| strings(&articles.iter().map(f).collect::<Vec<Option<&str>>>());
    let columns = vec![
        text(|a| Some(&a.id)),
        text(|a| Some(&a.origin)),
        text(|a| a.title.as_deref()),
        text(|a| Some(&a.text)),
        dates(&articles.iter().map(|a| a.published).collect::<Vec<_>>()),
        text(|a| a.outlet.as_deref()),
        text(|a| a.url.as_deref()),
        text(|a| a.byline.as_deref()),
        longs(ordinals),
    ];
    RecordBatch::try_new(Arc::new(Schema::new(article_fields())), columns)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}
