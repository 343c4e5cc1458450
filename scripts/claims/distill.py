"""Step 2 of the distillation: raw token vectors -> compact static table (model2vec recipe, in numpy).

  1. PCA of the 30522 raw token vectors (embed_vocab.py) to DIM dims (centred; no whitening).
  2. SIF weight per token: a / (a + p(t)), p(t) = the token's relative frequency in the
     WordPiece-tokenised PolNeAR train texts (add-one smoothed); special and [unused] tokens -> 0.
  3. int8 per row: q = round(v / s), s = max|v| / 127 (the weight is folded into the row).
Writes OUT/static.i8 (V x DIM int8, row-major), OUT/static.scale.f32 (V float32), OUT/vocab.txt.
A sentence vector is the sum of its tokens' rows (no [CLS]/[SEP]), L2-normalised.
Usage: distill.py CACHE_DIR POLNEAR_TRAIN_TEXT_DIR OUT_DIR [DIM] [SIF_A]
"""
import os, shutil, sys
import numpy as np
import minilm
from text import WordPiece

cache, corpus, out = sys.argv[1:4]
dim = int(sys.argv[4]) if len(sys.argv) > 4 else 256
a = float(sys.argv[5]) if len(sys.argv) > 5 else 1e-3
raw = np.load(os.path.join(cache, "token_raw.npy")).astype(np.float64)
shutil.copy(os.path.join(minilm.model_dir(), "vocab.txt"), os.path.join(out, "vocab.txt"))
wp = WordPiece(os.path.join(out, "vocab.txt"))
V = raw.shape[0]

mu = raw.mean(0)
x = raw - mu
_, _, vt = np.linalg.svd(x, full_matrices=False)
red = x @ vt[:dim].T

counts = np.ones(V)
for f in sorted(os.listdir(corpus)):
    for t in wp.encode(open(os.path.join(corpus, f), encoding="utf-8").read()):
        counts[t] += 1
p = counts / counts.sum()
w = a / (a + p)
vocab = [l.rstrip("\n") for l in open(os.path.join(out, "vocab.txt"), encoding="utf-8")]
for i, tok in enumerate(vocab):
    if tok.startswith("[") and tok.endswith("]"):
        w[i] = 0.0
red *= w[:, None]

s = np.abs(red).max(1) / 127.0
s[s == 0] = 1.0
q = np.clip(np.round(red / s[:, None]), -127, 127).astype(np.int8)
q.tofile(os.path.join(out, "static.i8"))
s.astype(np.float32).tofile(os.path.join(out, "static.scale.f32"))
print(f"static table {V} x {dim} int8, SIF a={a}; {q.nbytes / 1e6:.1f} MB")
