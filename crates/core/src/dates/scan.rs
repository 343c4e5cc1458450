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
struct Token {
    start: usize,
    end: usize,
    // Invariant: lowercase of `text[start..end]`.
    lower: String,
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

fn lex(text: &str) -> Vec<Token> {
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
                lower: c.to_string(),
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

fn word(text: &str, start: usize, end: usize) -> Token {
    let slice = text.get(start..end).unwrap_or("");
    Token {
        start,
        end,
        lower: slice.to_lowercase(),
        is_word: true,
        capitalised: slice.chars().next().is_some_and(char::is_uppercase),
    }
}

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

/// Prepositions and modifiers that may open a date expression; "in" and
/// "on" become part of the evidence ("on Tuesday", "in March").
const DATE_PREFIXES: &[&str] =
    &["on", "in", "since", "during", "by", "until", "from", "early", "late", "mid", "of", "before", "after"];

/// The month a capitalised word names, full or abbreviated ("Sept", "Apr").
fn month_of(token: &Token) -> Option<u32> {
    if !token.is_word || !token.capitalised {
        return None;
    }
    let w = token.lower.as_str();
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
    token.lower.len() <= 4 && !MONTHS.contains(&token.lower.as_str())
}

fn weekday_of(token: &Token) -> Option<Weekday> {
    if !token.is_word || !token.capitalised {
        return None;
    }
    Some(match token.lower.as_str() {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// A day of the month: "22", "22nd", "1st".
fn day_of(token: &Token) -> Option<u32> {
    if !token.is_word {
        return None;
    }
    let w = token.lower.as_str();
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !["", "st", "nd", "rd", "th"].contains(&suffix) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year from 1900 to 2100.
fn year_of(token: &Token) -> Option<i32> {
    if !token.is_word || token.lower.len() != 4 {
        return None;
    }
    token.lower.parse().ok().filter(|y| (1900..=2100).contains(y))
}

fn number_of(token: &Token) -> Option<u32> {
    if !token.is_word || token.lower.len() > 4 || !token.lower.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.lower.parse().ok()
}

/// A small count in words or digits ("two", "3", "a").
fn count_of(token: &Token) -> Option<u32> {
    let n = match token.lower.as_str() {
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
    tokens.get(i).is_some_and(|t| t.lower == word)
}

/// True when token `i` is `punct` and touches token `i - 1` (no space).
fn touches(tokens: &[Token], i: usize, punct: &str) -> bool {
    match (tokens.get(i.wrapping_sub(1)), tokens.get(i)) {
        (Some(before), Some(t)) => t.lower == punct && t.start == before.end,
        _ => false,
    }
}

fn match_at(tokens: &[Token], i: usize) -> Option<Matched> {
    if let Some(m) = numeric_date(tokens, i) {
        return Some(m);
    }
    if let Some(m) = phrase(tokens, i) {
        return Some(m);
    }
    // Dates and weekdays, possibly after a preposition.
    let prefixed = tokens.get(i).is_some_and(|t| DATE_PREFIXES.contains(&t.lower.as_str()));
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
    if prefixed && ["in", "since", "during", "by", "until", "from", "early", "late", "of"]
        .contains(&tokens[i].lower.as_str())
    {
        if let Some(year) = tokens.get(i + 1).and_then(year_of) {
            // Not the start of a longer number ("in 2024-25" is still 2024).
            return Some(Matched::Expression { end: i + 2, kind: TimeKind::Year(year) });
        }
    }
    None
}

fn is_preposition_before(tokens: &[Token], i: usize) -> bool {
    i > 0 && DATE_PREFIXES.contains(&tokens[i - 1].lower.as_str())
}

/// "2025-04-22", "22/04/2025", "22.04.2025".
fn numeric_date(tokens: &[Token], i: usize) -> Option<Matched> {
    let (a, b, c) = (number_of(tokens.get(i)?)?, tokens.get(i + 2), tokens.get(i + 4));
    let separator = tokens.get(i + 1)?.lower.as_str();
    if !["-", "/", "."].contains(&separator)
        || !touches(tokens, i + 1, separator)
        || !touches(tokens, i + 3, separator)
        || tokens.get(i + 3)?.start != b?.end
        || c?.start != tokens[i + 3].end
    {
        return None;
    }
    let (b, c) = (number_of(b?)?, number_of(c?)?);
    let date = if separator == "-" && tokens[i].lower.len() == 4 {
        NaiveDate::from_ymd_opt(a as i32, b, c)?
    } else if tokens[i + 4].lower.len() == 4 && separator != "-" {
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
    match first.lower.as_str() {
        "last" | "on" | "since" | "until" | "by" | "this" | "next" | "from" | "early" | "late" => {
            let day = weekday_of(tokens.get(i + 1)?)?;
            let kind = match first.lower.as_str() {
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
        if is(tokens, i + 2, "ago") {
            let days = match unit.lower.as_str() {
                "day" | "days" => Some(n),
                "week" | "weeks" => Some(7 * n),
                _ => None,
            };
            if let Some(days) = days {
                return Some(Matched::Expression { end: i + 3, kind: TimeKind::DaysAgoExactly(days) });
            }
            if ["month", "months"].contains(&unit.lower.as_str()) {
                return Some(Matched::Expression { end: i + 3, kind: TimeKind::MonthsAgoExactly(n) });
            }
        }
    }
    for (words, kind) in PHRASES {
        let matches = words.iter().enumerate().all(|(k, w)| is(tokens, i + k, w));
        if matches {
            return Some(Matched::Expression { end: i + words.len(), kind: kind.clone() });
        }
    }
    // "earlier" as an adverb ("he said earlier", "Earlier, ..."), not an
    // adjective ("an earlier report") nor part of "earlier on Tuesday".
    if first.lower == "earlier" {
        let next_is_clause_end = match tokens.get(i + 1) {
            None => true,
            Some(next) => !next.is_word || ["that", "and", "but", "he", "she", "they", "it", "the"]
                .contains(&next.lower.as_str()),
        };
        if next_is_clause_end {
            return Some(Matched::Expression { end: i + 1, kind: TimeKind::Previously });
        }
    }
    None
}
