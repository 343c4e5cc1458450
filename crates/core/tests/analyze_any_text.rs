//! Property: `Analyzer::analyze` never panics, and every span it returns
//! lies inside the text, on char boundaries, with `start <= end`, whatever
//! the input: news-like text with stray quote marks, lines and odd
//! characters, or arbitrary strings.

use hearsay_core::{Analyzer, Document, Span};
use proptest::prelude::*;

fn check_span(text: &str, span: Span) {
    assert!(span.start() <= span.end() && span.end() <= text.len(), "{span:?} outside {} bytes", text.len());
    assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()), "{span:?} splits a char");
}

fn check(analyzer: &Analyzer, text: &str) {
    let analysis = analyzer.analyze(Document { text, published: chrono::NaiveDate::from_ymd_opt(2025, 4, 22) });
    for attribution in &analysis.attributions {
        for role in
            [attribution.source.as_ref(), attribution.cue.as_ref(), Some(&attribution.content)].into_iter().flatten()
        {
            for &span in role.spans() {
                check_span(text, span);
            }
        }
        if let Some(date) = &attribution.said_on {
            check_span(text, date.evidence());
            assert!(date.earliest() <= date.latest());
        }
        if let Some(speaker) = attribution.speaker {
            assert!(speaker.0 < analysis.entities.len());
        }
        for relay in &attribution.relayed_by {
            assert!(relay.0 < analysis.entities.len());
        }
    }
    for claim in &analysis.claims {
        for member in &claim.members {
            assert!(member.attribution < analysis.attributions.len());
        }
    }
}

fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "He said",
        " said ",
        "“",
        "”",
        "\"",
        "'",
        "‘",
        "’",
        "«",
        "»",
        "''",
        "according to ",
        "Reuters",
        " the ministry ",
        "Zelenskyy",
        " told ",
        ".",
        ",",
        "\n",
        "\n\n",
        " — ",
        "(@X) April 22, 2025",
        "on Friday",
        " last week ",
        "é",
        "中文",
        "U.S.",
        " denied ",
        "?",
        ":",
        "Mr.",
        "\u{a0}",
        "\u{2029}",
        "👍",
        " that ",
        "Officials",
        " Beijing ",
        "\r\n",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn news_like_text(text in newsy()) {
        check(&Analyzer::builtin(), &text);
    }

    #[test]
    fn any_text(text in "\\PC{0,300}") {
        check(&Analyzer::builtin(), &text);
    }
}

#[test]
fn pathological_inputs() {
    let analyzer = Analyzer::builtin();
    for text in [
        String::new(),
        "\"".repeat(10_000),
        "“".repeat(5_000),
        "”said”".repeat(2_000),
        "a".repeat(100_000),
        ".\n".repeat(10_000),
        "He said “".repeat(1_000),
    ] {
        check(&analyzer, &text);
    }
}
