//! A small, forgiving HTML parser: bytes of markup to a flat tree of elements and text.
//!
//! We do not need the full HTML5 tree-construction algorithm: main-text extraction
//! needs blocks, their nesting and a few attributes. This parser follows the
//! browser rules that change block structure (void elements, raw-text elements,
//! implied ends of `p`, `li`, `dt`/`dd`, table rows and cells, stray end tags) and
//! ignores the rest. It never fails: any byte sequence gives a tree.
//!
//! Nodes live in one `Vec` in document order, so a parent always comes before its
//! children: a reverse walk over the indices visits children before parents, which
//! lets later passes aggregate without recursion. Nesting deeper than
//! [`MAX_DEPTH`] is flattened, which bounds every recursive walk.

use crate::html::entities;

/// Deepest element nesting kept; deeper start tags are dropped (their text stays).
pub(crate) const MAX_DEPTH: usize = 200;

/// The parsed document. Node 0 is the document root (an element named `#root`).
pub(crate) struct Dom {
    pub(crate) nodes: Vec<Node>,
}

/// One element or run of text.
pub(crate) struct Node {
    /// Index of the parent; the root is its own parent.
    pub(crate) parent: usize,
    pub(crate) children: Vec<usize>,
    pub(crate) data: NodeData,
}

/// What a node holds.
pub(crate) enum NodeData {
    /// An element, with the few attributes later passes read.
    Element(Element),
    /// Decoded text.
    Text(String),
}

/// An element: lowercase tag name and kept attributes.
pub(crate) struct Element {
    pub(crate) name: Box<str>,
    /// The `class` and `id` attributes joined by a space, lowercased: the hints
    /// that boilerplate detection reads.
    pub(crate) hints: String,
    /// Other kept attributes, names lowercased, values decoded.
    pub(crate) attrs: Vec<(Box<str>, String)>,
}

impl Element {
    /// The value of attribute `name`, if kept and present.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(key, _)| &**key == name).map(|(_, value)| value.as_str())
    }
}

impl Dom {
    /// The element at `index`, if it is one.
    pub(crate) fn element(&self, index: usize) -> Option<&Element> {
        match &self.nodes[index].data {
            NodeData::Element(element) => Some(element),
            NodeData::Text(_) => None,
        }
    }

    /// The tag name at `index` (`""` for text).
    pub(crate) fn name(&self, index: usize) -> &str {
        match &self.nodes[index].data {
            NodeData::Element(element) => &element.name,
            NodeData::Text(_) => "",
        }
    }

    /// All text below `index`, whitespace collapsed.
    pub(crate) fn text_of(&self, index: usize) -> String {
        let mut raw = String::new();
        let mut stack = vec![index];
        while let Some(node) = stack.pop() {
            match &self.nodes[node].data {
                NodeData::Text(text) => raw.push_str(text),
                NodeData::Element(_) => {
                    raw.push(' ');
                    stack.extend(self.nodes[node].children.iter().rev());
                }
            }
        }
        collapse_whitespace(&raw)
    }
}

/// `text` with runs of whitespace made one space, trimmed.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Parses `html` into a tree.
pub(crate) fn parse(html: &str) -> Dom {
    let mut builder = Builder {
        dom: Dom { nodes: Vec::with_capacity(html.len() / 40 + 8) },
        stack: vec![0],
        n_open_paragraphs: 0,
        head_open: false,
    };
    builder.dom.nodes.push(Node {
        parent: 0,
        children: Vec::new(),
        data: NodeData::Element(Element { name: "#root".into(), hints: String::new(), attrs: Vec::new() }),
    });
    let bytes = html.as_bytes();
    let mut pos = 0;
    let mut text_start = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) {
        let lt = pos + offset;
        let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
        if next.is_ascii_alphabetic() {
            builder.text(&html[text_start..lt]);
            let (tag, end) = read_start_tag(html, lt + 1);
            pos = end;
            let raw_kind = raw_text_kind(&tag.name);
            let self_closing = tag.self_closing;
            let name = tag.name.clone();
            builder.start(tag, self_closing);
            if let Some(kind) = raw_kind {
                let (content_end, after) = find_raw_end(bytes, pos, &name);
                let content = &html[pos..content_end];
                builder.raw_text(&name, content, kind);
                builder.end(&name);
                pos = after;
            }
            text_start = pos;
        } else if next == b'/' {
            let after_slash = lt + 2;
            if bytes.get(after_slash).is_some_and(|b| b.is_ascii_alphabetic()) {
                builder.text(&html[text_start..lt]);
                let name_end = after_slash
                    + bytes[after_slash..]
                        .iter()
                        .take_while(|b| !(b.is_ascii_whitespace() || **b == b'/' || **b == b'>'))
                        .count();
                let name = html[after_slash..name_end].to_ascii_lowercase();
                pos = skip_past(bytes, name_end, b'>');
                builder.end(&name);
                text_start = pos;
            } else if bytes.get(after_slash) == Some(&b'>') {
                builder.text(&html[text_start..lt]);
                pos = after_slash + 1;
                text_start = pos;
            } else {
                builder.text(&html[text_start..lt]);
                pos = skip_past(bytes, after_slash, b'>');
                text_start = pos;
            }
        } else if next == b'!' {
            builder.text(&html[text_start..lt]);
            if bytes[lt..].starts_with(b"<!--") {
                pos = match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                    Some(found) => lt + 4 + found + 3,
                    None => bytes.len(),
                };
            } else {
                pos = skip_past(bytes, lt + 2, b'>');
            }
            text_start = pos;
        } else if next == b'?' {
            builder.text(&html[text_start..lt]);
            pos = skip_past(bytes, lt + 2, b'>');
            text_start = pos;
        } else {
            pos = lt + 1;
        }
    }
    builder.text(&html[text_start..]);
    builder.dom
}

