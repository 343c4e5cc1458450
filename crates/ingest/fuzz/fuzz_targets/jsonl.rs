//! Fuzz target: any bytes as a JSON Lines export; must not panic, and every
//! error names its line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut config = hearsay_ingest::IngestConfig::standard();
    config.max_document_bytes = 4096;
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    for item in hearsay_ingest::read_jsonl_stream(reader, "fuzz.jsonl", &config) {
        if let Err(error) = item {
            assert!(error.to_string().starts_with("fuzz.jsonl:"));
        }
    }
});
