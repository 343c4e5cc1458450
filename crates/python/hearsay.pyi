"""hearsay: who said what, when, through whom; the Rust analysis over Arrow record batches.

``analyze_batch`` is made for Spark's ``DataFrame.mapInArrow``; ``extract`` for notebooks;
``read`` for reading files with hearsay's own readers; ``claim_statements``, ``claim_edges``,
``attach_claims`` and the rest for grouping claims across articles the way the hearsay ledger
does.
"""

from datetime import date
from os import PathLike
from typing import Any, Iterator, List, Optional, Sequence, Union

import pyarrow

__version__: str

def analyze_batch(batch: pyarrow.RecordBatch, keep: Sequence[str] = ...) -> pyarrow.RecordBatch:
    """One row per statement of the articles in ``batch``.

    Input columns: ``id`` and ``text`` (string, large_string or string_view), optional
    ``published`` (date32, date64 or text), ``outlet`` and ``url``. Rows whose id or text is
    null are skipped. Columns named in ``keep`` are copied from each article onto its
    statements, after the columns of ``statement_schema()``. The GIL is released meanwhile.
    """

def statement_schema() -> pyarrow.Schema:
    """The schema ``analyze_batch`` returns (without kept columns).

    article, statement ("a1", ...), source_text/source_spans, cue_text/cue_spans,
    content_text/content_spans (spans: list of {start, end} in Unicode scalar offsets, end
    exclusive), kind, speaker_entity ("e1", ...), speaker_name, speaker_key (who the
    speaker is in a ledger: names with one key are one entity; null when no entity), stance, said_on_earliest,
    said_on_latest, said_on_text, relayed_by (names, nearest first), confidence, claim_key
    (the key of its first claim), claims (list of {id, text, key, stance}: the claims of
    the article it is a member of, with its stance towards each), outlet, published, url.
    """

def extract(text: str, published: Union[str, date, None] = None) -> List[dict[str, Any]]:
    """The attributions of one text, exactly as ``hearsay extract`` prints them."""

def read(paths: Sequence[Union[str, PathLike[str]]], batch_size: int = 256) -> ArticleBatches:
    """Record batches of at most ``batch_size`` articles read from files and folders.

    A folder gives every file of a kind hearsay reads below it (text, HTML, feeds, JSON
    Lines, WARC, optionally gzipped), in sorted order. Columns: see ``article_schema()``.
    """

def article_schema() -> pyarrow.Schema:
    """The schema of ``read``'s batches.

    id, origin (file and record), title, text, published (date32), outlet, url, byline,
    ordinal (position among the items this ``read`` met, from 0).
    """

def input_kind(path: Union[str, PathLike[str]]) -> Optional[str]:
    """"text", "html", "feed", "jsonl" or "warc": what hearsay reads from a file of this
    name; None when a folder walk passes it over."""

class ArticleBatches(Iterator[pyarrow.RecordBatch]):
    """The iterator ``read`` returns."""

    def __iter__(self) -> ArticleBatches: ...
    def __next__(self) -> pyarrow.RecordBatch: ...
    @property
    def errors(self) -> List[str]:
        """Messages of the files and records that could not be read so far."""

def claim_plan(batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch:
    """Per article (rows ``statement``, ``article``, ``content``, ``cue``, ``source``, ``date``,
    ``stance``, ``article_claims``: the ids of the in-article claims it is in, ``analyze_batch``'s
    ``claims.id``; an article's rows consecutive and complete, in order), how its statements enter
    the ledger's grouper: ``statement``, ``rejects`` (the id of the statement a denial rejects),
    ``joins`` (the id of the earlier statement whose claim it joins), ``order`` (2 x the id of
    the statement at whose turn it enters, less 1 when before it; null: never) and ``by_model``
    (whether the model places it, against candidates)."""

def claim_statements(batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch:
    """The claim model's analysis of each statement (columns ``content``, ``cue``, ``source``,
    ``date``): ``proposition`` (whether the ledger's grouper takes it), ``key_terms``,
    ``buckets`` (its 8 SimHash buckets, int64) and ``vector`` (128 float32)."""

def claim_statement_fields() -> pyarrow.Schema:
    """The schema ``claim_statements`` returns."""

def claim_candidate_limits() -> dict[str, int]:
    """``bucket_looks``, ``cand_k``, ``key_postings``: which earlier statements the grouper
    scores a new one against (the latest ``bucket_looks`` of each of its buckets, of which the
    ``cand_k`` nearest by cosine; every one sharing a key term that fewer than
    ``key_postings`` earlier statements have)."""

def claim_cosines(vectors_a: pyarrow.Array, vectors_b: pyarrow.Array) -> pyarrow.Array:
    """The cosine (float64) of each pair of vectors, as the grouper ranks candidates."""

def claim_edges(batch: pyarrow.RecordBatch) -> pyarrow.Array:
    """For pairs of a new statement (``b``, ``content_b``, ``cue_b``, ``source_b``,
    ``date_b``) and an earlier one (the same with ``a``): the link probability (float64) where
    the grouper looks at it, else null."""

def attach_claims(batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch:
    """The ledger's claims of statements in ingest order (``statement``, ``article``,
    ``content``, ``cue``, ``source``, ``date``, ``stance``, ``origin``, ``rejects``,
    ``candidates``): one row per member write, ``claim``, ``text``, ``statement``, ``stance``
    (towards the claim), ``contested`` (whether the claim is contested with it)."""
