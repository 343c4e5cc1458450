//! Reading input columns of the types Arrow producers hand out (Spark sends
//! `string` or, with `useLargeVarTypes`, `large_string`; pyarrow may send
//! `string_view`) and building output columns from plain vectors.

use std::sync::Arc;

use arrow_array::{
    Array, ArrayRef, Date32Array, Date64Array, Int64Array, LargeStringArray, ListArray, RecordBatch, StringArray,
    StringViewArray,
};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field};
use chrono::NaiveDate;
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::PyResult;

/// A text column of any of Arrow's three string layouts.
pub(crate) enum TextColumn<'a> {
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    Utf8View(&'a StringViewArray),
    /// A column of type null, or an optional column that is absent.
    Missing,
}

impl TextColumn<'_> {
    /// The value at `row`, None when null.
    pub(crate) fn get(&self, row: usize) -> Option<&str> {
        match self {
            TextColumn::Utf8(a) => a.is_valid(row).then(|| a.value(row)),
            TextColumn::LargeUtf8(a) => a.is_valid(row).then(|| a.value(row)),
            TextColumn::Utf8View(a) => a.is_valid(row).then(|| a.value(row)),
            TextColumn::Missing => None,
        }
    }
}

/// The text column `name` of `batch`; an error when it is absent and
/// `required`, or of another type.
pub(crate) fn text_column<'a>(batch: &'a RecordBatch, name: &str, required: bool) -> PyResult<TextColumn<'a>> {
    let Some(column) = batch.column_by_name(name) else {
        if required {
            return Err(PyKeyError::new_err(format!("the batch has no column {name:?}")));
        }
        return Ok(TextColumn::Missing);
    };
    TextColumn::of_array(column).map_err(|e| PyTypeError::new_err(format!("column {name:?}: {e}")))
}

impl<'a> TextColumn<'a> {
    /// A text array of any of the three layouts (or of type null).
    pub(crate) fn of_array(column: &'a ArrayRef) -> PyResult<TextColumn<'a>> {
        text_array(column)
    }
}

fn text_array(column: &ArrayRef) -> PyResult<TextColumn<'_>> {
    let any = column.as_any();
    let found = match column.data_type() {
        DataType::Utf8 => any.downcast_ref::<StringArray>().map(TextColumn::Utf8),
        DataType::LargeUtf8 => any.downcast_ref::<LargeStringArray>().map(TextColumn::LargeUtf8),
        DataType::Utf8View => any.downcast_ref::<StringViewArray>().map(TextColumn::Utf8View),
        DataType::Null => Some(TextColumn::Missing),
        _ => None,
    };
    found.ok_or_else(|| {
        PyTypeError::new_err(format!("{} is not string, large_string or string_view", column.data_type()))
    })
}

/// The publication dates of a batch: an optional `published` column of
/// dates (date32, date64) or text in any form hearsay-ingest reads.
pub(crate) fn published_column(batch: &RecordBatch) -> PyResult<Vec<Option<NaiveDate>>> {
    let n_rows = batch.num_rows();
    let Some(column) = batch.column_by_name("published") else {
        return Ok(vec![None; n_rows]);
    };
    let any = column.as_any();
    if let Some(days) = any.downcast_ref::<Date32Array>() {
        return Ok((0..n_rows).map(|row| days.is_valid(row).then(|| from_days(days.value(row))).flatten()).collect());
    }
    if let Some(millis) = any.downcast_ref::<Date64Array>() {
        let day = |ms: i64| from_days((ms.div_euclid(86_400_000)) as i32);
        return Ok((0..n_rows).map(|row| millis.is_valid(row).then(|| day(millis.value(row))).flatten()).collect());
    }
    let text = text_column(batch, "published", false)?;
    Ok((0..n_rows).map(|row| text.get(row).and_then(hearsay_ingest::parse_date)).collect())
}

const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// Days since 1970-01-01, Arrow's date32.
pub(crate) fn to_days(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    date.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

fn from_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_DAYS_FROM_CE)?)
}

/// A string column.
pub(crate) fn strings<S: AsRef<str>>(values: &[Option<S>]) -> ArrayRef {
    Arc::new(values.iter().map(|v| v.as_ref().map(AsRef::as_ref)).collect::<StringArray>())
}

/// A date32 column.
pub(crate) fn dates(values: &[Option<NaiveDate>]) -> ArrayRef {
    Arc::new(values.iter().map(|d| d.map(to_days)).collect::<Date32Array>())
}

/// An int64 column.
pub(crate) fn longs(values: &[i64]) -> ArrayRef {
    Arc::new(Int64Array::from(values.to_vec()))
}

/// A list column: `lengths[i]` items of `items` belong to row `i`.
pub(crate) fn list(item_field: Field, lengths: &[usize], items: ArrayRef) -> ArrayRef {
    let offsets = OffsetBuffer::<i32>::from_lengths(lengths.iter().copied());
    Arc::new(ListArray::new(Arc::new(item_field), offsets, items, None))
}
