#!/usr/bin/env bash
# The Spark job's test (issue 15), run by scripts/test.sh. scripts/spark.sh
# on the BBC corpus must give the statements `hearsay extract` gives on the
# same files (the same count, the same (article, content spans) multiset),
# read every article, and find the contested claims of a ledger made by
# `hearsay ingest` of the same folder: every one of them, with at least 90%
# of their member statements in common, and no other (`--floor 1.0`; on BBC
# the claims are the same, member for member). The wheel's Python tests
# (crates/python/tests) run in between. About 2 m 15 s with the wheel and
# target/debug/hearsay built, on 2 busy cores (5 December 2026, after the
# denial rules merged from main): the job about 1 m 30 s, of it the claim
# stage 30 to 55 s; `hearsay ingest` of a debug build most of the rest.
# From a fresh clone add the wheel's release build (now with
# hearsay-ledger, for `speaker_key`: rusqlite and postgres come along).
#
# Usage: scripts/spark-check.sh [CORPUS]  (default ../shared/corpus/bbc-news/news)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "${1:-../shared/corpus/bbc-news/news}")
out=target/spark-check
rm -rf "$out"
mkdir -p "$out"

# The binary `cargo test --workspace` built; built here when missing.
hearsay=target/debug/hearsay
if [ ! -x "$hearsay" ]; then
    cargo build -q -p hearsay
fi

bash scripts/spark.sh "$corpus" "$out/job" | tee "$out/job.log"
# The wheel's own tests (spark.sh installed it into the venv).
target/spark-venv/bin/python -m unittest discover -s crates/python/tests
"$hearsay" extract --threads 2 "$corpus" >"$out/extract.jsonl" 2>/dev/null
"$hearsay" ingest --db "$out/ledger.db" "$corpus" >/dev/null 2>&1

exec target/spark-venv/bin/python examples/spark/check.py all "$out/job" "$out/extract.jsonl" "$out/ledger.db" \
    "$corpus" "$out/job.log" --floor 1.0
