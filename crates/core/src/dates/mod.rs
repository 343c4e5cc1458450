//! When was it said: temporal expressions in text ("on Tuesday", "last
//! week", "April 22, 2025"), resolved against the publication date to the
//! narrowest [`DateRange`] they support.
//!
//! [`find_expressions`] finds them, [`resolve`] dates one, [`said_on`] picks
//! the one that governs a statement (next to its cue verb: "said on
//! Friday", "last week denied") and ignores those of its content ("said the
//! deal was signed in March"), and [`infer_published`] guesses a
//! publication date from the absolute dates of a text.
//!
//! Relative expressions are read as past: "on Tuesday" is the most recent
//! Tuesday on or before publication (the day itself when published on a
//! Tuesday), "in March" the most recent March not after publication.

mod governs;
mod scan;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::{DateRange, Span};

pub(crate) use governs::{said_after, said_on};

/// Whether a lowercase word is a weekday's name ("monday").
pub(crate) fn is_weekday(lower: &str) -> bool {
    scan::WEEKDAYS.contains(&lower)
}

/// Whether a lowercase word is a month's full name ("march").
pub(crate) fn is_month(lower: &str) -> bool {
    scan::MONTHS.contains(&lower)
}

/// Whether an expression of this kind names one day ("on Friday",
/// "tonight", "April 22"), not a span of them.
pub(crate) fn names_one_day(kind: &TimeKind) -> bool {
    matches!(
        kind,
        TimeKind::Date(_)
            | TimeKind::DayOfMonth { .. }
            | TimeKind::Weekday(_)
            | TimeKind::LastWeekday(_)
            | TimeKind::Today
            | TimeKind::Yesterday
            | TimeKind::LastNight
    )
}

/// Whether an expression of this kind counts from the day of writing
/// ("on Tuesday", "earlier this month", "last week") rather than naming a
/// calendar month or year or a vague past ("previously").
pub(crate) fn is_deictic(kind: &TimeKind) -> bool {
    matches!(
        kind,
        TimeKind::Weekday(_)
            | TimeKind::LastWeekday(_)
            | TimeKind::Today
            | TimeKind::Yesterday
            | TimeKind::LastNight
            | TimeKind::ThisWeek
            | TimeKind::EarlierThisWeek
            | TimeKind::LastWeek
            | TimeKind::Weekend
            | TimeKind::ThisMonth
            | TimeKind::EarlierThisMonth
            | TimeKind::LastMonth
    )
}

/// A temporal expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimeExpression {
    /// Its words, with a leading "on"/"in" where the text has one.
    pub span: Span,
    /// What it says.
    pub kind: TimeKind,
}

/// What a temporal expression says, before it is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TimeKind {
    /// A full date ("April 22, 2025", "2025-04-22", "22/04/2025").
    Date(NaiveDate),
    /// A day of a month without a year ("Apr. 22", "22 April").
    DayOfMonth {
        /// 1 to 12.
        month: u32,
        /// 1 to 31.
        day: u32,
    },
    /// A month of a year ("March 2025").
    MonthOfYear {
        /// The year.
        year: i32,
        /// 1 to 12.
        month: u32,
    },
    /// A month without a year ("in March").
    Month(u32),
    /// A year ("in 2024").
    Year(i32),
    /// A weekday ("on Tuesday").
    Weekday(Weekday),
    /// "last Tuesday": the one before this week's.
    LastWeekday(Weekday),
    /// "today", "this morning", "tonight".
    Today,
    /// "yesterday".
    Yesterday,
    /// "last night", "overnight".
    LastNight,
    /// "this week".
    ThisWeek,
    /// "earlier this week".
    EarlierThisWeek,
    /// "last week": the previous Monday to Sunday.
    LastWeek,
    /// "over the weekend", "last weekend".
    Weekend,
    /// "this month".
    ThisMonth,
    /// "earlier this month".
    EarlierThisMonth,
    /// "last month".
    LastMonth,
    /// "this year".
    ThisYear,
    /// "earlier this year".
    EarlierThisYear,
    /// "last year".
    LastYear,
    /// "days after", "just days after": a few days before some anchor.
    DaysAfter,
    /// "three days after", "a week after" (in days): that long before some
    /// anchor.
    DaysAfterExactly(u32),
    /// "days ago", "a few days ago".
    DaysAgo,
    /// "two days ago", "a week ago" (in days).
    DaysAgoExactly(u32),
    /// "weeks ago".
    WeeksAgo,
    /// "months ago".
    MonthsAgo,
    /// "three months ago" (in months).
    MonthsAgoExactly(u32),
    /// "recently".
    Recently,
    /// "previously", "earlier".
    Previously,
}

