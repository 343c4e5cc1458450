//! Fuzz target: any bytes as a web page; extraction must not panic and must give
//! collapsed paragraphs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = hearsay_ingest::html::extract(data, None);
    for paragraph in page.text.split("\n\n").filter(|_| !page.text.is_empty()) {
        assert_eq!(
            paragraph,
            paragraph
                .split_whitespace()
                .collect::<Vec<&str>>()
                .join(" ")
        );
    }
    let _ = hearsay_ingest::html::fragment_text(&String::from_utf8_lossy(data));
});
