//! JSON Lines exports (`.jsonl`, `.ndjson`, also gzipped): one article per line,
//! fields named by [`crate::JsonlFields`].
//!
//! Lines are read one at a time, so a file of any length streams; a line longer
//! than [`crate::IngestConfig::max_document_bytes`] is skipped with an error.
//! Blank lines are passed over. A line that is not a JSON object, lacks the text
//! field or is not UTF-8 becomes an error naming its line number.

use std::io::{BufRead, Read};
use std::path::Path;

use serde_json::Value;

use crate::inputs::{file_id, open_stream};
use crate::{date, html, Article, Error, IngestConfig, JsonlFields};

/// The records of the export at `path`.
pub(crate) fn read_jsonl(path: &Path, config: &IngestConfig) -> Box<dyn Iterator<Item = Result<Article, Error>>> {
    let reader = match open_stream(path) {
        Ok(reader) => reader,
        Err(err) => return Box::new(std::iter::once(Err(err))),
    };
    let display = path.display().to_string();
    Box::new(JsonlRecords::new(reader, display, file_id(path), config))
}

/// A streaming reader of JSON Lines records from any `BufRead`.
pub(crate) struct JsonlRecords<R> {
    reader: R,
    path: String,
    stem: String,
    fields: JsonlFields,
    limit: usize,
    n_lines: usize,
    done: bool,
}

impl<R: BufRead> JsonlRecords<R> {
    pub(crate) fn new(reader: R, path: String, stem: String, config: &IngestConfig) -> JsonlRecords<R> {
        JsonlRecords {
            reader,
            path,
            stem,
            fields: config.jsonl.clone(),
            limit: config.max_document_bytes,
            n_lines: 0,
            done: false,
        }
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::Jsonl { path: self.path.clone(), line: self.n_lines, message: message.into() }
    }

    /// Skips the rest of an over-long line; false at the end of input.
    fn skip_rest_of_line(&mut self) -> std::io::Result<()> {
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(());
            }
            match memchr::memchr(b'\n', buffer) {
                Some(at) => {
                    self.reader.consume(at + 1);
                    return Ok(());
                }
                None => {
                    let n = buffer.len();
                    self.reader.consume(n);
                }
            }
        }
    }

    fn record(&self, line: &[u8]) -> Result<Article, Error> {
        let value: Value = serde_json::from_slice(line).map_err(|e| self.error(format!("invalid JSON: {e}")))?;
        if !value.is_object() {
            return Err(self.error("not a JSON object"));
        }
        let fields = &self.fields;
        let get_string = |name: &str| field(&value, name).and_then(scalar_string).filter(|s| !s.trim().is_empty());
        let (text, page) = match get_string(&fields.text) {
            Some(text) => (text, None),
            None => match get_string(&fields.html) {
                Some(markup) => {
                    let page = html::extract(markup.as_bytes(), None);
                    (page.text.clone(), Some(page))
                }
                None => return Err(self.error(format!("no {:?} field with text", fields.text))),
            },
        };
        let url = get_string(&fields.url).or_else(|| page.as_ref().and_then(|p| p.url.clone()));
        let published = field(&value, &fields.published)
            .and_then(scalar_string)
            .and_then(|d| date::parse_date(&d))
            .or_else(|| page.as_ref().and_then(|p| p.published));
        let outlet = get_string(&fields.outlet)
            .or_else(|| page.as_ref().and_then(|p| p.outlet.clone()))
            .or_else(|| url.as_deref().and_then(html::domain_of));
        let title = get_string(&fields.title).or_else(|| page.as_ref().and_then(|p| p.title.clone()));
        let id = get_string(&fields.id).unwrap_or_else(|| format!("{}:{}", self.stem, self.n_lines));
        Ok(Article {
            id,
            origin: format!("{}:{}", self.path, self.n_lines),
            title,
            text,
            published,
            outlet,
            url,
            byline: page.and_then(|p| p.byline),
        })
    }
}

/// The value at `name`, following dots into nested objects.
fn field<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    if name.is_empty() {
        return None;
    }
    if let Some(found) = value.get(name) {
        return Some(found);
    }
    name.split('.').try_fold(value, |current, part| current.get(part))
}

