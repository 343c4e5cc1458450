//! Claims across articles as the ledger keeps them: which claim a new statement joins, its stance
//! towards that claim, when a claim is stored, and when one is contested. The ledger
//! (`crates/ledger/src/claim_index.rs`) and the Spark job (through the `hearsay` wheel) both call
//! this, so that the rules live in one place.
//!
//! On top of the [`IncrementalGrouper`]'s decision:
//! - **A claim is stored once it is one.** A grouper claim is stored when it has two statements,
//!   or one whose content has a main verb ([`Proposition::starts`]): a bare noun phrase or a
//!   fragment does not start a claim, and a content too light to be a proposition
//!   ([`Proposition::is_proposition`]) is never grouped by the model at all.
//! - **What a denial rejects.** A denial joins the claim of the statement it answers in its own
//!   article ([`rejected_statements`]: "BuzzFeed reported that he was writing a book ... he has
//!   denied that he was writing a book"; "Fields says ... the campaign has denied it happened"),
//!   even when one of them is too light to be grouped by the model (a light denial with no other
//!   match: its nearest in-article claim-mate said before it, by core's in-article grouping);
//!   other light statements join nothing. A denial and what it rejects are one claim whichever comes first (a headline's
//!   denial opens its story): the later one is placed in the earlier one's claim ([`joins_of`]),
//!   and a claim they make reads as the rejected statement.
//! - **Stance towards the claim** ([`stance_towards_claim`]) is the statement's own stance,
//!   except that a denial must also use a word of rejection ([`rejects_a_claim`]: "denied",
//!   "false", "no evidence"); a negative sentence without one asserts a negative fact.
//! - **Contested** ([`ClaimAttacher::is_contested`]): one side asserts or reports the claim and
//!   another denies that very statement. The flag each member write carries is the claim's
//!   after it; the ledger keeps the highest (a claim once contested stays so). Statements placed
//!   from storage keep no record of what they rejected, so after a restart a contest is judged on
//!   the pair model's link alone for them.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::incremental::IncrementalGrouper;
use super::model::ClaimModel;
use super::news::Attributed;
use super::rejection::{rejected_statements, side_words, sides_differ, Said, SAME_ARTICLE_LINK};
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
    /// The speaker's entity name where resolved, else the source as written: the name sides are
    /// told apart by ([`super::other_side`]).
    pub source: Option<String>,
    /// The statement's date: when it was said at the latest, else the publication day
    /// (`YYYY-MM-DD`, anything after the tenth character ignored).
    pub date: Option<String>,
    /// The statement's own stance.
    pub stance: Stance,
    /// The article it was first published in (the ledger's `statements.origin_id`): reprints are
    /// one origin.
    pub origin: i64,
}

