//! A WARC.gz of BBC articles wrapped as web pages reads back, record by record,
//! to the same text the `.txt` reader gives for each article.
//!
//! The archive is built at test time in a temporary folder from
//! `../shared/corpus/bbc-news`; no corpus text is kept in the repository.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

/// The BBC corpus, beside the repository.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/bbc-news/news")
}

/// A fresh, empty folder for this test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearsay-ingest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Paragraphs of a BBC `.txt` article: the first is the headline.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<&str>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The article as a typical news page: navigation, headline, paragraphs, a
/// share bar, related links and a footer.
fn as_page(paragraphs: &[String]) -> String {
    let mut page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{0} - BBC News</title>\
         <meta property=\"og:site_name\" content=\"BBC News\"></head><body>\
         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav>\
         <div class=\"story-body\"><h1>{0}</h1><div class=\"share-tools\"><a href=\"#\">Share this page</a></div>",
        escape(&paragraphs[0])
    );
    for paragraph in &paragraphs[1..] {
        page.push_str(&format!("<p>{}</p>\n", escape(paragraph)));
    }
    page.push_str(
        "</div><div class=\"related-links\"><h2>Related Internet links</h2><ul><li><a href=\"/a\">Another story</a></li></ul></div>\
         <footer><p>Copyright 2005 BBC. All rights reserved.</p></footer></body></html>",
    );
    page
}

/// One WARC response record around `html`, as its own gzip member.
fn gzip_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2005-01-01T00:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(record.as_bytes()).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

#[test]
fn warc_gz_of_1000_bbc_pages_reads_back_as_the_txt_articles() {
    let mut txt_paths: Vec<PathBuf> = Vec::new();
    let mut sections: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("../shared/corpus/bbc-news/news")
        .map(|e| e.expect("entry").path())
        .collect();
    sections.sort();
    for section in sections {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(section).expect("section").map(|e| e.expect("entry").path()).collect();
        files.sort();
        txt_paths.extend(files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")));
    }
    assert!(txt_paths.len() >= 1_000, "corpus has {} articles", txt_paths.len());
    txt_paths.truncate(1_200);

    // What the .txt reader gives, read through the public API.
    let expected: Vec<(String, Vec<String>)> = hearsay_ingest::read_inputs(&txt_paths)
        .map(|item| {
            let article = item.expect("txt article");
            (article.id, paragraphs(&article.text))
        })
        .collect();

    let dir = temp_dir("warc-bbc");
    let warc_path = dir.join("bbc.warc.gz");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&warc_path).expect("create warc"));
    let info = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 14\r\n\r\nsoftware: test\r\n\r\n";
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(info).expect("gzip");
    file.write_all(&encoder.finish().expect("gzip")).expect("write");
    for (id, paragraphs) in &expected {
        file.write_all(&gzip_record(&format!("http://news.bbc.co.uk/{id}"), &as_page(paragraphs))).expect("write");
    }
    file.flush().expect("flush");
    drop(file);

    let mut n_read = 0;
    let mut mismatches = Vec::new();
    for (item, (id, paragraphs)) in hearsay_ingest::read_inputs(std::slice::from_ref(&warc_path)).zip(&expected) {
        let article = item.expect("warc record");
        n_read += 1;
        assert_eq!(article.id, format!("bbc:{}", n_read + 1), "record ids count every record, warcinfo first");
        assert_eq!(article.title.as_deref(), Some(paragraphs[0].as_str()));
        assert_eq!(article.outlet.as_deref(), Some("BBC News"));
        assert_eq!(article.url.as_deref(), Some(format!("http://news.bbc.co.uk/{id}").as_str()));
        if article.text != paragraphs[1..].join("\n\n") {
            mismatches.push(id.clone());
        }
    }
    assert_eq!(n_read, expected.len());
    assert!(
        mismatches.is_empty(),
        "{} of {} texts differ, e.g. {:?}",
        mismatches.len(),
        n_read,
        &mismatches[..mismatches.len().min(5)]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
