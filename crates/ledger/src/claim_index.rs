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
//! - **Context.** A denial whose content names no proposition ("which Beijing has repeatedly
//!   stated is not the case", "denied it") joins the stored claim of a statement that core's
//!   in-article grouping puts it with: its article makes clear what it rejects. Other light
//!   statements join nothing.
//! - **Stance towards the claim** is the statement's own stance from core, except that a denial
//!   must also use a word of rejection ([`rejects_a_claim`]: "denied", "false", "no evidence");
//!   a negative sentence without one asserts a negative fact. The in-article claims' stances are
//!   not used: they read any negation as a denial.
//!
//! The grouper is built from the stored statements on the first ingest of a session (each placed
//! in its stored claim, [`IncrementalGrouper::place`]) and extended as statements are stored; on
//! PostgreSQL also with the statements other writers stored since, at the start of each batch. It
//! is dropped whenever a transaction fails, since it may then hold statements that were rolled
//! back; the next ingest rebuilds it.

use std::collections::HashMap;

use chrono::NaiveDate;
use hearsay_core::claims::propositions::{rejects_a_claim, Attributed, ClaimModel, IncrementalGrouper, Proposition};
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
}

/// The stored statements after statement `$1` as claim grouping reads them ([`ClaimInput`]),
/// each with its claim and its stance towards it (else its own stance), in id order (a statement
/// in two claims comes twice, the lower claim first). Both backends run it.
pub(crate) const STORED_STATEMENTS: &str =
    "SELECT s.id, s.content_text, s.cue_text, COALESCE(e.name, s.source_text), s.date,
        COALESCE(m.stance, s.stance), m.claim_id, s.stance
     FROM statements s
     LEFT JOIN entities e ON e.id = s.speaker_id
     LEFT JOIN claim_members m ON m.statement_id = s.id
     WHERE s.id > $1
     ORDER BY s.id, m.claim_id";

/// The statements of article `$1` as claim grouping reads them ([`ClaimInput`]: id, content,
/// cue, source, date, stance), in their article's order; for regrouping. Both backends run it.
pub(crate) const ARTICLE_STATEMENTS: &str =
    "SELECT s.id, s.content_text, s.cue_text, COALESCE(e.name, s.source_text), s.date, s.stance
     FROM statements s LEFT JOIN entities e ON e.id = s.speaker_id
     WHERE s.article_id = $1 ORDER BY s.ordinal";

/// How [`crate::Ledger::regroup`] analyses a stored article again (its text and publication
/// day), for the in-article claims that anaphoric denials join through.
pub type Reanalyze<'a> = dyn FnMut(&str, Option<NaiveDate>) -> Analysis + 'a;

/// The [`ClaimInput`]s of a stored article: attribution `i` of `analysis` was stored as
/// `statement_ids[i]` with date `dates[i]`.
pub(crate) fn inputs_of(
    text: &str,
    analysis: &Analysis,
    statement_ids: &[i64],
    dates: &[Option<String>],
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
    /// Add a statement to the claim stored for grouper claim `claim`.
    Member { claim: u32, statement_id: i64, stance: Stance },
}

