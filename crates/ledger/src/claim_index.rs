//! Claims across articles: which stored claim a new statement joins.
//!
//! The decision is core's ([`hearsay_core::claims::propositions`]): each statement that states a
//! proposition is analysed by the [`ClaimModel`](hearsay_core::claims::propositions::ClaimModel)
//! and added to an [`IncrementalGrouper`](hearsay_core::claims::propositions::IncrementalGrouper),
//! which joins it to the stored claim with the best average link, pairs it with a single
//! statement at the seed threshold, or leaves it alone (docs/claims-method.md, "Grouping").
//! `hearsay group` runs the batch form of the same model; [`crate::Ledger::regroup`] rebuilds a
//! ledger's claims with it.
//!
//! What the ledger adds to the grouper (a claim is stored once it is one, a denial joins the
//! claim of what it rejects in its article, the stance towards the claim, when a claim is
//! contested) lives in core ([`hearsay_core::claims::propositions::ClaimAttacher`], `attach.rs`),
//! so that the Spark job applies the same rules through the `hearsay` wheel. Each member write
//! carries whether its claim is contested with it; the backends keep the highest (a claim once
//! contested stays so). This module keeps what is the ledger's own: the queries that read stored
//! statements back, and the index's place in a session.
//!
//! The grouper is built from the stored statements on the first ingest of a session (each placed
//! in its stored claim, `IncrementalGrouper::place`) and extended as statements are stored; on
//! PostgreSQL also with the statements other writers stored since, at the start of each batch. It
//! is dropped whenever a transaction fails, since it may then hold statements that were rolled
//! back; the next ingest rebuilds it.

use chrono::NaiveDate;
use hearsay_core::claims::propositions::ClaimAttacher;
pub(crate) use hearsay_core::claims::propositions::{ClaimWrite, StatementInput as ClaimInput};
use hearsay_core::{Analysis, Stance};

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

/// The claim attachment state of one ledger connection: core's [`ClaimAttacher`], and how far
/// it has read the stored statements.
pub(crate) struct ClaimIndex {
    attacher: ClaimAttacher,
    // The highest statement id placed (PostgreSQL writers catch up from here).
    pub(crate) seen_up_to: i64,
}

impl ClaimIndex {
    pub(crate) fn new() -> ClaimIndex {
        ClaimIndex { attacher: ClaimAttacher::new(), seen_up_to: 0 }
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
        self.attacher.place_stored(input, claim_id, stance);
    }

    /// Records the stored id of grouper claim `claim`.
    pub(crate) fn set_claim_id(&mut self, claim: u32, id: i64) {
        self.attacher.set_claim_id(claim, id);
    }

    /// The stored id of grouper claim `claim`, once created.
    pub(crate) fn claim_id(&self, claim: u32) -> Option<i64> {
        self.attacher.claim_id(claim)
    }

    /// The claim writes for one stored article: `inputs[i]` is its statement `i`, already
    /// stored, in article order; `article_claims` are core's in-article claims
    /// ([`article_claims`]) ([`ClaimAttacher::attach_article`]).
    pub(crate) fn attach_article(&mut self, article_claims: &[Vec<usize>], inputs: &[ClaimInput]) -> Vec<ClaimWrite> {
        if let Some(last) = inputs.iter().map(|input| input.statement_id).max() {
            self.seen_up_to = self.seen_up_to.max(last);
        }
        self.attacher.attach_article(article_claims, inputs, None)
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