/// Strings as they are, numbers as written; other values have no text.
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

impl<R: BufRead> Iterator for JsonlRecords<R> {
    type Item = Result<Article, Error>;

    fn next(&mut self) -> Option<Result<Article, Error>> {
        while !self.done {
            self.n_lines += 1;
            let mut line = Vec::new();
            let read = (&mut self.reader).take(self.limit as u64 + 1).read_until(b'\n', &mut line);
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(format!("read failed: {e}"))));
                }
                Ok(0) => self.done = true,
                Ok(_) => {
                    if line.len() > self.limit && line.last() != Some(&b'\n') {
                        if let Err(e) = self.skip_rest_of_line() {
                            self.done = true;
                            return Some(Err(self.error(format!("read failed: {e}"))));
                        }
                        return Some(Err(
                            self.error(format!("line longer than the {}-byte document limit", self.limit))
                        ));
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    if let Err(e) = std::str::from_utf8(&line) {
                        return Some(
                            Err(self.error(format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()))),
                        );
                    }
                    return Some(self.record(&line));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], config: &IngestConfig) -> Vec<Result<Article, Error>> {
        JsonlRecords::new(bytes, "e.jsonl".into(), "e".into(), config).collect()
    }

    #[test]
    fn reads_fields_and_numbers_lines() {
        let input = b"{\"text\":\"Body one.\",\"title\":\"T\",\"url\":\"https://www.x.org/a\",\"published\":\"2021-03-04\"}\n\n{\"text\":\"Two\",\"id\":\"own\"}\n";
        let items = read(input, &IngestConfig::standard());
        assert_eq!(items.len(), 2);
        let first = items[0].as_ref().expect("first record");
        assert_eq!(
            (first.id.as_str(), first.title.as_deref(), first.outlet.as_deref()),
            ("e:1", Some("T"), Some("x.org"))
        );
        assert_eq!(first.published, chrono::NaiveDate::from_ymd_opt(2021, 3, 4));
        assert_eq!(items[1].as_ref().map(|a| a.id.as_str()).ok(), Some("own"));
    }

    #[test]
    fn a_very_long_line_is_read_whole() {
        let long = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"next\"}}", "word ".repeat(2_000_000));
        let items = read(long.as_bytes(), &IngestConfig::standard());
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_ref().map(|a| a.text.len()).ok(), Some(10_000_000));
        assert_eq!(items[1].as_ref().map(|a| a.id.as_str()).ok(), Some("e:2"));
    }

    #[test]
    fn custom_and_nested_field_names() {
        let mut config = IngestConfig::standard();
        config.jsonl.text = "body".into();
        config.jsonl.outlet = "source.name".into();
        let items = read(b"{\"body\":\"B\",\"source\":{\"name\":\"Wire\"}}", &config);
        let article = items[0].as_ref().expect("record");
        assert_eq!((article.text.as_str(), article.outlet.as_deref()), ("B", Some("Wire")));
    }

    #[test]
    fn bad_lines_are_errors_with_line_numbers_and_the_batch_goes_on() {
        let mut config = IngestConfig::standard();
        config.max_document_bytes = 100;
        let long = format!("{{\"text\":\"{}\"}}\n", "x".repeat(500));
        let input = [
            b"{oops\n".as_slice(),
            b"[1]\n",
            b"{\"title\":\"no text\"}\n",
            b"{\"text\":\"\xff\"}\n",
            long.as_bytes(),
            b"{\"text\":\"ok\"}",
        ]
        .concat();
        let items = read(&input, &config);
        let lines: Vec<String> = items
            .iter()
            .map(|item| match item {
                Ok(article) => article.id.clone(),
                Err(error) => error.to_string(),
            })
            .collect();
        assert_eq!(lines.len(), 6, "{lines:?}");
        assert!(lines[0].starts_with("e.jsonl:1: invalid JSON"));
        assert!(lines[1].starts_with("e.jsonl:2: not a JSON object"));
        assert!(lines[2].starts_with("e.jsonl:3: no \"text\""));
        assert!(lines[3].starts_with("e.jsonl:4: not UTF-8"));
        assert!(lines[4].starts_with("e.jsonl:5: line longer"));
        assert_eq!(lines[5], "e:6");
    }
}
