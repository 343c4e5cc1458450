//! Claims across articles: which stored claim a new statement joins.
//!
//! The decision is core's ([`hearsay_core::claims::propositions`]): each statement that states a
//! proposition is analysed by the [`ClaimModel`] and added to an [`IncrementalGrouper`], which
//! joins it to the stored claim with the best average link, pairs it with a single statement at
//! the seed threshold, or leaves it alone (docs/claims-method.md, "Grouping"). `hearsay group`
//! runs the batch form of the same model; [`crate::Ledger::regroup`] rebuilds a ledger's claims
//! with it.
//!
//! What the ledger adds, and why:
//! - **A claim is stored once it is one.** A grouper claim becomes a row of `claims` when it has
//!   two statements, or one whose content has a main verb ([`Proposition::starts`]): a bare noun
//!   phrase or a fragment does not start a claim, and a content too light to be a proposition
//!   ([`Proposition::is_proposition`]) is never grouped by the model at all.
//! - **What a denial rejects.** A denial joins the claim of the statement it answers in its own
//!   article ([`rejected_statements`]: "BuzzFeed reported that he was writing a book ... he has
//!   denied that he was writing a book"; "Fields says ... the campaign has denied it happened"),
//!   even when one of them is too light to be grouped by the model; other light statements join
//!   nothing.
//! - **Stance towards the claim** is the statement's own stance from core, except that a denial
//!   must also use a word of rejection ([`rejects_a_claim`]: "denied", "false", "no evidence");
//!   a negative sentence without one asserts a negative fact. The in-article claims' stances are
//!   not used: they read any negation as a denial.
//! - **Contested** ([`ClaimIndex::is_contested`]): one side asserts or reports the claim and
//!   another denies that very statement. The flag each member write carries is the claim's
//!   after it; the backends keep the highest (a claim once contested stays so). Statements placed
//!   from storage keep no record of what they rejected, so after a restart a contest is judged on
//!   the pair model's link alone for them.
//!
//! The grouper is built from the stored statements on the first ingest of a session (each placed
//! in its stored claim, [`IncrementalGrouper::place`]) and extended as statements are stored; on
//! PostgreSQL also with the statements other writers stored since, at the start of each batch. It
//! is dropped whenever a transaction fails, since it may then hold statements that were rolled
//! back; the next ingest rebuilds it.

use std::collections::HashMap;

use chrono::NaiveDate;
use hearsay_core::claims::propositions::{
    other_side, rejected_statements, rejects_a_claim, side_words, Attributed, ClaimModel, IncrementalGrouper,
    Proposition, Said, SAME_ARTICLE_LINK,
};
use hearsay_core::{Analysis, Stance};

/// A stored statement as claim grouping reads it: from an analysis at ingest, from the
/// `statements` table when the index is rebuilt. Both give the same values, so a rebuilt index
/// scores as the one built while ingesting.
pub(crate) struct ClaimInput {
    pub(crate) statement_id: i64,
    pub(crate) content: String,
    pub(crate) cue: Option<String>,
    /// The speaker's entity name where resolved, else the source as written.
    pub(crate) source: Option<String>,
    /// The statement's date (`statements.date`).
    pub(crate) date: Option<String>,
    /// The statement's own stance (`statements.stance`).
    pub(crate) stance: Stance,
    /// The article it was first published in (`statements.origin_id`): reprints are one origin.
    pub(crate) origin: i64,
}

/// The stored statements after statement `$1` as claim grouping reads them ([`ClaimInput`]),
/// each with its claim and its stance towards it (else its own stance), in id order (a statement
/// in two claims comes twice, the lower claim first). Both backends run it.
pub(crate) const STORED_STATEMENTS: &str =
    "SELECT s.id, s.content_text, s.cue_text, COALESCE(e.name, s.source_text), s.date,
        COALESCE(m.stance, s.stance), m.claim_id, s.stance, s.origin_id
     FROM statements s
     LEFT JOIN entities e ON e.id = s.speaker_id
     LEFT JOIN claim_members m ON m.statement_id = s.id
     WHERE s.id > $1
     ORDER BY s.id, m.claim_id";

