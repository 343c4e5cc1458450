//! WARC archives (`.warc`, `.warc.gz`): each HTTP response record holding HTML
//! becomes one article, streamed one record at a time.
//!
//! Memory stays flat at any archive size: one record body is held at a time, and
//! a body over [`crate::IngestConfig::max_document_bytes`] is skipped by reading
//! it into a sink. A gzipped archive has one gzip member per record, so it is read
//! with `MultiGzDecoder`; a plain `GzDecoder` would stop after the first record.
//!
//! Records that are not documents (requests, metadata, `warcinfo`, responses that
//! are not HTML or not successful) are passed over without an item. A record with
//! broken headers becomes an error, and reading resumes at the next `WARC/` line;
//! a corrupt or truncated gzip stream ends the file with an error.

use std::io::{BufRead, Read};
use std::path::Path;

use crate::inputs::{article_from_page, file_id, open_stream};
use crate::{html, Article, Error, IngestConfig};

/// The records of the archive at `path`.
pub(crate) fn read_warc(path: &Path, config: &IngestConfig) -> Box<dyn Iterator<Item = Result<Article, Error>>> {
    let reader = match open_stream(path) {
        Ok(reader) => reader,
        Err(err) => return Box::new(std::iter::once(Err(err))),
    };
    let display = path.display().to_string();
    Box::new(WarcRecords::new(reader, display, file_id(path), config.max_document_bytes))
}

/// A streaming reader of WARC records from any `BufRead`.
pub(crate) struct WarcRecords<R> {
    reader: R,
    path: String,
    stem: String,
    limit: usize,
    n_records: usize,
    done: bool,
    /// A version line already read while resynchronising.
    pending_version: bool,
}

/// The longest header line we accept; longer means this is not a header.
const MAX_LINE: usize = 64 << 10;
/// The most header lines one record may have.
const MAX_HEADERS: usize = 1_000;

/// One parsed record header block.
struct RecordHeader {
    fields: Vec<(String, String)>,
}

impl RecordHeader {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

enum Step {
    /// A document.
    Article(Box<Article>),
    /// A record that is not a document.
    Pass,
}

impl<R: BufRead> WarcRecords<R> {
    pub(crate) fn new(reader: R, path: String, stem: String, limit: usize) -> WarcRecords<R> {
        WarcRecords { reader, path, stem, limit, n_records: 0, done: false, pending_version: false }
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::Warc { path: self.path.clone(), record: self.n_records, message: message.into() }
    }

    /// Reads one line (without its end), or `None` at the end of input.
    fn line(&mut self) -> Result<Option<Vec<u8>>, Error> {
        let mut line = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut line)
            .map_err(|e| self.error(format!("read failed: {e}")))?;
        if n == 0 {
            return Ok(None);
        }
        while matches!(line.last(), Some(b'\n') | Some(b'\r')) {
            line.pop();
        }
        Ok(Some(line))
    }

    /// Skips to the next version line; false at the end of input.
    fn find_version_line(&mut self) -> Result<bool, Error> {
        if self.pending_version {
            self.pending_version = false;
            return Ok(true);
        }
        loop {
            match self.line()? {
                None => return Ok(false),
                Some(line) if line.starts_with(b"WARC/") => return Ok(true),
                Some(line) if line.is_empty() => continue,
                Some(_) => return Err(self.error("expected a WARC/ version line")),
            }
        }
    }

    fn read_header(&mut self) -> Result<RecordHeader, Error> {
        let mut fields = Vec::new();
        loop {
            let line = match self.line()? {
                Some(line) => line,
                None => return Err(self.error("archive ends inside a record header")),
            };
            if line.is_empty() {
                return Ok(RecordHeader { fields });
            }
            if fields.len() >= MAX_HEADERS {
                return Err(self.error("too many header lines"));
            }
            let line = String::from_utf8_lossy(&line);
            match line.split_once(':') {
                Some((name, value)) => fields.push((name.trim().to_string(), value.trim().to_string())),
                None => return Err(self.error(format!("malformed header line {:?}", truncate(&line, 80)))),
            }
        }
    }

    /// After a malformed header: skips lines up to the next version line.
    fn resynchronise(&mut self) {
        loop {
            match self.line() {
                Ok(Some(line)) if line.starts_with(b"WARC/") => {
                    self.pending_version = true;
                    return;
                }
                Ok(Some(_)) => continue,
                Ok(None) | Err(_) => {
                    self.done = true;
                    return;
                }
            }
        }
    }

