"""Step 1 of the distillation (the one heavy run): every WordPiece token through MiniLM.

Each vocab token t is run as [CLS] t [SEP]; we keep the mean of the three output states
(sentence-transformers' mean pooling) as the token's raw 384-dim vector.
Writes CACHE/token_raw.npy (30522 x 384 float32). Usage: embed_vocab.py CACHE_DIR
"""
import sys, time
import numpy as np
import minilm

cache = sys.argv[1]
m = minilm.MiniLM()
V = m.w["embeddings.word_embeddings.weight"].shape[0]
out = np.zeros((V, 384), np.float32)
t0 = time.time()
B = 512
for s in range(0, V, B):
    ids = np.arange(s, min(V, s + B))
    x = np.stack([np.full_like(ids, 101), ids, np.full_like(ids, 102)], 1)
    h = m.forward(x, np.ones_like(x))
    out[ids] = h.mean(1)
    if s % (B * 10) == 0:
        print(s, f"{time.time() - t0:.0f}s", flush=True)
np.save(f"{cache}/token_raw.npy", out)
print("done", time.time() - t0)
