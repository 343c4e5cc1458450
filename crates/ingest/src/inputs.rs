//! Paths to documents: expanding folders, telling formats apart by name, and
//! chaining the per-format readers into one lazy stream.
//!
//! Nothing is read before it is asked for: a folder's file list is made when
//! the walk reaches that argument, and record formats (feeds, JSONL, WARC) hand
//! out one record at a time.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{feed, html, jsonl, warc, Article, Error, IngestConfig};

/// The formats a file can hold, told apart by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// Plain UTF-8 text, one document.
    Text,
    /// A web page, one document (also gzipped).
    Html,
    /// An RSS or Atom feed: one document per item.
    Feed,
    /// JSON Lines: one document per line.
    Jsonl,
    /// A WARC archive (also gzipped): one document per HTML response.
    Warc,
}

impl Kind {
    /// The kind a file name says, if it is one a folder walk picks up
    /// (`.txt`, `.html`, `.htm`, `.rss`, `.atom`, `.xml`, `.jsonl`, `.ndjson`,
    /// `.warc`, each optionally followed by `.gz`).
    pub fn of_path(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let extension = name.rsplit_once('.')?.1;
        match extension {
            "txt" => Some(Kind::Text),
            "html" | "htm" | "xhtml" => Some(Kind::Html),
            "rss" | "atom" | "xml" => Some(Kind::Feed),
            "jsonl" | "ndjson" => Some(Kind::Jsonl),
            "warc" => Some(Kind::Warc),
            _ => None,
        }
    }
}

/// Every input document under `paths`, in order: a file is one document (or
/// one per record for feeds, JSONL and WARC), a folder gives the files of a
/// known [`Kind`] below it (recursively, sorted), `-` reads standard input
/// (a WARC, web page or feed recognised by how it starts, else one text
/// document named `stdin`). A file of unknown kind named directly is read as
/// text.
pub fn read_inputs(paths: &[PathBuf]) -> impl Iterator<Item = Result<Article, Error>> + '_ {
    read_inputs_with(paths, &IngestConfig::standard())
}

/// [`read_inputs`] with the given configuration.
pub fn read_inputs_with<'a>(
    paths: &'a [PathBuf],
    config: &IngestConfig,
) -> impl Iterator<Item = Result<Article, Error>> + 'a {
    let config = config.clone();
    paths.iter().map(PathBuf::as_path).flat_map(expand).flat_map(move |item| documents(item, &config))
}

/// Reads one file (or `-`) as one document of the kind its name says (text when
/// unknown). Record formats give their first record; use [`read_inputs`] for all.
pub fn read_file(path: &Path) -> Result<Article, Error> {
    let config = IngestConfig::standard();
    match documents(Ok(path.to_path_buf()), &config).next() {
        Some(item) => item,
        None => Err(Error::Feed { path: path.display().to_string(), message: "no documents in file".into() }),
    }
}

/// The items of an RSS or Atom feed held in `bytes`; `name` stands for the
/// file in ids (`<name>:<item>`) and messages.
pub fn read_feed_bytes(bytes: &[u8], name: &str) -> Vec<Result<Article, Error>> {
    feed::parse_feed(bytes, name, name)
}

/// The records of a JSON Lines stream (standard input, a pipe, memory), read
/// one line at a time; `name` stands for the file in ids and messages.
pub fn read_jsonl_stream(
    reader: Box<dyn std::io::BufRead>,
    name: &str,
    config: &IngestConfig,
) -> impl Iterator<Item = Result<Article, Error>> {
    jsonl::JsonlRecords::new(reader, name.to_string(), name.to_string(), config)
}

/// The HTML response records of an uncompressed WARC stream, read one record at
/// a time; `name` stands for the file in ids and messages. For `.warc.gz`, wrap
/// the reader in `flate2::read::MultiGzDecoder` (every record is its own gzip
/// member).
pub fn read_warc_stream(
    reader: Box<dyn std::io::BufRead>,
    name: &str,
    config: &IngestConfig,
) -> impl Iterator<Item = Result<Article, Error>> {
    warc::WarcRecords::new(reader, name.to_string(), name.to_string(), config.max_document_bytes)
}

type Documents = Box<dyn Iterator<Item = Result<Article, Error>>>;

