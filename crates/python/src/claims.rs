//! Claims across articles as the ledger groups them, in pieces a distributed engine can scale.
//!
//! The ledger (`crates/ledger/src/claim_index.rs`) adds its statements one at a time, in ingest
//! order, to core's [`ClaimAttacher`]: an [`IncrementalGrouper`] (candidates from key-term
//! postings and SimHash buckets, the claim model's link probability, average link) plus the
//! ledger's rules (stance towards the claim, a claim is stored once it is one, anaphoric denials
//! join through their article's claims, when a claim is contested). The same calls, cut up:
//!
//! - `claim_statements`: per statement, the model's analysis that blocking needs (is it a
//!   proposition, its key terms, SimHash buckets and vector), stateless;
//! - `claim_candidate_limits`: how many of a bucket's and a key term's earlier statements the
//!   grouper looks at, so that the caller finds the same candidates over the whole stream;
//! - `claim_cosines`, `claim_edges`: the cosine that ranks bucket candidates, and whether a pair
//!   is an edge (a link probability the grouper looks at);
//! - `attach_claims`: [`ClaimAttacher::attach_statements`] over statements in ingest order with
//!   their candidates given; statements joined by no edge never affect each other, so any
//!   partition that keeps each connected group of edges together gives the ledger's claims;
//! - `anaphoric_denials`, `contested_claims`: the in-article step and the contested rule.
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
    anaphoric_denials as denials_of, is_contested, proposition, shared_model, stance_towards_claim, ClaimAttacher,
    ClaimWrite, IncrementalGrouper, Proposition, StatementInput, DIM,
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
/// `stance`, each name followed by a suffix (`_a`, `_b` for the sides of a pair).
struct Inputs<'a> {
    content: TextColumn<'a>,
    cue: TextColumn<'a>,
    source: TextColumn<'a>,
    date: TextColumn<'a>,
    stance: TextColumn<'a>,
}

impl<'a> Inputs<'a> {
    fn of(batch: &'a RecordBatch, suffix: &str) -> PyResult<Inputs<'a>> {
        Ok(Inputs {
            content: text_column(batch, &format!("content{suffix}"), true)?,
            cue: text_column(batch, &format!("cue{suffix}"), false)?,
            source: text_column(batch, &format!("source{suffix}"), false)?,
            date: text_column(batch, &format!("date{suffix}"), false)?,
            stance: text_column(batch, &format!("stance{suffix}"), false)?,
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
        }
    }
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
/// `date`, `stance`, and `candidates` (list of int64: the ids of the earlier statements the
/// grouper would score it against). Returns one row per claim member: `claim` (the id of the
/// claim's first statement), `text` (the claim's), `statement`,
/// `stance` (towards the claim), `own_turn` (whether the statement was stored in the claim at
/// its own turn, not taken in later by a statement that made its claim one: only the former
/// count for [`anaphoric_denials`]).
#[pyfunction]
pub(crate) fn attach_claims(py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<RecordBatch>> {
    let batch = batch.0;
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let ids = int64_column(&batch, "statement")?;
        let articles = int64_column(&batch, "article")?;
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
        let (mut claims, mut claim_texts, mut statements, mut stances) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut own_turn = Vec::new();
        let n = batch.num_rows();
        let mut start = 0;
        while start < n {
            let mut end = start + 1;
            while end < n && articles.value(end) == articles.value(start) {
                end += 1;
            }
            let article_inputs: Vec<StatementInput> = (start..end).map(|row| inputs.get(row, ids.value(row))).collect();
            let candidates: Vec<Vec<i64>> = (start..end)
                .map(|row| {
                    let (from, to) = (offsets[row] as usize, offsets[row + 1] as usize);
                    candidate_ids.values()[from..to].to_vec()
                })
                .collect();
            let (writes, claim_of) = attacher.attach_statements(&article_inputs, Some(&candidates));
            let local: HashMap<i64, usize> = (start..end).map(|row| (ids.value(row), row - start)).collect();
            for write in writes {
                match write {
                    ClaimWrite::Create { claim, text } => {
                        texts.insert(claim, text);
                    }
                    ClaimWrite::Member { claim, statement_id, stance } => {
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
                        own_turn.push(local.get(&statement_id).is_some_and(|&k| claim_of[k] == Some(claim)));
                    }
                }
            }
            start = end;
        }
        let schema = Schema::new(vec![
            Field::new("claim", DataType::Int64, false),
            Field::new("text", DataType::Utf8, true),
            Field::new("statement", DataType::Int64, false),
            Field::new("stance", DataType::Utf8, false),
            Field::new("own_turn", DataType::Boolean, false),
        ]);
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from(claims)),
            strings(&claim_texts),
            Arc::new(Int64Array::from(statements)),
            strings(&stances),
            Arc::new(BooleanArray::from(own_turn)),
        ];
        RecordBatch::try_new(Arc::new(schema), columns).map_err(error)
    })?;
    Ok(PyArrowType(out))
}

