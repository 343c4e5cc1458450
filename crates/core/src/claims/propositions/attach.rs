//! Claims across articles as the ledger keeps them: which claim a new statement joins, its stance
//! towards that claim, when a claim is stored, and when one is contested. The ledger
//! (`crates/ledger/src/claim_index.rs`) and the Spark job (through the `hearsay` wheel) both call
//! this, so that the rules live in one place (the contested rule has a second, SQL form: below).
//!
//! On top of the [`IncrementalGrouper`]'s decision:
//! - **A claim is stored once it is one.** A grouper claim is stored when it has two statements,
//!   or one whose content has a main verb ([`Proposition::starts`]): a bare noun phrase or a
//!   fragment does not start a claim, and a content too light to be a proposition
//!   ([`Proposition::is_proposition`]) is never grouped by the model at all.
//! - **Context.** A denial whose content names no proposition ("which Beijing has repeatedly
//!   stated is not the case", "denied it") joins the stored claim of a statement that core's
//!   in-article grouping puts it with: its article makes clear what it rejects. Other light
//!   statements join nothing.
//! - **Stance towards the claim** ([`stance_towards_claim`]) is the statement's own stance,
//!   except that a denial must also use a word of rejection ([`rejects_a_claim`]: "denied",
//!   "false", "no evidence"); a negative sentence without one asserts a negative fact.
//! - **Contested** ([`contests`]): one speaker asserts the claim and another denies it: two
//!   known speakers, or, where one is unknown, in two origins (in one article an unknown speaker
//!   may be the other). The ledger evaluates this rule in SQL as it adds each member
//!   (`add_member` in `crates/ledger/src/{sqlite,pg}/write.rs`: on PostgreSQL in the same
//!   statement as the insert, to spare a round trip), so a change here is made there too.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::incremental::IncrementalGrouper;
use super::model::ClaimModel;
use super::news::Attributed;
use super::stance::rejects_a_claim;
use super::statement::Proposition;
use crate::Stance;

/// A statement as claim grouping reads it. The ledger makes it from an analysis at ingest, or
/// from its `statements` table when the index is rebuilt; the Spark job from `analyze_batch`'s
/// rows. All give the same values.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementInput {
    /// The caller's id of the statement; ids grow in the order statements are attached.
    pub statement_id: i64,
    /// The content as written.
    pub content: String,
    /// The reporting words.
    pub cue: Option<String>,
    /// The speaker's entity name where resolved, else the source as written.
    pub source: Option<String>,
    /// The statement's date: when it was said at the latest, else the publication day
    /// (`YYYY-MM-DD`, anything after the tenth character ignored).
    pub date: Option<String>,
    /// The statement's own stance.
    pub stance: Stance,
}

/// One write the caller carries out, in order.
#[derive(Debug, PartialEq)]
pub enum ClaimWrite {
    /// Store a claim for grouper claim `claim` with this text, then record its id with
    /// [`ClaimAttacher::set_claim_id`].
    Create {
        /// The grouper's claim number.
        claim: u32,
        /// The claim's text: the content of the statement that made it one.
        text: String,
    },
    /// Add a statement to the claim stored for grouper claim `claim`.
    Member {
        /// The grouper's claim number.
        claim: u32,
        /// The caller's id of the statement.
        statement_id: i64,
        /// Its stance towards the claim.
        stance: Stance,
    },
}

/// A statement's stance towards the claim it joins: its own, except that a denial without a word
/// of rejection asserts a negative fact.
pub fn stance_towards_claim(input: &StatementInput) -> Stance {
    match input.stance {
        Stance::Deny if !rejects_a_claim(input.cue.as_deref(), &input.content) => Stance::Assert,
        stance => stance,
    }
}

/// Whether an asserting member `(speaker, origin)` and a denying member contest a claim: two
/// known speakers that differ, or an unknown speaker on either side and two origins.
pub fn contests<S: PartialEq, O: PartialEq>(assert: (Option<S>, O), deny: (Option<S>, O)) -> bool {
    match (assert.0, deny.0) {
        (Some(a), Some(d)) => a != d,
        _ => assert.1 != deny.1,
    }
}

