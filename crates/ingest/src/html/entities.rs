//! HTML character references (`&amp;`, `&#8217;`, `&eacute;`) decoded into text.
//!
//! The full HTML table has over 2,000 names; news pages use a few dozen. We keep
//! the Latin-1 range, typographic punctuation and a few symbols; an unknown name is
//! left as written, which is what browsers do for names they do not know.

/// Appends `raw` to `out` with character references decoded.
pub(crate) fn decode_into(raw: &str, out: &mut String) {
    let bytes = raw.as_bytes();
    let mut last = 0;
    let mut pos = 0;
    while let Some(offset) = memchr::memchr(b'&', &bytes[pos..]) {
        let amp = pos + offset;
        out.push_str(&raw[last..amp]);
        match decode_one(&raw[amp + 1..]) {
            Some((ch, used)) => {
                out.push(ch);
                last = amp + 1 + used;
            }
            None => {
                out.push('&');
                last = amp + 1;
            }
        }
        pos = last;
    }
    out.push_str(&raw[last..]);
}

/// Returns `raw` decoded.
pub(crate) fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    decode_into(raw, &mut out);
    out
}

/// Decodes the reference that starts right after an `&`: the character and the
/// number of bytes of `rest` it used (including a `;` when present).
fn decode_one(rest: &str) -> Option<(char, usize)> {
    let bytes = rest.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (radix, start) = match bytes.get(1) {
            Some(b'x') | Some(b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = bytes[start..].iter().take_while(|b| (**b as char).is_digit(radix)).count();
        if digits == 0 {
            return None;
        }
        let mut used = start + digits;
        let value = u32::from_str_radix(&rest[start..used], radix).unwrap_or(0xFFFD);
        if bytes.get(used) == Some(&b';') {
            used += 1;
        }
        return Some((numeric_char(value), used));
    }
    let name_len = bytes.iter().take(32).take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let name = &rest[..name_len];
    let ch = named(name)?;
    let used = if bytes.get(name_len) == Some(&b';') { name_len + 1 } else { name_len };
    Some((ch, used))
}

/// A numeric reference as browsers read it: C1 controls mean Windows-1252.
fn numeric_char(value: u32) -> char {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => CP1252[(value - 0x80) as usize],
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

fn named(name: &str) -> Option<char> {
    const LATIN1: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not",
        "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1",
        "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml",
        "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH",
        "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
        "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
        "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
        "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    let ch = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" | "mldr" => '…',
        "lsquo" => '‘',
        "rsquo" | "rsquor" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" | "rdquor" => '”',
        "bdquo" => '„',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "dagger" => '†',
        "Dagger" => '‡',
        "prime" => '′',
        "Prime" => '″',
        "permil" => '‰',
        "euro" => '€',
        "trade" | "TRADE" => '™',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "minus" => '−',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "infin" => '∞',
        "asymp" => '≈',
        "star" => '☆',
        "starf" => '★',
        "check" => '✓',
        "hearts" => '♥',
        "NewLine" => '\n',
        "Tab" => '\t',
        "colon" => ':',
        "comma" => ',',
        "period" => '.',
        "sol" => '/',
        "num" => '#',
        "excl" => '!',
        "quest" => '?',
        "lpar" => '(',
        "rpar" => ')',
        "dollar" => '$',
        "percnt" => '%',
        "ast" => '*',
        "plus" => '+',
        "equals" => '=',
        "lowbar" => '_',
        "verbar" | "vert" => '|',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "mu" => 'μ',
        "pi" => 'π',
        _ => {
            let index = LATIN1.iter().position(|candidate| *candidate == name)?;
            // Index < 96, so 160 + index is a Latin-1 code point.
            return char::from_u32(160 + index as u32);
        }
    };
    Some(ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_numeric_and_unknown() {
        assert_eq!(decode("a &amp; b &#8217; &#x2014; &eacute;&nbsp;&bogus; &"), "a & b ’ — é\u{a0}&bogus; &");
        assert_eq!(decode("&#150;&#0;&#99999999999;"), "–\u{FFFD}\u{FFFD}");
    }
}
