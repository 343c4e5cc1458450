//! Claims across articles as the ledger groups them, in pieces a distributed engine can scale.
//!
//! The ledger (`crates/ledger/src/claim_index.rs`) adds its statements one at a time, in ingest
//! order, to core's [`ClaimAttacher`]: an [`IncrementalGrouper`] (candidates from key-term
//! postings and SimHash buckets, the claim model's link probability, average link) plus the
//! ledger's rules (stance towards the claim, a claim is stored once it is one, a denial joins
//! what it rejects in its article, when a claim is contested). The same calls, cut up:
//!
//! - `claim_plan`: per article, what each denial rejects ([`ClaimAttacher::plan`]), which
//!   statements enter the grouper and in what order, and which the model places;
//! - `claim_statements`: per statement, the model's analysis that blocking needs (is it a
//!   proposition, its key terms, SimHash buckets and vector), stateless;
//! - `claim_candidate_limits`: how many of a bucket's and a key term's earlier statements the
//!   grouper looks at, so that the caller finds the same candidates over the whole stream;
//! - `claim_cosines`, `claim_edges`: the cosine that ranks bucket candidates, and whether a pair
//!   is an edge (a link probability the grouper looks at);
//! - `attach_claims`: [`ClaimAttacher::attach_rejecting`] over statements in ingest order with
//!   their candidates and what they reject given; statements joined by no edge (nor by a denial
//!   and what it rejects) never affect each other, so any partition that keeps each connected
//!   group together gives the ledger's claims, and their contested flags.
//!
//! Nothing is decided here; every rule is core's.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{
    make_array, Array, ArrayRef, BooleanArray, FixedSizeListArray, Float32Array, Float64Array, Int64Array, ListArray,
    RecordBatch,
};
use arrow_data::ArrayData;
use arrow_pyarrow::PyArrowType;
use arrow_schema::{DataType, Field, Schema};
use hearsay_core::claims::propositions::{
    proposition, shared_model, ClaimAttacher, ClaimWrite, IncrementalGrouper, Proposition, StatementInput, DIM,
};
use hearsay_core::Stance;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::columns::{list, strings, text_column, TextColumn};

fn error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn stance_of(text: Option<&str>) -> Stance {
    match text {
        Some("deny") => Stance::Deny,
        Some("report") => Stance::Report,
        Some("question") => Stance::Question,
        _ => Stance::Assert,
    }
}

fn int64_column<'a>(batch: &'a RecordBatch, name: &str) -> PyResult<&'a Int64Array> {
    let column = batch.column_by_name(name).ok_or_else(|| PyKeyError::new_err(format!("no column {name:?}")))?;
    column
        .as_any()
        .downcast_ref::<Int64Array>()
        .ok_or_else(|| PyTypeError::new_err(format!("column {name:?} is {}, not int64", column.data_type())))
}

fn list_column<'a>(batch: &'a RecordBatch, name: &str) -> PyResult<&'a ListArray> {
    let column = batch.column_by_name(name).ok_or_else(|| PyKeyError::new_err(format!("no column {name:?}")))?;
    column
        .as_any()
        .downcast_ref::<ListArray>()
        .ok_or_else(|| PyTypeError::new_err(format!("column {name:?} is {}, not a list", column.data_type())))
}

/// The statement inputs of a batch: text columns `content`, `cue`, `source`, `date` and
/// `stance`, and where present the int64 column `origin`, each name followed by a suffix (`_a`,
/// `_b` for the sides of a pair).
struct Inputs<'a> {
    content: TextColumn<'a>,
    cue: TextColumn<'a>,
    source: TextColumn<'a>,
    date: TextColumn<'a>,
    stance: TextColumn<'a>,
    origin: Option<&'a Int64Array>,
}

impl<'a> Inputs<'a> {
    fn of(batch: &'a RecordBatch, suffix: &str) -> PyResult<Inputs<'a>> {
        Ok(Inputs {
            content: text_column(batch, &format!("content{suffix}"), true)?,
            cue: text_column(batch, &format!("cue{suffix}"), false)?,
            source: text_column(batch, &format!("source{suffix}"), false)?,
            date: text_column(batch, &format!("date{suffix}"), false)?,
            stance: text_column(batch, &format!("stance{suffix}"), false)?,
            origin: match batch.column_by_name(&format!("origin{suffix}")) {
                None => None,
                Some(_) => Some(int64_column(batch, &format!("origin{suffix}"))?),
            },
        })
    }

    fn get(&self, row: usize, statement_id: i64) -> StatementInput {
        StatementInput {
            statement_id,
            content: self.content.get(row).unwrap_or("").to_string(),
            cue: self.cue.get(row).map(str::to_string),
            source: self.source.get(row).map(str::to_string),
            date: self.date.get(row).map(str::to_string),
            stance: stance_of(self.stance.get(row)),
            origin: self.origin.map_or(0, |origin| origin.value(row)),
        }
    }
}

/// The rows of each article: runs of equal `articles` values.
fn article_runs(articles: &Int64Array) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < articles.len() {
        let mut end = start + 1;
        while end < articles.len() && articles.value(end) == articles.value(start) {
            end += 1;
        }
        runs.push(start..end);
        start = end;
    }
    runs
}

