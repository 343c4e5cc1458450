//! The plain values the ledger's queries return. None of them derives
//! `Serialize`: the CLI and the server own their wire types and convert by
//! hand.

use chrono::NaiveDate;
use hearsay_core::{AttributionKind, Stance};

/// Row id of a stored article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub i64);

/// Row id of a stored statement (one attribution of one article).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatementId(pub i64);

/// Row id of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimId(pub i64);

/// Row id of an entity of the ledger (not `hearsay_core::EntityIndex`, which
/// indexes one analysis' entity list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub i64);

/// What one [`crate::Ledger::ingest`] of one article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingested {
    /// The article was new and is now stored.
    Stored {
        /// Its id.
        article: ArticleId,
        /// The earlier article it reprints, when it is a near-duplicate.
        near_duplicate_of: Option<ArticleId>,
        /// Statements stored.
        n_statements: usize,
        /// Claims created (the others joined stored claims).
        n_new_claims: usize,
    },
    /// The same text was stored before; nothing changed.
    Duplicate {
        /// The stored article.
        article: ArticleId,
    },
}

/// How many of each thing the ledger holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Articles.
    pub articles: u64,
    /// Articles that reprint no earlier one.
    pub origins: u64,
    /// Statements.
    pub statements: u64,
    /// Claims.
    pub claims: u64,
    /// Claims both asserted and denied.
    pub contested: u64,
    /// Entities.
    pub entities: u64,
}

/// A named entity, as statements refer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    /// Its id.
    pub id: EntityId,
    /// Its canonical name.
    pub name: String,
}

/// An entity with how often it speaks and relays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySummary {
    /// Its id.
    pub id: EntityId,
    /// Its canonical name.
    pub name: String,
    /// Person, organization, outlet, country or other (the wire name).
    pub kind: String,
    /// Statements it is the speaker of.
    pub n_statements: u64,
    /// Statements it relayed.
    pub n_relayed: u64,
    /// Other names it is known by: other spellings ("Zelenskiy") and bare
    /// surnames linked to it across articles ("Blair"), in the order they
    /// were recorded.
    pub aliases: Vec<String>,
}

/// What [`crate::Ledger::relink`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relinked {
    /// Entities before.
    pub entities_before: u64,
    /// Entities after.
    pub entities_after: u64,
    /// Names that are never entities (pronouns, bare descriptions), removed
    /// from their statements.
    pub dropped: u64,
    /// Entities merged into another (a cleaned name, another spelling, a
    /// surname all of whose statements went to one full name).
    pub merged: u64,
    /// Single statements of a surname given to a full name.
    pub moved: u64,
}

/// One stored statement with where it appeared.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Its id.
    pub id: StatementId,
    /// The article it is in.
    pub article: ArticleId,
    /// The article's own id (file name or record id).
    pub article_key: String,
    /// The article's outlet, when known.
    pub outlet: Option<String>,
    /// The article's publication date, when known.
    pub published: Option<NaiveDate>,
    /// The article it reprints, or itself.
    pub origin: ArticleId,
    /// The speaker, when resolved.
    pub speaker: Option<EntityRef>,
    /// The source as written ("he").
    pub source: Option<String>,
    /// The cue as written ("said").
    pub cue: Option<String>,
    /// What was said.
    pub content: String,
    /// Byte spans of the content in the article text.
    pub content_spans: Vec<(usize, usize)>,
    /// Direct, indirect or mixed.
    pub kind: AttributionKind,
    /// The speaker's stance towards the content.
    pub stance: Stance,
    /// When it was said: first and last possible day.
    pub said_on: Option<(NaiveDate, NaiveDate)>,
    /// Through whom it was relayed, nearest first.
    pub relayed_by: Vec<EntityRef>,
}

impl Statement {
    /// The day it sorts by: the last day it may have been said (the day by
    /// which it had been said), else when it was published.
    pub fn date(&self) -> Option<NaiveDate> {
        self.said_on.map(|(_, latest)| latest).or(self.published)
    }
}

/// A claim with its tallies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSummary {
    /// Its id.
    pub id: ClaimId,
    /// A short statement of the proposition.
    pub text: String,
    /// Member statements.
    pub n_statements: u64,
    /// Members that assert it.
    pub n_assert: u64,
    /// Members that deny it.
    pub n_deny: u64,
    /// Members that report it without taking a side.
    pub n_report: u64,
    /// Members that question it.
    pub n_question: u64,
    /// Distinct origin articles among the members (reprints count once).
    pub n_origins: u64,
    /// The earliest day by which a member had been said (its [`Statement::date`]).
    pub first_said: Option<NaiveDate>,
    /// Asserted (or reported) by one speaker and denied by another (see [`ClaimSummary::is_contested`]).
    pub contested: bool,
}

