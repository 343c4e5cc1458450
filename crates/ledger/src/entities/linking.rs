//! Which full-name person a bare surname is, across articles.
//!
//! The rule, the same at ingest and in a relink: take the person entities
//! whose name ends in the surname and who spoke in the period (see
//! [`super::PERIOD_DAYS`]). Names that end in the same two words ("Tony
//! Blair", "Labour's Tony Blair") are one candidate. Link when exactly
//! one candidate spoke in the period, at least [`MIN_SUPPORT`] times;
//! never when two did ("Gordon Brown" and "Nick Brown"): a wrong merge
//! misattributes statements, a missed one only leaves a surname listed.

use chrono::NaiveDate;

use super::PERIOD_DAYS;

/// Statements a full name must have in the period before a bare surname
/// is linked to it: one or two may be a namesake the article did not name
/// in full, or an extraction slip.
pub(crate) const MIN_SUPPORT: u64 = 3;

/// A full-name person that a bare surname may be.
#[derive(Debug, Clone)]
pub(crate) struct Candidate<'a> {
    pub(crate) id: i64,
    pub(crate) norm: &'a str,
    /// Its statements in the period.
    pub(crate) n_in_period: u64,
}

/// The entity a bare surname is, among `candidates` (every person whose
/// name ends in it); `None` when there is none or more than one in the
/// period.
pub(crate) fn choose(candidates: &[Candidate<'_>]) -> Option<i64> {
    let mut leader: Option<(&str, u64)> = None;
    for candidate in candidates.iter().filter(|c| c.n_in_period > 0) {
        let tail = two_word_tail(candidate.norm);
        match &mut leader {
            None => leader = Some((tail, candidate.n_in_period)),
            Some((leading, n)) if *leading == tail => *n += candidate.n_in_period,
            Some(_) => return None,
        }
    }
    let (tail, n) = leader?;
    if n < MIN_SUPPORT {
        return None;
    }
    // The plain two-word name when stored, else the most quoted form.
    let members = candidates.iter().filter(|c| two_word_tail(c.norm) == tail);
    members.max_by_key(|c| (c.norm == tail, c.n_in_period, std::cmp::Reverse(c.id))).map(|c| c.id)
}

/// Statements dated within the period around `at` (all of them when the
/// article is undated). `dated` is sorted.
pub(crate) fn count_in_period(dated: &[NaiveDate], undated: u64, at: Option<NaiveDate>) -> u64 {
    let Some(at) = at else {
        return dated.len() as u64 + undated;
    };
    let (from, to) = period(at);
    let start = dated.partition_point(|d| *d < from);
    let end = dated.partition_point(|d| *d <= to);
    (end - start) as u64
}

/// The first and last day of the period around `at`.
pub(crate) fn period(at: NaiveDate) -> (NaiveDate, NaiveDate) {
    let days = chrono::Days::new(PERIOD_DAYS as u64);
    (at.checked_sub_days(days).unwrap_or(NaiveDate::MIN), at.checked_add_days(days).unwrap_or(NaiveDate::MAX))
}

fn two_word_tail(norm: &str) -> &str {
    let mut spaces = norm.rmatch_indices(' ').map(|(at, _)| at);
    match (spaces.next(), spaces.next()) {
        (Some(_), Some(second)) => &norm[second + 1..],
        _ => norm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: i64, norm: &str, n_in_period: u64) -> Candidate<'_> {
        Candidate { id, norm, n_in_period }
    }

    #[test]
    fn one_candidate_links_two_do_not() {
        assert_eq!(choose(&[candidate(1, "gordon brown", 40)]), Some(1));
        assert_eq!(choose(&[candidate(1, "gordon brown", 40), candidate(2, "nick brown", 1)]), None);
        // Out of the period, a namesake does not compete.
        assert_eq!(choose(&[candidate(1, "gordon brown", 40), candidate(2, "nick brown", 0)]), Some(1));
        assert_eq!(choose(&[candidate(1, "gordon brown", 2)]), None);
        assert_eq!(choose(&[]), None);
    }

    #[test]
    fn forms_of_one_full_name_are_one_candidate() {
        let forms = [candidate(1, "tory mp boris johnson", 5), candidate(2, "boris johnson", 3)];
        assert_eq!(choose(&forms), Some(2));
    }

    #[test]
    fn periods_count_dated_statements_around_the_day() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let dated = [day("2004-01-10"), day("2005-01-10"), day("2009-06-01")];
        assert_eq!(count_in_period(&dated, 4, None), 7);
        assert_eq!(count_in_period(&dated, 4, Some(day("2004-09-01"))), 1);
        assert_eq!(count_in_period(&dated, 4, Some(day("2004-07-11"))), 2);
        assert_eq!(count_in_period(&dated, 4, Some(day("2007-01-01"))), 0);
    }
}
