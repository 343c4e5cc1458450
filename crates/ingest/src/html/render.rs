//! Rendering the chosen container as paragraphs, and the filters that drop
//! link lists, the headline and label-only lines from them.

use crate::html::dom::{collapse_whitespace, Dom, NodeData};
use crate::html::extract::{is_block, visible_len};

/// Paragraphs of the subtree at `container`, skipping `removed` nodes and
/// dropping blocks that are link lists, labels or one of the `titles`.
pub(crate) fn render(dom: &Dom, removed: &[bool], container: usize, titles: &[String]) -> Vec<String> {
    let mut renderer = Renderer { dom, removed, blocks: Vec::new(), current: Block::default() };
    renderer.walk(container, 0, false);
    renderer.flush();
    let title_keys: Vec<String> = titles.iter().map(|title| word_key(title)).filter(|key| !key.is_empty()).collect();
    let blocks: Vec<Block> = renderer.blocks.into_iter().filter(|block| keep_block(block, &title_keys)).collect();
    blocks.into_iter().map(|block| block.text).collect()
}

/// A paragraph as rendered, with what the filters need.
#[derive(Default)]
struct Block {
    text: String,
    link_len: usize,
    tag: &'static str,
}

struct Renderer<'a> {
    dom: &'a Dom,
    removed: &'a [bool],
    blocks: Vec<Block>,
    current: Block,
}

impl Renderer<'_> {
    fn flush(&mut self) {
        let text = collapse_whitespace(&self.current.text);
        if !text.is_empty() {
            self.blocks.push(Block { text, link_len: self.current.link_len, tag: self.current.tag });
        }
        self.current = Block::default();
    }

    /// Whether the cell at `index` holds only text and inline elements.
    fn is_text_cell(&self, index: usize) -> bool {
        self.dom.nodes[index].children.iter().all(|&child| match self.dom.element(child) {
            Some(element) => !is_block(&element.name) || &*element.name == "br",
            None => true,
        })
    }

    fn walk(&mut self, index: usize, depth: usize, in_link: bool) {
        if self.removed[index] {
            return;
        }
        match &self.dom.nodes[index].data {
            NodeData::Text(text) => {
                if in_link {
                    self.current.link_len += visible_len(text);
                }
                self.current.text.push_str(text);
            }
            NodeData::Element(element) => {
                let name = &*element.name;
                // A cell of a data table (text only) joins its row's line.
                let block = is_block(name) && !(matches!(name, "td" | "th") && self.is_text_cell(index));
                if block {
                    self.flush();
                    self.current.tag = block_tag(name);
                } else if matches!(name, "td" | "th" | "li" | "img") {
                    self.current.text.push(' ');
                }
                if depth < crate::html::dom::MAX_DEPTH + 2 {
                    for &child in &self.dom.nodes[index].children {
                        self.walk(child, depth + 1, in_link || name == "a");
                    }
                }
                if block {
                    self.flush();
                } else if !matches!(
                    name,
                    "a" | "span"
                        | "b"
                        | "i"
                        | "em"
                        | "strong"
                        | "u"
                        | "sup"
                        | "sub"
                        | "small"
                        | "mark"
                        | "abbr"
                        | "cite"
                        | "q"
                        | "time"
                        | "font"
                ) {
                    self.current.text.push(' ');
                }
            }
        }
    }
}

fn block_tag(name: &str) -> &'static str {
    match name {
        "h1" => "h1",
        "h2" | "h3" | "h4" | "h5" | "h6" => "h",
        "p" => "p",
        "li" => "li",
        "blockquote" => "blockquote",
        _ => "div",
    }
}

/// Lowercase words of `text`, for comparing a block with the headline.
fn word_key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<&str>>().join(" ").to_lowercase()
}

/// Whole blocks that are labels, not text (compared as lowercase words).
const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "sponsored",
    "sponsored content",
    "comments",
    "comment",
    "tags",
    "share",
    "share this",
    "share this article",
    "related",
    "related articles",
    "related stories",
    "read more",
    "more",
    "trending",
    "recommended",
    "most popular",
    "most read",
    "skip to main content",
    "skip to content",
    "story continues below advertisement",
    "continue reading below",
    "scroll to continue with content",
];

fn keep_block(block: &Block, title_keys: &[String]) -> bool {
    if block.tag == "h1" {
        return false;
    }
    let len = visible_len(&block.text);
    // Mostly links: a link list, unless the text besides the links is a
    // sentence or more (a linked headline followed by its story), or the block
    // is an author's paragraph whose names happen to be linked.
    let own_text = len - block.link_len.min(len);
    let enough_own_text = if block.tag == "p" { 20 } else { 100 };
    if block.link_len * 2 > len && own_text < enough_own_text {
        return false;
    }
    if block.text.len() < 400 {
        let key = word_key(&block.text);
        if title_keys.contains(&key) || BOILERPLATE_LINES.contains(&key.as_str()) {
            return false;
        }
    }
    true
}