    fn next_step(&mut self) -> Result<Option<Step>, Error> {
        if !self.find_version_line()? {
            return Ok(None);
        }
        self.n_records += 1;
        let header = self.read_header()?;
        let length: u64 = match header.get("Content-Length").and_then(|v| v.parse().ok()) {
            Some(length) => length,
            None => return Err(self.error("missing or invalid Content-Length")),
        };
        let record_type = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let content_type = header.get("Content-Type").unwrap_or("").to_ascii_lowercase();
        // A `response` holds an HTTP message; a `resource` (archivers that save
        // pages without HTTP, like Webrecorder) holds the page itself.
        let is_response = record_type == "response" && (content_type.is_empty() || content_type.contains("http"));
        let is_resource = record_type == "resource" && content_type.contains("html");
        let is_document = is_response || is_resource;
        if !is_document || length > self.limit as u64 {
            let skipped = std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())
                .map_err(|e| self.error(format!("read failed: {e}")))?;
            if skipped < length {
                self.done = true;
                return Err(self.error("archive ends inside a record"));
            }
            if is_document {
                return Err(self.error(format!("record of {length} bytes is over the document limit")));
            }
            return Ok(Some(Step::Pass));
        }
        let mut body = Vec::with_capacity(length.min(1 << 20) as usize);
        (&mut self.reader).take(length).read_to_end(&mut body).map_err(|e| self.error(format!("read failed: {e}")))?;
        if (body.len() as u64) < length {
            self.done = true;
            return Err(self.error("archive ends inside a record"));
        }
        let target = header.get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
        let response = if is_resource {
            let charset =
                content_type.split(';').find_map(|part| part.trim().strip_prefix("charset=")).map(str::to_string);
            HttpResponse { body, charset }
        } else {
            match parse_http(&body, self.limit) {
                Ok(Some(response)) => response,
                Ok(None) => return Ok(Some(Step::Pass)),
                Err(message) => return Err(self.error(message)),
            }
        };
        let page = html::extract(&response.body, response.charset.as_deref());
        let id = format!("{}:{}", self.stem, self.n_records);
        let origin = match &target {
            Some(url) => format!("{}: record {} ({url})", self.path, self.n_records),
            None => format!("{}: record {}", self.path, self.n_records),
        };
        let mut article = article_from_page(id, origin, page);
        if article.url.is_none() {
            article.url = target.clone();
        }
        if article.outlet.is_none() {
            article.outlet = target.as_deref().and_then(html::domain_of);
        }
        Ok(Some(Step::Article(Box::new(article))))
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<Article, Error>;