/// Every temporal expression of `text`, in text order, not overlapping.
pub(crate) fn find_expressions(text: &str) -> Vec<TimeExpression> {
    scan::find(text)
}

/// The days `expression` can mean, for a text published on `published`;
/// `None` when it cannot be dated (an impossible date).
///
/// Vague expressions get a conventional width: "days after" and "days
/// ago" the 5 days before, "recently" the 30 days before, "previously"
/// the year before, "weeks ago" 1 to 6 weeks, "months ago" 1 to 12 months.
pub(crate) fn resolve(expression: &TimeExpression, published: NaiveDate) -> Option<DateRange> {
    resolve_from(expression, published, published)
}

/// Like [`resolve`], but "days after" counts back from `anchor` (the day of
/// the event it follows) rather than from publication.
pub(crate) fn resolve_from(expression: &TimeExpression, published: NaiveDate, anchor: NaiveDate) -> Option<DateRange> {
    let p = published;
    let (earliest, latest) = match expression.kind {
        TimeKind::Date(date) => (date, date),
        TimeKind::DayOfMonth { month, day } => {
            let year = if (month, day) <= (p.month(), p.day()) { p.year() } else { p.year() - 1 };
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            (date, date)
        }
        TimeKind::MonthOfYear { year, month } => month_range(year, month)?,
        TimeKind::Month(month) => {
            let year = if month <= p.month() { p.year() } else { p.year() - 1 };
            let (first, last) = month_range(year, month)?;
            (first, last.min(p))
        }
        TimeKind::Year(year) => {
            let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
            let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
            (first, if year == p.year() { p } else { last })
        }
        TimeKind::Weekday(day) => {
            let date = back(p, days_since(p.weekday(), day))?;
            (date, date)
        }
        TimeKind::LastWeekday(day) => {
            let mut n = days_since(p.weekday(), day);
            if n == 0 {
                n = 7;
            }
            let date = back(p, n)?;
            (date, date)
        }
        TimeKind::Today => (p, p),
        TimeKind::Yesterday => {
            let date = back(p, 1)?;
            (date, date)
        }
        TimeKind::LastNight => (back(p, 1)?, p),
        TimeKind::ThisWeek => (monday_of(p)?, p),
        TimeKind::EarlierThisWeek => {
            let monday = monday_of(p)?;
            (monday, back(p, 1)?.max(monday))
        }
        TimeKind::LastWeek => {
            let monday = monday_of(p)?;
            (back(monday, 7)?, back(monday, 1)?)
        }
        TimeKind::Weekend => {
            // The most recent Saturday on or before publication, and its Sunday
            // unless that is after publication.
            let saturday = back(p, days_since(p.weekday(), Weekday::Sat))?;
            (saturday, forward(saturday, 1)?.min(p))
        }
        TimeKind::ThisMonth => (p.with_day(1)?, p),
        TimeKind::EarlierThisMonth => {
            let first = p.with_day(1)?;
            (first, back(p, 1)?.max(first))
        }
        TimeKind::LastMonth => {
            let previous = p.with_day(1)?.checked_sub_months(Months::new(1))?;
            month_range(previous.year(), previous.month())?
        }
        TimeKind::ThisYear => (NaiveDate::from_ymd_opt(p.year(), 1, 1)?, p),
        TimeKind::EarlierThisYear => {
            let first = NaiveDate::from_ymd_opt(p.year(), 1, 1)?;
            (first, back(p, 1)?.max(first))
        }
        TimeKind::LastYear => {
            let year = p.year() - 1;
            (NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?)
        }
        TimeKind::DaysAfter => (back(anchor, 5)?, back(anchor, 1)?),
        TimeKind::DaysAfterExactly(n) => {
            let date = back(anchor, u64::from(n))?;
            (date, date)
        }
        TimeKind::DaysAgo => (back(p, 5)?, back(p, 1)?),
        TimeKind::DaysAgoExactly(n) => {
            let date = back(p, u64::from(n))?;
            (date, date)
        }
        TimeKind::WeeksAgo => (back(p, 42)?, back(p, 7)?),
        TimeKind::MonthsAgo => (p.checked_sub_months(Months::new(12))?, back(p, 28)?),
        TimeKind::MonthsAgoExactly(n) => {
            let date = p.checked_sub_months(Months::new(n))?;
            (back(date, 15)?, forward(date, 15)?.min(p))
        }
        TimeKind::Recently => (back(p, 30)?, back(p, 1)?),
        TimeKind::Previously => previously(p)?,
    };
    if earliest > latest {
        return None;
    }
    DateRange::new(earliest, latest, expression.span)
}

