#!/usr/bin/env bash
# Prints the figures: Emergent by 5-fold CV grouped by claim (train.py), Emergent with the final
# models through the `group` contract (optimistic: trained on it), and claims/dev-pairs.jsonl.
# Run from the repository root after build.sh.
set -euo pipefail
PY=${PY:-python3}
EVAL=$(realpath "${EVAL:-../shared/eval}")
T=${TMPDIR:-/tmp}/claims-eval
mkdir -p "$T"
cp scripts/claims/out/pair.json scripts/claims/out/stance.json "$T/"   # train.py rewrites them: keep the built ones
(cd scripts/claims && $PY train.py "$EVAL/emergent/train.csv" | grep -E "statements|recall|stance|threshold 0.30")
cp "$T/pair.json" "$T/stance.json" scripts/claims/out/
python3 "$EVAL/score_group.py" inputs "$EVAL/claims/dev-pairs.jsonl" > "$T/pairs-in.jsonl"
$PY scripts/claims/claims.py group --input "$T/pairs-in.jsonl" > "$T/pairs-out.jsonl"
echo "dev-pairs:"; python3 "$EVAL/score_group.py" score "$EVAL/claims/dev-pairs.jsonl" "$T/pairs-out.jsonl"
python3 "$EVAL/score_group.py" inputs "$EVAL/emergent/train.csv" > "$T/em-in.jsonl"
s=$(date +%s.%N)
$PY scripts/claims/claims.py group --input "$T/em-in.jsonl" > "$T/em-out.jsonl"
e=$(date +%s.%N)
echo "Emergent, final models (not CV), $(wc -l < "$T/em-in.jsonl") statements in $(echo "$e - $s" | bc) s:"
python3 "$EVAL/score_group.py" score "$EVAL/emergent/train.csv" "$T/em-out.jsonl"
