//! Fuzz target: any UTF-8 text through the whole analysis; spans must stay
//! inside the text on char boundaries and nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Building the analyzer per input is slow but keeps the target simple;
    // the fuzzer spends its time in `analyze` all the same.
    let analyzer = hearsay_core::Analyzer::builtin();
    let analysis = analyzer.analyze(hearsay_core::Document { text, published: chrono::NaiveDate::from_ymd_opt(2025, 4, 22) });
    for attribution in &analysis.attributions {
        for role in [attribution.source.as_ref(), attribution.cue.as_ref(), Some(&attribution.content)].into_iter().flatten() {
            for span in role.spans() {
                assert!(span.end() <= text.len());
                assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
            }
        }
    }
});
