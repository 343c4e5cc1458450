//! The `embedded posts` stage: pasted posts ("… — The Kyiv Independent
//! (@KyivIndependent) April 22, 2025") as statements of their signatory.
//! `resolve` reads the same signatures for relays and dates.

use crate::text::Doc;
use crate::{Attribution, AttributionKind, Role, Span};

/// Embedded posts ("… — The Kyiv Independent (@KyivIndependent) April 22,
/// 2025") as statements of their signatory.
pub(crate) fn add_embedded_posts(doc: &Doc<'_>, attributions: &mut Vec<Attribution>) {
    for (signature, body) in embedded_posts(doc.text()) {
        let exists = attributions.iter().any(|a| a.content.extent() == body);
        if exists {
            continue;
        }
        let Some(content) = Role::single(body) else { continue };
        attributions.push(Attribution::unresolved(
            Role::single(signature),
            None,
            content,
            AttributionKind::Direct,
            0.9,
        ));
    }
}

/// Attributions in embedded posts: a paragraph signed "— Name (@handle)
/// date" is a statement of that outlet or account, and what the tagger
/// found inside it reached the text through them.
pub(crate) fn embedded_posts(text: &str) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        // "… pic.twitter.com/P2qpm3h3Pm— Apple Music (@AppleMusic)": pasted
        // posts may lose the space before the dash.
        let Some(dash) = line.rfind(" — ").or_else(|| line.rfind(" - ")).or_else(|| line.rfind("— ")) else {
            continue;
        };
        let signature = &line[dash..];
        if !signature.contains("(@") {
            continue;
        }
        let dash_len = if signature.starts_with(" — ") {
            " — ".len()
        } else if signature.starts_with(" - ") {
            " - ".len()
        } else {
            "— ".len()
        };
        let sig_start = line_start + dash + dash_len;
        let sig_end = line_start + line[..].find(')').filter(|&i| i > dash).map_or(line.trim_end().len(), |i| i + 1);
        // The post's text, without a trailing link.
        let mut body = &line[..dash];
        if let Some(link) = body.find("https://").or_else(|| body.find("http://")) {
            body = &body[..link];
        }
        let body = body.trim_end();
        let lead = body.len() - body.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        if body.len() > lead {
            out.push((Span::new(sig_start, sig_end), Span::new(line_start + lead, line_start + body.len())));
        }
    }
    out
}
