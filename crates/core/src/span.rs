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

/// Spans that can be asked which of them overlap a given span.
///
/// Sorted by start, with the largest end so far beside each: the spans
/// overlapping a query are found by a binary search and a walk back that
/// stops where no earlier span reaches the query, not by a scan of all of
/// them (a transcript lays out one statement a line).
pub(crate) struct Overlaps {
    // Invariant: sorted by span start; `reach[k]` is the largest end among
    // `spans[..=k]`. The `usize` is the span's index as given.
    spans: Vec<(Span, usize)>,
    reach: Vec<usize>,
}

impl Overlaps {
    /// Indexes `spans`; [`Overlaps::of`] answers with their positions in it.
    pub(crate) fn new(spans: impl IntoIterator<Item = Span>) -> Overlaps {
        let mut spans: Vec<(Span, usize)> = spans.into_iter().enumerate().map(|(i, s)| (s, i)).collect();
        spans.sort_by_key(|&(s, i)| (s.start(), i));
        let reach = spans
            .iter()
            .scan(0, |max, (s, _)| {
                *max = (*max).max(s.end());
                Some(*max)
            })
            .collect();
        Overlaps { spans, reach }
    }

    /// The positions of the indexed spans that overlap `span` (share at
    /// least one byte with it), latest start first.
    pub(crate) fn of(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let end = self.spans.partition_point(|(s, _)| s.start() < span.end());
        (0..end)
            .rev()
            .take_while(move |&k| self.reach[k] > span.start())
            .filter(move |&k| self.spans[k].0.end() > span.start())
            .map(move |k| self.spans[k].1)
    }

    /// Whether any indexed span overlaps `span`.
    pub(crate) fn any(&self, span: Span) -> bool {
        self.of(span).next().is_some()
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
    fn overlaps_finds_what_a_scan_finds() {
        // A fixed pseudo-random mix of nested, touching, empty and far spans.
        let mut x: u64 = 7;
        let mut next = |m: usize| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as usize % m
        };
        let spans: Vec<Span> = (0..300)
            .map(|_| {
                let a = next(1000);
                Span::new(a, a + next(40))
            })
            .collect();
        let index = Overlaps::new(spans.iter().copied());
        for _ in 0..500 {
            let a = next(1050);
            let query = Span::new(a, a + next(60));
            let mut got: Vec<usize> = index.of(query).collect();
            got.sort_unstable();
            let want: Vec<usize> = (0..spans.len())
                .filter(|&k| spans[k].start() < query.end() && query.start() < spans[k].end())
                .collect();
            assert_eq!(got, want, "{query:?}");
            assert_eq!(index.any(query), !want.is_empty());
        }
        assert!(!Overlaps::new([]).any(Span::new(0, 5)));
    }

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
