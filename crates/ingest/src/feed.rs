//! RSS (0.9x, 1.0, 2.0) and Atom feeds: one article per item or entry, with its
//! link, title, date, author and the main text of the HTML or text it carries.
//!
//! Feeds are small, so a feed is read whole and parsed with `quick-xml`'s pull
//! parser, leniently: end-tag names are not checked, and HTML entities that are
//! not XML (`&nbsp;`) are decoded rather than refused. Malformed XML after some
//! items keeps those items and adds one error for the rest.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::inputs::{file_id, read_all};
use crate::{date, html, Article, Error, IngestConfig};

/// The items of the feed at `path`, each an article or an error.
pub(crate) fn read_feed(path: &Path, config: &IngestConfig) -> Vec<Result<Article, Error>> {
    let display = path.display().to_string();
    let bytes = match read_all(path, config.max_document_bytes) {
        Ok(bytes) => bytes,
        Err(error) => return vec![Err(error)],
    };
    parse_feed(&bytes, &display, &file_id(path))
}

#[derive(Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    published: Option<chrono::NaiveDate>,
    updated: Option<chrono::NaiveDate>,
    content: Option<(String, bool)>,
    summary: Option<(String, bool)>,
    author: Option<String>,
}

/// Parses feed `bytes`; `path` and `stem` name the items.
pub(crate) fn parse_feed(bytes: &[u8], path: &str, stem: &str) -> Vec<Result<Article, Error>> {
    let text = decode(bytes);
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = false;
    reader.config_mut().expand_empty_elements = true;
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    let mut feed_title: Option<String> = None;
    let mut is_feed = false;
    let mut n_items = 0;
    // The field being read inside an item, its text so far, and whether it is HTML.
    let mut field: Option<(String, bool)> = None;
    let mut buffer = String::new();
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let message = format!("malformed XML at byte {}: {error}", reader.error_position());
                out.push(Err(Error::Feed { path: path.to_string(), message }));
                return out;
            }
        };
        match event {
            Event::Start(start) => {
                let name = String::from_utf8_lossy(start.name().as_ref()).to_ascii_lowercase();
                let local = local_name(&name).to_string();
                if stack.is_empty() && matches!(local.as_str(), "rss" | "rdf" | "feed") {
                    is_feed = true;
                }
                if matches!(local.as_str(), "item" | "entry") && item.is_none() {
                    item = Some(Item::default());
                    n_items += 1;
                } else if let Some(current) = item.as_mut() {
                    if field.is_none() {
                        if local == "link" {
                            let rel = attribute(&start, "rel");
                            if let Some(href) = attribute(&start, "href") {
                                if current.link.is_none() && rel.as_deref().is_none_or(|r| r == "alternate") {
                                    current.link = Some(href);
                                }
                            }
                        }
                        let html = match attribute(&start, "type").as_deref() {
                            Some("text") => false,
                            Some(_) => true,
                            None => !matches!(local.as_str(), "title" | "link" | "name"),
                        };
                        field = Some((name.clone(), html));
                        buffer.clear();
                    }
                } else if field.is_none() && local == "title" && feed_title.is_none() && stack.len() <= 2 {
                    field = Some((name.clone(), false));
                    buffer.clear();
                }
                stack.push(name);
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let local = local_name(&name);
                if field.as_ref().is_some_and(|(open, _)| *open == name) {
                    if let Some((field_name, html)) = field.take() {
                        match item.as_mut() {
                            Some(current) => set_field(current, &field_name, &buffer, html),
                            None => feed_title = Some(collapse(&buffer)).filter(|t| !t.is_empty()),
                        }
                    }
                } else if matches!(local, "item" | "entry") && field.is_none() {
                    if let Some(done) = item.take() {
                        out.push(to_article(done, path, stem, n_items, feed_title.as_deref()));
                    }
                }
            }
            Event::Text(text) if field.is_some() => {
                let raw = String::from_utf8_lossy(text.as_ref());
                buffer.push_str(&html::decode_entities(&raw));
            }
            Event::CData(data) if field.is_some() => {
                buffer.push_str(&String::from_utf8_lossy(data.as_ref()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(done) = item.take() {
        out.push(to_article(done, path, stem, n_items, feed_title.as_deref()));
    }
    if !is_feed && out.is_empty() {
        out.push(Err(Error::Feed { path: path.to_string(), message: "not an RSS or Atom feed".into() }));
    }
    out
}

fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

fn attribute(start: &BytesStart<'_>, wanted: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref().eq_ignore_ascii_case(wanted.as_bytes()))
        .map(|a| html::decode_entities(&String::from_utf8_lossy(&a.value)).trim().to_string())
}

fn set_field(item: &mut Item, name: &str, value: &str, html: bool) {
    let local = local_name(name);
    let value_trimmed = value.trim();
    if value_trimmed.is_empty() {
        return;
    }
    match (name, local) {
        (_, "title") if item.title.is_none() => item.title = Some(collapse(value)),
        (_, "link") if item.link.is_none() => item.link = Some(value_trimmed.to_string()),
        (_, "guid") | (_, "id") if item.link.is_none() && value_trimmed.starts_with("http") => {
            item.link = Some(value_trimmed.to_string())
        }
        (_, "pubdate") | (_, "published") | (_, "issued") | (_, "created") | ("dc:date", _) => {
            item.published = item.published.or_else(|| date::parse_date(value))
        }
        (_, "updated") | (_, "modified") => item.updated = item.updated.or_else(|| date::parse_date(value)),
        ("content:encoded", _) | (_, "content") => item.content = Some((value.to_string(), html)),
        (_, "description") | (_, "summary") | (_, "abstract") if item.summary.is_none() => {
            item.summary = Some((value.to_string(), html))
        }
        ("dc:creator", _) | (_, "author") | (_, "name") | (_, "creator") if item.author.is_none() => {
            item.author = Some(collapse(value))
        }
        _ => {}
    }
}

fn to_article(item: Item, path: &str, stem: &str, number: usize, feed_title: Option<&str>) -> Result<Article, Error> {
    let text = match item.content.or(item.summary) {
        Some((body, true)) => html::fragment_text(&body),
        Some((body, false)) => paragraphs_of_plain(&body),
        None => String::new(),
    };
    if text.is_empty() && item.title.is_none() {
        return Err(Error::Feed {
            path: format!("{path}: item {number}"),
            message: "item has no title and no text".into(),
        });
    }
    let outlet = feed_title.map(str::to_string).or_else(|| item.link.as_deref().and_then(html::domain_of));
    Ok(Article {
        id: format!("{stem}:{number}"),
        origin: format!("{path}: item {number}"),
        title: item.title,
        text,
        published: item.published.or(item.updated),
        outlet,
        url: item.link,
        byline: item.author,
    })
}

/// Plain text with its paragraphs normalised: split on blank lines, whitespace
/// collapsed, joined by a blank line.
fn paragraphs_of_plain(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n");
    let paragraphs: Vec<String> = normalised.split("\n\n").map(collapse).filter(|p| !p.is_empty()).collect();
    paragraphs.join("\n\n")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<&str>>().join(" ")
}

/// Feed bytes to text: UTF-8 when valid, else the XML declaration's encoding,
/// else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
            let label = head.split_once("encoding=").and_then(|(_, rest)| {
                rest.trim_start_matches(['"', '\'']).split(['"', '\'']).next().map(str::to_string)
            });
            let encoding =
                label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())).unwrap_or(encoding_rs::WINDOWS_1252);
            encoding.decode_without_bom_handling(bytes).0.into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_html_content() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
            xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Daily Wire</title>
            <item><title>First &amp; best</title><link>https://x.com/1</link><pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate>
            <dc:creator>Ann Lee</dc:creator><description>Short.</description>
            <content:encoded><![CDATA[<p>One, said the minister.</p><p>Two&nbsp;more.</p>]]></content:encoded></item>
            <item><title>Second</title><description>&lt;p&gt;Escaped HTML.&lt;/p&gt;</description></item>
            </channel></rss>"#;
        let items = parse_feed(rss, "f.rss", "f");
        assert_eq!(items.len(), 2);
        let first = items[0].as_ref().expect("item 1");
        assert_eq!(first.id, "f:1");
        assert_eq!(first.title.as_deref(), Some("First & best"));
        assert_eq!(first.text, "One, said the minister.\n\nTwo more.");
        assert_eq!(first.published, chrono::NaiveDate::from_ymd_opt(2019, 11, 19));
        assert_eq!((first.outlet.as_deref(), first.byline.as_deref()), (Some("Daily Wire"), Some("Ann Lee")));
        assert_eq!(items[1].as_ref().map(|a| a.text.as_str()).ok(), Some("Escaped HTML."));
    }

    #[test]
    fn atom_entries_with_links_and_updated_dates() {
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
            <entry><title type="text">A</title><link rel="alternate" href="https://b.org/a"/>
            <updated>2020-01-02T00:00:00Z</updated><author><name>Bo</name></author>
            <content type="html">&lt;p&gt;Hello there.&lt;/p&gt;</content></entry></feed>"#;
        let items = parse_feed(atom, "b.atom", "b");
        let entry = items[0].as_ref().expect("entry");
        assert_eq!(entry.url.as_deref(), Some("https://b.org/a"));
        assert_eq!(entry.published, chrono::NaiveDate::from_ymd_opt(2020, 1, 2));
        assert_eq!(entry.text, "Hello there.");
        assert_eq!(entry.byline.as_deref(), Some("Bo"));
    }

    #[test]
    fn malformed_and_foreign_xml_are_errors() {
        let items = parse_feed(b"<rss><channel><item><title>A</title></item><item><title>B</ti", "x.rss", "x");
        assert!(items[0].is_ok());
        assert!(items.iter().any(|i| i.is_err()) || items.len() == 2);
        let items = parse_feed(b"<urlset><url><loc>x</loc></url></urlset>", "s.xml", "s");
        assert!(items[0].as_ref().is_err_and(|e| e.to_string().contains("not an RSS or Atom feed")));
    }
}
