//! Property tests: every reader, fed arbitrary or mutated input, returns without
//! panicking, and what it returns is well formed.
//!
//! "Well formed" means: ids are non-empty and unique within a file, errors name
//! the input, and extracted text is paragraphs separated by exactly one blank
//! line, each paragraph non-empty with whitespace collapsed.

use proptest::prelude::*;

use hearsay_ingest::{Article, Error, IngestConfig};

/// Extracted text is `"para\n\npara"` with each paragraph's whitespace collapsed.
fn assert_paragraphs(text: &str) {
    if text.is_empty() {
        return;
    }
    for paragraph in text.split("\n\n") {
        let collapsed = paragraph.split_whitespace().collect::<Vec<&str>>().join(" ");
        assert!(!paragraph.is_empty(), "empty paragraph in {text:?}");
        assert_eq!(paragraph, collapsed, "paragraph not collapsed in {text:?}");
    }
}

fn assert_items(items: &[Result<Article, Error>], name: &str, normalised_text: bool) {
    let mut ids = std::collections::HashSet::new();
    for item in items {
        match item {
            Ok(article) => {
                assert!(!article.id.is_empty());
                assert!(ids.insert(article.id.clone()), "duplicate id {}", article.id);
                if normalised_text {
                    assert_paragraphs(&article.text);
                }
                if let Some(title) = &article.title {
                    assert!(!title.contains('\n') || !normalised_text || title.len() < 10_000);
                }
            }
            Err(error) => assert!(error.to_string().contains(name), "{error} does not name {name}"),
        }
    }
}

/// Applies byte edits (position, byte, kind) to `seed`, then truncates.
fn mutate(seed: &[u8], edits: &[(usize, u8, u8)], cut: usize) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for &(position, byte, kind) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let at = position % bytes.len();
        match kind % 3 {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => {
                bytes.remove(at);
            }
        }
    }
    let keep = bytes.len().saturating_sub(cut % 64);
    bytes.truncate(keep);
    bytes
}

const HTML_SEED: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>T &amp; U</title>
<meta property="og:site_name" content="Daily"><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02","author":{"name":"A"}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>H</h1><p>First paragraph, with a <a href="x">link</a> and &eacute;ntities.</p>
<div class="share">Share</div><p>Second<br>line — “quoted”, said the minister.</p><ul><li>one</li><li>two</li></ul>
<blockquote class="twitter-tweet"><p>A tweet, quoted.</p></blockquote></article><footer>c</footer></body></html>"#;

const FEED_SEED: &str = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>W</title>
<item><title>A</title><link>https://x.org/a</link><pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>&lt;p&gt;One, two.&lt;/p&gt;</description></item>
<item><title>B</title><content:encoded><![CDATA[<p>Three.</p><p>Four, five.</p>]]></content:encoded></item></channel></rss>"#;

const ATOM_SEED: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><entry><title>A</title><link href="https://b.org/a"/>
<updated>2020-01-02T00:00:00Z</updated><content type="html">&lt;p&gt;Hello there.&lt;/p&gt;</content></entry></feed>"#;

const JSONL_SEED: &str = "{\"text\":\"Body one.\",\"title\":\"T\",\"url\":\"https://x.org/a\",\"published\":\"2021-03-04\"}\n{\"html\":\"<p>Two, three.</p>\",\"id\":\"own\"}\n\n{\"text\":\"x\"}\n";

fn warc_seed() -> Vec<u8> {
    let mut out = Vec::new();
    for (kind, block) in [
        ("warcinfo", "software: t".to_string()),
        ("response", format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{HTML_SEED}")),
        (
            "response",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n6\r\n<p>Hi.\r\n0\r\n\r\n"
                .to_string(),
        ),
    ] {
        out.extend(format!("WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://x.org/\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n", block.len()).bytes());
    }
    out
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..12)
}

fn read_html(bytes: &[u8]) {
    let page = hearsay_ingest::html::extract(bytes, None);
    assert_paragraphs(&page.text);
}

fn read_feed(bytes: &[u8]) {
    assert_items(&hearsay_ingest::read_feed_bytes(bytes, "feed.xml"), "feed.xml", true);
}

fn read_jsonl(bytes: &[u8]) {
    let mut config = IngestConfig::standard();
    config.max_document_bytes = 256;
    let items: Vec<Result<Article, Error>> =
        hearsay_ingest::read_jsonl_stream(Box::new(std::io::Cursor::new(bytes.to_vec())), "e.jsonl", &config).collect();
    assert!(items.len() <= bytes.iter().filter(|b| **b == b'\n').count() + 1);
    assert_items(&items, "e.jsonl", false);
}

fn read_warc(bytes: &[u8]) {
    let items: Vec<Result<Article, Error>> = hearsay_ingest::read_warc_stream(
        Box::new(std::io::Cursor::new(bytes.to_vec())),
        "a.warc",
        &IngestConfig::standard(),
    )
    .collect();
    assert_items(&items, "a.warc", true);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn html_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_html(&bytes);
    }

    #[test]
    fn html_mutated(edits in edits(), cut in any::<usize>()) {
        read_html(&mutate(HTML_SEED.as_bytes(), &edits, cut));
    }

    #[test]
    fn html_tag_soup(parts in proptest::collection::vec(prop_oneof![
        Just("<p>"), Just("</p>"), Just("<div class=\"article-body\">"), Just("</div>"), Just("<li>"), Just("<table><tr><td>"),
        Just("</td>"), Just("<a href=x>"), Just("</a>"), Just("<script>"), Just("</script>"), Just("<!--"), Just("-->"),
        Just("Words, words and words. "), Just("&amp;&#x;&#99999999;&nbsp"), Just("<br/>"), Just("<h1>"), Just("</h1>"),
        Just("<svg><path/></svg>"), Just("é€"), Just("<"), Just(">"), Just("\""), Just("<div class=share>"),
    ], 0..200)) {
        read_html(parts.concat().as_bytes());
    }

    #[test]
    fn feed_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        read_feed(&bytes);
    }

    #[test]
    fn feed_mutated(edits in edits(), cut in any::<usize>(), atom in any::<bool>()) {
        let seed = if atom { ATOM_SEED } else { FEED_SEED };
        read_feed(&mutate(seed.as_bytes(), &edits, cut));
    }

    #[test]
    fn jsonl_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        read_jsonl(&bytes);
    }

    #[test]
    fn jsonl_mutated(edits in edits(), cut in any::<usize>()) {
        read_jsonl(&mutate(JSONL_SEED.as_bytes(), &edits, cut));
    }

    #[test]
    fn warc_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        read_warc(&bytes);
    }

    #[test]
    fn warc_mutated(edits in edits(), cut in any::<usize>()) {
        read_warc(&mutate(&warc_seed(), &edits, cut));
    }
}

#[test]
fn seeds_read_as_expected() {
    let page = hearsay_ingest::html::extract(HTML_SEED.as_bytes(), None);
    assert!(page.text.contains("A tweet, quoted."), "{}", page.text);
    assert!(!page.text.contains("Share") && !page.text.contains("Home"), "{}", page.text);
    assert_eq!(hearsay_ingest::read_feed_bytes(FEED_SEED.as_bytes(), "f").len(), 2);
    let warc: Vec<Result<Article, Error>> = hearsay_ingest::read_warc_stream(
        Box::new(std::io::Cursor::new(warc_seed())),
        "a.warc",
        &IngestConfig::standard(),
    )
    .collect();
    assert_eq!(warc.len(), 2);
    assert_eq!(warc[1].as_ref().map(|a| a.text.as_str()).ok(), Some("Hi."));
}