/// The position just after the next `byte` at or after `from`, or the end.
fn skip_past(bytes: &[u8], from: usize, byte: u8) -> usize {
    let from = from.min(bytes.len());
    match memchr::memchr(byte, &bytes[from..]) {
        Some(found) => from + found + 1,
        None => bytes.len(),
    }
}

struct StartTag {
    name: String,
    hints: String,
    attrs: Vec<(Box<str>, String)>,
    self_closing: bool,
}

/// Attributes worth keeping: metadata, semantics and visibility.
const KEPT_ATTRIBUTES: &[&str] = &[
    "itemprop",
    "itemtype",
    "role",
    "property",
    "name",
    "content",
    "rel",
    "href",
    "datetime",
    "type",
    "charset",
    "http-equiv",
    "hidden",
    "aria-hidden",
    "style",
    "data-component",
    "data-testid",
    "lang",
];

/// Reads a start tag whose name begins at `from`; returns it and the position after `>`.
fn read_start_tag(html: &str, from: usize) -> (StartTag, usize) {
    let bytes = html.as_bytes();
    let is_name_end = |b: u8| b.is_ascii_whitespace() || b == b'/' || b == b'>';
    let name_end = from + bytes[from..].iter().take_while(|b| !is_name_end(**b)).count();
    let mut tag = StartTag {
        name: html[from..name_end].to_ascii_lowercase(),
        hints: String::new(),
        attrs: Vec::new(),
        self_closing: false,
    };
    let mut pos = name_end;
    loop {
        while pos < bytes.len() && (bytes[pos].is_ascii_whitespace() || bytes[pos] == b'/') {
            tag.self_closing = bytes[pos] == b'/';
            pos += 1;
        }
        if pos >= bytes.len() {
            return (tag, pos);
        }
        if bytes[pos] == b'>' {
            return (tag, pos + 1);
        }
        tag.self_closing = false;
        let attr_start = pos;
        pos += 1;
        while pos < bytes.len() && !(is_name_end(bytes[pos]) || bytes[pos] == b'=') {
            pos += 1;
        }
        let attr_name = &html[attr_start..pos];
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let mut value = "";
        if pos < bytes.len() && bytes[pos] == b'=' {
            pos += 1;
            while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            match bytes.get(pos) {
                Some(&quote) if quote == b'"' || quote == b'\'' => {
                    let value_start = pos + 1;
                    let value_end = match memchr::memchr(quote, &bytes[value_start..]) {
                        Some(found) => value_start + found,
                        None => bytes.len(),
                    };
                    value = &html[value_start..value_end];
                    pos = (value_end + 1).min(bytes.len());
                }
                _ => {
                    let value_start = pos;
                    while pos < bytes.len() && !(bytes[pos].is_ascii_whitespace() || bytes[pos] == b'>') {
                        pos += 1;
                    }
                    value = &html[value_start..pos];
                }
            }
        }
        keep_attribute(&mut tag, attr_name, value);
    }
}

fn keep_attribute(tag: &mut StartTag, attr_name: &str, value: &str) {
    let lower = attr_name.to_ascii_lowercase();
    if lower == "class" || lower == "id" {
        if !tag.hints.is_empty() {
            tag.hints.push(' ');
        }
        tag.hints.push_str(&value.to_ascii_lowercase());
    } else if KEPT_ATTRIBUTES.contains(&lower.as_str()) && tag.attrs.len() < 32 {
        tag.attrs.push((lower.into_boxed_str(), entities::decode(value)));
    }
}

