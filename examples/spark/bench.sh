#!/usr/bin/env bash
# Statements per second of the Spark job in local[2] against `hearsay extract
# --threads 2` on the same corpus, one run each, and their ratio.
#
# Usage: examples/spark/bench.sh [CORPUS]  (default ../shared/corpus/bbc-news/news)
#
# Two Spark figures: the analysis stage alone (hearsay.analyze_batch in
# mapInArrow plus writing the statements as Parquet; the job times it) and the
# whole job (JVM and session start, reading, analysis, the articles' JSON
# Lines, claims grouped across articles).
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=$(realpath "${1:-../shared/corpus/bbc-news/news}")
out=target/spark-bench
rm -rf "$out"
mkdir -p "$out"

cargo build -q --release -p hearsay
start=$(date +%s.%N)
target/release/hearsay extract --threads 2 "$corpus" >"$out/extract.jsonl" 2>/dev/null
end=$(date +%s.%N)
n_statements=$(grep -o '"id":"a[0-9]*"' "$out/extract.jsonl" | wc -l)
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
cli_s=$(calc "$end - $start")

bash scripts/spark.sh "$corpus" "$out/job" >"$out/job.log" 2>"$out/job.err" # builds and installs first
start=$(date +%s.%N)
bash scripts/spark.sh "$corpus" "$out/job" >"$out/job.log" 2>"$out/job.err"
end=$(date +%s.%N)
job_s=$(calc "$end - $start")
stage_s=$(grep -o 'statements in [0-9.]* s' "$out/job.err" | grep -o '[0-9.]*')

rate() { awk "BEGIN { printf \"%.0f\", $n_statements / $1 }"; }
echo "corpus $corpus: $n_statements statements; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'hearsay extract --threads 2:   %6.1f s  %8s statements/s\n' "$cli_s" "$(rate "$cli_s")"
printf 'spark local[2], analysis stage: %5.1f s  %8s statements/s  ratio %.2f\n' "$stage_s" "$(rate "$stage_s")" \
    "$(calc "$cli_s / $stage_s")"
printf 'spark local[2], whole job:    %7.1f s  %8s statements/s  ratio %.2f\n' "$job_s" "$(rate "$job_s")" \
    "$(calc "$cli_s / $job_s")"
