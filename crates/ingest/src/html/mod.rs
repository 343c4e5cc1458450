//! Web pages to articles: charset, metadata and main text.
//!
//! [`extract`] is the whole pipeline for one page: decode the bytes
//! ([`charset`]), parse them into a tree ([`dom`]), read what the page says
//! about itself ([`meta`]) and find its main text ([`extract`](self::extract)).

mod charset;
pub(crate) mod dom;
mod entities;
mod extract;
mod meta;

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
    let paragraphs = extract::main_text(&dom, &meta.title_variants);
    Page {
        title: meta.title,
        text: paragraphs.join("\n\n"),
        byline: meta.byline,
        published: meta.published,
        outlet: meta.outlet,
        url: meta.url,
    }
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
