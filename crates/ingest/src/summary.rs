//! Counting a batch: documents read, and documents skipped by reason, for the
//! line a command prints at the end of a run.

use std::collections::BTreeMap;
use std::fmt;

use crate::{Article, Error};

/// Counts of documents read and skipped, by reason ([`Error::kind`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    n_read: usize,
    n_empty: usize,
    skipped: BTreeMap<&'static str, usize>,
}

impl Summary {
    /// An empty count.
    pub fn new() -> Summary {
        Summary { n_read: 0, n_empty: 0, skipped: BTreeMap::new() }
    }

    /// Counts one item of [`crate::read_inputs`].
    pub fn record(&mut self, item: &Result<Article, Error>) {
        match item {
            Ok(article) => {
                self.n_read += 1;
                if article.text.trim().is_empty() {
                    self.n_empty += 1;
                }
            }
            Err(error) => *self.skipped.entry(error.kind()).or_insert(0) += 1,
        }
    }

    /// Documents read.
    pub fn n_read(&self) -> usize {
        self.n_read
    }

    /// Documents read whose text is empty (a page with no article found).
    pub fn n_empty(&self) -> usize {
        self.n_empty
    }

    /// Documents skipped, all reasons together.
    pub fn n_skipped(&self) -> usize {
        self.skipped.values().sum()
    }

    /// Skipped documents by reason, in name order.
    pub fn skipped(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.skipped.iter().map(|(reason, count)| (*reason, *count))
    }
}

impl Default for Summary {
    fn default() -> Summary {
        Summary::new()
    }
}

/// `read 12 documents (1 with no text), skipped 3 (2 jsonl, 1 warc)`.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "read {} document{}", self.n_read, if self.n_read == 1 { "" } else { "s" })?;
        if self.n_empty > 0 {
            write!(f, " ({} with no text)", self.n_empty)?;
        }
        write!(f, ", skipped {}", self.n_skipped())?;
        if !self.skipped.is_empty() {
            let reasons: Vec<String> = self.skipped().map(|(reason, count)| format!("{count} {reason}")).collect();
            write!(f, " ({})", reasons.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_prints_reasons() {
        let mut summary = Summary::new();
        let article = Article {
            id: "a".into(),
            origin: "a.txt".into(),
            title: None,
            text: "x".into(),
            published: None,
            outlet: None,
            url: None,
            byline: None,
        };
        summary.record(&Ok(article));
        summary.record(&Err(Error::Jsonl { path: "f".into(), line: 2, message: "m".into() }));
        summary.record(&Err(Error::Jsonl { path: "f".into(), line: 3, message: "m".into() }));
        summary.record(&Err(Error::NotUtf8 { path: "g".into(), offset: 0 }));
        assert_eq!(summary.to_string(), "read 1 document, skipped 3 (2 jsonl, 1 not-utf8)");
    }
}
