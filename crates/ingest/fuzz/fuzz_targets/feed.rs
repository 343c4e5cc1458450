//! Fuzz target: any bytes as an RSS or Atom feed; must not panic, ids unique.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let items = hearsay_ingest::read_feed_bytes(data, "fuzz.xml");
    let mut ids = std::collections::HashSet::new();
    for article in items.into_iter().flatten() {
        assert!(ids.insert(article.id));
    }
});