/// Whether a claim with these members (stance towards the claim, speaker, origin) is contested
/// ([`contests`] for some asserting and some denying member).
pub fn is_contested<S: PartialEq + Clone, O: PartialEq + Clone>(members: &[(Stance, Option<S>, O)]) -> bool {
    members.iter().filter(|m| m.0 == Stance::Assert).any(|(_, sa, oa)| {
        members
            .iter()
            .filter(|m| m.0 == Stance::Deny)
            .any(|(_, sd, od)| contests((sa.clone(), oa.clone()), (sd.clone(), od.clone())))
    })
}

/// The claim model compiled into hearsay, built once per process.
pub fn shared_model() -> &'static ClaimModel {
    static MODEL: OnceLock<ClaimModel> = OnceLock::new();
    MODEL.get_or_init(ClaimModel::builtin)
}

/// The claims of a growing ledger: an [`IncrementalGrouper`] plus the ledger's rules (see the
/// module doc).
pub struct ClaimAttacher {
    model: &'static ClaimModel,
    grouper: IncrementalGrouper,
    // Per grouper statement: its caller id and its stance towards its claim.
    statement_ids: Vec<i64>,
    stances: Vec<Stance>,
    // The grouper index of each caller statement id.
    index_of: HashMap<i64, u32>,
    // Per grouper claim: the stored claim's id, once there is one.
    claim_ids: Vec<Option<i64>>,
    grouper_claim_of: HashMap<i64, u32>,
}

impl Default for ClaimAttacher {
    fn default() -> Self {
        ClaimAttacher::new()
    }
}

impl ClaimAttacher {
    /// No statement yet; the built-in model.
    pub fn new() -> ClaimAttacher {
        ClaimAttacher {
            model: shared_model(),
            grouper: IncrementalGrouper::new(),
            statement_ids: Vec::new(),
            stances: Vec::new(),
            index_of: HashMap::new(),
            claim_ids: Vec::new(),
            grouper_claim_of: HashMap::new(),
        }
    }

    /// The model's analysis of a statement.
    pub fn proposition(&self, input: &StatementInput) -> Proposition {
        proposition(self.model, input)
    }

