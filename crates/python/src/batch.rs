//! `analyze_batch`: a record batch of articles in, a record batch of
//! statements out, one row per attribution, in article order and then in
//! the order `hearsay extract` prints them.
//!
//! The fields follow `hearsay extract`'s JSON (FORMAT.md and
//! `crates/cli/src/wire.rs`): statement ids `a1`, `a2` per article, entity
//! ids `e1`, ..., spans as Unicode scalar offsets made by `CharOffsets`,
//! stances and kinds by their `as_str`. Claims are the analysis' own
//! (grouped within the article); each carries its `ClaimKey` in storage form
//! (sorted concepts separated by spaces), the key the ledger matches across
//! articles with.

use std::sync::Arc;

use arrow_array::{ArrayRef, Float32Array, Int64Array, RecordBatch, StructArray, UInt32Array};
use arrow_pyarrow::PyArrowType;
use arrow_schema::{DataType, Field, Fields, Schema};
use arrow_select::take::take;
use hearsay_core::claims::{group_claims, ClaimKey};
use hearsay_core::{Analysis, CharOffsets, Document, Role};
use hearsay_ledger::speaker_key;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::columns::{dates, list, published_column, strings, text_column};

/// Statements of every article of `batch` (columns `id`, `text`, and
/// optionally `published`, `outlet`, `url`; text columns may be string,
/// large_string or string_view). Columns named in `keep` are copied from
/// each article onto its statements, after the fixed columns.
#[pyfunction]
#[pyo3(signature = (batch, keep = Vec::new()))]
pub(crate) fn analyze_batch(
    py: Python<'_>,
    batch: PyArrowType<RecordBatch>,
    keep: Vec<String>,
) -> PyResult<PyArrowType<RecordBatch>> {
    let articles = batch.0;
    let statements = py.detach(|| statements_of(&articles, &keep))?;
    Ok(PyArrowType(statements))
}

/// The schema of `analyze_batch`'s output without kept columns.
#[pyfunction]
pub(crate) fn statement_schema() -> PyArrowType<Schema> {
    PyArrowType(Schema::new(statement_fields()))
}

fn span_fields() -> Fields {
    Fields::from(vec![Field::new("start", DataType::Int64, false), Field::new("end", DataType::Int64, false)])
}

fn spans_type() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Struct(span_fields()), false)))
}

fn claim_fields() -> Fields {
    Fields::from(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("key", DataType::Utf8, false),
        Field::new("stance", DataType::Utf8, false),
    ])
}

fn statement_fields() -> Vec<Field> {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    vec![
        text("article", false),
        text("statement", false),
        text("source_text", true),
        Field::new("source_spans", spans_type(), true),
        text("cue_text", true),
        Field::new("cue_spans", spans_type(), true),
        text("content_text", false),
        Field::new("content_spans", spans_type(), false),
        text("kind", false),
        text("speaker_entity", true),
        text("speaker_name", true),
        text("speaker_key", true),
        text("stance", false),
        Field::new("said_on_earliest", DataType::Date32, true),
        Field::new("said_on_latest", DataType::Date32, true),
        text("said_on_text", true),
        Field::new("relayed_by", DataType::List(Arc::new(Field::new("item", DataType::Utf8, false))), false),
        Field::new("confidence", DataType::Float32, false),
        text("claim_key", true),
        Field::new(
            "claims",
            DataType::List(Arc::new(Field::new("item", DataType::Struct(claim_fields()), false))),
            false,
        ),
        text("outlet", true),
        Field::new("published", DataType::Date32, true),
        text("url", true),
    ]
}

// Column values gathered statement by statement.
#[derive(Default)]
struct Rows {
    article_row: Vec<u32>,
    article: Vec<Option<String>>,
    statement: Vec<Option<String>>,
    source_text: Vec<Option<String>>,
    source_spans: SpanLists,
    cue_text: Vec<Option<String>>,
    cue_spans: SpanLists,
    content_text: Vec<Option<String>>,
    content_spans: SpanLists,
    kind: Vec<Option<&'static str>>,
    speaker_entity: Vec<Option<String>>,
    speaker_name: Vec<Option<String>>,
    speaker_key: Vec<Option<String>>,
    stance: Vec<Option<&'static str>>,
    said_on_earliest: Vec<Option<chrono::NaiveDate>>,
    said_on_latest: Vec<Option<chrono::NaiveDate>>,
    said_on_text: Vec<Option<String>>,
    relayed_by: Vec<usize>,
    relayed_by_names: Vec<Option<String>>,
    confidence: Vec<f32>,
    claim_key: Vec<Option<String>>,
    claims: Vec<usize>,
    claim_id: Vec<Option<String>>,
    claim_text: Vec<Option<String>>,
    claim_member_key: Vec<Option<String>>,
    claim_stance: Vec<Option<&'static str>>,
    outlet: Vec<Option<String>>,
    published: Vec<Option<chrono::NaiveDate>>,
    url: Vec<Option<String>>,
}

