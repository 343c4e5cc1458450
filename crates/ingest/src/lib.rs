//! hearsay-ingest: files, folders and streams in, [`Article`]s out.
//!
//! [`read_inputs`] walks the paths a user gives (files, folders, `-` for
//! standard input) and yields one `Result<Article, Error>` per document, so
//! that one bad file or record never stops a batch. Every error names the file
//! (and, for record formats, the record or line).
//!
//! | input | what one document is | module |
//! | --- | --- | --- |
//! | `.txt` | the whole file, as UTF-8 | here |
//! | `.html`, `.htm` (also `.gz`) | the page's main text ([`html::extract`]) | [`html`] |
//! | `.rss`, `.atom`, `.xml` | each feed item | `feed` |
//! | `.jsonl`, `.ndjson` (also `.gz`) | each line, fields named by [`JsonlFields`] | `jsonl` |
//! | `.warc`, `.warc.gz` | each HTTP response (or resource) record holding HTML | `warc` |
//!
//! A folder gives every file of these kinds below it, in sorted path order.
//! [`read_inputs_with`] takes an [`IngestConfig`] (JSONL field names, the
//! largest document read). Streams that are not files (standard input, a
//! socket) go through [`read_jsonl_stream`], [`read_warc_stream`] and
//! [`read_feed_bytes`]; one page in memory through [`html::extract`].
//! [`Summary`] counts what was read and what was skipped, and why.
//!
//! ```no_run
//! use std::path::PathBuf;
//! let mut summary = hearsay_ingest::Summary::new();
//! for item in hearsay_ingest::read_inputs(&[PathBuf::from("news/")]) {
//!     summary.record(&item);
//!     match item {
//!         Ok(article) => println!("{}: {} bytes", article.id, article.text.len()),
//!         Err(error) => eprintln!("skipped {error}"),
//!     }
//! }
//! eprintln!("{summary}");
//! ```
#![deny(missing_docs)]

mod date;
mod feed;
pub mod html;
mod inputs;
mod jsonl;
mod summary;
mod warc;

pub use crate::date::parse_date;
pub use crate::inputs::{
    read_feed_bytes, read_file, read_inputs, read_inputs_with, read_jsonl_stream, read_warc_stream, Kind,
};
pub use crate::summary::Summary;

/// One document ready for analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file name without folder and ending, or a record's own id
    /// (`<file-stem>:<record-number>` for feed items, JSONL lines and WARC records
    /// that carry no id of their own).
    pub id: String,
    /// Where it came from, for messages: the path, and for records the record
    /// or line number and URL.
    pub origin: String,
    /// The headline, when the format separates it from the text.
    pub title: Option<String>,
    /// The main text that offsets count into.
    pub text: String,
    /// The publication date the input gives, if any.
    pub published: Option<chrono::NaiveDate>,
    /// The outlet the input names, if any.
    pub outlet: Option<String>,
    /// The canonical URL, if any.
    pub url: Option<String>,
    /// The byline (author names), if the input gives one.
    pub byline: Option<String>,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file or folder could not be read (this includes truncated or
    /// corrupt gzip streams).
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8.
    #[error("{path}: not UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The path.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A line of a JSON Lines file is not a usable record.
    #[error("{path}:{line}: {message}")]
    Jsonl {
        /// The path.
        path: String,
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A feed (or one of its items) could not be read.
    #[error("{path}: {message}")]
    Feed {
        /// The path, and the item number when one item is at fault.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A WARC record is malformed, too large or not readable.
    #[error("{path}: record {record}: {message}")]
    Warc {
        /// The path.
        path: String,
        /// The record number, from 1.
        record: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// A short, stable name for the kind of failure, for summaries
    /// (`"io"`, `"not-utf8"`, `"jsonl"`, `"feed"`, `"warc"`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::NotUtf8 { .. } => "not-utf8",
            Error::Jsonl { .. } => "jsonl",
            Error::Feed { .. } => "feed",
            Error::Warc { .. } => "warc",
        }
    }
}

/// Field names of a JSON Lines export. A field may name a nested value with
/// dots (`"meta.url"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    /// The article text (required). May hold HTML; see [`JsonlFields::html`].
    pub text: String,
    /// The headline.
    pub title: String,
    /// The URL.
    pub url: String,
    /// The publication date (ISO 8601, RFC 2822, prose, or seconds since 1970).
    pub published: String,
    /// The outlet.
    pub outlet: String,
    /// The record's own id; when absent the id is `<file-stem>:<line>`.
    pub id: String,
    /// A field holding the page's HTML, used (main text extracted) when the text
    /// field is absent.
    pub html: String,
}

impl JsonlFields {
    /// The names most exports use: `text`, `title`, `url`, `published`,
    /// `outlet`, `id`, `html`.
    pub fn standard() -> JsonlFields {
        JsonlFields {
            text: "text".into(),
            title: "title".into(),
            url: "url".into(),
            published: "published".into(),
            outlet: "outlet".into(),
            id: "id".into(),
            html: "html".into(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestConfig {
    /// Field names of JSON Lines exports.
    pub jsonl: JsonlFields,
    /// The largest document read, in bytes: a larger WARC record, JSONL line or
    /// file is skipped with an error, which keeps memory flat.
    pub max_document_bytes: usize,
}

impl IngestConfig {
    /// Standard JSONL field names and a 64 MiB document limit.
    pub fn standard() -> IngestConfig {
        IngestConfig { jsonl: JsonlFields::standard(), max_document_bytes: 64 << 20 }
    }
}
