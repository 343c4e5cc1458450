//! Web pages to articles: charset, metadata and main text.
//!
//! [`extract()`] is the whole pipeline for one page: decode the bytes (module
//! `charset`), parse them into a tree (`dom`), read what the page says about
//! itself (`meta`) and find its main text (`extract`, `boilerplate`, `render`).

mod boilerplate;
mod charset;
pub(crate) mod dom;
mod entities;
mod entity_table;
mod extract;
mod meta;
mod render;

use chrono::NaiveDate;

pub(crate) use self::meta::domain_of;

/// What a web page holds, once the page around the article is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The headline, left out of `text`.
    pub title: Option<String>,
    /// The main text: paragraphs separated by a blank line (`"\n\n"`), each with
    /// whitespace collapsed to single spaces.
    pub text: String,
    /// The byline (author names), if the page gives one.
    pub byline: Option<String>,
    /// The publication date, if the page gives one.
    pub published: Option<NaiveDate>,
    /// The outlet: `og:site_name`, the JSON-LD publisher, else the domain.
    pub outlet: Option<String>,
    /// The canonical URL, if the page gives one.
    pub url: Option<String>,
}

/// Extracts the main text and metadata of the page in `bytes`. `charset` is a
/// label from outside the page (an HTTP header), used when the bytes are not
/// UTF-8. Never fails: a page with no article gives an empty `text`.
pub fn extract(bytes: &[u8], charset: Option<&str>) -> Page {
    let html = charset::decode(bytes, charset);
    let dom = dom::parse(&html);
    let meta = meta::page_meta(&dom);
    let mut text = extract::main_text(&dom, &meta.title_variants).join("\n\n");
    // Pages that render their article with scripts have little text in the
    // markup; the JSON-LD copy of the article is then the better source.
    if let Some(body) = &meta.article_body {
        if body.len() >= 500 && body.len() > text.len() * 2 {
            // Some publishers store the body as HTML.
            let looks_like_markup = body.contains("<p") || body.contains("<br") || body.contains("</");
            text = if looks_like_markup { fragment_text(body) } else { plain_paragraphs(&entities::decode(body)) };
        }
    }
    Page { title: meta.title, text, byline: meta.byline, published: meta.published, outlet: meta.outlet, url: meta.url }
}

/// Plain text as paragraphs: split at blank lines (or at single line breaks
/// when there are no blank lines), whitespace collapsed, joined by a blank line.
pub(crate) fn plain_paragraphs(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let separator = if text.contains("\n\n") { "\n\n" } else { "\n" };
    let paragraphs: Vec<String> =
        text.split(separator).map(dom::collapse_whitespace).filter(|p| !p.is_empty()).collect();
    paragraphs.join("\n\n")
}

/// Extracts the main text of an HTML fragment (a feed item's content): no
/// headline or metadata, just paragraphs separated by a blank line.
pub fn fragment_text(html: &str) -> String {
    let dom = dom::parse(html);
    extract::fragment_text(&dom).join("\n\n")
}

/// `raw` with HTML character references decoded (`&amp;`, `&nbsp;`, `&#8217;`).
pub(crate) fn decode_entities(raw: &str) -> String {
    entities::decode(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_rendered_pages_fall_back_to_the_json_ld_body() {
        let body = "First paragraph of the story, told at length. ".repeat(12) + "\n\n" + &"Second one. ".repeat(10);
        let page = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":{}}}</script></head>
            <body><div id="app">Loading...</div></body></html>"#,
            serde_json::Value::String(body)
        );
        let page = extract(page.as_bytes(), None);
        assert!(page.text.starts_with("First paragraph of the story"), "{}", page.text);
        assert_eq!(page.text.split("\n\n").count(), 2);
    }

    #[test]
    fn a_json_ld_body_in_html_is_rendered() {
        let body = format!("<p>{}</p><p>Second, shorter.</p>", "A long first paragraph, with words. ".repeat(20));
        let page = format!(
            r#"<script type="application/ld+json">{{"@type":"Article","articleBody":{}}}</script><div>Loading</div>"#,
            serde_json::Value::String(body)
        );
        let text = extract(page.as_bytes(), None).text;
        assert!(text.ends_with("words.\n\nSecond, shorter."), "{text}");
    }

    #[test]
    fn plain_paragraphs_split_on_blank_lines_else_lines() {
        assert_eq!(plain_paragraphs("a\n b\n\nc"), "a b\n\nc");
        assert_eq!(plain_paragraphs("a\r\nb"), "a\n\nb");
    }
}