/// Core's in-article claims of the article at `rows`, from each row's list of the ids of the
/// in-article claims it is a member of (`analyze_batch`'s `claims.id`: "c1", "c2", ...): per
/// claim, in claim order, the indices (from the run's first row) of its members.
fn in_article_claims(lists: &ListArray, rows: std::ops::Range<usize>) -> PyResult<Vec<Vec<usize>>> {
    let mut members: std::collections::BTreeMap<(usize, String), Vec<usize>> = Default::default();
    for row in rows.clone() {
        if lists.is_null(row) {
            continue;
        }
        let ids = lists.value(row);
        let ids = TextColumn::of_array(&ids)?;
        for k in 0..lists.value_length(row) as usize {
            if let Some(id) = ids.get(k) {
                let number = id.trim_start_matches('c').parse::<usize>().unwrap_or(usize::MAX);
                members.entry((number, id.to_string())).or_default().push(row - rows.start);
            }
        }
    }
    Ok(members.into_values().collect())
}

/// Per article, how its statements enter the ledger's grouper ([`ClaimAttacher::plan`]): rows
/// `statement` (int64 ids, ascending within an article), `article` (int64; an article's rows
/// consecutive, all its statements, in order), `content`, `cue`, `source`, `date`, `stance`,
/// `article_claims` (list of the ids of the in-article claims it is a member of, `analyze_batch`'s
/// `claims.id`). Returns per row `statement`, `rejects` (the id of the statement it rejects, else null),
/// `joins` (the id of the earlier statement whose claim it joins, else null), `order` (when it
/// enters the grouper: 2 × the id of the statement at whose turn it enters, less 1 when it
/// enters before that statement; null when it never enters) and `by_model` (whether the model
/// places it, scored against candidates).
#[pyfunction]
pub(crate) fn claim_plan(py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<RecordBatch>> {
    let batch = batch.0;
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let ids = int64_column(&batch, "statement")?;
        let articles = int64_column(&batch, "article")?;
        let inputs = Inputs::of(&batch, "")?;
        let claim_lists = list_column(&batch, "article_claims")?;
        let attacher = ClaimAttacher::new();
        let n = batch.num_rows();
        let (mut rejects, mut joins, mut order, mut by_model) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for run in article_runs(articles) {
            let start = run.start;
            let article: Vec<StatementInput> = run.clone().map(|row| inputs.get(row, ids.value(row))).collect();
            let plan = attacher.plan(&in_article_claims(claim_lists, run.clone())?, &article);
            let id = |k: usize| ids.value(start + k);
            for k in 0..article.len() {
                rejects.push(plan.rejected[k].map(id));
                joins.push(plan.joins[k].map(id));
                order.push(plan.enters[k].map(|t| 2 * id(t) - i64::from(t != k)));
                by_model.push(plan.by_model[k]);
            }
        }
        let schema = Schema::new(vec![
            Field::new("statement", DataType::Int64, false),
            Field::new("rejects", DataType::Int64, true),
            Field::new("joins", DataType::Int64, true),
            Field::new("order", DataType::Int64, true),
            Field::new("by_model", DataType::Boolean, false),
        ]);
        let columns: Vec<ArrayRef> = vec![
            Arc::new(ids.clone()),
            Arc::new(Int64Array::from(rejects)),
            Arc::new(Int64Array::from(joins)),
            Arc::new(Int64Array::from(order)),
            Arc::new(BooleanArray::from(by_model)),
        ];
        RecordBatch::try_new(Arc::new(schema), columns).map_err(error)
    })?;
    Ok(PyArrowType(out))
}

