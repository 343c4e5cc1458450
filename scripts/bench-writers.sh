#!/usr/bin/env bash
# The issue 16 bar as a whole-tool run: N concurrent `hearsay ingest`
# writers on the ledger $HEARSAY_DB (run it under scripts/with-postgres.sh),
# over the sorted BBC files; with N > 1, writer i takes the files whose index
# modulo N is i or i+1, so that every file goes to two writers. Prints the
# wall time and `hearsay stats --json`.
#
#   cargo build --release -p hearsay
#   scripts/with-postgres.sh scripts/bench-writers.sh 4
#   HEARSAY_DB=/tmp/one.db scripts/bench-writers.sh 1      # SQLite, one writer
set -euo pipefail
cd "$(dirname "$0")/.."
n_writers=${1:-4}
corpus=${CORPUS:-../shared/corpus/bbc-news/news}
hearsay=${HEARSAY:-target/release/hearsay}
mapfile -t files < <(find "$corpus" -type f | sort)
list_dir=$(mktemp -d)
trap 'rm -rf "$list_dir"' EXIT
for ((writer = 0; writer < n_writers; writer++)); do
    for idx in "${!files[@]}"; do
        slot=$((idx % n_writers))
        if [ "$n_writers" -eq 1 ] || [ "$slot" -eq "$writer" ] || [ "$slot" -eq $(((writer + 1) % n_writers)) ]; then
            echo "${files[$idx]}"
        fi
    done >"$list_dir/$writer"
done
started=$(date +%s.%N)
pids=()
for ((writer = 0; writer < n_writers; writer++)); do
    xargs -d '\n' -a "$list_dir/$writer" "$hearsay" ingest --db "$HEARSAY_DB" >"$list_dir/out.$writer" &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
    wait "$pid" || status=1
done
ended=$(date +%s.%N)
cat "$list_dir"/out.* >&2
articles=$("$hearsay" stats --json --db "$HEARSAY_DB")
echo "writers $n_writers, files ${#files[@]}, wall $(echo "$ended - $started" | bc) s"
echo "$articles"
exit "$status"
