//! Publication dates as pages and feeds write them, to a calendar date.
//!
//! Inputs give ISO 8601 (`2019-11-19T10:00:00Z`, meta tags, JSON-LD, Atom),
//! RFC 2822 (`Tue, 19 Nov 2019 10:00:00 GMT`, RSS) and prose (`November 19, 2019`,
//! `19 Nov 2019`). We keep the date as written, without moving it across a time
//! zone: the local date is the one the outlet printed.

use chrono::NaiveDate;

/// The calendar date in `text`, if one of the known forms is found.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() || text.len() > 200 {
        return None;
    }
    iso_date(text).or_else(|| prose_date(text)).or_else(|| epoch_date(text))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD` at the start of `text`.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let slice = bytes.get(range)?;
        if slice.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(slice).ok()?.parse().ok()
        } else {
            None
        }
    };
    let year = digits(0..4)?;
    let (month, day) = match bytes.get(4) {
        Some(b'-') | Some(b'/') | Some(b'.') => (digits(5..7)?, digits(8..10)?),
        Some(b) if b.is_ascii_digit() => (digits(4..6)?, digits(6..8)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = word.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let position = MONTHS.iter().position(|month| lower.starts_with(month))?;
    Some(position as u32 + 1)
}

/// A day, a month name and a four-digit year in any order (`19 Nov 2019`,
/// `November 19, 2019`, `Tue, 19 Nov 2019 10:00:00 GMT`).
fn prose_date(text: &str) -> Option<NaiveDate> {
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for word in text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).take(12) {
        let trimmed = word.trim_end_matches(['.', 's', 't', 'h', 'n', 'd', 'r']);
        if let Some(number) = month_number(word).filter(|_| month.is_none()) {
            month = Some(number);
        } else if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && year.is_none() {
            year = word.parse::<i32>().ok();
        } else if !trimmed.is_empty()
            && trimmed.len() <= 2
            && trimmed.bytes().all(|b| b.is_ascii_digit())
            && day.is_none()
        {
            day = trimmed.parse::<u32>().ok();
        }
        if let (Some(day), Some(month), Some(year)) = (day, month, year) {
            return NaiveDate::from_ymd_opt(year, month, day);
        }
    }
    None
}

/// Seconds (or milliseconds) since 1970, as some exports give.
fn epoch_date(text: &str) -> Option<NaiveDate> {
    if !text.bytes().all(|b| b.is_ascii_digit()) || !(9..=13).contains(&text.len()) {
        return None;
    }
    let mut seconds: i64 = text.parse().ok()?;
    if text.len() == 13 {
        seconds /= 1000;
    }
    chrono::DateTime::from_timestamp(seconds, 0).map(|time| time.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn reads_iso_rfc2822_and_prose() {
        assert_eq!(parse_date("2019-11-19T10:00:00+05:00"), ymd(2019, 11, 19));
        assert_eq!(parse_date("2019/11/19"), ymd(2019, 11, 19));
        assert_eq!(parse_date("Tue, 19 Nov 2019 10:00:00 GMT"), ymd(2019, 11, 19));
        assert_eq!(parse_date("November 19th, 2019"), ymd(2019, 11, 19));
        assert_eq!(parse_date("1574168580"), ymd(2019, 11, 19));
        assert_eq!(parse_date("2019-13-45"), None);
        assert_eq!(parse_date("yesterday"), None);
    }
}
