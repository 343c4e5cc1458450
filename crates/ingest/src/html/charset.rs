//! Bytes of a page to text: the charset from a BOM, the HTTP header or a `<meta>`
//! declaration, with Windows-1252 as the fallback browsers use.
//!
//! Valid UTF-8 is taken as UTF-8 whatever the page declares: pages that declare
//! Latin-1 but are saved as UTF-8 are common, and the reverse cannot be valid
//! UTF-8 unless it is plain ASCII, where both agree.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// Decodes `bytes`, using `declared` (a charset label from HTTP headers) when the
/// page is not valid UTF-8.
pub(crate) fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(bytes))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text
}

/// The charset a `<meta charset>` or `<meta http-equiv content="...; charset=">`
/// declares in the first 8 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut pos = 0;
    while let Some(found) = memchr::memmem::find(&lower[pos..], b"charset") {
        let mut at = pos + found + b"charset".len();
        pos = at;
        while at < lower.len() && matches!(lower[at], b' ' | b'\t' | b'\n' | b'\r') {
            at += 1;
        }
        if lower.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < lower.len() && matches!(lower[at], b' ' | b'"' | b'\'') {
            at += 1;
        }
        let end = at
            + lower[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .count();
        if let Some(encoding) = Encoding::for_label(&lower[at..end]) {
            // A page that says UTF-8 but is not valid UTF-8 is most often 1252.
            if encoding == encoding_rs::UTF_8 {
                return None;
            }
            return Some(encoding);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_declared_latin_and_fallback() {
        let page = b"<meta charset=\"iso-8859-15\"><p>caf\xe9 \xa4</p>";
        assert_eq!(decode(page, None), "<meta charset=\"iso-8859-15\"><p>café €</p>");
        let shift_jis = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">\x93\xfa\x96\x7b";
        assert!(decode(shift_jis, None).ends_with("日本"));
        assert_eq!(decode(b"\x93quoted\x94", None), "“quoted”");
        assert_eq!(decode("ünïcode".as_bytes(), Some("latin1")), "ünïcode");
    }
}