    fn next(&mut self) -> Option<Result<Article, Error>> {
        while !self.done {
            match self.next_step() {
                Ok(None) => self.done = true,
                Ok(Some(Step::Pass)) => continue,
                Ok(Some(Step::Article(article))) => return Some(Ok(*article)),
                Err(error) => {
                    if !self.done {
                        self.resynchronise();
                    }
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

fn truncate(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// An HTML response, decoded from transfer and content encodings.
struct HttpResponse {
    body: Vec<u8>,
    charset: Option<String>,
}

/// The HTML body of an HTTP response block, `None` when it is not a successful
/// HTML response.
fn parse_http(block: &[u8], limit: usize) -> Result<Option<HttpResponse>, String> {
    let (head_end, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(at) => (at, at + 4),
        None => match memchr::memmem::find(block, b"\n\n") {
            Some(at) => (at, at + 2),
            None => return Err("HTTP response without a header end".into()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: {:?}", truncate(status_line, 60)));
    }
    let status = status_line.split_whitespace().nth(1).unwrap_or("");
    if !status.starts_with('2') {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut gzip = false;
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim().to_ascii_lowercase();
            match name.as_str() {
                "content-type" => content_type = value,
                "transfer-encoding" => chunked = value.contains("chunked"),
                "content-encoding" => gzip = value.contains("gzip"),
                _ => {}
            }
        }
    }
    if !(content_type.is_empty() || content_type.contains("html")) {
        return Ok(None);
    }
    let charset = content_type
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']).to_string())
        .next();
    let mut body = block[body_start..].to_vec();
    if chunked {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    if gzip && body.starts_with(&[0x1f, 0x8b]) {
        let mut inflated = Vec::new();
        flate2::read::MultiGzDecoder::new(&body[..])
            .take(limit as u64)
            .read_to_end(&mut inflated)
            .map_err(|e| format!("gzip content encoding: {e}"))?;
        body = inflated;
    }
    Ok(Some(HttpResponse { body, charset }))
}

/// Joins a chunked transfer-encoded body; `None` when it is not chunked after all
/// (crawlers often store the joined body under the original header).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    loop {
        let line_end = pos + memchr::memchr(b'\n', body.get(pos..)?)?;
        let size_text = std::str::from_utf8(&body[pos..line_end]).ok()?.trim();
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        pos = line_end + 1;
        if size == 0 {
            return Some(out);
        }
        let end = pos.checked_add(size)?;
        out.extend_from_slice(body.get(pos..end)?);
        pos = end;
        while matches!(body.get(pos), Some(b'\r') | Some(b'\n')) {
            pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record of type `kind` around `block`.
    pub(crate) fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn read(bytes: &[u8]) -> Vec<Result<Article, Error>> {
        WarcRecords::new(bytes, "t.warc".into(), "t".into(), 1 << 20).collect()
    }

    const PAGE: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><p>The minister said on Monday that the plan, which was long delayed, would go ahead.</p></article></body></html>";

    #[test]
    fn reads_html_responses_and_passes_other_records() {
        let mut archive = record("warcinfo", "", b"software: test");
        archive.extend(record("request", "http://example.com/a", b"GET /a HTTP/1.1\r\n\r\n"));
        archive.extend(record("response", "http://example.com/a", PAGE));
        archive.extend(record(
            "response",
            "http://example.com/b.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let items = read(&archive);
        assert_eq!(items.len(), 1);
        let article = items[0].as_ref().expect("a document");
        assert_eq!(article.id, "t:3");
        assert!(article.text.starts_with("The minister said"));
        assert_eq!(article.url.as_deref(), Some("http://example.com/a"));
        assert_eq!(article.outlet.as_deref(), Some("example.com"));
    }

    #[test]
    fn resource_records_hold_the_page_itself() {
        let page = b"<html><body><p>The mayor said on Tuesday that the bridge, closed since May, would reopen.</p></body></html>";
        let mut archive = format!(
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://example.org/p\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            page.len()
        )
        .into_bytes();
        archive.extend_from_slice(page);
        let items = read(&archive);
        assert_eq!(items.len(), 1);
        assert!(items[0].as_ref().is_ok_and(|a| a.text.starts_with("The mayor said")));
    }

    #[test]
    fn a_bad_record_is_an_error_and_reading_goes_on() {
        let mut archive = b"WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\n\r\ngarbage\r\n\r\n".to_vec();
        archive.extend(record("response", "http://example.com/a", PAGE));
        let items = read(&archive);
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[0], Err(Error::Warc { record: 1, .. })), "{:?}", items[0]);
        assert!(items[1].is_ok());
    }

    #[test]
    fn truncated_archive_ends_with_an_error() {
        let archive = record("response", "http://example.com/a", PAGE);
        let items = read(&archive[..archive.len() - 40]);
        assert_eq!(items.len(), 1);
        assert!(items[0].as_ref().is_err_and(|e| e.to_string().contains("ends inside")));
    }

    /// An archive that never ends: the same record over and over.
    struct Endless {
        record: Vec<u8>,
        pos: usize,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.record.len() - self.pos);
            buf[..n].copy_from_slice(&self.record[self.pos..self.pos + n]);
            self.pos = (self.pos + n) % self.record.len();
            Ok(n)
        }
    }

    #[test]
    fn streams_record_by_record_from_an_endless_archive() {
        let endless = Endless { record: record("response", "http://example.com/a", PAGE), pos: 0 };
        let reader = std::io::BufReader::with_capacity(4096, endless);
        let records = WarcRecords::new(reader, "endless.warc".into(), "endless".into(), 1 << 20);
        let ids: Vec<String> = records.take(5_000).map(|item| item.map(|a| a.id).unwrap_or_default()).collect();
        assert_eq!(ids.len(), 5_000);
        assert_eq!(ids[4_999], "endless:5000");
    }

    #[test]
    fn oversized_records_are_skipped_without_being_held() {
        let mut archive = record("response", "http://example.com/big", &[b'x'; 5_000]);
        archive.extend(record("response", "http://example.com/a", PAGE));
        let items: Vec<Result<Article, Error>> =
            WarcRecords::new(&archive[..], "t.warc".into(), "t".into(), 1_000).collect();
        assert!(items[0].as_ref().is_err_and(|e| e.to_string().contains("over the document limit")));
        assert_eq!(items[1].as_ref().map(|a| a.id.as_str()).ok(), Some("t:2"));
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").as_deref(), Some(&b"Wikipedia"[..]));
        assert_eq!(dechunk(b"<html>"), None);
    }
}
