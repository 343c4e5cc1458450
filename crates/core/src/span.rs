//! Byte spans into a document's text, and their conversion to the Unicode
//! scalar offsets that the JSON output uses.

/// Byte range into a document's text.
///
/// Invariant: `start <= end`; both lie on `char` boundaries of the text the
/// span was made for. Constructors that take untrusted numbers check this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive). `start > end` is swapped
    /// rather than rejected, so that no arithmetic on input can panic.
    pub fn new(start: usize, end: usize) -> Span {
        if start <= end {
            Span { start, end }
        } else {
            Span { start: end, end: start }
        }
    }
    /// First byte.
    pub fn start(self) -> usize {
        self.start
    }
    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end
    }
    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }
    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
    /// The text this span covers, or `""` when it does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Maps byte offsets of one text to Unicode scalar offsets.
///
/// Built once per document in O(n); each lookup is a binary search over the
/// non-ASCII characters only, so ASCII-heavy news costs almost nothing.
pub struct CharOffsets {
    // Invariant: sorted byte offsets of every non-ASCII char, with the number
    // of extra bytes seen up to and including it.
    wide: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharOffsets {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                wide.push((i, extra));
            }
        }
        CharOffsets { wide }
    }
    /// The scalar offset of byte offset `byte` (a char boundary).
    pub fn to_char(&self, byte: usize) -> usize {
        // Characters starting before `byte` contribute their extra bytes.
        let idx = self.wide.partition_point(|&(b, _)| b < byte);
        if idx == 0 {
            byte
        } else {
            byte - self.wide[idx - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_scalars() {
        let text = "a “b” é c";
        let offsets = CharOffsets::new(text);
        for (char_idx, (byte_idx, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.to_char(byte_idx), char_idx);
        }
        assert_eq!(offsets.to_char(text.len()), text.chars().count());
    }

    #[test]
    fn span_new_orders_ends() {
        let span = Span::new(5, 2);
        assert_eq!((span.start(), span.end()), (2, 5));
    }
}