/// How the content of a raw-text element is treated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RawKind {
    /// Kept verbatim (scripts: JSON-LD is read from them).
    Verbatim,
    /// Character references decoded (`title`, `textarea`).
    Escapable,
    /// Dropped (`style`, `noscript` and the like).
    Dropped,
}

fn raw_text_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::Verbatim),
        "title" | "textarea" => Some(RawKind::Escapable),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" | "plaintext" => Some(RawKind::Dropped),
        _ => None,
    }
}

/// For raw-text element `name` whose content starts at `from`: where the content
/// ends and where parsing resumes (after its end tag).
fn find_raw_end(bytes: &[u8], from: usize, name: &str) -> (usize, usize) {
    let from = from.min(bytes.len());
    let mut pos = from;
    while let Some(found) = memchr::memmem::find(&bytes[pos..], b"</") {
        let start = pos + found;
        let name_start = start + 2;
        let name_end = name_start + name.len();
        if name_end <= bytes.len()
            && bytes[name_start..name_end].eq_ignore_ascii_case(name.as_bytes())
            && bytes.get(name_end).is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        {
            return (start, skip_past(bytes, name_end, b'>'));
        }
        pos = start + 2;
    }
    (bytes.len(), bytes.len())
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
    )
}

/// Start tags that end an open `p`.
fn closes_paragraph(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
    )
}

/// Elements that stop the search for an element to close implicitly.
fn is_scope_boundary(name: &str) -> bool {
    matches!(name, "#root" | "html" | "table" | "td" | "th" | "caption" | "button" | "object" | "template" | "marquee")
}

struct Builder {
    dom: Dom,
    /// Open elements, root first. Invariant: never empty (the root stays).
    stack: Vec<usize>,
    /// How many `p` elements are open: most start tags would otherwise search
    /// the whole stack for a `p` to close.
    n_open_paragraphs: usize,
    /// Whether a `head` element is open.
    head_open: bool,
}

impl Builder {
    /// Closes every element above `depth` (keeps `depth` elements open).
    fn truncate(&mut self, depth: usize) {
        while self.stack.len() > depth.max(1) {
            let closed = self.stack.pop().unwrap_or(0);
            match self.dom.name(closed) {
                "p" => self.n_open_paragraphs = self.n_open_paragraphs.saturating_sub(1),
                "head" => self.head_open = false,
                _ => {}
            }
        }
    }

    fn current(&self) -> usize {
        // The root is never popped, so the stack is never empty.
        self.stack.last().copied().unwrap_or(0)
    }

    fn append(&mut self, data: NodeData) -> usize {
        let parent = self.current();
        let index = self.dom.nodes.len();
        self.dom.nodes.push(Node { parent, children: Vec::new(), data });
        self.dom.nodes[parent].children.push(index);
        index
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let parent = self.current();
        if let Some(&last) = self.dom.nodes[parent].children.last() {
            if let NodeData::Text(existing) = &mut self.dom.nodes[last].data {
                entities::decode_into(raw, existing);
                return;
            }
        }
        self.append(NodeData::Text(entities::decode(raw)));
    }

    fn raw_text(&mut self, name: &str, content: &str, kind: RawKind) {
        let _ = name;
        match kind {
            RawKind::Verbatim => {
                if !content.is_empty() {
                    self.append(NodeData::Text(content.to_string()));
                }
            }
            RawKind::Escapable => self.text(content),
            RawKind::Dropped => {}
        }
    }

    /// Closes the nearest open element for which `is_target` holds, unless a
    /// boundary comes first (searching from the innermost).
    fn close_implied(&mut self, is_target: impl Fn(&str) -> bool, is_boundary: impl Fn(&str) -> bool) {
        for depth in (1..self.stack.len()).rev() {
            let name = self.dom.name(self.stack[depth]);
            if is_target(name) {
                self.truncate(depth);
                return;
            }
            if is_boundary(name) {
                return;
            }
        }
    }