/// Per statement (`content`, `cue`, `source`, `date`): `proposition` (whether the grouper takes
/// it), `key_terms`, `buckets` (SimHash, int64) and `vector` (128 float32).
#[pyfunction]
pub(crate) fn claim_statements(py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<RecordBatch>> {
    let batch = batch.0;
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let model = shared_model();
        let grouper = IncrementalGrouper::new();
        let inputs = Inputs::of(&batch, "")?;
        let n = batch.num_rows();
        let (mut is_proposition, mut key_lengths, mut keys, mut buckets, mut vectors) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::new(), Vec::with_capacity(n * 8), Vec::new());
        for row in 0..n {
            let statement = proposition(model, &inputs.get(row, 0));
            is_proposition.push(statement.is_proposition(model));
            let before = keys.len();
            keys.extend(statement.key_terms().map(|k| Some(k.to_string())));
            key_lengths.push(keys.len() - before);
            buckets.extend(grouper.buckets_of(&statement).map(i64::from));
            vectors.extend_from_slice(statement.vector());
        }
        let bucket_lists =
            list(Field::new("item", DataType::Int64, false), &vec![8; n], Arc::new(Int64Array::from(buckets)));
        let vector =
            list(Field::new("item", DataType::Float32, false), &vec![DIM; n], Arc::new(Float32Array::from(vectors)));
        let columns: Vec<ArrayRef> = vec![
            Arc::new(BooleanArray::from(is_proposition)),
            list(Field::new("item", DataType::Utf8, false), &key_lengths, strings(&keys)),
            bucket_lists,
            vector,
        ];
        RecordBatch::try_new(Arc::new(claim_statement_schema()), columns).map_err(error)
    })?;
    Ok(PyArrowType(out))
}

fn claim_statement_schema() -> Schema {
    Schema::new(vec![
        Field::new("proposition", DataType::Boolean, false),
        Field::new("key_terms", DataType::List(Arc::new(Field::new("item", DataType::Utf8, false))), false),
        Field::new("buckets", DataType::List(Arc::new(Field::new("item", DataType::Int64, false))), false),
        // A list, not a fixed-size list: Spark's Arrow conversion has no fixed-size lists.
        Field::new("vector", DataType::List(Arc::new(Field::new("item", DataType::Float32, false))), false),
    ])
}

/// The schema `claim_statements` returns.
#[pyfunction]
pub(crate) fn claim_statement_fields() -> PyArrowType<Schema> {
    PyArrowType(claim_statement_schema())
}

/// How the grouper picks candidates: `{"bucket_looks", "cand_k", "key_postings"}`.
#[pyfunction]
pub(crate) fn claim_candidate_limits() -> HashMap<&'static str, usize> {
    let limits = IncrementalGrouper::candidate_limits(shared_model());
    HashMap::from([
        ("bucket_looks", limits.bucket_looks),
        ("cand_k", limits.cand_k),
        ("key_postings", limits.key_postings),
    ])
}

/// Vectors of `DIM` float32 each, as a list or fixed-size list column, flattened.
fn vectors(data: ArrayData) -> PyResult<Vec<f32>> {
    let array = make_array(data);
    let rows: Vec<ArrayRef> = if let Some(list) = array.as_any().downcast_ref::<ListArray>() {
        (0..list.len()).map(|row| list.value(row)).collect()
    } else if let Some(list) = array.as_any().downcast_ref::<FixedSizeListArray>() {
        (0..list.len()).map(|row| list.value(row)).collect()
    } else {
        return Err(PyTypeError::new_err(format!("vectors must be lists of float32, not {}", array.data_type())));
    };
    let mut out = Vec::with_capacity(rows.len() * DIM);
    for row in rows {
        let values =
            row.as_any().downcast_ref::<Float32Array>().ok_or_else(|| PyTypeError::new_err("vectors hold float32"))?;
        if values.len() != DIM {
            return Err(PyValueError::new_err(format!("a vector has {} values, not {DIM}", values.len())));
        }
        out.extend_from_slice(values.values());
    }
    Ok(out)
}

/// The cosine of each pair of vectors (as `claim_statements` gives them), as the grouper
/// computes it ([`Proposition::cosine`]).
#[pyfunction]
pub(crate) fn claim_cosines(
    py: Python<'_>,
    vectors_a: PyArrowType<ArrayData>,
    vectors_b: PyArrowType<ArrayData>,
) -> PyResult<PyArrowType<ArrayData>> {
    let (a, b) = (vectors(vectors_a.0)?, vectors(vectors_b.0)?);
    if a.len() != b.len() {
        return Err(PyValueError::new_err("vectors_a and vectors_b differ in length"));
    }
    let out = py.detach(|| {
        let cosines: Vec<f64> = a
            .chunks_exact(DIM)
            .zip(b.chunks_exact(DIM))
            .map(|(x, y)| x.iter().zip(y).map(|(p, q)| f64::from(*p) * f64::from(*q)).sum())
            .collect();
        Float64Array::from(cosines)
    });
    Ok(PyArrowType(out.to_data()))
}