// A list of spans per row; a row without the role is null.
#[derive(Default)]
struct SpanLists {
    lengths: Vec<usize>,
    valid: Vec<bool>,
    starts: Vec<i64>,
    ends: Vec<i64>,
}

impl SpanLists {
    fn push(&mut self, role: Option<&Role>, offsets: &CharOffsets) {
        let spans = role.map_or(&[][..], |role| role.spans());
        self.lengths.push(spans.len());
        self.valid.push(role.is_some());
        for span in spans {
            // Offsets of a text fit i64: texts are far below 2^63 chars.
            self.starts.push(offsets.to_char(span.start()) as i64);
            self.ends.push(offsets.to_char(span.end()) as i64);
        }
    }

    fn into_array(self) -> ArrayRef {
        let fields = span_fields();
        let items = StructArray::new(
            fields.clone(),
            vec![Arc::new(Int64Array::from(self.starts)), Arc::new(Int64Array::from(self.ends))],
            None,
        );
        let offsets = arrow_buffer::OffsetBuffer::<i32>::from_lengths(self.lengths);
        let nulls = arrow_buffer::NullBuffer::from(self.valid);
        Arc::new(arrow_array::ListArray::new(
            Arc::new(Field::new("item", DataType::Struct(fields), false)),
            offsets,
            Arc::new(items),
            Some(nulls),
        ))
    }
}

fn statements_of(articles: &RecordBatch, keep: &[String]) -> PyResult<RecordBatch> {
    let ids = text_column(articles, "id", true)?;
    let texts = text_column(articles, "text", true)?;
    let outlets = text_column(articles, "outlet", false)?;
    let urls = text_column(articles, "url", false)?;
    let published = published_column(articles)?;
    let analyzer = crate::analyzer();
    let mut rows = Rows::default();
    for (article_row, published) in published.into_iter().enumerate() {
        let (Some(id), Some(text)) = (ids.get(article_row), texts.get(article_row)) else { continue };
        let analysis = analyzer.analyze(Document { text, published });
        let article = Article {
            row: article_row,
            id,
            text,
            published,
            outlet: outlets.get(article_row),
            url: urls.get(article_row),
        };
        add_statements(&mut rows, &article, &analysis);
    }
    let mut fields = statement_fields();
    let article_rows = UInt32Array::from(std::mem::take(&mut rows.article_row));
    let mut columns = rows.into_columns();
    for name in keep {
        let (Some(column), Ok(field)) =
            (articles.column_by_name(name), articles.schema().field_with_name(name).cloned())
        else {
            return Err(PyValueError::new_err(format!("keep: the batch has no column {name:?}")));
        };
        columns.push(take(column, &article_rows, None).map_err(|e| PyValueError::new_err(e.to_string()))?);
        fields.push(field);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(|e| PyValueError::new_err(e.to_string()))
}

struct Article<'a> {
    row: usize,
    id: &'a str,
    text: &'a str,
    published: Option<chrono::NaiveDate>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
}