/// The statements of article `$1` as claim grouping reads them ([`ClaimInput`]: id, content,
/// cue, source, date, stance, origin), in their article's order; for regrouping. Both backends
/// run it.
pub(crate) const ARTICLE_STATEMENTS: &str =
    "SELECT s.id, s.content_text, s.cue_text, COALESCE(e.name, s.source_text), s.date, s.stance, s.origin_id
     FROM statements s LEFT JOIN entities e ON e.id = s.speaker_id
     WHERE s.article_id = $1 ORDER BY s.ordinal";

/// How [`crate::Ledger::regroup`] analyses a stored article again (its text and publication
/// day), for the in-article claims a denial with no other match joins through.
pub type Reanalyze<'a> = dyn FnMut(&str, Option<NaiveDate>) -> Analysis + 'a;

/// Core's in-article claims of `analysis`, each the attribution indices of its members.
pub(crate) fn article_claims(analysis: &Analysis) -> Vec<Vec<usize>> {
    analysis.claims.iter().map(|claim| claim.members.iter().map(|m| m.attribution).collect()).collect()
}

/// The [`ClaimInput`]s of a stored article whose origin is `origin`: attribution `i` of
/// `analysis` was stored as `statement_ids[i]` with date `dates[i]`.
pub(crate) fn inputs_of(
    text: &str,
    analysis: &Analysis,
    statement_ids: &[i64],
    dates: &[Option<String>],
    origin: i64,
) -> Vec<ClaimInput> {
    analysis
        .attributions
        .iter()
        .zip(statement_ids)
        .zip(dates)
        .map(|((attribution, &statement_id), date)| {
            let speaker = attribution.speaker.and_then(|id| analysis.entities.get(id.0)).map(|e| e.name.clone());
            ClaimInput {
                statement_id,
                content: attribution.content.text(text),
                cue: attribution.cue.as_ref().map(|role| role.text(text)),
                source: speaker.or_else(|| attribution.source.as_ref().map(|role| role.text(text))),
                date: date.clone(),
                stance: attribution.stance,
                origin,
            }
        })
        .collect()
}

/// One row of [`STORED_STATEMENTS`]: the input, the stance (as stored) and the claim id.
pub(crate) type StoredRow = (ClaimInput, String, Option<i64>);

/// One write the backend carries out, in order.
#[derive(Debug, PartialEq)]
pub(crate) enum ClaimWrite {
    /// Insert a claim row for grouper claim `claim` with this text, then record its id with
    /// [`ClaimIndex::set_claim_id`].
    Create { claim: u32, text: String },
    /// Add a statement to the claim stored for grouper claim `claim`; `contested` is whether the
    /// claim is contested with it ([`ClaimIndex::is_contested`]).
    Member { claim: u32, statement_id: i64, stance: Stance, contested: bool },
}

/// The claim attachment state of one ledger connection.
pub(crate) struct ClaimIndex {
    model: ClaimModel,
    grouper: IncrementalGrouper,
    // Per grouper statement: its ledger id, its stance towards its claim, its speaker (entity
    // name, else source as written) and its origin article.
    statement_ids: Vec<i64>,
    stances: Vec<Stance>,
    speakers: Vec<Option<String>>,
    origins: Vec<i64>,
    // Per grouper statement: the grouper statement it rejects, where matched in its article
    // ([`rejected_statements`]; not kept in storage, so `None` for placed stored statements).
    answers: Vec<Option<u32>>,
    // Per grouper claim: the stored claim's id, once there is one.
    claim_ids: Vec<Option<i64>>,
    grouper_claim_of: HashMap<i64, u32>,
    // The highest statement id placed (PostgreSQL writers catch up from here).
    pub(crate) seen_up_to: i64,
}

impl ClaimIndex {
    pub(crate) fn new() -> ClaimIndex {
        ClaimIndex {
            model: ClaimModel::builtin(),
            grouper: IncrementalGrouper::new(),
            statement_ids: Vec::new(),
            stances: Vec::new(),
            speakers: Vec::new(),
            origins: Vec::new(),
            answers: Vec::new(),
            claim_ids: Vec::new(),
            grouper_claim_of: HashMap::new(),
            seen_up_to: 0,
        }
    }

    fn proposition(&self, input: &ClaimInput) -> Proposition {
        let day = |d: &str| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok();
        let attributed = Attributed {
            source: input.source.as_deref(),
            cue: input.cue.as_deref(),
            context: None,
            published: input.date.as_deref().and_then(day),
        };
        self.model.attributed_statement(&input.content, &attributed)
    }

