//! A folder of mixed inputs reads as one stream in sorted path order: each
//! format by its name, files of other kinds ignored, bad records as errors that
//! do not stop the batch, and a summary that counts both.

use std::io::Write;
use std::path::{Path, PathBuf};

use hearsay_ingest::{read_inputs, read_inputs_with, IngestConfig, Summary};

const PAGE: &str = r#"<html><head><title>Plan goes ahead - Daily</title><meta property="og:site_name" content="Daily">
<meta property="article:published_time" content="2019-11-19T10:00:00Z"></head><body><nav><a href="/">Home</a></nav>
<article><h1>Plan goes ahead</h1><p>The minister said on Monday that the plan, delayed twice, would go ahead.</p>
<p>"We are ready," she told reporters.</p></article></body></html>"#;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearsay-ingest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("create temp dir");
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).expect("write test file");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

fn warc_record(page: &str) -> String {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://daily.example/plan\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
}

#[test]
fn a_mixed_folder_reads_in_sorted_order_with_errors_in_place() {
    let dir = temp_dir("folder");
    write(&dir.join("a.txt"), b"Plain text, as it is.\n");
    write(&dir.join("b.html"), PAGE.as_bytes());
    write(&dir.join("c.jsonl"), b"{\"text\":\"One.\",\"outlet\":\"Wire\"}\n{broken\n{\"text\":\"Three.\"}\n");
    write(
        &dir.join("d.rss"),
        b"<rss><channel><title>Daily</title><item><title>T</title><link>https://daily.example/t</link><description>Short text.</description></item></channel></rss>",
    );
    write(&dir.join("e.warc.gz"), &gzip(warc_record(PAGE).as_bytes()));
    write(&dir.join("notes.md"), b"# not an input\n");
    write(&dir.join("sub/f.htm.gz"), &gzip(PAGE.as_bytes()));
    write(&dir.join("z.txt"), b"\xff\xfe not utf-8 \xc3");

    let mut summary = Summary::new();
    let mut seen = Vec::new();
    for item in read_inputs(std::slice::from_ref(&dir)) {
        summary.record(&item);
        seen.push(match item {
            Ok(article) => article.id,
            Err(error) => format!("error: {}", error.kind()),
        });
    }
    assert_eq!(seen, ["a", "b", "c:1", "error: jsonl", "c:3", "d:1", "e:1", "f", "error: not-utf8"]);
    assert_eq!(summary.to_string(), "read 7 documents, skipped 2 (1 jsonl, 1 not-utf8)");

    let page = read_inputs(&[dir.join("b.html")]).next().expect("one item").expect("a page");
    assert_eq!(page.title.as_deref(), Some("Plan goes ahead"));
    assert_eq!(
        page.text,
        "The minister said on Monday that the plan, delayed twice, would go ahead.\n\n\"We are ready,\" she told reporters."
    );
    assert_eq!(page.outlet.as_deref(), Some("Daily"));
    assert_eq!(page.published, chrono::NaiveDate::from_ymd_opt(2019, 11, 19));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jsonl_field_names_are_configurable() {
    let dir = temp_dir("jsonl-fields");
    let path = dir.join("export.jsonl");
    write(&path, b"{\"body\":\"The text.\",\"headline\":\"H\",\"link\":\"https://www.wire.example/x\",\"date\":\"2020-05-06\"}\n");
    let mut config = IngestConfig::standard();
    config.jsonl.text = "body".into();
    config.jsonl.title = "headline".into();
    config.jsonl.url = "link".into();
    config.jsonl.published = "date".into();
    let article = read_inputs_with(std::slice::from_ref(&path), &config).next().expect("one item").expect("a record");
    assert_eq!(article.text, "The text.");
    assert_eq!(article.title.as_deref(), Some("H"));
    assert_eq!(article.outlet.as_deref(), Some("wire.example"));
    assert_eq!(article.published, chrono::NaiveDate::from_ymd_opt(2020, 5, 6));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let missing = PathBuf::from("no/such/place.html");
    let items: Vec<_> = read_inputs(std::slice::from_ref(&missing)).collect();
    assert_eq!(items.len(), 1);
    assert!(items[0].as_ref().is_err_and(|e| e.to_string().starts_with("no/such/place.html:")));
}
