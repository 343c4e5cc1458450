//! Claims across articles, as the ledger matches them, in two stateless
//! pieces that a distributed engine can scale: blocking keys, and the pair
//! decision.
//!
//! The ledger (`crates/ledger/src/write.rs`) attaches a document's claim to
//! the most similar stored claim whose key has a [`ClaimKey::similarity`]
//! of at least `CROSS_DOCUMENT_THRESHOLD` and shares at least
//! `MIN_SHARED_CONTENT` concepts other than entities
//! (`hearsay_core::claims::joins_across_documents`); else it creates a
//! claim. `pair_decisions` is that test for two keys, and `claim_blocks`
//! gives keys that any two passing keys share: since a passing pair shares
//! two content concepts, every pair of a key's content concepts is a block.
//! What the caller does with the accepted pairs (the ledger: in input order,
//! join the most similar earlier claim) stays on its side, so the Spark job
//! is generic over how hearsay decides.

use std::sync::Arc;

use arrow_array::{
    make_array, Array, ArrayRef, BooleanArray, Float32Array, Int64Array, LargeStringArray, RecordBatch, StringArray,
};
use arrow_data::ArrayData;
use arrow_pyarrow::PyArrowType;
use arrow_schema::{DataType, Field, Schema};
use hearsay_core::claims::{concept_weight, ClaimKey};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::columns::list;

/// A key's content concepts beyond this many (in sorted order) make no
/// blocks, so that one endless proposition cannot ask for millions of
/// pairs; keys that long still meet others through their first concepts.
const MOST_BLOCKED_CONCEPTS: usize = 64;

/// The blocking keys of each claim key (storage form, as `analyze_batch`'s
/// `claim_key` and `claims.key`): a list of int64 per key. Two keys that
/// `pair_decisions` calls one claim share at least one block.
#[pyfunction]
pub(crate) fn claim_blocks(py: Python<'_>, keys: PyArrowType<ArrayData>) -> PyResult<PyArrowType<ArrayData>> {
    let keys = make_array(keys.0);
    let blocks = py.detach(|| -> PyResult<ArrayRef> {
        let keys = Keys::of(&keys)?;
        let mut lengths: Vec<usize> = Vec::with_capacity(keys.len());
        let mut values: Vec<i64> = Vec::new();
        for row in 0..keys.len() {
            let before = values.len();
            if let Some(key) = keys.get(row) {
                let content: Vec<&str> = key
                    .split(' ')
                    .filter(|c| !c.is_empty() && concept_weight(c) >= 1.0)
                    .take(MOST_BLOCKED_CONCEPTS)
                    .collect();
                for (i, a) in content.iter().enumerate() {
                    for b in &content[i + 1..] {
                        values.push(block_of(a, b));
                    }
                }
            }
            lengths.push(values.len() - before);
        }
        Ok(list(Field::new("item", DataType::Int64, false), &lengths, Arc::new(Int64Array::from(values))))
    })?;
    Ok(PyArrowType(blocks.to_data()))
}

/// hearsay's decision for each pair `(keys_a[i], keys_b[i])`: a record
/// batch of `similarity` (float32, [`ClaimKey::similarity`]) and `same`
/// (bool: one claim, by the ledger's test).
#[pyfunction]
pub(crate) fn pair_decisions(
    py: Python<'_>,
    keys_a: PyArrowType<ArrayData>,
    keys_b: PyArrowType<ArrayData>,
) -> PyResult<PyArrowType<RecordBatch>> {
    let (keys_a, keys_b) = (make_array(keys_a.0), make_array(keys_b.0));
    if keys_a.len() != keys_b.len() {
        return Err(PyValueError::new_err(format!("keys_a has {} keys, keys_b {}", keys_a.len(), keys_b.len())));
    }
    let batch = py.detach(|| -> PyResult<RecordBatch> {
        let (a, b) = (Keys::of(&keys_a)?, Keys::of(&keys_b)?);
        let mut similarity: Vec<f32> = Vec::with_capacity(a.len());
        let mut same: Vec<bool> = Vec::with_capacity(a.len());
        for row in 0..a.len() {
            let (score, passes) = match (a.get(row), b.get(row)) {
                (Some(a), Some(b)) => decide(a, b),
                _ => (0.0, false),
            };
            similarity.push(score);
            same.push(passes);
        }
        let schema = Schema::new(vec![
            Field::new("similarity", DataType::Float32, false),
            Field::new("same", DataType::Boolean, false),
        ]);
        RecordBatch::try_new(
            Arc::new(schema),
            vec![Arc::new(Float32Array::from(similarity)), Arc::new(BooleanArray::from(same))],
        )
        .map_err(|e| PyValueError::new_err(e.to_string()))
    })?;
    Ok(PyArrowType(batch))
}

/// The similarity of two stored keys and whether the ledger would put them
/// in one claim.
fn decide(a: &str, b: &str) -> (f32, bool) {
    ClaimKey::from_storage(a).joins(&ClaimKey::from_storage(b))
}

/// A block id for a pair of concepts: FNV-1a over both, kept below 2^63 so
/// that it fits Spark's and SQL's signed integers. Stable across processes
/// and machines (unlike `std`'s randomly keyed hasher).
fn block_of(a: &str, b: &str) -> i64 {
    let mut hash = hearsay_core::hash::Fnv1a::new();
    hash.write(a.as_bytes());
    hash.write_byte(0);
    hash.write(b.as_bytes());
    (hash.finish() >> 1) as i64
}

// A string array of either offset width.
enum Keys<'a> {
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
}

impl<'a> Keys<'a> {
    fn of(array: &'a ArrayRef) -> PyResult<Keys<'a>> {
        let any = array.as_any();
        if let Some(a) = any.downcast_ref::<StringArray>() {
            return Ok(Keys::Utf8(a));
        }
        if let Some(a) = any.downcast_ref::<LargeStringArray>() {
            return Ok(Keys::LargeUtf8(a));
        }
        Err(PyTypeError::new_err(format!("claim keys must be string or large_string, not {}", array.data_type())))
    }

    fn len(&self) -> usize {
        match self {
            Keys::Utf8(a) => a.len(),
            Keys::LargeUtf8(a) => a.len(),
        }
    }

    fn get(&self, row: usize) -> Option<&'a str> {
        match self {
            Keys::Utf8(a) => a.is_valid(row).then(|| a.value(row)),
            Keys::LargeUtf8(a) => a.is_valid(row).then(|| a.value(row)),
        }
    }
}
