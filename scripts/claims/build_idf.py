"""Document frequencies of content-word stems over PolNeAR train texts -> out/idf.tsv.

idf(w) = ln((N + 1) / (df(w) + 1)) + 1; words seen in fewer than 2 documents are not listed
and take idf(df = 0) at run time (unseen words are mostly names: rare, so informative).
Usage: build_idf.py POLNEAR_TRAIN_TEXT_DIR OUT_DIR
"""
import math, os, sys
from text import content_words

src, out = sys.argv[1], sys.argv[2]
df, n = {}, 0
for f in sorted(os.listdir(src)):
    if not f.endswith(".txt"):
        continue
    n += 1
    for w in set(content_words(open(os.path.join(src, f), encoding="utf-8").read())):
        df[w] = df.get(w, 0) + 1
with open(os.path.join(out, "idf.tsv"), "w", encoding="utf-8") as fh:
    fh.write(f"#docs\t{n}\n")
    for w, d in sorted(df.items(), key=lambda x: (-x[1], x[0])):
        if d >= 2:
            fh.write(f"{w}\t{d}\n")
print(n, "docs,", sum(d >= 2 for d in df.values()), "stems kept of", len(df))
