#!/usr/bin/env bash
# Runs `hearsay extract` on every article of ../shared/eval/speakers with its
# own publication date (the gold file's `published`) into one file, then
# scores it with score_speakers.py. Usage: scripts/speakers-dev.sh [HEARSAY] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
hearsay=${1:-target/release/hearsay}
out=${2:-target/speakers-dev.jsonl}
dir=../shared/eval/speakers
: > "$out"
for txt in "$dir"/*.txt; do
    published=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["published"])' "${txt%.txt}.gold.json")
    "$hearsay" extract --published "$published" "$txt" >> "$out" 2>/dev/null
done
python3 "$dir/../score_speakers.py" "$dir" "$out"