fn documents(item: Result<PathBuf, Error>, config: &IngestConfig) -> Documents {
    let path = match item {
        Ok(path) => path,
        Err(error) => return Box::new(std::iter::once(Err(error))),
    };
    if path.as_os_str() == "-" {
        return read_stdin(config);
    }
    let kind = Kind::of_path(&path).unwrap_or(Kind::Text);
    match kind {
        Kind::Text => Box::new(std::iter::once(read_text(&path, config))),
        Kind::Html => Box::new(std::iter::once(read_html(&path, config))),
        Kind::Feed => Box::new(feed::read_feed(&path, config).into_iter()),
        Kind::Jsonl => jsonl::read_jsonl(&path, config),
        Kind::Warc => warc::read_warc(&path, config),
    }
}

/// Standard input has no name to tell its kind: a WARC, a web page or a feed
/// is recognised by how it starts (`WARC/`, `<!DOCTYPE html`/`<html`,
/// `<rss`/`<feed`/`<?xml` with a feed root); anything else is text.
fn read_stdin(config: &IngestConfig) -> Documents {
    let bytes = match read_all(Path::new("-"), config.max_document_bytes) {
        Ok(bytes) => bytes,
        Err(error) => return Box::new(std::iter::once(Err(error))),
    };
    match sniff(&bytes) {
        Some(Kind::Warc) => {
            let reader = Box::new(std::io::Cursor::new(bytes));
            Box::new(warc::WarcRecords::new(reader, "stdin".into(), "stdin".into(), config.max_document_bytes))
        }
        Some(Kind::Html) => {
            let page = html::extract(&bytes, None);
            Box::new(std::iter::once(Ok(article_from_page("stdin".into(), "stdin".into(), page))))
        }
        Some(Kind::Feed) => Box::new(feed::parse_feed(&bytes, "stdin", "stdin").into_iter()),
        _ => Box::new(std::iter::once(text_article(bytes, "stdin".into(), "stdin".into()))),
    }
}

/// The kind of a byte stream, by its first bytes; `None` for text.
fn sniff(bytes: &[u8]) -> Option<Kind> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let lower: Vec<u8> = head[start..].iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"warc/") {
        Some(Kind::Warc)
    } else if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        Some(Kind::Html)
    } else if lower.starts_with(b"<rss")
        || lower.starts_with(b"<feed")
        || (lower.starts_with(b"<?xml")
            && [&b"<rss"[..], b"<feed", b"<rdf:rdf"].iter().any(|root| memchr::memmem::find(&lower, root).is_some()))
    {
        Some(Kind::Feed)
    } else {
        None
    }
}

fn expand(path: &Path) -> Vec<Result<PathBuf, Error>> {
    if path.as_os_str() == "-" || path.is_file() {
        return vec![Ok(path.to_path_buf())];
    }
    if path.is_dir() {
        let mut out = Vec::new();
        walk(path, &mut out, 0);
        return out;
    }
    vec![Err(Error::Io {
        path: path.display().to_string(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
    })]
}

/// Folder nesting followed at most; deeper is almost surely a link cycle.
const MAX_FOLDER_DEPTH: usize = 64;

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, Error>>, depth: usize) {
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
            if depth < MAX_FOLDER_DEPTH {
                walk(&path, out, depth + 1);
            }
        } else if Kind::of_path(&path).is_some() {
            out.push(Ok(path));
        }
    }
}

/// The id of a single-document file: its name without folder and endings
/// (`a/b/story.html.gz` → `story`).
pub(crate) fn file_id(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    let name = path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = strip_suffix_ignore_case(&name, ".gz");
    match Kind::of_path(Path::new(name)) {
        Some(_) => name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string(),
        None => Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
    }
}

fn strip_suffix_ignore_case<'a>(name: &'a str, suffix: &str) -> &'a str {
    if name.len() >= suffix.len() && name.is_char_boundary(name.len() - suffix.len()) {
        let (stem, end) = name.split_at(name.len() - suffix.len());
        if end.eq_ignore_ascii_case(suffix) {
            return stem;
        }
    }
    name
}

/// Opens a record file for streaming, gunzipping it (every member) when its
/// name ends in `.gz`. The error names the file.
pub(crate) fn open_stream(path: &Path) -> Result<std::io::BufReader<Box<dyn Read>>, Error> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
    let reader: Box<dyn Read> = if is_gzip(path) {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file)))
    } else {
        Box::new(file)
    };
    Ok(std::io::BufReader::with_capacity(64 << 10, reader))
}