/// The latest plausible absolute date of `text` (a full date with its
/// year, from 1990 to 2100): a guess at when it was published.
pub(crate) fn infer_published(text: &str) -> Option<NaiveDate> {
    find_expressions(text)
        .into_iter()
        .filter_map(|e| match e.kind {
            TimeKind::Date(date) if (1990..=2100).contains(&date.year()) => Some(date),
            _ => None,
        })
        .max()
}

/// Days from the most recent `day` (on or before) to a day that is `today`.
fn days_since(today: Weekday, day: Weekday) -> u64 {
    let n = (today.num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
    u64::from(n)
}

/// The days "previously" (or "has said") can mean, published on `p`: the
/// year before it.
pub(crate) fn previously(p: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((back(p, 365)?, back(p, 1)?))
}

fn back(date: NaiveDate, n: u64) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(n))
}

fn forward(date: NaiveDate, n: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(n))
}

fn monday_of(date: NaiveDate) -> Option<NaiveDate> {
    back(date, u64::from(date.weekday().num_days_from_monday()))
}

/// First and last day of a month.
fn month_range(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    /// The kinds found in `text`, with their words.
    fn found(text: &str) -> Vec<(&str, TimeKind)> {
        find_expressions(text).into_iter().map(|e| (e.span.slice(text), e.kind)).collect()
    }

    /// The range of the only expression of `text`, as "earliest..latest()".
    fn range(text: &str, published: &str) -> String {
        let expressions = find_expressions(text);
        assert_eq!(expressions.len(), 1, "{text}: {expressions:?}");
        match resolve(&expressions[0], day(published)) {
            Some(r) => format!("{}..{}", r.earliest(), r.latest()),
            None => "none".to_string(),
        }
    }

    #[test]
    fn weekdays_are_the_most_recent_on_or_before() {
        // Published on Tuesday 2025-04-22.
        assert_eq!(range("said on Tuesday", "2025-04-22"), "2025-04-22..2025-04-22");
        assert_eq!(range("said on Friday", "2025-04-22"), "2025-04-18..2025-04-18");
        assert_eq!(range("on Wednesday", "2025-04-22"), "2025-04-16..2025-04-16");
        assert_eq!(range("last Tuesday", "2025-04-22"), "2025-04-15..2025-04-15");
        assert!(found("Sunday's vote").iter().any(|(_, k)| *k == TimeKind::Weekday(Weekday::Sun)));
    }

    #[test]
    fn weeks_months_years() {
        assert_eq!(range("China last week denied", "2025-04-22"), "2025-04-14..2025-04-20");
        assert_eq!(range("this week", "2025-04-22"), "2025-04-21..2025-04-22");
        assert_eq!(range("earlier this week", "2025-04-21"), "2025-04-21..2025-04-21");
        assert_eq!(range("earlier this month", "2025-04-22"), "2025-04-01..2025-04-21");
        assert_eq!(range("last month", "2025-03-10"), "2025-02-01..2025-02-28");
        assert_eq!(range("last month", "2025-01-10"), "2024-12-01..2024-12-31");
        assert_eq!(range("in March", "2025-04-22"), "2025-03-01..2025-03-31");
        assert_eq!(range("in May", "2025-04-22"), "2024-05-01..2024-05-31");
        assert_eq!(range("in April", "2025-04-22"), "2025-04-01..2025-04-22");
        assert_eq!(range("last year", "2025-04-22"), "2024-01-01..2024-12-31");
        assert_eq!(range("in 2023", "2025-04-22"), "2023-01-01..2023-12-31");
        assert_eq!(range("over the weekend", "2025-04-22"), "2025-04-19..2025-04-20");
        assert_eq!(range("over the weekend", "2025-04-19"), "2025-04-19..2025-04-19");
        assert_eq!(range("this weekend’s broadcast", "2016-09-25"), "2016-09-24..2016-09-25");
    }

    #[test]
    fn days() {
        assert_eq!(range("yesterday", "2025-03-01"), "2025-02-28..2025-02-28");
        assert_eq!(range("Today", "2025-04-22"), "2025-04-22..2025-04-22");
        assert_eq!(range("last night", "2025-04-22"), "2025-04-21..2025-04-22");
        assert_eq!(range("two days ago", "2025-04-22"), "2025-04-20..2025-04-20");
        assert_eq!(range("just days after", "2025-04-22"), "2025-04-17..2025-04-21");
        assert_eq!(range("three days after", "2025-04-22"), "2025-04-19..2025-04-19");
        assert_eq!(range("Zelenskyy previously said", "2025-04-22"), "2024-04-22..2025-04-21");
    }

    #[test]
    fn absolute_dates() {
        for text in ["April 22, 2025", "22 April 2025", "2025-04-22", "22/04/2025", "Apr. 22, 2025", "April 22nd 2025"]
        {
            assert_eq!(found(text), [(text, TimeKind::Date(day("2025-04-22")))], "{text}");
        }
        assert_eq!(found("on Apr. 22"), [("on Apr. 22", TimeKind::DayOfMonth { month: 4, day: 22 })]);
        assert_eq!(range("on 22 April", "2025-04-22"), "2025-04-22..2025-04-22");
        assert_eq!(range("on 23 April", "2025-04-22"), "2024-04-23..2024-04-23");
        assert_eq!(found("March 2025"), [("March 2025", TimeKind::MonthOfYear { year: 2025, month: 3 })]);
        assert_eq!(range("March 2025", "2025-04-22"), "2025-03-01..2025-03-31");
        // Ambiguous day and month, and impossible dates, give nothing.
        assert!(found("04/05/2025").is_empty());
        assert!(found("2025-02-30").is_empty());
    }

    #[test]
    fn words_that_are_not_dates() {
        assert!(found("He may march on, said Mr Friday's lawyer, may be").iter().all(|(w, _)| *w == "Friday"));
        assert!(found("an earlier report said").is_empty());
        // Fragments of shared/corpus/bbc-news.
        assert!(found("he told BBC Radio 4's Today programme").is_empty());
        // And of shared/eval/polnear/dev.
        assert!(found("Figueroa told USA Today.").is_empty());
        assert!(found("up from 440,000 six months earlier but").is_empty());
        assert!(found("from $639m year-earlier.").is_empty());
        assert!(found("The May government").is_empty());
        assert!(found("next Tuesday").is_empty());
    }

    #[test]
    fn published_is_the_latest_full_date() {
        let text = "Signed on 3 March 2024. — The Kyiv Independent (@KyivIndependent) April 22, 2025";
        assert_eq!(infer_published(text), Some(day("2025-04-22")));
        assert_eq!(infer_published("on Tuesday"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_scans_and_resolves_without_panic(
            text in "(\\PC|[0-9/.,\\- ]|on |in |May |Tuesday|last week|days after|April 22, ){0,40}",
            days in 0i32..80_000,
        ) {
            let published = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MIN);
            for expression in find_expressions(&text) {
                proptest::prop_assert!(text.get(expression.span.start()..expression.span.end()).is_some());
                if let Some(range) = resolve(&expression, published) {
                    proptest::prop_assert!(range.earliest() <= range.latest());
                }
            }
            let _ = infer_published(&text);
            let cue_at = text.char_indices().nth(text.chars().count() / 2).map(|(i, _)| i).unwrap_or(0);
            let _ = said_on(&text, Span::new(0, text.len()), Span::new(cue_at, cue_at), published);
            let _ = said_on(&text, Span::new(0, text.len() + 3), Span::new(1, 2), published);
        }
    }
}