fn add_statements(rows: &mut Rows, article: &Article<'_>, analysis: &Analysis) {
    let text = article.text;
    let offsets = CharOffsets::new(text);
    // The ledger groups the attributions itself when an analysis brings no
    // claims (`crates/ledger/src/write.rs`); so do we, to give the same keys.
    let grouped;
    let claims = if analysis.claims.is_empty() && !analysis.attributions.is_empty() {
        grouped = group_claims(text, &analysis.attributions, &analysis.entities);
        &grouped
    } else {
        &analysis.claims
    };
    let keys: Vec<String> = claims.iter().map(|c| ClaimKey::of_text(&c.text).to_storage()).collect();
    let mut claims_of: Vec<Vec<(usize, &'static str)>> = vec![Vec::new(); analysis.attributions.len()];
    for (claim_idx, claim) in claims.iter().enumerate() {
        for member in &claim.members {
            if let Some(memberships) = claims_of.get_mut(member.attribution) {
                memberships.push((claim_idx, member.stance.as_str()));
            }
        }
    }
    let entity = |idx: usize| analysis.entities.get(idx).map(|e| (format!("e{}", idx + 1), e.name.clone()));
    for (i, a) in analysis.attributions.iter().enumerate() {
        // Row indices fit u32: a record batch holds far fewer than 4 billion articles.
        rows.article_row.push(article.row as u32);
        rows.article.push(Some(article.id.to_string()));
        rows.statement.push(Some(format!("a{}", i + 1)));
        rows.source_text.push(a.source.as_ref().map(|r| r.text(text)));
        rows.source_spans.push(a.source.as_ref(), &offsets);
        rows.cue_text.push(a.cue.as_ref().map(|r| r.text(text)));
        rows.cue_spans.push(a.cue.as_ref(), &offsets);
        rows.content_text.push(Some(a.content.text(text)));
        rows.content_spans.push(Some(&a.content), &offsets);
        rows.kind.push(Some(a.kind.as_str()));
        let key = a.speaker.and_then(|e| analysis.entities.get(e.0)).and_then(|e| speaker_key(&e.name, e.kind));
        rows.speaker_key.push(key);
        let speaker = a.speaker.and_then(|e| entity(e.0));
        rows.speaker_entity.push(speaker.as_ref().map(|(id, _)| id.clone()));
        rows.speaker_name.push(speaker.map(|(_, name)| name));
        rows.stance.push(Some(a.stance.as_str()));
        rows.said_on_earliest.push(a.said_on.as_ref().map(|d| d.earliest()));
        rows.said_on_latest.push(a.said_on.as_ref().map(|d| d.latest()));
        rows.said_on_text.push(a.said_on.as_ref().map(|d| d.evidence().slice(text).to_string()));
        let relays: Vec<String> = a.relayed_by.iter().filter_map(|e| entity(e.0)).map(|(_, name)| name).collect();
        rows.relayed_by.push(relays.len());
        rows.relayed_by_names.extend(relays.into_iter().map(Some));
        rows.confidence.push((a.confidence * 1000.0).round() / 1000.0);
        let memberships = &claims_of[i];
        rows.claim_key.push(memberships.first().map(|&(claim_idx, _)| keys[claim_idx].clone()));
        rows.claims.push(memberships.len());
        for &(claim_idx, stance) in memberships {
            rows.claim_id.push(Some(format!("c{}", claim_idx + 1)));
            rows.claim_text.push(Some(claims[claim_idx].text.clone()));
            rows.claim_member_key.push(Some(keys[claim_idx].clone()));
            rows.claim_stance.push(Some(stance));
        }
        rows.outlet.push(article.outlet.map(str::to_string));
        rows.published.push(article.published);
        rows.url.push(article.url.map(str::to_string));
    }
}

impl Rows {
    fn into_columns(self) -> Vec<ArrayRef> {
        let claims = StructArray::new(
            claim_fields(),
            vec![
                strings(&self.claim_id),
                strings(&self.claim_text),
                strings(&self.claim_member_key),
                strings(&self.claim_stance),
            ],
            None,
        );
        vec![
            strings(&self.article),
            strings(&self.statement),
            strings(&self.source_text),
            self.source_spans.into_array(),
            strings(&self.cue_text),
            self.cue_spans.into_array(),
            strings(&self.content_text),
            self.content_spans.into_array(),
            strings(&self.kind),
            strings(&self.speaker_entity),
            strings(&self.speaker_name),
            strings(&self.speaker_key),
            strings(&self.stance),
            dates(&self.said_on_earliest),
            dates(&self.said_on_latest),
            strings(&self.said_on_text),
            list(Field::new("item", DataType::Utf8, false), &self.relayed_by, strings(&self.relayed_by_names)),
            Arc::new(Float32Array::from(self.confidence)),
            strings(&self.claim_key),
            list(Field::new("item", DataType::Struct(claim_fields()), false), &self.claims, Arc::new(claims)),
            strings(&self.outlet),
            dates(&self.published),
            strings(&self.url),
        ]
    }
}
