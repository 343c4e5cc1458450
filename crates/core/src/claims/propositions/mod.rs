//! Claims across articles: statements grouped by the proposition they state, with a measured
//! method (docs/claims-method.md) ported from the Python reference in `scripts/claims/`.
//!
//! A [`ClaimModel`] holds the compiled-in artifacts (`data/claims/`: a static WordPiece
//! embedding table of 30522 x 128 int8 rows, its vocabulary, document frequencies of stems,
//! the pair and stance weights). For each statement, [`ClaimModel::statement`] gives a
//! [`Proposition`]: the unit sum of its WordPiece rows, its content-word stems with idf, key
//! terms, entities, numbers, main verbs and stance. [`ClaimModel::link_probability`] scores a
//! pair (12 features, logistic regression; `None` when either side is too light to be a
//! proposition). [`group`] groups a batch: candidates by cosine and key terms, average link
//! with a seed threshold for starting a claim and a join threshold for growing one.
//! [`IncrementalGrouper`] makes the same decision one statement at a time, as a growing ledger
//! needs it. [`train`] fits the pair and stance models and cross-validates the grouping
//! (`scripts/claims/train.py`).
//!
//! Invariants: everything here is deterministic and does no I/O; the functions of `words.rs`,
//! `wordpiece.rs` and the features give what their namesakes in `scripts/claims/*.py` give (the
//! idf table and the weights were built with them), so a change there is a change of the
//! method, measured by `score_group.py`. Word lists are lexicon classes
//! (`PROPOSITION_STOP_WORD`, `STANCE_*`, ...).
//!
//! ```
//! use hearsay_core::claims::propositions::{group, ClaimModel};
//! let model = ClaimModel::builtin();
//! let statements: Vec<_> = [
//!     "Apple will release a smartwatch with a sapphire screen in September",
//!     "Apple to release sapphire-screen smartwatch in September",
//!     "The city council approved the new budget for the bridge repairs",
//! ]
//! .iter()
//! .map(|content| model.statement(content, None))
//! .collect();
//! let grouping = group(&model, &statements);
//! assert_eq!(grouping.claim_of().len(), 3);
//! ```

mod attach;
mod group;
mod incremental;
mod model;
mod news;
mod pair;
mod rejection;
mod stance;
mod statement;
pub mod train;
mod wordpiece;
mod words;

pub use attach::{
    joins_of, proposition, shared_model, stance_towards_claim, ArticlePlan, ClaimAttacher, ClaimWrite, StatementInput,
};
pub use group::{average_link, candidates, group, ClaimGroup, Grouping};
pub use incremental::{CandidateLimits, IncrementalGrouper};
pub use model::{ClaimModel, Thresholds, DIM, PAIR_FEATURES, STANCE_FEATURES};
pub use news::{Attributed, NEWS_FEATURES};
pub use pair::pair_features;
pub use rejection::{
    other_side, rejected_statements, side_words, sides_differ, Said, ANAPHORA_REACH, ARTICLE_REACH, SAME_ARTICLE_LINK,
    SAME_WORDS,
};
pub use stance::rejects_a_claim;
pub use statement::Proposition;
