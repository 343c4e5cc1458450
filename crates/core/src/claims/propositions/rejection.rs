//! What a denial rejects, within its article.
//!
//! News gives a claim and then its answer: "BuzzFeed News reported that he was working on a
//! book. Mr. Lewandowski has denied that he was working on a book"; "Fields says the campaign
//! manager yanked her arm. The Trump campaign has denied it happened". The answer is the
//! contest users look for, but across articles the pair model sees only its words, and "denied
//! it happened" has none to match. So a statement that rejects a claim ([`super::rejects_a_claim`])
//! is first matched to the statement it answers in its own article, one by another side
//! ([`other_side`]) that is no denial itself:
//! - the statement among the [`ARTICLE_REACH`] before or after it (a headline's denial opens
//!   the story of what it denies) most likely the same claim by the pair model
//!   ([`ClaimModel::link_probability`]) at [`SAME_ARTICLE_LINK`] or more, or, where either is
//!   too light to be scored ("that he was working on a book"), whose words are nearly the
//!   denial's (cosine [`SAME_WORDS`]);
//! - else, when the denial has no proposition of its own and points back ("denied it happened",
//!   "rejected that argument"; not "denied any wrongdoing"), the nearest statement with one
//!   among the [`ANAPHORA_REACH`] before it;
//! - else, for a denial too light for the pair model, the nearest statement said before it that
//!   the article's own grouping (core's in-article claims, concept keys) puts with it: "China
//!   was supplying weapons" ... "China staunchly denied providing weapons".
//!
//! The ledger puts the denial in the claim of what it rejects (`crates/ledger`'s claim index),
//! so that the claim has both sides.

use super::model::ClaimModel;
use super::statement::Proposition;
use crate::lexicon::WordClass;
use crate::text::words::letter_runs;

/// One statement of an article as [`rejected_statements`] reads it, in article order.
pub struct Said<'a> {
    /// The speaker's name (its entity's, else its source as written); `None` when unknown.
    pub speaker: Option<&'a str>,
    /// Its content as written.
    pub content: &'a str,
    /// Its content, analysed.
    pub statement: &'a Proposition,
    /// Whether it rejects a claim (a denial: [`super::rejects_a_claim`] and a denying stance).
    pub rejects: bool,
}

/// How many statements before a denial with no proposition of its own may be what it rejects:
/// "it", "that argument" and "the charges" point at what was just said.
pub const ANAPHORA_REACH: usize = 2;

/// How many statements before and after a denial are compared with it.
pub const ARTICLE_REACH: usize = 12;

/// The least link probability at which another statement of the same article is what a denial
/// rejects: above the news model's own link threshold (0.3), since in one article every pair
/// shares its topic and date, which the model reads as evidence. Chosen looking at the PolNeAR claim board (README): at 0.5 a headline's "Trump Denies
/// Mike Tyson Invited to Appear at GOP Convention" missed the report it denies (0.42); below
/// 0.4 the pairs are mostly one topic's.
pub const SAME_ARTICLE_LINK: f64 = 0.4;

/// The least cosine at which a denial matches another statement of its article when either
/// is too light to be scored by the pair model.
pub const SAME_WORDS: f64 = 0.8;