/// The in-article step: rows `statement` (int64), `article` (int64; an article's rows
/// consecutive, in statement order), `cue`, `content`, `stance` (the statement's own),
/// `claim` (int64, null when in no claim) and `article_claims` (list of the ids of the
/// in-article claims it is a member of, `analyze_batch`'s `claims.id`). Returns the denials that
/// join a claim: `claim`, `statement`, `stance`.
#[pyfunction]
pub(crate) fn anaphoric_denials(py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<RecordBatch>> {
    let batch = batch.0;
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let ids = int64_column(&batch, "statement")?;
        let articles = int64_column(&batch, "article")?;
        let claim = batch
            .column_by_name("claim")
            .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
            .ok_or_else(|| PyTypeError::new_err("claim must be an int64 column"))?;
        let (cue, content, stance) = (
            text_column(&batch, "cue", false)?,
            text_column(&batch, "content", true)?,
            text_column(&batch, "stance", false)?,
        );
        let article_claims = list_column(&batch, "article_claims")?;
        let (mut claims, mut statements, mut stances) = (Vec::new(), Vec::new(), Vec::new());
        let n = batch.num_rows();
        let mut start = 0;
        while start < n {
            let mut end = start + 1;
            while end < n && articles.value(end) == articles.value(start) {
                end += 1;
            }
            // Core's in-article claims, in their order ("c1", "c2", ...), members in statement order.
            let mut members: std::collections::BTreeMap<(usize, String), Vec<usize>> = Default::default();
            for row in start..end {
                let ids_of = article_claims.value(row);
                let ids_of = TextColumn::of_array(&ids_of)?;
                for k in 0..article_claims.value_length(row) as usize {
                    if let Some(id) = ids_of.get(k) {
                        let number = id.trim_start_matches('c').parse::<usize>().unwrap_or(usize::MAX);
                        members.entry((number, id.to_string())).or_default().push(row - start);
                    }
                }
            }
            let groups: Vec<Vec<usize>> = members.into_values().collect();
            let stance_toward: Vec<Stance> = (start..end)
                .map(|row| {
                    stance_towards_claim(&StatementInput {
                        statement_id: ids.value(row),
                        content: content.get(row).unwrap_or("").to_string(),
                        cue: cue.get(row).map(str::to_string),
                        source: None,
                        date: None,
                        stance: stance_of(stance.get(row)),
                    })
                })
                .collect();
            let mut claim_of: Vec<Option<i64>> =
                (start..end).map(|row| claim.is_valid(row).then(|| claim.value(row))).collect();
            for (i, target) in denials_of(&groups, &stance_toward, &mut claim_of) {
                claims.push(target);
                statements.push(ids.value(start + i));
                stances.push(Some(stance_toward[i].as_str()));
            }
            start = end;
        }
        let schema = Schema::new(vec![
            Field::new("claim", DataType::Int64, false),
            Field::new("statement", DataType::Int64, false),
            Field::new("stance", DataType::Utf8, false),
        ]);
        let columns: Vec<ArrayRef> =
            vec![Arc::new(Int64Array::from(claims)), Arc::new(Int64Array::from(statements)), strings(&stances)];
        RecordBatch::try_new(Arc::new(schema), columns).map_err(error)
    })?;
    Ok(PyArrowType(out))
}

/// Whether each claim is contested, by the ledger's rule: rows `claim` (int64; a claim's rows
/// consecutive), `stance` (towards the claim), `speaker` (text, null when unknown), `origin`
/// (int64). Returns `claim`, `contested`.
#[pyfunction]
pub(crate) fn contested_claims(py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<RecordBatch>> {
    let batch = batch.0;
    let out = py.detach(|| -> PyResult<RecordBatch> {
        let claim = int64_column(&batch, "claim")?;
        let origin = int64_column(&batch, "origin")?;
        let (stance, speaker) = (text_column(&batch, "stance", true)?, text_column(&batch, "speaker", false)?);
        let (mut claims, mut contested) = (Vec::new(), Vec::new());
        let n = batch.num_rows();
        let mut start = 0;
        while start < n {
            let mut end = start + 1;
            while end < n && claim.value(end) == claim.value(start) {
                end += 1;
            }
            let members: Vec<(Stance, Option<&str>, i64)> =
                (start..end).map(|row| (stance_of(stance.get(row)), speaker.get(row), origin.value(row))).collect();
            claims.push(claim.value(start));
            contested.push(is_contested(&members));
            start = end;
        }
        let schema = Schema::new(vec![
            Field::new("claim", DataType::Int64, false),
            Field::new("contested", DataType::Boolean, false),
        ]);
        let columns: Vec<ArrayRef> = vec![Arc::new(Int64Array::from(claims)), Arc::new(BooleanArray::from(contested))];
        RecordBatch::try_new(Arc::new(schema), columns).map_err(error)
    })?;
    Ok(PyArrowType(out))
}
