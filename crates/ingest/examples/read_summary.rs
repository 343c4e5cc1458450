//! Reads every document under the given paths and prints the summary line and
//! the rate: a quick way to try a folder, feed, export or archive.
//!
//! ```text
//! cargo run --release -p hearsay-ingest --example read_summary -- PATH...
//! ```

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let mut summary = hearsay_ingest::Summary::new();
    let mut n_text_bytes = 0usize;
    for item in hearsay_ingest::read_inputs(&paths) {
        summary.record(&item);
        match item {
            Ok(article) => n_text_bytes += article.text.len(),
            Err(error) => eprintln!("{error}"),
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{summary}");
    println!(
        "{:.2} s, {:.0} documents/s, {:.1} MB of text",
        seconds,
        summary.n_read() as f64 / seconds.max(1e-9),
        n_text_bytes as f64 / 1e6
    );
}
