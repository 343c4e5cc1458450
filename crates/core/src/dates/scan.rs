//! Finding temporal expressions: a small lexer (words, numbers, single
//! punctuation marks, each with its byte span) and hand-written matchers
//! tried at each token, longest form first.
//!
//! Month and weekday names must be capitalised ("in March", not "march
//! on"); "May" counts only next to a day or year or after a preposition
//! ("in May"), so the modal verb is never a month.

use chrono::{NaiveDate, Weekday};

use super::{TimeExpression, TimeKind};
use crate::Span;

/// A token of the lexer.
#[derive(Debug, Clone)]
struct Token<'t> {
    start: usize,
    end: usize,
    // Invariant: the text's `[start..end]`. Compared without regard to ASCII case;
    // no lowercase copy is made, which keeps the scan allocation-light.
    text: &'t str,
    // True for a run of letters and digits; false for one punctuation char.
    is_word: bool,
    capitalised: bool,
}

/// Every temporal expression of `text`, in text order, not overlapping.
pub(super) fn find(text: &str) -> Vec<TimeExpression> {
    let tokens = lex(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match match_at(&tokens, i) {
            Some(Matched::Expression { end, kind }) => {
                let span = Span::new(tokens[i].start, tokens[end - 1].end);
                found.push(TimeExpression { span, kind });
                i = end;
            }
            // A form we recognise but do not resolve ("next Tuesday"):
            // consumed so its parts are not read on their own.
            Some(Matched::Skip { end }) => i = end,
            None => i += 1,
        }
    }
    found
}

enum Matched {
    Expression { end: usize, kind: TimeKind },
    Skip { end: usize },
}

fn lex(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(start) = word_start.take() {
            tokens.push(word(text, start, i));
        }
        if !c.is_whitespace() {
            let end = i + c.len_utf8();
            tokens.push(Token {
                start: i,
                end,
                text: text.get(i..end).unwrap_or(""),
                is_word: false,
                capitalised: false,
            });
        }
    }
    if let Some(start) = word_start {
        tokens.push(word(text, start, text.len()));
    }
    tokens
}

fn word(text: &str, start: usize, end: usize) -> Token<'_> {
    let slice = text.get(start..end).unwrap_or("");
    Token { start, end, text: slice, is_word: true, capitalised: slice.chars().next().is_some_and(char::is_uppercase) }
}

/// `token` in lowercase, in `buffer`; empty for words longer than the
/// buffer or not ASCII, which no keyword is.
fn lower<'b>(token: &Token<'_>, buffer: &'b mut [u8; 16]) -> &'b str {
    let bytes = token.text.as_bytes();
    if bytes.len() > buffer.len() || !token.text.is_ascii() {
        return "";
    }
    for (slot, byte) in buffer.iter_mut().zip(bytes) {
        *slot = byte.to_ascii_lowercase();
    }
    std::str::from_utf8(&buffer[..bytes.len()]).unwrap_or("")
}

/// True when `token` is one of `words` (ASCII case ignored).
fn in_list(token: &Token<'_>, words: &[&str]) -> bool {
    words.iter().any(|w| token.text.eq_ignore_ascii_case(w))
}

/// Month names, lowercase, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lowercase, Monday first (as chrono numbers them).
pub(crate) const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Prepositions and modifiers that may open a date expression; "in" and
/// "on" become part of the evidence ("on Tuesday", "in March").
const DATE_PREFIXES: &[&str] =
    &["on", "in", "since", "during", "by", "until", "from", "early", "late", "mid", "of", "before", "after"];

