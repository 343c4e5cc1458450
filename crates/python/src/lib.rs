//! The `hearsay` Python module: hearsay's analysis and readers over Arrow
//! record batches, so that Spark (`mapInArrow`), pandas or a notebook run the
//! Rust core with no second implementation.
//!
//! | function | what |
//! | --- | --- |
//! | `analyze_batch(batch)` | articles (`id`, `text`, optional `published`, `outlet`, `url`) in, one row per statement out ([`batch`]) |
//! | `statement_schema()` | the Arrow schema `analyze_batch` returns, for Spark's `mapInArrow` |
//! | `extract(text, published=None)` | the attributions `hearsay extract` prints for one text, as dicts |
//! | `read(paths)` | batches of articles read by hearsay-ingest (text, HTML, feeds, JSON Lines, WARC) ([`read`]) |
//! | `claim_plan`, `claim_statements`, `claim_candidate_limits`, `claim_cosines`, `claim_edges`, `attach_claims` | claims across articles as the ledger groups them, cut into pieces Spark scales ([`claims`]) |
//!
//! The GIL is released while text is analysed or read, so Python threads
//! (and Spark's Arrow feeder thread) go on meanwhile. Type stubs:
//! `hearsay.pyi` beside `Cargo.toml`.

use std::sync::OnceLock;

use hearsay_core::{Analyzer, Document};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

mod batch;
mod claims;
mod columns;
mod read;

/// The CLI's wire module, compiled in here as well: `hearsay.extract` then
/// returns exactly what `hearsay extract` prints, with no copy to drift.
#[path = "../../cli/src/wire.rs"]
mod wire;

/// The analyzer with the built-in weights, built once per process (parsing
/// the weights takes a few milliseconds; a Spark worker analyses many
/// batches).
fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::builtin)
}

/// A publication date given from Python: an ISO string (or any form
/// hearsay-ingest reads), a `datetime.date`, or None.
fn date_argument(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<chrono::NaiveDate>> {
    let Some(value) = value else { return Ok(None) };
    if value.is_none() {
        return Ok(None);
    }
    let text: String = match value.extract::<String>() {
        Ok(text) => text,
        Err(_) => value.call_method0("isoformat")?.extract()?,
    };
    match hearsay_ingest::parse_date(&text) {
        Some(date) => Ok(Some(date)),
        None => Err(PyValueError::new_err(format!("published: not a date: {text:?}"))),
    }
}

/// The attributions of one text, as `hearsay extract` prints them (one dict
/// per statement: id, source, cue, content, kind, speaker, stance, said_on,
/// relayed_by, confidence; offsets in Unicode scalar values).
#[pyfunction]
#[pyo3(signature = (text, published = None))]
fn extract<'py>(py: Python<'py>, text: &str, published: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    let published = date_argument(published)?;
    let line = py.detach(|| {
        let analysis = analyzer().analyze(Document { text, published });
        wire::document_line("", text, published, &analysis, None, false)
    });
    let document = py.import("json")?.call_method1("loads", (line,))?;
    document.get_item("attributions")
}

/// The Python module.
#[pymodule]
fn hearsay(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(extract, module)?)?;
    module.add_function(wrap_pyfunction!(batch::analyze_batch, module)?)?;
    module.add_function(wrap_pyfunction!(batch::statement_schema, module)?)?;
    module.add_function(wrap_pyfunction!(read::read, module)?)?;
    module.add_function(wrap_pyfunction!(read::article_schema, module)?)?;
    module.add_function(wrap_pyfunction!(read::input_kind, module)?)?;
    module.add_function(wrap_pyfunction!(claims::claim_plan, module)?)?;
    module.add_function(wrap_pyfunction!(claims::claim_statements, module)?)?;
    module.add_function(wrap_pyfunction!(claims::claim_statement_fields, module)?)?;
    module.add_function(wrap_pyfunction!(claims::claim_candidate_limits, module)?)?;
    module.add_function(wrap_pyfunction!(claims::claim_cosines, module)?)?;
    module.add_function(wrap_pyfunction!(claims::claim_edges, module)?)?;
    module.add_function(wrap_pyfunction!(claims::attach_claims, module)?)?;
    module.add_class::<read::ArticleBatches>()?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