    /// Places the stored statements of rows of [`STORED_STATEMENTS`]: (statement id, content, cue,
    /// source, date, stance, claim id).
    pub(crate) fn place_rows(&mut self, rows: impl IntoIterator<Item = StoredRow>) {
        let mut last = None;
        for (input, stance, claim_id) in rows {
            if last == Some(input.statement_id) {
                continue; // a statement in two claims is placed in the first
            }
            last = Some(input.statement_id);
            self.place_stored(&input, claim_id, crate::encoding::stance_of(&stance));
        }
    }

    /// Places a stored statement as it is stored: in the grouper claim of `claim_id`, or alone.
    /// Statements must come in id order; light ones are skipped.
    pub(crate) fn place_stored(&mut self, input: &ClaimInput, claim_id: Option<i64>, stance: Stance) {
        self.seen_up_to = self.seen_up_to.max(input.statement_id);
        let proposition = self.proposition(input);
        if !proposition.is_proposition(&self.model) {
            return;
        }
        let known = claim_id.and_then(|id| self.grouper_claim_of.get(&id).copied());
        let claim = self.grouper.place(proposition, known);
        self.note_statement(input, stance, claim);
        if let (None, Some(id)) = (known, claim_id) {
            self.set_claim_id(claim, id);
        }
    }

    fn note_statement(&mut self, input: &ClaimInput, stance: Stance, claim: u32) {
        self.statement_ids.push(input.statement_id);
        self.stances.push(stance);
        self.speakers.push(input.source.clone());
        self.origins.push(input.origin);
        self.answers.push(None);
        while self.claim_ids.len() <= claim as usize {
            self.claim_ids.push(None);
        }
    }

    /// Records the stored id of grouper claim `claim`.
    pub(crate) fn set_claim_id(&mut self, claim: u32, id: i64) {
        while self.claim_ids.len() <= claim as usize {
            self.claim_ids.push(None);
        }
        self.claim_ids[claim as usize] = Some(id);
        self.grouper_claim_of.insert(id, claim);
    }

    /// The stored id of grouper claim `claim`, once created.
    pub(crate) fn claim_id(&self, claim: u32) -> Option<i64> {
        self.claim_ids.get(claim as usize).copied().flatten()
    }

    /// The claim writes for one stored article: `inputs[i]` is its statement `i` (attribution `i`
    /// of `analysis`), already stored. A denial joins the claim of the statement it rejects in its
    /// article, where one is found (see the module doc).
    pub(crate) fn attach_article(&mut self, article_claims: &[Vec<usize>], inputs: &[ClaimInput]) -> Vec<ClaimWrite> {
        let stance: Vec<Stance> = inputs
            .iter()
            .map(|input| match input.stance {
                Stance::Deny if !rejects_a_claim(input.cue.as_deref(), &input.content) => Stance::Assert,
                stance => stance,
            })
            .collect();
        let propositions: Vec<Proposition> = inputs.iter().map(|input| self.proposition(input)).collect();
        let said: Vec<Said<'_>> = inputs
            .iter()
            .zip(&propositions)
            .zip(&stance)
            .map(|((input, statement), stance)| Said {
                speaker: input.source.as_deref(),
                content: &input.content,
                statement,
                rejects: *stance == Stance::Deny,
            })
            .collect();
        let rejected = rejected_statements(&self.model, &said, article_claims);
        drop(said);
        // Per statement: the earlier statement whose claim it joins, a denial and what it rejects
        // being one claim whichever comes first (a headline's denial opens its story).
        let mut joins: Vec<Option<usize>> = vec![None; inputs.len()];
        for (i, target) in rejected.iter().enumerate() {
            match *target {
                Some(j) if j < i => joins[i] = Some(j),
                Some(j) if joins[j].is_none() => joins[j] = Some(i),
                _ => {}
            }
        }
        let mut writes = Vec::new();
        // Per statement: its grouper claim and grouper index, once it is in the grouper.
        let mut grouped: Vec<Option<u32>> = vec![None; inputs.len()];
        let mut index_of: Vec<Option<u32>> = vec![None; inputs.len()];
        for (i, input) in inputs.iter().enumerate() {
            self.seen_up_to = self.seen_up_to.max(input.statement_id);
            let claim = if let Some(e) = joins[i] {
                // What it joins enters the grouper now if it was too light to be grouped.
                let joined = match grouped[e] {
                    Some(claim) => claim,
                    None => {
                        let claim = self.grouper.place(propositions[e].clone(), None);
                        self.note_statement(&inputs[e], stance[e], claim);
                        grouped[e] = Some(claim);
                        index_of[e] = Some(self.statement_ids.len() as u32 - 1);
                        claim
                    }
                };
                self.grouper.place(propositions[i].clone(), Some(joined))
            } else if propositions[i].is_proposition(&self.model) {
                self.grouper.add(&self.model, propositions[i].clone())
            } else {
                continue;
            };
            grouped[i] = Some(claim);
            self.note_statement(input, stance[i], claim);
            index_of[i] = Some(self.statement_ids.len() as u32 - 1);
            if let Some(e) = joins[i] {
                let (denial, rejected) = if rejected[i] == Some(e) { (i, e) } else { (e, i) };
                if let (Some(d), Some(r)) = (index_of[denial], index_of[rejected]) {
                    self.answers[d as usize] = Some(r);
                }
            }
            if self.is_stored(claim, &writes) {
                let contested = self.is_contested(claim);
                writes.push(ClaimWrite::Member {
                    claim,
                    statement_id: input.statement_id,
                    stance: stance[i],
                    contested,
                });
            } else if self.grouper.members(claim).len() >= 2 || propositions[i].starts() {
                // A claim made by a denial and what it rejects reads as the rejected statement.
                let text = match joins[i] {
                    Some(e) if rejected[i] == Some(e) => &inputs[e].content,
                    _ => &input.content,
                };
                self.create(claim, text.clone(), &mut writes);
            }
        }
        writes
    }

