//! Boilerplate by tag, visibility and class/id names: what is never article
//! text, and readability's class weights for choosing the article's container.
//!
//! Class names are matched as substrings of the lowercased `class` and `id`
//! joined, in one Aho-Corasick pass per word list: pages have thousands of
//! elements with class names, and a `contains` per word showed up in profiles.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::html::dom::Dom;
use crate::html::extract::Stats;

/// Which nodes are boilerplate, by tag, visibility and class/id names.
pub(crate) fn boilerplate(dom: &Dom) -> Vec<bool> {
    let n_nodes = dom.nodes.len();
    let mut removed = vec![false; n_nodes];
    for index in 1..n_nodes {
        let parent = dom.nodes[index].parent;
        removed[index] = removed[parent] || is_never_text(dom, index);
    }
    let stats = Stats::compute(dom, &removed);
    // Boilerplate by class and id, unless the element holds most of the good text.
    let total_good = stats.good[0];
    for index in 1..n_nodes {
        let parent = dom.nodes[index].parent;
        if removed[parent] {
            removed[index] = true;
            continue;
        }
        if removed[index] {
            continue;
        }
        if let Some(element) = dom.element(index) {
            // Prose-like elements (mostly good text) keep their content whatever
            // their names say: class names like `adrail` or `with-sidebar` often
            // sit on layout wrappers of the article itself.
            let good = stats.good[index];
            let prose_like = good >= 400 && good * 10 >= stats.total[index] * 7;
            let boilerplate = match hints_boilerplate(&element.hints, &element.name) {
                Hint::Strong => true,
                Hint::Weak => !prose_like,
                Hint::None => false,
            };
            if boilerplate && good * 2 <= total_good {
                removed[index] = true;
            }
        }
    }
    removed
}

/// Elements whose content is never article text, by tag and visibility.
fn is_never_text(dom: &Dom, index: usize) -> bool {
    let element = match dom.element(index) {
        Some(element) => element,
        None => return false,
    };
    let by_tag = matches!(
        &*element.name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "nav"
            | "aside"
            | "figcaption"
            | "footer"
            | "dialog"
            | "label"
            | "option"
            | "map"
            | "title"
            | "meta"
            | "link"
            | "menu"
            | "form"
    );
    if by_tag {
        // A form sometimes wraps a whole page (ASP.NET); only drop small ones.
        return &*element.name != "form" || dom.nodes[index].children.len() < 3;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = element.attr("role") {
        if matches!(role, "navigation" | "complementary" | "contentinfo" | "banner" | "menu" | "dialog" | "alert") {
            return true;
        }
    }
    false
}

/// Words in `class`/`id` that mark boilerplate wherever they appear.
const STRONG_NEGATIVE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "promo",
    "comment",
    "caption",
    "outbrain",
    "taboola",
    "recommend",
    "subscribe",
    "sponsor",
    "advert",
    "read-more",
    "readmore",
    "more-stories",
    "most-popular",
    "mostpopular",
    "trending",
    "signup",
    "sign-up",
    "cookie",
    "popup",
    "modal",
    "disqus",
    "breadcrumb",
    "byline",
    "author-bio",
    "tags",
    "keywords",
    "toolbar",
    "follow",
    "credit",
    "also-read",
    "see-also",
    "next-article",
    "prev-article",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "skip-link",
    "timestamp",
    "dateline",
    "inline-ad",
    "ad-container",
    "ad-slot",
    "adslot",
    "adunit",
    "ad-unit",
    "dfp",
    "gpt-ad",
    "tooltip",
    "popover",
    "rollover",
    "hovercard",
    "teaser",
    "carousel",
    "slideshow",
    "gallery",
    "player",
    "kicker",
];

/// Words that mark boilerplate unless a positive word says "this is the article".
const WEAK_NEGATIVE: &[&str] = &[
    "header",
    "footer",
    "sidebar",
    "menu",
    "nav",
    "banner",
    "widget",
    "masthead",
    "meta",
    "tools",
    "author",
    "extra",
    "combx",
    "community",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "skyscraper",
    "supplemental",
    "hidden",
    "topics",
    "links",
    "login",
    "utility",
    "aside",
    "rail",
];

const POSITIVE: &[&str] = &["article", "body", "content", "main", "story", "entry", "post", "text", "column"];

/// What `class` and `id` say about an element.
enum Hint {
    /// Boilerplate by name (share bars, comments, related links).
    Strong,
    /// Boilerplate by name unless it holds prose (layout words like `rail`).
    Weak,
    /// Nothing.
    None,
}

/// One matcher per word list: pages have thousands of elements with class names,
/// and 100 `contains` calls on each showed up in profiles.
struct HintMatchers {
    strong: AhoCorasick,
    weak: AhoCorasick,
    positive: AhoCorasick,
    weight_negative: AhoCorasick,
    weight_positive: AhoCorasick,
}

fn matchers() -> &'static HintMatchers {
    static MATCHERS: OnceLock<HintMatchers> = OnceLock::new();
    MATCHERS.get_or_init(|| {
        // The word lists are constant, non-empty ASCII: building cannot fail.
        let build = |words: &[&str]| AhoCorasick::new(words).expect("constant word list");
        HintMatchers {
            strong: build(STRONG_NEGATIVE),
            weak: build(WEAK_NEGATIVE),
            positive: build(POSITIVE),
            weight_negative: build(WEIGHT_NEGATIVE),
            weight_positive: build(WEIGHT_POSITIVE),
        }
    })
}

fn hints_boilerplate(hints: &str, name: &str) -> Hint {
    // Rows and cells carry data classes (`player-2020-580`), not page furniture.
    if hints.is_empty()
        || matches!(name, "body" | "html" | "a" | "p" | "#root" | "tr" | "td" | "th" | "tbody" | "thead")
    {
        return Hint::None;
    }
    let matchers = matchers();
    if matchers.strong.is_match(hints) {
        return Hint::Strong;
    }
    if hints.split(|c: char| !c.is_ascii_alphanumeric()).any(|token| matches!(token, "ad" | "ads" | "adv")) {
        return Hint::Strong;
    }
    if matchers.weak.is_match(hints) && !matchers.positive.is_match(hints) {
        return Hint::Weak;
    }
    Hint::None
}

/// Readability's words for class and id weighting.
const WEIGHT_POSITIVE: &[&str] =
    &["article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story"];
const WEIGHT_NEGATIVE: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "rail",
    "teaser",
    "card",
];

/// Readability's class and id weighting.
pub(crate) fn class_weight(hints: &str) -> f64 {
    if hints.is_empty() {
        return 0.0;
    }
    let matchers = matchers();
    let mut weight = 0.0;
    if matchers.weight_negative.is_match(hints) {
        weight -= 25.0;
    }
    if matchers.weight_positive.is_match(hints) {
        weight += 25.0;
    }
    weight
}
