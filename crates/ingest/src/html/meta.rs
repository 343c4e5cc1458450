//! Page metadata: headline, byline, publication date, outlet and canonical URL,
//! from `<meta>` tags, JSON-LD, `<link rel=canonical>`, `<time>` and `<title>`.
//!
//! Sources are tried from the most to the least deliberate: JSON-LD and Open
//! Graph are written for machines, a `<time>` or `<title>` for people.

use chrono::NaiveDate;
use serde_json::Value;

use crate::date::parse_date;
use crate::html::dom::{collapse_whitespace, Dom, NodeData};

/// What a page says about itself.
#[derive(Default, Debug)]
pub(crate) struct PageMeta {
    pub(crate) title: Option<String>,
    /// Other spellings of the headline (`<h1>`, `<title>`), left out of the text too.
    pub(crate) title_variants: Vec<String>,
    pub(crate) byline: Option<String>,
    pub(crate) published: Option<NaiveDate>,
    pub(crate) outlet: Option<String>,
    pub(crate) url: Option<String>,
    /// The JSON-LD `articleBody`, if any: the text as the publisher stored it,
    /// often without paragraph breaks.
    pub(crate) article_body: Option<String>,
}

#[derive(Default)]
struct Found {
    ld_headline: Option<String>,
    og_title: Option<String>,
    h1: Option<String>,
    title_tag: Option<String>,
    ld_date: Option<NaiveDate>,
    meta_date: Option<NaiveDate>,
    time_date: Option<NaiveDate>,
    ld_author: Option<String>,
    meta_author: Option<String>,
    hint_author: Option<String>,
    site_name: Option<String>,
    ld_publisher: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    ld_url: Option<String>,
    ld_body: Option<String>,
}

/// Reads the metadata of `dom`.
pub(crate) fn page_meta(dom: &Dom) -> PageMeta {
    let mut found = Found::default();
    for index in 0..dom.nodes.len() {
        let element = match dom.element(index) {
            Some(element) => element,
            None => continue,
        };
        match &*element.name {
            "meta" => {
                let key =
                    element.attr("property").or_else(|| element.attr("name")).or_else(|| element.attr("itemprop"));
                let content = element.attr("content").map(str::trim).filter(|c| !c.is_empty());
                if let (Some(key), Some(content)) = (key, content) {
                    read_meta(&mut found, &key.to_ascii_lowercase(), content);
                }
            }
            "link" => {
                let rel = element.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && found.canonical.is_none() {
                    found.canonical =
                        element.attr("href").map(|h| h.trim().to_string()).filter(|h| h.starts_with("http"));
                }
            }
            "script" if element.attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) => {
                for &child in &dom.nodes[index].children {
                    if let NodeData::Text(json) = &dom.nodes[child].data {
                        read_json_ld(&mut found, json);
                    }
                }
            }
            "title" if found.title_tag.is_none() => {
                found.title_tag = Some(dom.text_of(index)).filter(|t| !t.is_empty());
            }
            "h1" if found.h1.is_none() => {
                found.h1 = Some(dom.text_of(index)).filter(|t| !t.is_empty());
            }
            "time" if found.time_date.is_none() => {
                found.time_date = element.attr("datetime").and_then(parse_date);
            }
            _ => {}
        }
        if element.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            && found.meta_date.is_none()
        {
            found.meta_date = element.attr("datetime").or_else(|| element.attr("content")).and_then(parse_date);
        }
        if found.hint_author.is_none()
            && &*element.name != "meta"
            && (element.hints.contains("byline")
                || element.attr("rel") == Some("author")
                || element.attr("itemprop") == Some("author"))
        {
            let text = dom.text_of(index);
            if !text.is_empty() && text.len() < 120 {
                found.hint_author = Some(text);
            }
        }
    }
    let found = Found {
        ld_headline: found.ld_headline.as_deref().map(collapse_whitespace).filter(|t| !t.is_empty()),
        og_title: found.og_title.as_deref().map(collapse_whitespace).filter(|t| !t.is_empty()),
        ld_author: found.ld_author.as_deref().map(collapse_whitespace),
        meta_author: found.meta_author.as_deref().map(collapse_whitespace),
        site_name: found.site_name.as_deref().map(collapse_whitespace),
        ld_publisher: found.ld_publisher.as_deref().map(collapse_whitespace),
        ..found
    };
    let title = found
        .ld_headline
        .clone()
        .or_else(|| found.og_title.clone())
        .or_else(|| found.h1.clone())
        .or_else(|| found.title_tag.clone());
    let title_variants = [found.ld_headline, found.og_title, found.h1, found.title_tag].into_iter().flatten().collect();
    let url = found.canonical.or(found.og_url).or(found.ld_url);
    let outlet = found.site_name.or(found.ld_publisher).or_else(|| url.as_deref().and_then(domain_of));
    PageMeta {
        title,
        title_variants,
        byline: found.ld_author.or(found.meta_author).or(found.hint_author).map(|b| strip_by(&b)),
        published: found.ld_date.or(found.meta_date).or(found.time_date),
        outlet,
        url,
        article_body: found.ld_body,
    }
}

