//! Main-text extraction: which part of a page is the article, as paragraphs.
//!
//! The method, in four linear passes over the tree from [`crate::html::dom`]:
//! 1. Drop what is never article text: scripts, navigation, forms, captions,
//!    hidden elements, and elements whose `class`/`id` name boilerplate (share
//!    bars, related links, comments, newsletters, ads).
//! 2. Cut the page into blocks (paragraphs, headings, list items, cells, and
//!    `div`s holding text directly) and call a block "good" when it is long
//!    enough and not mostly links.
//! 3. Pick the element that maximises good text minus a fraction of other text:
//!    the tightest container that still holds most of the article, which also
//!    merges sibling containers when an article is split by ads.
//! 4. Render that element's blocks as paragraphs, dropping link lists, the
//!    headline and short boilerplate lines.
//!
//! Step 1 lives in [`crate::html::boilerplate`], step 4 in
//! [`crate::html::render`]. Every pass walks node indices, not pointers, and
//! nothing recurses deeper than [`crate::html::dom::MAX_DEPTH`].

use crate::html::boilerplate::{boilerplate, class_weight};
use crate::html::dom::{Dom, NodeData};
use crate::html::render::render;

/// Paragraphs of the main text of `dom`; `title` (the headline) is left out.
pub(crate) fn main_text(dom: &Dom, titles: &[String]) -> Vec<String> {
    let removed = boilerplate(dom);
    let stats = Stats::compute(dom, &removed);
    let container = best_container(dom, &removed, &stats);
    render(dom, &removed, container, titles)
}

/// Paragraphs of all the text of `dom` (a feed item's content, already the
/// article), boilerplate still removed.
pub(crate) fn fragment_text(dom: &Dom) -> Vec<String> {
    let removed = boilerplate(dom);
    render(dom, &removed, 0, &[])
}

/// Elements that start a new block of text.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "address"
            | "hr"
            | "br"
            | "center"
            | "details"
            | "summary"
            | "hgroup"
            | "body"
            | "html"
            | "#root"
            | "title"
            | "option"
            | "select"
            | "legend"
            | "iframe"
            | "video"
            | "audio"
    )
}

/// Per-node text measures, in bytes of collapsed text.
pub(crate) struct Stats {
    /// Text in good blocks below the node.
    pub(crate) good: Vec<usize>,
    /// All visible text below the node.
    pub(crate) total: Vec<usize>,
    /// Link text below the node.
    links: Vec<usize>,
    /// Readability's score of the node as a paragraph (0 when it is not one).
    paragraph_score: Vec<f64>,
}

impl Stats {
    pub(crate) fn compute(dom: &Dom, removed: &[bool]) -> Stats {
        let n_nodes = dom.nodes.len();
        // The nearest block-level ancestor-or-self of each node, and link depth.
        let mut owner = vec![0usize; n_nodes];
        let mut in_link = vec![false; n_nodes];
        for index in 1..n_nodes {
            let parent = dom.nodes[index].parent;
            let name = dom.name(index);
            owner[index] = if is_block(name) { index } else { owner[parent] };
            in_link[index] = in_link[parent] || name == "a";
        }
        let mut own_len = vec![0usize; n_nodes];
        let mut own_link = vec![0usize; n_nodes];
        let mut own_punct = vec![0usize; n_nodes];
        let mut own_commas = vec![0usize; n_nodes];
        for index in 1..n_nodes {
            if removed[index] {
                continue;
            }
            if let NodeData::Text(text) = &dom.nodes[index].data {
                let len = visible_len(text);
                let block = owner[index];
                own_len[block] += len;
                if in_link[index] {
                    own_link[block] += len;
                }
                let (commas, punct) = count_punctuation(text);
                own_commas[block] += commas;
                own_punct[block] += punct;
            }
        }
        let mut good = vec![0usize; n_nodes];
        let mut total = own_len.clone();
        let mut links = own_link.clone();
        let mut paragraph_score = vec![0f64; n_nodes];
        for index in 1..n_nodes {
            let len = own_len[index];
            if len == 0 {
                continue;
            }
            let text_len = len - own_link[index];
            let dense = own_link[index] * 2 < len;
            if dense && text_len >= 25 {
                paragraph_score[index] = 1.0 + own_commas[index] as f64 + (text_len as f64 / 100.0).floor().min(3.0);
            }
            // A paragraph of prose: long enough, not mostly links, punctuated.
            // Short `p`s count too, since a `p` is an author's paragraph.
            let long_enough = text_len >= 80 || (text_len >= 30 && matches!(dom.name(index), "p" | "blockquote"));
            // Scripts written without sentence marks (Thai, Lao) still make long blocks.
            if dense && long_enough && (own_punct[index] > 0 || text_len >= 300) {
                good[index] = text_len;
            }
        }
        for index in (1..n_nodes).rev() {
            let parent = dom.nodes[index].parent;
            good[parent] += good[index];
            total[parent] += total[index];
            links[parent] += links[index];
        }
        Stats { good, total, links, paragraph_score }
    }
}