/// The claim attachment state of one ledger connection.
pub(crate) struct ClaimIndex {
    model: ClaimModel,
    grouper: IncrementalGrouper,
    // Per grouper statement: its ledger id and its stance towards its claim.
    statement_ids: Vec<i64>,
    stances: Vec<Stance>,
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
        self.note_statement(input.statement_id, stance, claim);
        if let (None, Some(id)) = (known, claim_id) {
            self.set_claim_id(claim, id);
        }
    }

    fn note_statement(&mut self, statement_id: i64, stance: Stance, claim: u32) {
        self.statement_ids.push(statement_id);
        self.stances.push(stance);
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
    /// of `analysis`, whose in-article claims are read), already stored. Light statements join
    /// through the article's own claims (see the module doc).
    pub(crate) fn attach_article(&mut self, analysis: &Analysis, inputs: &[ClaimInput]) -> Vec<ClaimWrite> {
        let stance: Vec<Stance> = inputs
            .iter()
            .map(|input| match input.stance {
                Stance::Deny if !rejects_a_claim(input.cue.as_deref(), &input.content) => Stance::Assert,
                stance => stance,
            })
            .collect();
        let mut writes = Vec::new();
        let mut claim_of: Vec<Option<u32>> = vec![None; inputs.len()];
        for (i, input) in inputs.iter().enumerate() {
            self.seen_up_to = self.seen_up_to.max(input.statement_id);
            let proposition = self.proposition(input);
            if !proposition.is_proposition(&self.model) {
                continue;
            }
            let starts = proposition.starts();
            let claim = self.grouper.add(&self.model, proposition);
            self.note_statement(input.statement_id, stance[i], claim);
            let members = self.grouper.members(claim);
            if self.claim_id(claim).is_some()
                || writes.iter().any(|w| matches!(w, ClaimWrite::Create { claim: c, .. } if *c == claim))
            {
                writes.push(ClaimWrite::Member { claim, statement_id: input.statement_id, stance: stance[i] });
            } else if members.len() >= 2 || starts {
                writes.push(ClaimWrite::Create { claim, text: input.content.clone() });
                for &m in members {
                    let (statement_id, stance) = (self.statement_ids[m as usize], self.stances[m as usize]);
                    writes.push(ClaimWrite::Member { claim, statement_id, stance });
                }
            } else {
                continue;
            }
            claim_of[i] = Some(claim);
        }
        // An anaphoric rejection ("Roger Ailes denies which", "dismissed the claims") joins the
        // stored claim of an in-article claim-mate: it rejects the proposition its article
        // states. Other light statements do not: a topic ("guns", "a common line") is no claim.
        for claim in &analysis.claims {
            let Some(target) = claim.members.iter().find_map(|m| claim_of.get(m.attribution).copied().flatten()) else {
                continue;
            };
            for member in &claim.members {
                let i = member.attribution;
                if i < inputs.len() && claim_of[i].is_none() && stance[i] == Stance::Deny {
                    claim_of[i] = Some(target);
                    writes.push(ClaimWrite::Member {
                        claim: target,
                        statement_id: inputs[i].statement_id,
                        stance: stance[i],
                    });
                }
            }
        }
        writes
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
        }
    }

    #[test]
    fn a_claim_is_stored_once_it_is_one_and_a_rebuilt_index_agrees() {
        let analysis = Analysis::default();
        let mut index = ClaimIndex::new();
        let a = input(1, "the city will close the old bridge to all traffic next month", "Mayor Ann Lee", "said");
        let writes = index.attach_article(&analysis, std::slice::from_ref(&a));
        assert!(matches!(
            &writes[..],
            [ClaimWrite::Create { claim: 0, .. }, ClaimWrite::Member { statement_id: 1, .. }]
        ));
        index.set_claim_id(0, 70);
        let b = input(2, "the city will close the old bridge to traffic next month", "Ann Lee", "told reporters");
        let writes = index.attach_article(&analysis, std::slice::from_ref(&b));
        assert_eq!(writes, [ClaimWrite::Member { claim: 0, statement_id: 2, stance: Stance::Assert }]);
        // A fragment is never grouped.
        let c = input(3, "the bridge", "she", "mentioned");
        assert!(index.attach_article(&analysis, std::slice::from_ref(&c)).is_empty());
        // Rebuilt from storage, the next statement finds the same claim.
        let mut rebuilt = ClaimIndex::new();
        rebuilt.place_stored(&a, Some(70), Stance::Assert);
        rebuilt.place_stored(&b, Some(70), Stance::Assert);
        rebuilt.place_stored(&c, None, Stance::Assert);
        let d = input(4, "the old bridge will be closed to all traffic next month, the city says", "Ann Lee", "said");
        let writes = rebuilt.attach_article(&analysis, std::slice::from_ref(&d));
        assert_eq!(rebuilt.claim_id(0), Some(70));
        assert!(matches!(&writes[..], [ClaimWrite::Member { claim: 0, statement_id: 4, .. }]), "{writes:?}");
    }
}