    fn start(&mut self, tag: StartTag, self_closing: bool) {
        let name = tag.name.as_str();
        if self.head_open
            && !matches!(
                name,
                "meta" | "link" | "title" | "script" | "style" | "base" | "noscript" | "template" | "head" | "html"
            )
        {
            // Anything else ends the head, as in browsers (`body` included).
            self.close_implied(|open| open == "head", |open| open == "#root");
        }
        if self.n_open_paragraphs > 0 && closes_paragraph(name) {
            self.close_implied(|open| open == "p", is_scope_boundary);
        }
        match name {
            "li" => {
                self.close_implied(|open| open == "li", |open| is_scope_boundary(open) || open == "ul" || open == "ol")
            }
            "dt" | "dd" => {
                self.close_implied(|open| open == "dt" || open == "dd", |open| is_scope_boundary(open) || open == "dl")
            }
            "tr" => self.close_implied(|open| open == "tr", |open| open == "table" || open == "#root"),
            "td" | "th" => self.close_implied(
                |open| open == "td" || open == "th",
                |open| open == "tr" || open == "table" || open == "#root",
            ),
            "option" => self.close_implied(|open| open == "option", |open| open == "select" || is_scope_boundary(open)),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let current = self.dom.name(self.current());
                if matches!(current, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                    self.truncate(self.stack.len() - 1);
                }
            }
            _ => {}
        }
        match name {
            // A second `html` or `body` tag adds nothing; keep one.
            "html" | "body" | "head" if self.stack.iter().any(|&open| self.dom.name(open) == name) => return,
            _ => {}
        }
        let void = is_void(name) || (self_closing && self.in_foreign_content());
        let at_depth_limit = self.stack.len() >= MAX_DEPTH;
        let StartTag { name, hints, attrs, .. } = tag;
        let element = Element { name: name.into_boxed_str(), hints, attrs };
        if at_depth_limit && !void {
            return;
        }
        let index = self.append(NodeData::Element(element));
        let name_of_new = self.dom.name(index);
        if !void {
            match name_of_new {
                "p" => self.n_open_paragraphs += 1,
                "head" => self.head_open = true,
                _ => {}
            }
            self.stack.push(index);
        }
    }

    fn in_foreign_content(&self) -> bool {
        self.stack.iter().any(|&open| matches!(self.dom.name(open), "svg" | "math"))
    }

    fn end(&mut self, name: &str) {
        if matches!(name, "html" | "body") {
            return;
        }
        let is_table_part = matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption");
        for depth in (1..self.stack.len()).rev() {
            let open = self.dom.name(self.stack[depth]);
            if open == name {
                self.truncate(depth);
                return;
            }
            // An end tag never closes past a table cell unless it belongs to the table.
            if !is_table_part && matches!(open, "td" | "th" | "table" | "caption") {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom, index: usize, out: &mut String) {
        match &dom.nodes[index].data {
            NodeData::Text(text) => out.push_str(text),
            NodeData::Element(element) => {
                out.push('(');
                out.push_str(&element.name);
                out.push(' ');
                for &child in &dom.nodes[index].children {
                    outline(dom, child, out);
                }
                out.push(')');
            }
        }
    }

    fn check(html: &str, expected: &str) {
        let dom = parse(html);
        let mut out = String::new();
        outline(&dom, 0, &mut out);
        assert_eq!(out, expected);
    }

    #[test]
    fn implied_ends_and_void_elements() {
        check("<p>a<p>b<div>c</div>", "(#root (p a)(p b)(div c))");
        check("<ul><li>a<li>b</ul>", "(#root (ul (li a)(li b)))");
        check("<p>a<br>b<img src=x>c</p>", "(#root (p a(br )b(img )c))");
    }

    #[test]
    fn raw_text_comments_and_entities() {
        check("<script>if (a<b) {}</script><!-- <p>x</p> --><p>&amp;&lt;</p>", "(#root (script if (a<b) {})(p &<))");
        check("<style>p{}</style><title>A &amp; B</title>", "(#root (style )(title A & B))");
    }

    #[test]
    fn stray_and_unclosed_tags() {
        check("</div><div><span>a</div>b", "(#root (div (span a))b)");
        check("a < b <3 </ x", "(#root a < b <3 )");
        check("<table><tr><td>a</div>b</td></tr></table>", "(#root (table (tr (td ab))))");
    }

    #[test]
    fn attributes_are_kept_and_decoded() {
        let dom = parse(r#"<meta property="og:title" content="A &amp; B"><div class="Main Story" id=x>"#);
        assert_eq!(dom.element(1).and_then(|e| e.attr("content")), Some("A & B"));
        assert_eq!(dom.element(2).map(|e| e.hints.as_str()), Some("main story x"));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let html = "<div>".repeat(10_000) + "x";
        let dom = parse(&html);
        assert!(dom.nodes.len() < MAX_DEPTH + 5);
    }
}