/// Commas, and all sentence punctuation (commas included), in `text`.
fn count_punctuation(text: &str) -> (usize, usize) {
    let mut commas = 0;
    let mut punct = 0;
    // Only these lead bytes start the non-ASCII marks below; most text has none.
    let has_wide_marks = text.bytes().any(|b| matches!(b, 0xD8 | 0xE0 | 0xE3 | 0xEF));
    if has_wide_marks {
        for ch in text.chars() {
            match ch {
                ',' | '，' | '、' | '،' => commas += 1,
                '.' | '!' | '?' | ';' | ':' | '。' | '！' | '？' | '؟' | '।' => punct += 1,
                _ => {}
            }
        }
    } else {
        for byte in text.bytes() {
            match byte {
                b',' => commas += 1,
                b'.' | b'!' | b'?' | b';' | b':' => punct += 1,
                _ => {}
            }
        }
    }
    (commas, commas + punct)
}

/// Bytes of `text` after collapsing whitespace (approximately: each run of
/// whitespace counts one).
pub(crate) fn visible_len(text: &str) -> usize {
    let mut len = 0;
    let mut in_space = true;
    for byte in text.bytes() {
        if byte.is_ascii_whitespace() {
            if !in_space {
                len += 1;
                in_space = true;
            }
        } else {
            len += 1;
            in_space = false;
        }
    }
    len
}

/// Share of other text that costs as much as the same amount of good text gains.
const OTHER_TEXT_WEIGHT: f64 = 4.0;

/// The element holding the article: first the densest cluster of paragraphs
/// (scored as readability does: each paragraph scores its parent fully and
/// further ancestors less, and a candidate's score shrinks with its link
/// density), then the ancestor of that cluster that best trades good text
/// gained against other text taken in (an article split by ads or embeds is
/// merged this way; a "more stories" rail, mostly links and dates, is not).
fn best_container(dom: &Dom, removed: &[bool], stats: &Stats) -> usize {
    let n_nodes = dom.nodes.len();
    let mut score = vec![0f64; n_nodes];
    for index in 1..n_nodes {
        let paragraph_score = stats.paragraph_score[index];
        if paragraph_score <= 0.0 {
            continue;
        }
        // Text held directly by a container counts as a paragraph inside it.
        let mut ancestor = match dom.name(index) {
            "p" | "pre" | "blockquote" | "li" | "dd" | "dt" | "td" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "address" | "caption" => dom.nodes[index].parent,
            _ => index,
        };
        for level in 0..5 {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f64 * 3.0,
            };
            score[ancestor] += paragraph_score / divider;
            if ancestor == 0 {
                break;
            }
            ancestor = dom.nodes[ancestor].parent;
        }
    }
    let mut core = 0;
    let mut core_score = f64::MIN;
    for index in 1..n_nodes {
        if score[index] <= 0.0 || removed[index] {
            continue;
        }
        let element = match dom.element(index) {
            Some(element) => element,
            None => continue,
        };
        let link_density =
            if stats.total[index] == 0 { 0.0 } else { stats.links[index] as f64 / stats.total[index] as f64 };
        let candidate =
            (score[index] + tag_weight(&element.name) + class_weight(&element.hints)) * (1.0 - link_density);
        if candidate > core_score {
            core_score = candidate;
            core = index;
        }
    }
    let mut best = core;
    let mut best_gain = container_gain(stats, core);
    let mut ancestor = core;
    while ancestor != 0 {
        ancestor = dom.nodes[ancestor].parent;
        let gain = container_gain(stats, ancestor);
        if gain > best_gain {
            best_gain = gain;
            best = ancestor;
        }
    }
    best
}

fn container_gain(stats: &Stats, index: usize) -> f64 {
    let good = stats.good[index] as f64;
    let other = (stats.total[index] - stats.good[index]) as f64;
    good - OTHER_TEXT_WEIGHT * other
}