/// The month a capitalised word names, full or abbreviated ("Sept", "Apr").
fn month_of(token: &Token) -> Option<u32> {
    if !token.is_word || !token.capitalised {
        return None;
    }
    let mut buffer = [0u8; 16];
    let w = lower(token, &mut buffer);
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    let abbreviation = match w {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(abbreviation)
}

fn is_abbreviated(token: &Token) -> bool {
    token.text.len() <= 4 && !in_list(token, &MONTHS)
}

fn weekday_of(token: &Token) -> Option<Weekday> {
    if !token.is_word || !token.capitalised {
        return None;
    }
    let mut buffer = [0u8; 16];
    let w = lower(token, &mut buffer);
    WEEKDAYS.iter().position(|d| *d == w).and_then(|i| Weekday::try_from(i as u8).ok())
}

/// A day of the month: "22", "22nd", "1st".
fn day_of(token: &Token) -> Option<u32> {
    if !token.is_word {
        return None;
    }
    let mut buffer = [0u8; 16];
    let w = lower(token, &mut buffer);
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !["", "st", "nd", "rd", "th"].contains(&suffix) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year from 1900 to 2100.
fn year_of(token: &Token) -> Option<i32> {
    if !token.is_word || token.text.len() != 4 {
        return None;
    }
    token.text.parse().ok().filter(|y| (1900..=2100).contains(y))
}

fn number_of(token: &Token) -> Option<u32> {
    if !token.is_word || token.text.len() > 4 || !token.text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.text.parse().ok()
}

/// A small count in words or digits ("two", "3", "a").
fn count_of(token: &Token) -> Option<u32> {
    let mut buffer = [0u8; 16];
    let n = match lower(token, &mut buffer) {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => return number_of(token).filter(|n| (1..=400).contains(n)),
    };
    Some(n)
}

fn is(tokens: &[Token], i: usize, word: &str) -> bool {
    tokens.get(i).is_some_and(|t| t.text.eq_ignore_ascii_case(word))
}

/// True when token `i` is `punct` and touches token `i - 1` (no space).
fn touches(tokens: &[Token], i: usize, punct: &str) -> bool {
    match (tokens.get(i.wrapping_sub(1)), tokens.get(i)) {
        (Some(before), Some(t)) => t.text == punct && t.start == before.end,
        _ => false,
    }
}

/// A cheap test that rules out most words before the matchers run (a
/// `match` on the lowercase word compiles to a few comparisons, where a list
/// scan per word made the whole scan three times slower): numbers and
/// capitalised words (months, weekdays, sentence starts) are always tried,
/// lowercase words only when they can start an expression.
fn may_start(token: &Token<'_>) -> bool {
    let Some(&first) = token.text.as_bytes().first() else {
        return false;
    };
    if !token.is_word {
        return false;
    }
    if first.is_ascii_digit() || first.is_ascii_uppercase() {
        return true;
    }
    let mut buffer = [0u8; 16];
    matches!(
        lower(token, &mut buffer),
        "a" | "an"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "just"
            | "only"
            | "days"
            | "weeks"
            | "months"
            | "earlier"
            | "this"
            | "today"
            | "tonight"
            | "yesterday"
            | "last"
            | "overnight"
            | "over"
            | "at"
            | "previously"
            | "recently"
            | "on"
            | "in"
            | "since"
            | "during"
            | "by"
            | "until"
            | "from"
            | "early"
            | "late"
            | "mid"
            | "of"
            | "before"
            | "after"
            | "next"
    )
}

fn match_at(tokens: &[Token], i: usize) -> Option<Matched> {
    if !may_start(tokens.get(i)?) {
        return None;
    }
    if let Some(m) = numeric_date(tokens, i) {
        return Some(m);
    }
    if let Some(m) = phrase(tokens, i) {
        return Some(m);
    }
    // Dates and weekdays, possibly after a preposition.
    let prefixed = tokens.get(i).is_some_and(|t| in_list(t, DATE_PREFIXES));
    let mut start = if prefixed { i + 1 } else { i };
    // "mid-March".
    if prefixed && is(tokens, i, "mid") && touches(tokens, start, "-") {
        start += 1;
    }
    let matched = named_date(tokens, start, prefixed || is_preposition_before(tokens, i));
    if matched.is_some() {
        return matched;
    }
    if let Some(m) = weekday(tokens, i) {
        return Some(m);
    }
    if prefixed && in_list(&tokens[i], &["in", "since", "during", "by", "until", "from", "early", "late", "of"]) {
        if let Some(year) = tokens.get(i + 1).and_then(year_of) {
            // Not the start of a longer number ("in 2024-25" is still 2024).
            return Some(Matched::Expression { end: i + 2, kind: TimeKind::Year(year) });
        }
    }
    None
}

fn is_preposition_before(tokens: &[Token], i: usize) -> bool {
    i > 0 && in_list(&tokens[i - 1], DATE_PREFIXES)
}

/// "2025-04-22", "22/04/2025", "22.04.2025".
fn numeric_date(tokens: &[Token], i: usize) -> Option<Matched> {
    let (a, b, c) = (number_of(tokens.get(i)?)?, tokens.get(i + 2), tokens.get(i + 4));
    let separator = tokens.get(i + 1)?.text;
    if !["-", "/", "."].contains(&separator)
        || !touches(tokens, i + 1, separator)
        || !touches(tokens, i + 3, separator)
        || tokens.get(i + 3)?.start != b?.end
        || c?.start != tokens[i + 3].end
    {
        return None;
    }
    let (b, c) = (number_of(b?)?, number_of(c?)?);
    let date = if separator == "-" && tokens[i].text.len() == 4 {
        NaiveDate::from_ymd_opt(a as i32, b, c)?
    } else if tokens[i + 4].text.len() == 4 && separator != "-" {
        let year = c as i32;
        if separator == "." || a > 12 {
            NaiveDate::from_ymd_opt(year, b, a)?
        } else if b > 12 || a == b {
            NaiveDate::from_ymd_opt(year, a, b)?
        } else {
            // "04/05/2025": day-month or month-day; we cannot tell.
            return Some(Matched::Skip { end: i + 5 });
        }
    } else {
        return None;
    };
    Some(Matched::Expression { end: i + 5, kind: TimeKind::Date(date) })
}

/// Month-name dates starting at `i`: "April 22, 2025", "22 April 2025",
/// "Apr. 22", "22 April", "March 2025", and a bare month after a
/// preposition ("in March"). `after_preposition` allows the bare month.
fn named_date(tokens: &[Token], i: usize, after_preposition: bool) -> Option<Matched> {
    let first = tokens.get(i)?;
    // Month first.
    if let Some(month) = month_of(first) {
        let mut j = i + 1;
        if is_abbreviated(first) && touches(tokens, j, ".") {
            j += 1;
        }
        if let Some(day) = tokens.get(j).and_then(day_of) {
            let mut k = j + 1;
            if is(tokens, k, ",") {
                k += 1;
            }
            if let Some(year) = tokens.get(k).and_then(year_of) {
                let date = NaiveDate::from_ymd_opt(year, month, day)?;
                return Some(Matched::Expression { end: k + 1, kind: TimeKind::Date(date) });
            }
            return Some(Matched::Expression { end: j + 1, kind: TimeKind::DayOfMonth { month, day } });
        }
        if let Some(year) = tokens.get(j).and_then(year_of) {
            return Some(Matched::Expression { end: j + 1, kind: TimeKind::MonthOfYear { year, month } });
        }
        // An abbreviation alone is too weak ("Mar" could be a name).
        if after_preposition && !is_abbreviated(first) {
            return Some(Matched::Expression { end: i + 1, kind: TimeKind::Month(month) });
        }
        return None;
    }
    // Day first.
    let day = day_of(first)?;
    let mut j = i + 1;
    if is(tokens, j, "of") {
        j += 1;
    }
    let month_token = tokens.get(j)?;
    let month = month_of(month_token)?;
    let mut k = j + 1;
    if is_abbreviated(month_token) && touches(tokens, k, ".") {
        k += 1;
    }
    if let Some(year) = tokens.get(k).and_then(year_of) {
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        return Some(Matched::Expression { end: k + 1, kind: TimeKind::Date(date) });
    }
    Some(Matched::Expression { end: k, kind: TimeKind::DayOfMonth { month, day } })
}

/// "on Tuesday", "Tuesday", "last Friday"; "next Friday" is skipped.
fn weekday(tokens: &[Token], i: usize) -> Option<Matched> {
    let first = tokens.get(i)?;
    let mut buffer = [0u8; 16];
    let first_lower = lower(first, &mut buffer);
    match first_lower {
        "last" | "on" | "since" | "until" | "by" | "this" | "next" | "from" | "early" | "late" => {
            let day = weekday_of(tokens.get(i + 1)?)?;
            let kind = match first_lower {
                "last" => TimeKind::LastWeekday(day),
                "next" => return Some(Matched::Skip { end: i + 2 }),
                _ => TimeKind::Weekday(day),
            };
            Some(Matched::Expression { end: i + 2, kind })
        }
        _ => {
            let day = weekday_of(first)?;
            Some(Matched::Expression { end: i + 1, kind: TimeKind::Weekday(day) })
        }
    }
}

/// Fixed relative phrases ("last week", "just days after", "two days ago").
fn phrase(tokens: &[Token], i: usize) -> Option<Matched> {
    const PHRASES: &[(&[&str], TimeKind)] = &[
        (&["just", "days", "after"], TimeKind::DaysAfter),
        (&["only", "days", "after"], TimeKind::DaysAfter),
        (&["days", "after"], TimeKind::DaysAfter),
        (&["a", "few", "days", "ago"], TimeKind::DaysAgo),
        (&["days", "ago"], TimeKind::DaysAgo),
        (&["weeks", "ago"], TimeKind::WeeksAgo),
        (&["months", "ago"], TimeKind::MonthsAgo),
        (&["earlier", "today"], TimeKind::Today),
        (&["earlier", "on", "today"], TimeKind::Today),
        (&["this", "morning"], TimeKind::Today),
        (&["this", "afternoon"], TimeKind::Today),
        (&["this", "evening"], TimeKind::Today),
        (&["today"], TimeKind::Today),
        (&["tonight"], TimeKind::Today),
        (&["yesterday"], TimeKind::Yesterday),
        (&["last", "night"], TimeKind::LastNight),
        (&["overnight"], TimeKind::LastNight),
        (&["earlier", "this", "week"], TimeKind::EarlierThisWeek),
        (&["this", "week"], TimeKind::ThisWeek),
        (&["last", "week"], TimeKind::LastWeek),
        (&["over", "the", "weekend"], TimeKind::Weekend),
        (&["at", "the", "weekend"], TimeKind::Weekend),
        (&["this", "weekend"], TimeKind::Weekend),
        (&["last", "weekend"], TimeKind::Weekend),
        (&["this", "weekend"], TimeKind::Weekend),
        (&["earlier", "this", "month"], TimeKind::EarlierThisMonth),
        (&["earlier", "in", "the", "month"], TimeKind::EarlierThisMonth),
        (&["this", "month"], TimeKind::ThisMonth),
        (&["last", "month"], TimeKind::LastMonth),
        (&["earlier", "this", "year"], TimeKind::EarlierThisYear),
        (&["this", "year"], TimeKind::ThisYear),
        (&["last", "year"], TimeKind::LastYear),
        (&["previously"], TimeKind::Previously),
        (&["recently"], TimeKind::Recently),
    ];
    let first = tokens.get(i)?;
    if !first.is_word {
        return None;
    }
    // "two days ago", "a week ago", "three months ago".
    if let (Some(n), Some(unit)) = (count_of(first), tokens.get(i + 1)) {
        // "three days after", "a week after".
        if is(tokens, i + 2, "after") {
            let days = match () {
                _ if in_list(unit, &["day", "days"]) => Some(n),
                _ if in_list(unit, &["week", "weeks"]) => Some(7 * n),
                _ => None,
            };
            if let Some(days) = days {
                return Some(Matched::Expression { end: i + 3, kind: TimeKind::DaysAfterExactly(days) });
            }
        }
        if is(tokens, i + 2, "ago") {
            let mut buffer = [0u8; 16];
            let unit = lower(unit, &mut buffer);
            let days = match unit {
                "day" | "days" => Some(n),
                "week" | "weeks" => Some(7 * n),
                _ => None,
            };
            if let Some(days) = days {
                return Some(Matched::Expression { end: i + 3, kind: TimeKind::DaysAgoExactly(days) });
            }
            if unit == "month" || unit == "months" {
                return Some(Matched::Expression { end: i + 3, kind: TimeKind::MonthsAgoExactly(n) });
            }
        }
    }
    // BBC Radio 4's "Today programme" and "USA Today" are not days.
    if first.text.eq_ignore_ascii_case("today") {
        let show = tokens.get(i + 1).is_some_and(|t| in_list(t, &["programme", "program", "show"]));
        let paper = i > 0 && tokens[i - 1].text == "USA";
        if show || paper {
            return Some(Matched::Skip { end: i + 1 });
        }
    }
    let mut buffer = [0u8; 16];
    let first_lower = lower(first, &mut buffer);
    for (words, kind) in PHRASES {
        // Later words in lowercase: "This Morning" mid-phrase is a TV show
        // ("told CBS This Morning on Monday"), not today.
        let matches = words.first() == Some(&first_lower)
            && words
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, w)| is(tokens, i + k, w) && !tokens.get(i + k).is_some_and(|t| t.capitalised));
        if matches {
            return Some(Matched::Expression { end: i + words.len(), kind: kind.clone() });
        }
    }
    // "earlier" as an adverb ("he said earlier", "Earlier, ..."), not an
    // adjective ("an earlier report") nor part of "earlier on Tuesday".
    // Nor is "earlier" after a length ("six months earlier", "year-earlier").
    let after_length = i > 0
        && (touches(tokens, i, "-")
            || touches(tokens, i - 1, "-")
            || in_list(
                &tokens[i - 1],
                &["day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "much"],
            ));
    if first.text.eq_ignore_ascii_case("earlier") && !after_length {
        let next_is_clause_end = match tokens.get(i + 1) {
            None => true,
            Some(next) => !next.is_word || in_list(next, &["that", "and", "but", "he", "she", "they", "it", "the"]),
        };
        if next_is_clause_end {
            return Some(Matched::Expression { end: i + 1, kind: TimeKind::Previously });
        }
    }
    None
}