/// One write the caller carries out, in order.
#[derive(Debug, PartialEq)]
pub enum ClaimWrite {
    /// Store a claim for grouper claim `claim` with this text, then record its id with
    /// [`ClaimAttacher::set_claim_id`].
    Create {
        /// The grouper's claim number.
        claim: u32,
        /// The claim's text: the content of the statement that made it one (the rejected
        /// statement's, for a claim a denial made with what it rejects).
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
        /// Whether the claim is contested with it ([`ClaimAttacher::is_contested`]).
        contested: bool,
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

/// Per statement of an article, the earlier statement whose claim it joins: a denial joins the
/// earlier statement it rejects, and a statement rejected by an earlier denial joins the first
/// such denial. `rejected` is [`ClaimAttacher::rejections`]' answer (or its restriction to a set
/// of statements that holds every pair joined: the answer restricted is the same).
pub fn joins_of(rejected: &[Option<usize>]) -> Vec<Option<usize>> {
    let mut joins: Vec<Option<usize>> = vec![None; rejected.len()];
    for (i, target) in rejected.iter().enumerate() {
        match *target {
            Some(j) if j < i => joins[i] = Some(j),
            Some(j) if j < joins.len() && joins[j].is_none() => joins[j] = Some(i),
            _ => {}
        }
    }
    joins
}

/// How the statements of one article enter the grouper in [`ClaimAttacher::attach_article`]
/// ([`ClaimAttacher::plan`]), for a caller that finds candidates itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticlePlan {
    /// Per statement, the statement it rejects ([`ClaimAttacher::rejections`]).
    pub rejected: Vec<Option<usize>>,
    /// Per statement, the earlier statement whose claim it joins ([`joins_of`]).
    pub joins: Vec<Option<usize>>,
    /// Per statement, the statement at whose turn it enters the grouper: its own, or (for a
    /// statement too light to be grouped that a later one joins) that later one's, just before
    /// it; `None` when it never enters.
    pub enters: Vec<Option<usize>>,
    /// Per statement, whether the model places it ([`IncrementalGrouper::add`], scored against
    /// candidates); the others that enter are placed in the claim they join.
    pub by_model: Vec<bool>,
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
    // Per grouper statement: its caller id, its stance towards its claim, its speaker (entity
    // name, else source as written) and its origin article.
    statement_ids: Vec<i64>,
    stances: Vec<Stance>,
    speakers: Vec<Option<String>>,
    origins: Vec<i64>,
    // Per grouper statement: the grouper statement it rejects, where matched in its article
    // ([`rejected_statements`]; not kept in storage, so `None` for placed stored statements).
    answers: Vec<Option<u32>>,
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
            speakers: Vec::new(),
            origins: Vec::new(),
            answers: Vec::new(),
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
        self.note_statement(input, stance, claim);
        if let (None, Some(id)) = (known, claim_id) {
            self.set_claim_id(claim, id);
        }
    }

    fn note_statement(&mut self, input: &StatementInput, stance: Stance, claim: u32) {
        self.index_of.insert(input.statement_id, self.statement_ids.len() as u32);
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

    /// Per statement of one article (`inputs`, in article order), the statement it rejects:
    /// [`rejected_statements`] over the article, a denial being a statement whose stance towards
    /// a claim ([`stance_towards_claim`]) is to deny it. `article_claims` are core's in-article
    /// claims ([`crate::Analysis::claims`], each the indices into `inputs` of its members), the
    /// last resort of a light denial.
    pub fn rejections(&self, article_claims: &[Vec<usize>], inputs: &[StatementInput]) -> Vec<Option<usize>> {
        let propositions: Vec<Proposition> = inputs.iter().map(|input| self.proposition(input)).collect();
        let stance: Vec<Stance> = inputs.iter().map(stance_towards_claim).collect();
        rejections_of(self.model, article_claims, inputs, &propositions, &stance)
    }

    /// How the statements of one article (`inputs`, in article order; `article_claims` as for
    /// [`ClaimAttacher::rejections`]) enter the grouper.
    pub fn plan(&self, article_claims: &[Vec<usize>], inputs: &[StatementInput]) -> ArticlePlan {
        let propositions: Vec<Proposition> = inputs.iter().map(|input| self.proposition(input)).collect();
        let stance: Vec<Stance> = inputs.iter().map(stance_towards_claim).collect();
        let rejected = rejections_of(self.model, article_claims, inputs, &propositions, &stance);
        let joins = joins_of(&rejected);
        let (mut enters, mut by_model) = (vec![None; inputs.len()], vec![false; inputs.len()]);
        for i in 0..inputs.len() {
            if let Some(e) = joins[i] {
                enters[e] = enters[e].or(Some(i));
                enters[i] = Some(i);
            } else if propositions[i].is_proposition(self.model) {
                enters[i] = Some(i);
                by_model[i] = true;
            }
        }
        ArticlePlan { rejected, joins, enters, by_model }
    }

    /// The claim writes for one article: `inputs[i]` is its statement `i`, in article order;
    /// `article_claims` are core's in-article claims (as for [`ClaimAttacher::rejections`]). A
    /// denial joins the claim of the statement it rejects in its article, where one is found (see
    /// the module doc).
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
        let propositions: Vec<Proposition> = inputs.iter().map(|input| self.proposition(input)).collect();
        let stance: Vec<Stance> = inputs.iter().map(stance_towards_claim).collect();
        let rejected = rejections_of(self.model, article_claims, inputs, &propositions, &stance);
        self.attach(inputs, propositions, &stance, &rejected, candidates)
    }