fn tag_weight(name: &str) -> f64 {
    match name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::parse;

    const PROSE: &str = "The minister said on Monday that the plan, which had been delayed twice, would now go ahead.";

    fn paragraphs(html: &str, titles: &[&str]) -> Vec<String> {
        let titles: Vec<String> = titles.iter().map(|t| t.to_string()).collect();
        main_text(&parse(html), &titles)
    }

    fn prose(n: usize) -> String {
        (0..n).map(|i| format!("<p>{i}. {PROSE}</p>")).collect()
    }

    #[test]
    fn keeps_paragraphs_and_drops_page_furniture() {
        let html = format!(
            r#"<body><header><nav><a href="/">Home</a> <a href="/w">World</a></nav></header>
            <div class="story"><h1>Plan goes ahead</h1><div class="share-bar"><a>Share on Facebook</a></div>
            {}<figure><img src="x.jpg"><figcaption>The minister, on Monday.</figcaption></figure>
            <blockquote class="twitter-tweet"><p>We will go ahead, she wrote, and soon.</p></blockquote></div>
            <div class="related-stories"><ul><li><a href="/a">Another plan is delayed</a></li></ul></div>
            <div id="comments"><p>Great article, thanks for writing it, really well done.</p></div>
            <footer><p>Copyright, all rights reserved, 2019.</p></footer></body>"#,
            prose(3)
        );
        let got = paragraphs(&html, &["Plan goes ahead"]);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].starts_with("0. The minister said"));
        assert_eq!(got[3], "We will go ahead, she wrote, and soon.");
    }

    #[test]
    fn merges_an_article_split_by_an_ad() {
        let html = format!(
            r#"<body><article><div class="body-part">{}</div><div class="ad-slot">Advertisement</div>
            <div class="body-part">{}</div></article><aside>{}</aside></body>"#,
            prose(4),
            prose(3),
            prose(1)
        );
        assert_eq!(paragraphs(&html, &[]).len(), 7);
    }

    #[test]
    fn does_not_take_in_a_rail_of_teasers() {
        let teaser = format!(
            r#"<li><h3><a href="/x">A headline about something else entirely</a></h3><span>Nov 19, 2019</span><p>{PROSE}</p></li>"#
        );
        let html = format!(
            r#"<body><main><div class="article-text">{}</div><ul class="more">{}</ul></main></body>"#,
            prose(6),
            teaser.repeat(4)
        );
        assert_eq!(paragraphs(&html, &[]).len(), 6);
    }

    #[test]
    fn text_held_directly_by_a_div_is_a_paragraph() {
        let html = format!(r#"<body><div class="menu"><a>One</a><a>Two</a></div><div>{PROSE}<br>{PROSE}</div></body>"#);
        assert_eq!(paragraphs(&html, &[]), vec![PROSE.to_string(), PROSE.to_string()]);
    }

    #[test]
    fn label_lines_and_link_lists_are_dropped() {
        let html = format!(
            r#"<body><div class="content">{}<p>Advertisement</p><div><a href="/1">Read this</a> <a href="/2">and this</a></div></div></body>"#,
            prose(2)
        );
        assert_eq!(paragraphs(&html, &[]).len(), 2);
    }

    #[test]
    fn data_table_rows_are_lines() {
        let html = format!(
            r#"<body><div class="content">{}<table><tr><th>Pos.</th><th>Driver</th></tr><tr><td>1</td><td>Kyle <b>Busch</b></td></tr></table></div></body>"#,
            prose(2)
        );
        let got = paragraphs(&html, &[]);
        assert_eq!(&got[2..], ["Pos. Driver", "1 Kyle Busch"]);
    }

    #[test]
    fn prose_without_sentence_marks_counts() {
        let thai = "รัฐมนตรีกล่าวเมื่อวันจันทร์ว่าแผนดังกล่าวซึ่งล่าช้ามาสองครั้งจะดำเนินการต่อไปในเร็วๆ นี้ตามที่ได้ประกาศไว้";
        let html = format!(
            r#"<body><div class="x"><a href="/">หน้าแรก</a></div><div class="y"><p>{thai}</p><p>{thai}</p></div><div class="z"><p>{thai}</p></div></body>"#
        );
        assert_eq!(paragraphs(&html, &[]).len(), 3);
    }

    #[test]
    fn an_empty_page_gives_no_paragraphs() {
        assert!(paragraphs("", &[]).is_empty());
        assert!(paragraphs("<html><head><title>x</title></head><body></body></html>", &["x"]).is_empty());
    }
}