/// Whether `path` names a gzip file.
pub(crate) fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The whole content of `path` (`-`: standard input), gunzipped when the name
/// ends in `.gz`, at most `limit` bytes.
pub(crate) fn read_all(path: &Path, limit: usize) -> Result<Vec<u8>, Error> {
    let display = || path.display().to_string();
    let mut bytes = Vec::new();
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(path).map_err(|source| Error::Io { path: display(), source })?;
        if is_gzip(path) {
            Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file)))
        } else {
            Box::new(file)
        }
    };
    let mut limited = reader.take(limit as u64 + 1);
    limited.read_to_end(&mut bytes).map_err(|source| Error::Io { path: display(), source })?;
    if bytes.len() > limit {
        let message = format!("larger than the {limit}-byte document limit");
        return Err(Error::Io {
            path: display(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, message),
        });
    }
    Ok(bytes)
}

fn read_text(path: &Path, config: &IngestConfig) -> Result<Article, Error> {
    let bytes = read_all(path, config.max_document_bytes)?;
    let id = file_id(path);
    let mut article = text_article(bytes, id.clone(), path.display().to_string())?;
    // A plain text has no metadata; its name may carry the day
    // ("breitbart_2016-09-25_pence-....txt").
    article.published = date_in_name(&id);
    Ok(article)
}

/// The first `YYYY-MM-DD` in a file name that stands apart from other
/// digits (PolNeAR's names carry the publication day so).
pub(crate) fn date_in_name(name: &str) -> Option<chrono::NaiveDate> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|at| {
        let apart =
            (at == 0 || !bytes[at - 1].is_ascii_digit()) && bytes.get(at + 10).is_none_or(|b| !b.is_ascii_digit());
        let shaped = bytes[at + 4] == b'-' && bytes[at + 7] == b'-';
        if !(apart && shaped) {
            return None;
        }
        chrono::NaiveDate::parse_from_str(name.get(at..at + 10)?, "%Y-%m-%d").ok()
    })
}

/// A text article from `bytes`, which must be UTF-8.
fn text_article(bytes: Vec<u8>, id: String, display: String) -> Result<Article, Error> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(Error::NotUtf8 { path: display, offset: e.utf8_error().valid_up_to() }),
    };
    Ok(Article { id, origin: display, title: None, text, published: None, outlet: None, url: None, byline: None })
}

fn read_html(path: &Path, config: &IngestConfig) -> Result<Article, Error> {
    let bytes = read_all(path, config.max_document_bytes)?;
    let page = html::extract(&bytes, None);
    Ok(article_from_page(file_id(path), path.display().to_string(), page))
}

/// An article from an extracted page.
pub(crate) fn article_from_page(id: String, origin: String, page: html::Page) -> Article {
    Article {
        id,
        origin,
        title: page.title,
        text: page.text,
        published: page.published,
        outlet: page.outlet,
        url: page.url,
        byline: page.byline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_may_carry_the_day() {
        let day = |name: &str| date_in_name(name).map(|d| d.to_string());
        assert_eq!(day("breitbart_2016-09-25_pence-gennifer").as_deref(), Some("2016-09-25"));
        assert_eq!(day("2025-04-22").as_deref(), Some("2025-04-22"));
        assert_eq!(day("report-12016-09-25"), None);
        assert_eq!(day("notes-2016-13-40"), None);
        assert_eq!(day("zelenskyy-drones"), None);
    }

    #[test]
    fn standard_input_is_sniffed() {
        assert_eq!(sniff(b"WARC/1.0\r\n"), Some(Kind::Warc));
        assert_eq!(sniff(b"\xef\xbb\xbf  <!DOCTYPE HTML><html>"), Some(Kind::Html));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"), Some(Kind::Feed));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><urlset>"), None);
        assert_eq!(sniff(b"The minister said <html> is a tag."), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn kinds_and_ids_come_from_names() {
        assert_eq!(Kind::of_path(Path::new("a/b.HTML.gz")), Some(Kind::Html));
        assert_eq!(Kind::of_path(Path::new("x.warc.gz")), Some(Kind::Warc));
        assert_eq!(Kind::of_path(Path::new("feed.xml")), Some(Kind::Feed));
        assert_eq!(Kind::of_path(Path::new("notes.md")), None);
        assert_eq!(file_id(Path::new("a/b/story.html.gz")), "story");
        assert_eq!(file_id(Path::new("a/v1.2.txt")), "v1.2");
        assert_eq!(file_id(Path::new("crawl.warc.gz")), "crawl");
        assert_eq!(file_id(Path::new("-")), "stdin");
    }
}