/// For each statement of an article, the statement it rejects, if it is a denial and one is
/// found (see the module doc).
///
/// `article_claims` are the article's own claims (core's in-article grouping,
/// [`crate::Analysis::claims`]: each the indices of its members), the last resort.
pub fn rejected_statements(model: &ClaimModel, said: &[Said<'_>], article_claims: &[Vec<usize>]) -> Vec<Option<usize>> {
    let mut targets = vec![None; said.len()];
    for (i, denial) in said.iter().enumerate() {
        if !denial.rejects {
            continue;
        }
        let answered = |j: &usize| !said[*j].rejects && other_side(denial.speaker, said[*j].speaker);
        let proposition = denial.statement.is_proposition(model);
        // Where either side is too light for the pair model ("that he was working on a book"),
        // they match on their words alone, which must be nearly the same.
        let matched = (i.saturating_sub(ARTICLE_REACH)..said.len().min(i + ARTICLE_REACH + 1))
            .filter(|&j| j != i)
            .filter(answered)
            .filter_map(|j| {
                let earlier = said[j].statement;
                let (score, least) = match model.link_probability(denial.statement, earlier) {
                    Some(p) => (p, SAME_ARTICLE_LINK),
                    None => (denial.statement.cosine(earlier), SAME_WORDS),
                };
                (score >= least).then_some((score, j))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, j)| j);
        let pointed = || {
            if proposition || !points_back(denial.content) {
                return None;
            }
            (i.saturating_sub(ANAPHORA_REACH)..i)
                .rev()
                .filter(answered)
                .find(|&j| said[j].statement.is_proposition(model) && said[j].statement.starts())
        };
        // For a light denial, the article's own grouping ("China was supplying weapons" ...
        // "China staunchly denied providing weapons"): the nearest claim-mate said before it. A
        // lone relative pronoun ("which Mr. Ailes denies") rejects a noun of its sentence, not a
        // statement.
        let grouped = || {
            if proposition || is_relative_clause(denial.content) {
                return None;
            }
            article_claims
                .iter()
                .filter(|members| members.contains(&i))
                .flat_map(|members| members.iter().copied().filter(|&j| j < i && j < said.len() && answered(&j)))
                .max()
        };
        targets[i] = matched.or_else(pointed).or_else(grouped);
    }
    targets
}

/// Whether a content with no proposition of its own points back at something said: by a noun
/// of saying ("the charges", "that argument", "Clinton's claim", [`WordClass::CLAIM_NOUN`]) or
/// by a pronoun opening it ("it happened", "that, too", "his comments were 'Mostly False'"). "Any wrongdoing" rejects in general;
/// a lone "which" opens a relative clause, whose antecedent is a noun of its own sentence.
fn points_back(content: &str) -> bool {
    let words: Vec<String> = letter_runs(content).into_iter().map(str::to_lowercase).collect();
    let Some(first) = words.first().map(String::as_str) else { return false };
    words.iter().any(|w| WordClass::CLAIM_NOUN.has(w.as_str()))
        || WordClass::GROUP_PRONOUN.has(first)
        || WordClass::PERSON_PRONOUN.has(first)
        || (WordClass::RELATIVE_PRONOUN.has(first) && words.len() >= 2)
}

/// Whether a content is a lone relative pronoun ("which"), as a relative clause's denial gives.
fn is_relative_clause(content: &str) -> bool {
    matches!(letter_runs(content)[..], [w] if WordClass::RELATIVE_PRONOUN.has(w.to_lowercase().as_str()))
}

/// Whether two speakers are known and on different sides: they share no name word ("Trump
/// campaign" and "Donald Trump" are one side; "Harry M. Reid D-Nev." and "Harry Reid" one
/// speaker). A pronoun (an unresolved "he") is no known speaker.
pub fn other_side(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    sides_differ(&side_words(a), &side_words(b))
}

/// [`other_side`] on [`side_words`] already taken: both known, and no word shared.
pub fn sides_differ(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|w| b.contains(w))
}

/// The words that tell a speaker's side: a name's capitalised words, or for a plain description
/// ("the university") all its words; less function words and pronouns, lowercased. Empty for a
/// pronoun ("he", "who"): no known speaker.
pub fn side_words(name: &str) -> Vec<String> {
    let all: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !WordClass::CAPITALISED_FUNCTION_WORD.has(w))
        .collect();
    let named: Vec<&str> = all.iter().copied().filter(|w| w.starts_with(char::is_uppercase)).collect();
    let chosen = if named.is_empty() { all } else { named };
    chosen
        .into_iter()
        .map(str::to_lowercase)
        .filter(|w| {
            let w = w.as_str();
            !(WordClass::PERSON_PRONOUN.has(w) || WordClass::GROUP_PRONOUN.has(w) || WordClass::RELATIVE_PRONOUN.has(w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denial_finds_the_claim_it_answers_in_its_article() {
        let model = ClaimModel::builtin();
        let contents = [
            ("BuzzFeed News", "that Corey Lewandowski was writing a book about the Trump campaign", false),
            ("Mark Singer", "the restaurant on the corner serves the best soup in the city", false),
            ("Corey Lewandowski", "that he was writing a book about the Trump campaign", true),
            ("Michelle Fields", "Trump's campaign manager grabbed her arm and yanked her out of the way", false),
            ("Trump campaign", "it happened", true),
            ("Donald Trump", "the reporter made up the whole story", true),
            ("Roger Ailes", "which", true),
            ("Roger Ailes", "any wrongdoing", true),
            ("Gabriel Sherman", "that Fox News paid a three million dollar settlement to a former booker", false),
            ("Roger Ailes", "the charges", true),
        ];
        let statements: Vec<Proposition> = contents.iter().map(|(_, c, _)| model.statement(c, Some("said"))).collect();
        let said: Vec<Said<'_>> = contents
            .iter()
            .zip(&statements)
            .map(|((speaker, content, rejects), statement)| Said {
                speaker: Some(speaker),
                content,
                statement,
                rejects: *rejects,
            })
            .collect();
        let targets = rejected_statements(&model, &said, &[]);
        assert_eq!(targets[2], Some(0), "the book denial answers BuzzFeed's report");
        assert_eq!(targets[4], Some(3), "'denied it happened' answers the statement before it");
        // Trump's side answering Trump's campaign's own words is no contest; nothing else matches.
        assert_eq!(targets[5], None);
        assert_eq!(targets[0], None);
        // A lone relative pronoun and a general denial point at no statement; "the charges" does.
        assert_eq!(targets[6..], [None, None, None, Some(8)]);
    }

    #[test]
    fn sides_share_no_name_word() {
        assert!(other_side(Some("Michelle Fields"), Some("Trump campaign")));
        assert!(!other_side(Some("Donald Trump"), Some("Trump campaign")));
        assert!(!other_side(Some("Harry M. Reid D-Nev."), Some("Harry Reid")));
        assert!(!other_side(None, Some("Harry Reid")));
        assert!(!other_side(Some("he"), Some("Harry Reid")));
        assert!(other_side(Some("The university"), Some("The network")));
    }
}
