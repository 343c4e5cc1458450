//! hearsay-ingest: files, folders and streams in, [`Article`]s out.
//!
//! [`read_inputs`] walks the paths a user gives (files, folders, `-` for
//! standard input) and yields one `Result<Article, Error>` per document, so
//! that one bad file never stops a batch. Every error names the file (and,
//! for record formats, the record or line).
#![deny(missing_docs)]

use std::io::Read;
use std::path::{Path, PathBuf};

/// One document ready for analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file name without folder and ending, or a record's own id.
    pub id: String,
    /// Where it came from, for messages.
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
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file or folder could not be read.
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
}

/// Every input document under `paths`, in order: a file is one document, a
/// folder gives its `*.txt` files (recursively, sorted), `-` reads standard
/// input as one document named `stdin`.
pub fn read_inputs(paths: &[PathBuf]) -> impl Iterator<Item = Result<Article, Error>> + '_ {
    paths.iter().flat_map(|path| expand(path)).map(|item| item.and_then(|path| read_file(&path)))
}

fn expand(path: &Path) -> Vec<Result<PathBuf, Error>> {
    if path.as_os_str() == "-" || path.is_file() {
        return vec![Ok(path.to_path_buf())];
    }
    if path.is_dir() {
        let mut out = Vec::new();
        walk(path, &mut out);
        out.sort_by(|a, b| match (a, b) {
            (Ok(a), Ok(b)) => a.cmp(b),
            _ => std::cmp::Ordering::Equal,
        });
        return out;
    }
    vec![Err(Error::Io {
        path: path.display().to_string(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
    })]
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, Error>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            out.push(Err(Error::Io { path: dir.display().to_string(), source }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(Ok(path));
        }
    }
}

/// Reads one file (or `-`) as a UTF-8 text article.
pub fn read_file(path: &Path) -> Result<Article, Error> {
    let display = path.display().to_string();
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    if let Err(source) = result {
        return Err(Error::Io { path: display, source });
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(Error::NotUtf8 { path: display, offset: e.utf8_error().valid_up_to() }),
    };
    let id = if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    };
    Ok(Article { id, origin: display, title: None, text, published: None, outlet: None, url: None })
}