fn read_meta(found: &mut Found, key: &str, content: &str) {
    let set = |slot: &mut Option<String>| {
        if slot.is_none() {
            *slot = Some(content.to_string());
        }
    };
    match key {
        "og:site_name" => set(&mut found.site_name),
        "og:title" | "twitter:title" => set(&mut found.og_title),
        "og:url" if content.starts_with("http") => set(&mut found.og_url),
        "author" | "byl" | "sailthru.author" | "parsely-author" | "dc.creator" | "article:author"
            if !content.starts_with("http") =>
        {
            set(&mut found.meta_author)
        }
        "article:published_time"
        | "og:article:published_time"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.created"
        | "dcterms.date"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
        | "published_time"
        | "article:published"
        | "original-publish-date"
        | "date.release"
        | "pdate"
            if found.meta_date.is_none() =>
        {
            found.meta_date = parse_date(content)
        }
        _ => {}
    }
}

fn read_json_ld(found: &mut Found, json: &str) {
    let value: Value = match serde_json::from_str(json.trim().trim_end_matches(';')) {
        Ok(value) => value,
        Err(_) => return,
    };
    // Breadth-first over nested objects, bounded so hostile input stays cheap.
    let mut queue = vec![&value];
    let mut visited = 0;
    while let Some(value) = queue.pop() {
        visited += 1;
        if visited > 2_000 {
            return;
        }
        match value {
            Value::Array(items) => queue.extend(items.iter()),
            Value::Object(object) => {
                let is_article = match object.get("@type") {
                    Some(Value::String(kind)) => is_article_type(kind),
                    Some(Value::Array(kinds)) => kinds.iter().any(|k| k.as_str().is_some_and(is_article_type)),
                    _ => false,
                };
                if is_article {
                    read_article_object(found, object);
                } else if found.ld_publisher.is_none()
                    && object.get("@type").and_then(Value::as_str) == Some("NewsMediaOrganization")
                {
                    found.ld_publisher = object.get("name").and_then(Value::as_str).map(str::to_string);
                }
                if let Some(graph) = object.get("@graph") {
                    queue.push(graph);
                }
            }
            _ => {}
        }
    }
}

fn is_article_type(kind: &str) -> bool {
    kind.contains("Article") || kind == "BlogPosting" || kind == "Report" || kind == "LiveBlogPosting"
}

/// `"By Ann Lee"` → `"Ann Lee"`.
fn strip_by(byline: &str) -> String {
    let trimmed = byline.trim();
    match trimmed.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("by ") => trimmed[3..].trim().to_string(),
        _ => trimmed.to_string(),
    }
}

fn read_article_object(found: &mut Found, object: &serde_json::Map<String, Value>) {
    if let Some(body) = object.get("articleBody").and_then(Value::as_str) {
        if body.len() > found.ld_body.as_ref().map_or(0, String::len) {
            found.ld_body = Some(body.to_string());
        }
    }
    if found.ld_headline.is_none() {
        found.ld_headline =
            object.get("headline").and_then(Value::as_str).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    }
    if found.ld_date.is_none() {
        found.ld_date = object.get("datePublished").and_then(Value::as_str).and_then(parse_date);
    }
    if found.ld_author.is_none() {
        found.ld_author = object.get("author").and_then(person_names);
    }
    if found.ld_publisher.is_none() {
        found.ld_publisher =
            object.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str).map(str::to_string);
    }
    if found.ld_url.is_none() {
        let url = object.get("url").and_then(Value::as_str).or_else(|| match object.get("mainEntityOfPage") {
            Some(Value::String(url)) => Some(url.as_str()),
            Some(entity) => entity.get("@id").and_then(Value::as_str),
            None => None,
        });
        found.ld_url = url.filter(|u| u.starts_with("http")).map(str::to_string);
    }
}

/// `"A"`, `{"name": "A"}` or a list of those, as `"A, B"`.
fn person_names(value: &Value) -> Option<String> {
    let names: Vec<&str> = match value {
        Value::String(name) => vec![name.as_str()],
        Value::Object(object) => object.get("name").and_then(Value::as_str).into_iter().collect(),
        Value::Array(items) => items
            .iter()
            .take(10)
            .filter_map(|item| match item {
                Value::String(name) => Some(name.as_str()),
                other => other.get("name").and_then(Value::as_str),
            })
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<&str> =
        names.into_iter().map(str::trim).filter(|n| !n.is_empty() && !n.starts_with("http")).collect();
    if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

/// `news.example.com` from `https://www.news.example.com/path`.
pub(crate) fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#', ':']).next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    if host.contains('.') {
        Some(host)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::parse;

    #[test]
    fn reads_open_graph_json_ld_and_fallbacks() {
        let html = r#"<html><head><title>Page | Site</title>
            <meta property="og:title" content="OG headline">
            <link rel="canonical" href="https://www.example.com/a">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"LD headline",
              "datePublished":"2020-02-03T04:05:06Z","author":[{"name":"A B"},{"name":"C D"}]}]}</script>
            </head><body><h1>H1 headline</h1><time datetime="2001-01-01">x</time></body></html>"#;
        let meta = page_meta(&parse(html));
        assert_eq!(meta.title.as_deref(), Some("LD headline"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2020, 2, 3));
        assert_eq!(meta.byline.as_deref(), Some("A B, C D"));
        assert_eq!(meta.outlet.as_deref(), Some("example.com"));
        assert_eq!(meta.url.as_deref(), Some("https://www.example.com/a"));
        assert_eq!(meta.title_variants.len(), 4);
    }

    #[test]
    fn time_element_is_the_last_resort() {
        let meta = page_meta(&parse(r#"<meta property="og:site_name" content="Daily"><time datetime="2001-01-02">"#));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2001, 1, 2));
        assert_eq!(meta.outlet.as_deref(), Some("Daily"));
    }
}
