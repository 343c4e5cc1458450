#!/usr/bin/env bash
# Rebuilds crates/core/data/pos.tsv, the tag lexicon behind the tagger's
# part-of-speech features: each word of the english-pos-tagger crate's
# lexicon (MIT licence, see crates/core/data/POS-NOTICE) with its possible
# Penn Treebank tags, most frequent first. Run from the repository root; it
# fetches the crate into cargo's registry. A maintainer's step, not a
# run-time one: hearsay reads the committed file.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo new --quiet --lib "$tmp/fetch"
(cd "$tmp/fetch" && cargo add --quiet english-pos-tagger@=0.2.0 && cargo fetch --quiet)
src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/english-pos-tagger-0.2.0 | head -1)
python3 - "$src/src/data/lexicon.json" crates/core/data/pos.tsv <<'PY'
import json, sys
lexicon = json.load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for word, tags in sorted(lexicon.items()):
        out.write(word + "\t" + " ".join(tags) + "\n")
PY
echo "wrote crates/core/data/pos.tsv ($(wc -l < crates/core/data/pos.tsv) words)"
