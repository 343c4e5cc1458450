"""Step 3b of the distillation (optional): fit the static table to the teacher (tokenlearn-style).

The distilled table E0 (distill.py) embeds each token in isolation. Here the rows of the tokens
seen in teacher_corpus.py's sentences are moved so that a sentence's summed vector points where
MiniLM's sentence vector (centred, projected onto the same PCA basis) points:
    loss = mean over sentences (1 - cos(sum_t E[t], target)) + LAM * mean over rows |E - E0|^2
by Adam, minibatches of 128, 10% of the sentences held out to pick the epoch. Rows of tokens not
in the corpus stay as distilled. Rewrites OUT/static.i8 and OUT/static.scale.f32 (int8 per row).
Usage: refine.py CACHE_DIR OUT_DIR [EPOCHS] [LAM]
"""
import json, os, sys
import numpy as np
from text import WordPiece

cache, out = sys.argv[1], sys.argv[2]
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
lam = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0

q = np.fromfile(os.path.join(out, "static.i8"), dtype=np.int8)
s = np.fromfile(os.path.join(out, "static.scale.f32"), dtype=np.float32)
dim = q.size // s.size
E0 = q.reshape(s.size, dim).astype(np.float64) * s[:, None]
raw = np.load(os.path.join(cache, "token_raw.npy")).astype(np.float64)
_, _, vt = np.linalg.svd(raw - raw.mean(0), full_matrices=False)
Y = np.load(os.path.join(cache, "teacher_y.npy")).astype(np.float64)
T = (Y - Y.mean(0)) @ vt[:dim].T
T /= np.linalg.norm(T, axis=1, keepdims=True)
wp = WordPiece(os.path.join(out, "vocab.txt"))
toks = [wp.encode(t) for t in json.load(open(os.path.join(cache, "teacher_texts.json")))]
keep = [i for i, t in enumerate(toks) if t]
rng = np.random.default_rng(13)
rng.shuffle(keep)
nval = len(keep) // 10
val, tr = keep[:nval], keep[nval:]


def batch_vectors(E, idx):
    flat = np.concatenate([toks[i] for i in idx])
    seg = np.repeat(np.arange(len(idx)), [len(toks[i]) for i in idx])
    V = np.zeros((len(idx), dim))
    np.add.at(V, seg, E[flat])
    return V, flat, seg


def mean_cos(E, idx):
    V, _, _ = batch_vectors(E, idx)
    V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-12
    return float(np.mean(np.sum(V * T[idx], 1)))


E = E0.copy()
m, v = np.zeros_like(E), np.zeros_like(E)
lr, b1, b2, step = 1e-3 * np.abs(E0).mean() * 10, 0.9, 0.999, 0
best, bestE = mean_cos(E, val), E.copy()
print(f"start: held-out cos {best:.4f}, train cos {mean_cos(E, tr):.4f}")
for ep in range(epochs):
    rng.shuffle(tr)
    for b in range(0, len(tr), 128):
        idx = tr[b:b + 128]
        V, flat, seg = batch_vectors(E, idx)
        nrm = np.linalg.norm(V, axis=1, keepdims=True) + 1e-12
        U = V / nrm
        c = np.sum(U * T[idx], 1, keepdims=True)
        gV = -(T[idx] - c * U) / nrm / len(idx)            # d(1 - cos)/dV
        G = np.zeros_like(E)
        np.add.at(G, flat, gV[seg])
        rows = np.unique(flat)
        G[rows] += lam * 2 * (E[rows] - E0[rows]) / len(rows)
        step += 1
        m[rows] = b1 * m[rows] + (1 - b1) * G[rows]
        v[rows] = b2 * v[rows] + (1 - b2) * G[rows] ** 2
        E[rows] -= lr * (m[rows] / (1 - b1 ** step)) / (np.sqrt(v[rows] / (1 - b2 ** step)) + 1e-12)
    cv = mean_cos(E, val)
    if cv > best:
        best, bestE = cv, E.copy()
    print(f"epoch {ep + 1}: held-out cos {cv:.4f} (train {mean_cos(E, tr[:2000]):.4f})", flush=True)
sc = np.abs(bestE).max(1) / 127.0
sc[sc == 0] = 1.0
np.clip(np.round(bestE / sc[:, None]), -127, 127).astype(np.int8).tofile(os.path.join(out, "static.i8"))
sc.astype(np.float32).tofile(os.path.join(out, "static.scale.f32"))
print(f"kept held-out cos {best:.4f}")
