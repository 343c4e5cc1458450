//! Fuzz target: any bytes as a WARC archive, plain and as gzip; must not panic,
//! and must stop (no endless loop on a broken record).
#![no_main]

use std::io::BufReader;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let config = hearsay_ingest::IngestConfig::standard();
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    let n_items = hearsay_ingest::read_warc_stream(reader, "fuzz.warc", &config).count();
    assert!(n_items <= data.len() + 1);
    let gzip = Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(
        std::io::Cursor::new(data.to_vec()),
    )));
    for _ in hearsay_ingest::read_warc_stream(gzip, "fuzz.warc.gz", &config).take(10_000) {}
});
