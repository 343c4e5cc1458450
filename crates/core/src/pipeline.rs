//! The analysis, stage by stage: this file's [`STAGES`] is the list.
//!
//! [`Doc::new`] builds the document once (the `text` stage: tokens,
//! sentences, paragraphs, quotations, lexicon facts); every stage after it
//! reads that [`Doc`] and the [`Draft`] the stages before it left, and adds
//! to the draft. A stage may use what earlier stages' modules offer, never
//! a later one's (`statements` may call `tag`, `resolve` may call
//! `statements`, not the other way round).
//!
//! Contract of every stage: each span it adds lies inside the Doc's text,
//! on char boundaries.

use chrono::NaiveDate;

use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::tag::{Label, Model};
use crate::text::Doc;
use crate::{claims, resolve, statements, tag};
use crate::{Analysis, Attribution, Claim, Entity};

/// What every stage may consult: the weights and tables of the
/// [`Analyzer`](crate::Analyzer) and what is known of the document.
pub(crate) struct Tools<'a> {
    pub model: &'a Model,
    pub lexicon: &'a Lexicon,
    pub gazetteer: &'a Gazetteer,
    /// The day the document was published, when known.
    pub published: Option<NaiveDate>,
}

/// The analysis under construction, filled in stage by stage.
#[derive(Default)]
pub(crate) struct Draft {
    /// The tagger's label per token (`tag`).
    pub labels: Vec<Label>,
    /// The statements found so far (`link` onwards), in text order once
    /// `layout` has run.
    pub attributions: Vec<Attribution>,
    /// The entities that speakers and relays resolve to (`resolve`).
    pub entities: Vec<Entity>,
    /// The claims the statements group into (`claims`).
    pub claims: Vec<Claim>,
}

/// One named step of the analysis.
pub(crate) struct Stage {
    /// What the stage is called (in ARCHITECTURE.md, timings and tests).
    pub name: &'static str,
    /// The step itself.
    pub run: fn(&Tools<'_>, &Doc<'_>, &mut Draft),
}

/// The stages after the `text` stage ([`Doc::new`]), in order.
pub(crate) const STAGES: &[Stage] = &[
    Stage { name: "tag", run: |tools, doc, draft| draft.labels = tag::tag(doc, tools.model) },
    Stage { name: "link", run: |_, doc, draft| draft.attributions = statements::link(doc, &draft.labels) },
    Stage { name: "repairs", run: |_, doc, draft| statements::repair(doc, &mut draft.attributions) },
    Stage { name: "nesting", run: |tools, doc, draft| statements::add_nested(tools, doc, &mut draft.attributions) },
    Stage {
        name: "claims named in contents",
        run: |_, doc, draft| statements::add_claimed(doc, &mut draft.attributions),
    },
    Stage { name: "embedded posts", run: |_, doc, draft| statements::add_embedded_posts(doc, &mut draft.attributions) },
    Stage { name: "layout", run: |_, doc, draft| statements::add_laid_out(doc, &mut draft.attributions) },
    Stage { name: "no comment", run: |_, doc, draft| statements::drop_no_comment(doc, &mut draft.attributions) },
    Stage { name: "order", run: |_, _, draft| statements::put_in_text_order(&mut draft.attributions) },
    Stage { name: "subjects", run: |_, doc, draft| statements::take_subjects(doc, &mut draft.attributions) },
    Stage {
        name: "resolve",
        run: |tools, doc, draft| draft.entities = resolve::resolve(tools, doc, &mut draft.attributions),
    },
    Stage {
        name: "claims",
        run: |_, doc, draft| {
            draft.claims = claims::group_in_windows(doc.text(), &draft.attributions, &draft.entities);
            claims::mark_rebuttals(doc.text(), &mut draft.attributions, &draft.claims);
        },
    },
];

/// Runs every stage over `doc`, telling `observe` the name of each stage
/// as it ends (so that a caller can time them; core reads no clock).
pub(crate) fn run(tools: &Tools<'_>, doc: Doc<'_>, observe: &mut dyn FnMut(&'static str)) -> Analysis {
    let mut draft = Draft::default();
    for stage in STAGES {
        (stage.run)(tools, &doc, &mut draft);
        observe(stage.name);
    }
    Analysis {
        attributions: draft.attributions,
        entities: draft.entities,
        claims: draft.claims,
        diagnostics: doc.diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_named_once_in_order() {
        let names: Vec<&str> = STAGES.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "tag",
                "link",
                "repairs",
                "nesting",
                "claims named in contents",
                "embedded posts",
                "layout",
                "no comment",
                "order",
                "subjects",
                "resolve",
                "claims"
            ]
        );
    }
}
