//! Main-text extraction over a folder of pages: writes `{id: {"articleBody": text}}`
//! for `shared/eval/html/score_extraction.py` and prints pages per second.
//!
//! ```text
//! cargo run --release -p hearsay-ingest --example html_bench -- ../shared/eval/html/pages OUT.json
//! ```
//!
//! Pages are read and gunzipped first; the timed part is [`hearsay_ingest::html::extract`]
//! alone (charset, parse, metadata, main text), on one thread, repeated until at
//! least two seconds have passed. Both wall-clock and CPU-time rates are printed.

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        return Err("usage: html_bench PAGES_DIR OUT.json".into());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&args[1])?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for path in &paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let id = match name.split_once('.') {
            Some((id, _)) => id.to_string(),
            None => continue,
        };
        let mut bytes = Vec::new();
        if name.ends_with(".gz") {
            flate2::read::MultiGzDecoder::new(std::fs::File::open(path)?).read_to_end(&mut bytes)?;
        } else {
            std::fs::File::open(path)?.read_to_end(&mut bytes)?;
        }
        pages.push((id, bytes));
    }
    // The scorer's JSON comes through `read_inputs`, as `hearsay extract` reads
    // a folder, so ids and texts are exactly what the CLI sees.
    let mut output = serde_json::Map::new();
    let mut summary = hearsay_ingest::Summary::new();
    for item in hearsay_ingest::read_inputs(&[PathBuf::from(&args[1])]) {
        summary.record(&item);
        match item {
            Ok(article) => {
                output.insert(article.id, serde_json::json!({ "articleBody": article.text }));
            }
            Err(error) => eprintln!("{error}"),
        }
    }
    eprintln!("{summary}");
    std::fs::write(&args[2], serde_json::to_string_pretty(&output)?)?;
    let n_bytes: usize = pages.iter().map(|(_, bytes)| bytes.len()).sum();
    let cpu_start = thread_cpu_seconds();
    let start = Instant::now();
    let mut n_pages = 0usize;
    let mut n_chars = 0usize;
    while start.elapsed().as_secs_f64() < 2.0 {
        for (_, bytes) in &pages {
            n_chars += hearsay_ingest::html::extract(bytes, None).text.len();
            n_pages += 1;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu_seconds = match (cpu_start, thread_cpu_seconds()) {
        (Some(before), Some(after)) if after > before => Some(after - before),
        _ => None,
    };
    let rounds = n_pages / pages.len().max(1);
    println!(
        "{} pages ({:.1} MB), {} rounds in {:.2} s: {:.0} pages/s, {:.1} MB/s (text {} bytes per round)",
        pages.len(),
        n_bytes as f64 / 1e6,
        rounds,
        seconds,
        n_pages as f64 / seconds,
        (n_bytes * rounds) as f64 / seconds / 1e6,
        n_chars / rounds.max(1)
    );
    if let Some(cpu_seconds) = cpu_seconds {
        // On a shared machine wall time includes waiting for a core; CPU time does not.
        println!("CPU time of this thread {:.2} s: {:.0} pages/s of CPU", cpu_seconds, n_pages as f64 / cpu_seconds);
    }
    Ok(())
}

/// User and system time of the current thread, from `/proc` (Linux), in seconds.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Linux reports these in USER_HZ ticks, 100 per second on every common configuration.
    Some((utime + stime) / 100.0)
}
