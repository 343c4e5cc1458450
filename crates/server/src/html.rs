//! HTML building blocks: escaping, and the page frame every page shares.
//!
//! Every value that reaches HTML from the ledger or the request goes
//! through [`escape`], in text and in attribute values alike (both quote
//! kinds are escaped, so an attribute may use either). Pages are built as
//! strings: the few templates are short, and a template engine would be a
//! dependency that escaping does not need.

/// `text` with `& < > " '` replaced by character references: safe inside
/// element text and inside quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as by [`escape`].
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Number of speaker colours in `style.css` (`.sp0` to `.sp11`).
pub const N_SPEAKER_COLOURS: i64 = 12;

/// The colour class of a speaker: the same speaker always gets the same one.
pub fn speaker_class(entity_id: Option<i64>) -> String {
    match entity_id {
        Some(id) => format!("sp{}", id.rem_euclid(N_SPEAKER_COLOURS)),
        None => "sp-none".to_string(),
    }
}

/// A whole page: `title` is escaped here; `body` must already be HTML
/// built with [`escape`]. `page_class` names the page for the script.
pub fn page(title: &str, page_class: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<title>");
    push_escaped(&mut out, title);
    out.push_str(" · hearsay</title>");
    out.push_str("<link rel=\"stylesheet\" href=\"/assets/style.css\">");
    out.push_str("<script src=\"/assets/app.js\" defer></script></head>\n");
    out.push_str("<body class=\"");
    push_escaped(&mut out, page_class);
    out.push_str("\"><header class=\"top\"><a class=\"brand\" href=\"/\">hearsay</a><nav>");
    out.push_str("<a href=\"/\">Claims</a><a href=\"/entities\">Speakers</a><a href=\"/articles\">Articles</a></nav>");
    out.push_str("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">");
    out.push_str(
        "<input type=\"search\" name=\"q\" placeholder=\"Search statements\" aria-label=\"Search statements\">",
    );
    out.push_str("</form></header>\n<main>");
    out.push_str(body);
    out.push_str("</main><div id=\"tip\" class=\"tip\" hidden></div></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        let escaped = escape("<script>alert(1)</script> <img src=x onerror=\"a('b')\"> & done");
        assert_eq!(
            escaped,
            "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; done"
        );
    }

    #[test]
    fn speaker_class_is_stable_and_bounded() {
        assert_eq!(speaker_class(Some(13)), "sp1");
        assert_eq!(speaker_class(Some(-1)), "sp11");
        assert_eq!(speaker_class(None), "sp-none");
    }
}