impl ClaimSummary {
    /// The claim board's order, both backends': contested first, then by
    /// independent origins, statements and age; each claim once, at most
    /// `limit`.
    pub(crate) fn put_in_board_order(claims: &mut Vec<ClaimSummary>, limit: usize) {
        claims.sort_by(|a, b| {
            (b.is_contested(), b.n_origins, b.n_statements, std::cmp::Reverse(a.id)).cmp(&(
                a.is_contested(),
                a.n_origins,
                a.n_statements,
                std::cmp::Reverse(b.id),
            ))
        });
        claims.dedup_by_key(|claim| claim.id);
        claims.truncate(limit);
    }

    /// Asserted (or reported) by one speaker and denied by another: two known speakers, or, where one is
    /// unknown, in two articles. One speaker both asserting and denying does not make a claim
    /// contested.
    pub fn is_contested(&self) -> bool {
        self.contested
    }
}

/// Which claims [`crate::Ledger::claims`] lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Only claims both asserted and denied.
    pub contested_only: bool,
    /// Only claims one of whose statements is said by, or names, this
    /// entity (matched by name, case-insensitively).
    pub about: Option<String>,
    /// At most this many.
    pub limit: usize,
}

/// What a statement does in a claim's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRole {
    /// The earliest statement of the claim.
    First,
    /// Said again, by its own speaker, asserting.
    Repeated,
    /// Passed on through an outlet or another relay, or reported.
    Relayed,
    /// Denied.
    Denied,
    /// Questioned.
    Questioned,
}

impl TimelineRole {
    /// The lowercase name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            TimelineRole::First => "first",
            TimelineRole::Repeated => "repeated",
            TimelineRole::Relayed => "relayed",
            TimelineRole::Denied => "denied",
            TimelineRole::Questioned => "questioned",
        }
    }
}

/// One statement in a claim's history.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEvent {
    /// What it does in the history.
    pub role: TimelineRole,
    /// Its stance towards the claim.
    pub stance: Stance,
    /// The statement.
    pub statement: Statement,
}

/// A claim's history, in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The claim.
    pub claim: ClaimSummary,
    /// Its statements: earliest first; undated ones last.
    pub events: Vec<TimelineEvent>,
}

/// A stored article without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary {
    /// Its id.
    pub id: ArticleId,
    /// Its own id (file name or record id).
    pub key: String,
    /// Where it was read from.
    pub origin_path: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The article it reprints, or itself.
    pub origin: ArticleId,
    /// Statements stored for it.
    pub n_statements: u64,
}

/// A stored article with its text and statements.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDetail {
    /// The article.
    pub summary: ArticleSummary,
    /// Its main text (spans count bytes into it).
    pub text: String,
    /// Its statements, in text order.
    pub statements: Vec<Statement>,
}

/// One statement on a claim board: who said it, when and through which
/// outlets, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// The statement.
    pub statement: StatementId,
    /// The article it appeared in.
    pub article: ArticleId,
    /// The speaker, when resolved.
    pub speaker: Option<EntityRef>,
    /// The source as written, for statements without a resolved speaker.
    pub source: Option<String>,
    /// When it was said, else when its article was published.
    pub date: Option<NaiveDate>,
    /// The outlet of the article it appeared in.
    pub outlet: Option<String>,
    /// Who relayed it, nearest first.
    pub relayed_by: Vec<EntityRef>,
}

/// A claim with its first asserting and denying voices.
///
/// "First" is in storage order, not by date: a claim repeated by thousands
/// of reprints would otherwise need all its statements read and sorted for
/// every board. Ingest order is mostly date order; the claim's earliest
/// date is in [`ClaimSummary::first_said`], and its whole history, in
/// date order, in [`crate::Ledger::timeline`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimVoices {
    /// The claim and its tallies (`n_assert` and `n_deny` count every
    /// voice, also those not listed).
    pub claim: ClaimSummary,
    /// The first statements stored that assert it, at most `per_side`,
    /// in date order.
    pub asserted_by: Vec<Voice>,
    /// The first statements stored that deny it, at most `per_side`, in
    /// date order.
    pub denied_by: Vec<Voice>,
}
