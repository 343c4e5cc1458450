//! What an analysis finds: attributions with their roles, speakers, dates,
//! relays and stances; the entities they refer to; and the claims that group
//! them.

use chrono::NaiveDate;

use crate::Span;

/// One role of an attribution (source, cue or content): one or more pieces of
/// text, in text order.
///
/// Invariant: `spans` is non-empty, sorted and non-overlapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    spans: Vec<Span>,
}

impl Role {
    /// A role from its pieces; `None` when there are none. Pieces are sorted
    /// and overlapping ones merged.
    pub fn new(mut spans: Vec<Span>) -> Option<Role> {
        spans.retain(|s| !s.is_empty());
        if spans.is_empty() {
            return None;
        }
        spans.sort();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start() <= last.end() => *last = last.cover(span),
                _ => merged.push(span),
            }
        }
        Some(Role { spans: merged })
    }
    /// A role of one piece.
    pub fn single(span: Span) -> Option<Role> {
        Role::new(vec![span])
    }
    /// The pieces, in text order.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }
    /// From the first piece's start to the last piece's end.
    pub fn extent(&self) -> Span {
        // Invariant of `Role`: spans is non-empty.
        let first = self.spans[0];
        let last = self.spans[self.spans.len() - 1];
        first.cover(last)
    }
    /// The pieces' text joined by " … " when there are several.
    pub fn text(&self, text: &str) -> String {
        let parts: Vec<&str> = self.spans.iter().map(|s| s.slice(text)).collect();
        parts.join(" … ")
    }
}

/// Index of an entity in [`Analysis::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityIndex(pub usize);

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A named person.
    Person,
    /// A government body, company, party or other organisation.
    Organization,
    /// A news outlet or agency (Reuters, Ukrinform, @KyivIndependent).
    Outlet,
    /// A country or its government ("Beijing", "the Chinese side").
    Country,
    /// Anything else (an anonymous source, a group of people).
    Other,
}

impl EntityKind {
    /// The lowercase name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Outlet => "outlet",
            EntityKind::Country => "country",
            EntityKind::Other => "other",
        }
    }
}

/// Someone or something a document's statements come from or pass through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest proper name the document gives it ("Volodymyr Zelenskyy").
    pub name: String,
    /// Person, organisation, outlet, country or other.
    pub kind: EntityKind,
    /// Every place the document mentions it, in text order.
    pub mentions: Vec<Span>,
}

/// The speaker's stance towards what the content says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    /// Says it is so.
    Assert,
    /// Says it is not so ("denied", "has never provided").
    Deny,
    /// Relays it without endorsing it.
    Report,
    /// Asks or doubts it.
    Question,
}

impl Stance {
    /// The lowercase name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Assert => "assert",
            Stance::Deny => "deny",
            Stance::Report => "report",
            Stance::Question => "question",
        }
    }
}

/// When something was said: the narrowest range of days the text supports.
///
/// Invariant: `earliest <= latest`; [`DateRange::new`] is the only way to
/// make one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    earliest: NaiveDate,
    latest: NaiveDate,
    evidence: Span,
}

impl DateRange {
    /// The days from `earliest` to `latest`, both included, that
    /// `evidence` names; `None` when `earliest` is after `latest`.
    pub fn new(earliest: NaiveDate, latest: NaiveDate, evidence: Span) -> Option<DateRange> {
        (earliest <= latest).then_some(DateRange { earliest, latest, evidence })
    }

    /// First possible day.
    pub fn earliest(&self) -> NaiveDate {
        self.earliest
    }

    /// Last possible day.
    pub fn latest(&self) -> NaiveDate {
        self.latest
    }

    /// The words that say so ("on Tuesday", "last week").
    pub fn evidence(&self) -> Span {
        self.evidence
    }

    /// The same days, named by words `shift` bytes further on (for a range
    /// found in a slice of the text).
    pub fn shifted(&self, shift: usize) -> DateRange {
        let evidence = Span::new(self.evidence.start() + shift, self.evidence.end() + shift);
        DateRange { evidence, ..self.clone() }
    }
}

/// How the content is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributionKind {
    /// Every content word is inside quote marks.
    Direct,
    /// No content word is inside quote marks.
    Indirect,
    /// Some are, some are not.
    Mixed,
}

impl AttributionKind {
    /// The lowercase name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Indirect => "indirect",
            AttributionKind::Mixed => "mixed",
        }
    }
}

/// One attributed statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Who or what the text says it comes from, as written ("he",
    /// "Foreign Ministry spokesman Lin Jian"); `None` when the text names none.
    pub source: Option<Role>,
    /// The words that mark it as attributed ("said", "according to").
    pub cue: Option<Role>,
    /// What was said.
    pub content: Role,
    /// Direct, indirect or mixed.
    pub kind: AttributionKind,
    /// The entity the source refers to, when it could be resolved.
    pub speaker: Option<EntityIndex>,
    /// The speaker's stance towards the content.
    pub stance: Stance,
    /// When it was said.
    pub said_on: Option<DateRange>,
    /// Through whom it reached this text, nearest first.
    pub relayed_by: Vec<EntityIndex>,
    /// Whom the words were said to, where the text says ("told reporters",
    /// "told The Post", "in an interview with CNN").
    pub addressee: Option<Addressee>,
    /// The tagger's confidence in this attribution, 0 to 1.
    pub confidence: f32,
}

impl Attribution {
    /// An attribution as extraction finds it: its spans, kind and
    /// confidence; the speaker, date and relays are left for resolution to
    /// fill in, and the stance is an assertion until it is judged.
    pub fn unresolved(
        source: Option<Role>,
        cue: Option<Role>,
        content: Role,
        kind: AttributionKind,
        confidence: f32,
    ) -> Attribution {
        Attribution {
            source,
            cue,
            content,
            kind,
            speaker: None,
            stance: Stance::Assert,
            said_on: None,
            relayed_by: Vec::new(),
            addressee: None,
            confidence,
        }
    }
}

/// Whom a statement was made to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    /// The words that name them ("reporters", "The Huffington Post").
    pub name: Span,
    /// The entity they are, when resolved (an outlet the words reached the
    /// text through).
    pub entity: Option<EntityIndex>,
}

/// One member of a claim: an attribution and its stance towards the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimMember {
    /// Index into [`Analysis::attributions`].
    pub attribution: usize,
    /// Its stance towards the claim (not necessarily its own stance: a denial
    /// of "not X" asserts X).
    pub stance: Stance,
}

/// Statements grouped by the proposition they make.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// A short statement of the proposition.
    pub text: String,
    /// The attributions that make, repeat or deny it.
    pub members: Vec<ClaimMember>,
}

/// Something odd in the text that did not stop the analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where.
    pub span: Span,
    /// What, in a lowercase sentence without a final period.
    pub message: String,
}

/// Everything one document yields.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Attributed statements, in text order of their content.
    pub attributions: Vec<Attribution>,
    /// Entities that speak or relay, indexed by [`EntityIndex`].
    pub entities: Vec<Entity>,
    /// Claims within this document.
    pub claims: Vec<Claim>,
    /// Oddities met on the way (unbalanced quotes and the like).
    pub diagnostics: Vec<Diagnostic>,
}