    /// Whether grouper claim `claim` is stored, or created by one of `writes`.
    fn is_stored(&self, claim: u32, writes: &[ClaimWrite]) -> bool {
        self.claim_id(claim).is_some()
            || writes.iter().any(|w| matches!(w, ClaimWrite::Create { claim: c, .. } if *c == claim))
    }

    /// Writes grouper claim `claim` into the ledger with the members it has so far.
    fn create(&self, claim: u32, text: String, writes: &mut Vec<ClaimWrite>) {
        writes.push(ClaimWrite::Create { claim, text });
        let contested = self.is_contested(claim);
        for &m in self.grouper.members(claim) {
            let (statement_id, stance) = (self.statement_ids[m as usize], self.stances[m as usize]);
            writes.push(ClaimWrite::Member { claim, statement_id, stance, contested });
        }
    }

    /// Whether grouper claim `claim` is contested: one side asserts or reports it and another
    /// denies it, and the denial rejects that statement itself: it was matched to it in their
    /// article ([`rejected_statements`]), or the pair model links the two at
    /// [`SAME_ARTICLE_LINK`] or more (a claim's members are linked on average, and a denial
    /// may sit beside an assertion it does not answer). Sides are told apart by their speakers'
    /// names ([`other_side`]: "the Trump campaign" is Donald Trump's side, "Harry M. Reid D-Nev."
    /// is Harry Reid); where either speaker is unknown, by their articles (in one article an
    /// unknown speaker may be the other).
    fn rejects_directly(&self, denial: usize, statement: usize) -> bool {
        let (Some(d), Some(a)) = (self.grouper.statement(denial as u32), self.grouper.statement(statement as u32))
        else {
            return false;
        };
        self.model.link_probability(d, a).is_some_and(|p| p >= SAME_ARTICLE_LINK)
    }