    /// [`ClaimAttacher::attach_article`] with what each statement rejects given (per input, an
    /// index into `inputs`): a distributed job matches denials over whole articles
    /// ([`ClaimAttacher::plan`]), then attaches, group by group, only the statements of an
    /// article that enter the grouper. `inputs` must hold both statements of every pair joined
    /// ([`joins_of`]), in article order.
    pub fn attach_rejecting(
        &mut self,
        inputs: &[StatementInput],
        rejected: &[Option<usize>],
        candidates: Option<&[Vec<i64>]>,
    ) -> Vec<ClaimWrite> {
        let propositions: Vec<Proposition> = inputs.iter().map(|input| self.proposition(input)).collect();
        let stance: Vec<Stance> = inputs.iter().map(stance_towards_claim).collect();
        self.attach(inputs, propositions, &stance, rejected, candidates)
    }

    fn attach(
        &mut self,
        inputs: &[StatementInput],
        propositions: Vec<Proposition>,
        stance: &[Stance],
        rejected: &[Option<usize>],
        candidates: Option<&[Vec<i64>]>,
    ) -> Vec<ClaimWrite> {
        // Per statement: the earlier statement whose claim it joins, a denial and what it rejects
        // being one claim whichever comes first (a headline's denial opens its story).
        let joins = joins_of(rejected);
        let mut writes = Vec::new();
        // Per statement: its grouper claim and grouper index, once it is in the grouper.
        let mut grouped: Vec<Option<u32>> = vec![None; inputs.len()];
        let mut index_of: Vec<Option<u32>> = vec![None; inputs.len()];
        for (i, input) in inputs.iter().enumerate() {
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
            } else if propositions[i].is_proposition(self.model) {
                match candidates {
                    None => self.grouper.add(self.model, propositions[i].clone()),
                    Some(candidates) => {
                        let mut among: Vec<u32> = candidates
                            .get(i)
                            .map_or(&[][..], Vec::as_slice)
                            .iter()
                            .filter_map(|id| self.index_of.get(id).copied())
                            .collect();
                        among.sort_unstable();
                        among.dedup();
                        self.grouper.add_among(self.model, propositions[i].clone(), &among)
                    }
                }
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

    /// Writes grouper claim `claim` with the members it has so far.
    fn create(&self, claim: u32, text: String, writes: &mut Vec<ClaimWrite>) {
        writes.push(ClaimWrite::Create { claim, text });
        let contested = self.is_contested(claim);
        for &m in self.grouper.members(claim) {
            let (statement_id, stance) = (self.statement_ids[m as usize], self.stances[m as usize]);
            writes.push(ClaimWrite::Member { claim, statement_id, stance, contested });
        }
    }

    /// Whether the denial at grouper index `denial` rejects the statement at `statement` itself
    /// by the pair model: linked at [`SAME_ARTICLE_LINK`] or more.
    fn rejects_directly(&self, denial: usize, statement: usize) -> bool {
        let (Some(d), Some(a)) = (self.grouper.statement(denial as u32), self.grouper.statement(statement as u32))
        else {
            return false;
        };
        self.model.link_probability(d, a).is_some_and(|p| p >= SAME_ARTICLE_LINK)
    }

    /// Whether grouper claim `claim` is contested: one side asserts or reports it and another
    /// denies it, and the denial rejects that statement itself: it was matched to it in their
    /// article ([`rejected_statements`]), or the pair model links the two at
    /// [`SAME_ARTICLE_LINK`] or more (a claim's members are linked on average, and a denial
    /// may sit beside an assertion it does not answer). Sides are told apart by their speakers'
    /// names ([`super::other_side`]: "the Trump campaign" is Donald Trump's side, "Harry M. Reid D-Nev."
    /// is Harry Reid); where either speaker is unknown, by their origins (in one article an
    /// unknown speaker may be the other).
    pub fn is_contested(&self, claim: u32) -> bool {
        let members: Vec<usize> = self.grouper.members(claim).iter().map(|&m| m as usize).collect();
        let denying: Vec<usize> = members.iter().copied().filter(|&m| self.stances[m] == Stance::Deny).collect();
        if denying.is_empty() {
            return false;
        }
        // Each member's side words, taken once (empty: no known speaker).
        let sides: HashMap<usize, Vec<String>> =
            members.iter().map(|&m| (m, self.speakers[m].as_deref().map(side_words).unwrap_or_default())).collect();
        let asserting = members.iter().copied().filter(|&m| matches!(self.stances[m], Stance::Assert | Stance::Report));
        asserting.into_iter().any(|a| {
            denying.iter().any(|&d| {
                let (sa, sd) = (&sides[&a], &sides[&d]);
                let sides = if !sa.is_empty() && !sd.is_empty() {
                    sides_differ(sa, sd)
                } else {
                    self.origins[a] != self.origins[d]
                };
                sides && (self.answers[d] == Some(a as u32) || self.rejects_directly(d, a))
            })
        })
    }
}

/// [`rejected_statements`] over one article's statements, their analyses and stances towards a
/// claim, and its in-article claims.
fn rejections_of(
    model: &ClaimModel,
    article_claims: &[Vec<usize>],
    inputs: &[StatementInput],
    propositions: &[Proposition],
    stance: &[Stance],
) -> Vec<Option<usize>> {
    let said: Vec<Said<'_>> = inputs
        .iter()
        .zip(propositions)
        .zip(stance)
        .map(|((input, statement), stance)| Said {
            speaker: input.source.as_deref(),
            content: &input.content,
            statement,
            rejects: *stance == Stance::Deny,
        })
        .collect();
    rejected_statements(model, &said, article_claims)
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

    fn input(statement_id: i64, content: &str, source: &str, cue: &str, stance: Stance) -> StatementInput {
        StatementInput {
            statement_id,
            content: content.into(),
            cue: Some(cue.into()),
            source: Some(source.into()),
            date: Some("2024-03-01".into()),
            stance,
            origin: 9,
        }
    }

    #[test]
    fn a_denial_joins_what_it_rejects_and_the_plan_replays_the_same_writes() {
        let article = [
            input(1, "Michelle Fields", "the reporter", "said", Stance::Assert),
            input(
                2,
                "Trump's campaign manager grabbed her arm and yanked her out of the way",
                "Michelle Fields",
                "says",
                Stance::Assert,
            ),
            input(3, "it happened", "Trump campaign", "has denied", Stance::Deny),
            input(4, "the bridge", "she", "mentioned", Stance::Assert),
        ];
        let mut whole = ClaimAttacher::new();
        let writes = whole.attach_article(&[], &article, None);
        let members: Vec<(i64, Stance, bool)> = writes
            .iter()
            .filter_map(|w| match w {
                ClaimWrite::Member { statement_id, stance, contested, .. } => {
                    Some((*statement_id, *stance, *contested))
                }
                ClaimWrite::Create { .. } => None,
            })
            .collect();
        // "denied it happened" joins the claim it answers and contests it: another side.
        assert_eq!(members, [(2, Stance::Assert, false), (3, Stance::Deny, true)], "{writes:?}");
        assert!(matches!(&writes[0], ClaimWrite::Create { text, .. } if text.starts_with("Trump's campaign")));

        // The plan says which statements enter the grouper; attached alone, with what they
        // reject given, they give the same writes.
        let plan = ClaimAttacher::new().plan(&[], &article);
        assert_eq!(plan.rejected, [None, None, Some(1), None]);
        assert_eq!(plan.joins, [None, None, Some(1), None]);
        assert_eq!(plan.enters, [None, Some(1), Some(2), None]);
        assert_eq!(plan.by_model, [false, true, false, false]);
        let entering: Vec<usize> = (0..article.len()).filter(|&k| plan.enters[k].is_some()).collect();
        let subset: Vec<StatementInput> = entering.iter().map(|&k| article[k].clone()).collect();
        let rejected: Vec<Option<usize>> =
            entering.iter().map(|&k| plan.rejected[k].and_then(|r| entering.iter().position(|&e| e == r))).collect();
        let mut replayed = ClaimAttacher::new();
        assert_eq!(replayed.attach_rejecting(&subset, &rejected, Some(&[vec![], vec![]])), writes);
    }
}