    /// Places a stored statement as it is stored: in the grouper claim of `claim_id`, or alone.
    /// Statements must come in id order; light ones are skipped.
    pub fn place_stored(&mut self, input: &StatementInput, claim_id: Option<i64>, stance: Stance) {
        let proposition = self.proposition(input);
        if !proposition.is_proposition(self.model) {
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
        self.index_of.insert(statement_id, self.statement_ids.len() as u32);
        self.statement_ids.push(statement_id);
        self.stances.push(stance);
        while self.claim_ids.len() <= claim as usize {
            self.claim_ids.push(None);
        }
    }

    /// Records the stored id of grouper claim `claim`.
    pub fn set_claim_id(&mut self, claim: u32, id: i64) {
        while self.claim_ids.len() <= claim as usize {
            self.claim_ids.push(None);
        }
        self.claim_ids[claim as usize] = Some(id);
        self.grouper_claim_of.insert(id, claim);
    }

    /// The stored id of grouper claim `claim`, once created.
    pub fn claim_id(&self, claim: u32) -> Option<i64> {
        self.claim_ids.get(claim as usize).copied().flatten()
    }

    /// The claim writes for one article: `inputs[i]` is its statement `i`; `article_claims` are
    /// core's in-article claims, each the indices into `inputs` of its members, in order. Light
    /// statements join through the article's own claims (see the module doc).
    ///
    /// `candidates`, when given, holds per input the ids of the earlier statements to score it
    /// against (ids this attacher has not seen are skipped), in place of those the grouper's own
    /// indexes give: a distributed job finds candidates over the whole stream and replays each
    /// group of linked statements alone ([`IncrementalGrouper::add_among`]).
    pub fn attach_article(
        &mut self,
        article_claims: &[Vec<usize>],
        inputs: &[StatementInput],
        candidates: Option<&[Vec<i64>]>,
    ) -> Vec<ClaimWrite> {
        let (mut writes, mut claim_of) = self.attach_statements(inputs, candidates);
        let stance: Vec<Stance> = inputs.iter().map(stance_towards_claim).collect();
        for (i, target) in anaphoric_denials(article_claims, &stance, &mut claim_of) {
            writes.push(ClaimWrite::Member { claim: target, statement_id: inputs[i].statement_id, stance: stance[i] });
        }
        writes
    }

    /// [`ClaimAttacher::attach_article`] without the in-article step: the writes, and the
    /// grouper claim each input was stored in (`None`: light, or in a claim not stored yet).
    pub fn attach_statements(
        &mut self,
        inputs: &[StatementInput],
        candidates: Option<&[Vec<i64>]>,
    ) -> (Vec<ClaimWrite>, Vec<Option<u32>>) {
        let mut writes = Vec::new();
        let mut claim_of: Vec<Option<u32>> = vec![None; inputs.len()];
        for (i, input) in inputs.iter().enumerate() {
            let proposition = self.proposition(input);
            if !proposition.is_proposition(self.model) {
                continue;
            }
            let stance = stance_towards_claim(input);
            let starts = proposition.starts();
            let claim = match candidates {
                None => self.grouper.add(self.model, proposition),
                Some(candidates) => {
                    let mut among: Vec<u32> = candidates
                        .get(i)
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .filter_map(|id| self.index_of.get(id).copied())
                        .collect();
                    among.sort_unstable();
                    among.dedup();
                    self.grouper.add_among(self.model, proposition, &among)
                }
            };
            self.note_statement(input.statement_id, stance, claim);
            let members = self.grouper.members(claim);
            if self.claim_id(claim).is_some()
                || writes.iter().any(|w| matches!(w, ClaimWrite::Create { claim: c, .. } if *c == claim))
            {
                writes.push(ClaimWrite::Member { claim, statement_id: input.statement_id, stance });
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
        (writes, claim_of)
    }
}

/// The in-article step of [`ClaimAttacher::attach_article`]: an anaphoric rejection ("Roger
/// Ailes denies which", "dismissed the claims") joins the stored claim of an in-article
/// claim-mate, since it rejects the proposition its article states; other light statements do
/// not (a topic, "guns", "a common line", is no claim). `article_claims` are core's in-article
/// claims (indices of their members, in order), `stances` each statement's stance towards a claim
/// ([`stance_towards_claim`]), `claim_of` each statement's stored claim so far; returns the
/// denials that join, with their claim, and records them in `claim_of`.
pub fn anaphoric_denials<C: Copy>(
    article_claims: &[Vec<usize>],
    stances: &[Stance],
    claim_of: &mut [Option<C>],
) -> Vec<(usize, C)> {
    let mut joins = Vec::new();
    for members in article_claims {
        let Some(target) = members.iter().find_map(|&m| claim_of.get(m).copied().flatten()) else {
            continue;
        };
        for &i in members {
            if i < claim_of.len() && claim_of[i].is_none() && stances.get(i) == Some(&Stance::Deny) {
                claim_of[i] = Some(target);
                joins.push((i, target));
            }
        }
    }
    joins
}

/// The model's analysis of a statement as claim grouping reads it.
pub fn proposition(model: &ClaimModel, input: &StatementInput) -> Proposition {
    let day = |d: &str| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok();
    let attributed = Attributed {
        source: input.source.as_deref(),
        cue: input.cue.as_deref(),
        context: None,
        published: input.date.as_deref().and_then(day),
    };
    model.attributed_statement(&input.content, &attributed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contested_needs_two_speakers_or_two_origins() {
        assert!(contests((Some("a"), 1), (Some("b"), 1)));
        assert!(!contests((Some("a"), 1), (Some("a"), 2)));
        assert!(!contests((None::<&str>, 1), (Some("b"), 1)));
        assert!(contests((None::<&str>, 1), (Some("b"), 2)));
        let members = [(Stance::Assert, Some("a"), 1), (Stance::Report, Some("b"), 2), (Stance::Deny, Some("a"), 3)];
        assert!(!is_contested(&members));
        assert!(is_contested(&[(Stance::Assert, Some("a"), 1), (Stance::Deny, None, 2)]));
    }
}