/// For each pair of a new statement (`content_b`, `cue_b`, `source_b`, `date_b`, id `b`) and an
/// earlier one (the same with `_a`, id `a`): its link probability when it is an edge the grouper
/// looks at, else null. Rows sorted by `b` analyse each statement once per run of rows.
#[pyfunction]
pub(crate) fn claim_edges(py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<ArrayData>> {
    let batch = batch.0;
    let out = py.detach(|| -> PyResult<Float64Array> {
        let model = shared_model();
        let (ids_a, ids_b) = (int64_column(&batch, "a")?, int64_column(&batch, "b")?);
        let (inputs_a, inputs_b) = (Inputs::of(&batch, "_a")?, Inputs::of(&batch, "_b")?);
        let mut seen: HashMap<i64, Proposition> = HashMap::new();
        let mut current: Option<(i64, Proposition)> = None;
        let mut out = Vec::with_capacity(batch.num_rows());
        for row in 0..batch.num_rows() {
            let (a, b) = (ids_a.value(row), ids_b.value(row));
            if current.as_ref().is_none_or(|(id, _)| *id != b) {
                current = Some((b, proposition(model, &inputs_b.get(row, b))));
            }
            let earlier = seen.entry(a).or_insert_with(|| proposition(model, &inputs_a.get(row, a)));
            let new = &current.as_ref().expect("set above").1;
            out.push(model.edge(new, earlier));
        }
        Ok(Float64Array::from(out))
    })?;
    Ok(PyArrowType(out.to_data()))
}

/// The ledger's claims of statements given in ingest order: rows `statement` (int64 ids,
/// ascending), `article` (int64; an article's rows are consecutive), `content`, `cue`, `source`,
/// `date`, `stance`, `origin` (int64: the article first published in), `rejects` (int64, null:
/// the id of the statement it rejects, `claim_plan`'s) and `candidates` (list of int64: the ids
/// of the earlier statements the grouper would score it against). Only statements that enter
/// the grouper need come, each with what it joins. Returns one row per claim member write:
/// `claim` (the id of the claim's first statement), `text` (the claim's), `statement`, `stance`
/// (towards the claim), `contested` (whether the claim is contested with it; a claim is
/// contested when any of its writes says so).
#[pyfunction]
pub(crate) fn attach_claims(py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<RecordBatch>> {
    let batch = batch.0;
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let ids = int64_column(&batch, "statement")?;
        let articles = int64_column(&batch, "article")?;
        let rejects = int64_column(&batch, "rejects")?;
        let inputs = Inputs::of(&batch, "")?;
        let candidate_lists = list_column(&batch, "candidates")?;
        let candidate_ids = candidate_lists
            .values()
            .as_any()
            .downcast_ref::<Int64Array>()
            .ok_or_else(|| PyTypeError::new_err("candidates must be a list of int64"))?;
        let offsets = candidate_lists.value_offsets();
        let mut attacher = ClaimAttacher::new();
        let mut texts: HashMap<u32, String> = HashMap::new();
        let (mut claims, mut claim_texts, mut statements, mut stances, mut contested) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for run in article_runs(articles) {
            let article_inputs: Vec<StatementInput> = run.clone().map(|row| inputs.get(row, ids.value(row))).collect();
            let local: HashMap<i64, usize> = run.clone().map(|row| (ids.value(row), row - run.start)).collect();
            let rejected: Vec<Option<usize>> = run
                .clone()
                .map(|row| rejects.is_valid(row).then(|| rejects.value(row)).and_then(|id| local.get(&id).copied()))
                .collect();
            let candidates: Vec<Vec<i64>> = run
                .clone()
                .map(|row| {
                    let (from, to) = (offsets[row] as usize, offsets[row + 1] as usize);
                    candidate_ids.values()[from..to].to_vec()
                })
                .collect();
            for write in attacher.attach_rejecting(&article_inputs, &rejected, Some(&candidates)) {
                match write {
                    ClaimWrite::Create { claim, text } => {
                        texts.insert(claim, text);
                    }
                    ClaimWrite::Member { claim, statement_id, stance, contested: flag } => {
                        let id = match attacher.claim_id(claim) {
                            Some(id) => id,
                            None => {
                                attacher.set_claim_id(claim, statement_id);
                                statement_id
                            }
                        };
                        claims.push(id);
                        claim_texts.push(texts.get(&claim).cloned());
                        statements.push(statement_id);
                        stances.push(Some(stance.as_str()));
                        contested.push(flag);
                    }
                }
            }
        }
        let schema = Schema::new(vec![
            Field::new("claim", DataType::Int64, false),
            Field::new("text", DataType::Utf8, true),
            Field::new("statement", DataType::Int64, false),
            Field::new("stance", DataType::Utf8, false),
            Field::new("contested", DataType::Boolean, false),
        ]);
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from(claims)),
            strings(&claim_texts),
            Arc::new(Int64Array::from(statements)),
            strings(&stances),
            Arc::new(BooleanArray::from(contested)),
        ];
        RecordBatch::try_new(Arc::new(schema), columns).map_err(error)
    })?;
    Ok(PyArrowType(out))
}