    pub(crate) fn is_contested(&self, claim: u32) -> bool {
        let members: Vec<usize> = self.grouper.members(claim).iter().map(|&m| m as usize).collect();
        let known = |s: Option<&str>| s.is_some_and(|s| !side_words(s).is_empty());
        let asserting = members.iter().filter(|&&m| matches!(self.stances[m], Stance::Assert | Stance::Report));
        asserting.into_iter().any(|&a| {
            members.iter().filter(|&&m| self.stances[m] == Stance::Deny).any(|&d| {
                let (sa, sd) = (self.speakers[a].as_deref(), self.speakers[d].as_deref());
                let sides =
                    if known(sa) && known(sd) { other_side(sa, sd) } else { self.origins[a] != self.origins[d] };
                sides && (self.answers[d] == Some(a as u32) || self.rejects_directly(d, a))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(statement_id: i64, content: &str, source: &str, cue: &str) -> ClaimInput {
        ClaimInput {
            statement_id,
            content: content.into(),
            cue: Some(cue.into()),
            source: Some(source.into()),
            date: Some("2024-03-01".into()),
            stance: Stance::Assert,
            origin: statement_id,
        }
    }

    #[test]
    fn a_claim_is_stored_once_it_is_one_and_a_rebuilt_index_agrees() {
        let mut index = ClaimIndex::new();
        let a = input(1, "the city will close the old bridge to all traffic next month", "Mayor Ann Lee", "said");
        let writes = index.attach_article(&[], std::slice::from_ref(&a));
        assert!(matches!(
            &writes[..],
            [ClaimWrite::Create { claim: 0, .. }, ClaimWrite::Member { statement_id: 1, .. }]
        ));
        index.set_claim_id(0, 70);
        let b = input(2, "the city will close the old bridge to traffic next month", "Ann Lee", "told reporters");
        let writes = index.attach_article(&[], std::slice::from_ref(&b));
        assert_eq!(
            writes,
            [ClaimWrite::Member { claim: 0, statement_id: 2, stance: Stance::Assert, contested: false }]
        );
        // A fragment is never grouped.
        let c = input(3, "the bridge", "she", "mentioned");
        assert!(index.attach_article(&[], std::slice::from_ref(&c)).is_empty());
        // Rebuilt from storage, the next statement finds the same claim.
        let mut rebuilt = ClaimIndex::new();
        rebuilt.place_stored(&a, Some(70), Stance::Assert);
        rebuilt.place_stored(&b, Some(70), Stance::Assert);
        rebuilt.place_stored(&c, None, Stance::Assert);
        let d = input(4, "the old bridge will be closed to all traffic next month, the city says", "Ann Lee", "said");
        let writes = rebuilt.attach_article(&[], std::slice::from_ref(&d));
        assert_eq!(rebuilt.claim_id(0), Some(70));
        assert!(matches!(&writes[..], [ClaimWrite::Member { claim: 0, statement_id: 4, .. }]), "{writes:?}");
    }

    #[test]
    fn a_denial_joins_what_it_rejects_and_contests_it_when_another_side_said_it() {
        let mut index = ClaimIndex::new();
        let mut report =
            input(1, "that Lewandowski was writing a book about the Trump campaign", "BuzzFeed News", "reported");
        report.origin = 9;
        let mut denial =
            input(2, "that Lewandowski was writing a book about the Trump campaign", "Corey Lewandowski", "has denied");
        denial.stance = Stance::Deny;
        denial.origin = 9;
        // BuzzFeed's side denying what it reported contests nothing: it joins no claim.
        let mut same_side = input(3, "it happened", "a BuzzFeed News editor", "denied");
        same_side.stance = Stance::Deny;
        same_side.origin = 9;
        let writes = index.attach_article(&[], &[report, denial, same_side]);
        let members: Vec<(i64, Stance, bool)> = writes
            .iter()
            .filter_map(|w| match w {
                ClaimWrite::Member { statement_id, stance, contested, .. } => {
                    Some((*statement_id, *stance, *contested))
                }
                ClaimWrite::Create { .. } => None,
            })
            .collect();
        // The claim is contested from the denial on (each write carries the claim's state with it).
        assert_eq!(members, [(1, Stance::Assert, false), (2, Stance::Deny, true)], "{writes:?}");
        // A negative sentence without a word of rejection asserts; it contests nothing.
        let mut index = ClaimIndex::new();
        let claim = input(1, "the senator voted for the war in Iraq in 2002", "Hillary Clinton", "said");
        let mut negative = input(2, "the senator did not vote for the war in Iraq in 2002", "Bernie Sanders", "said");
        negative.stance = Stance::Deny;
        let writes = index.attach_article(&[], &[claim, negative]);
        assert!(writes.iter().all(|w| !matches!(w, ClaimWrite::Member { contested: true, .. })), "{writes:?}");
    }
}
