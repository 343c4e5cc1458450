"""Step 3a of the distillation (optional, heavy: ~5 min on one core): MiniLM sentence vectors of a
sample of PolNeAR *train* attribution contents and sentences, the targets that refine.py fits the
static table to. Neither dev-pairs nor Emergent text is used.
Usage: teacher_corpus.py POLNEAR_TRAIN_DIR CACHE_DIR [N]
"""
import os, random, re, sys, time, json
import numpy as np
import minilm

src, cache = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 6000
texts = set()
for f in sorted(os.listdir(os.path.join(src, "attributions"))):
    for line in open(os.path.join(src, "attributions", f), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3 and parts[1].startswith("Content "):
            if 3 <= len(parts[2].split()) <= 60:
                texts.add(parts[2])
for f in sorted(os.listdir(os.path.join(src, "text"))):
    for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", open(os.path.join(src, "text", f), encoding="utf-8").read()):
        if 5 <= len(s.split()) <= 50:
            texts.add(s.strip())
texts = sorted(texts)
random.Random(13).shuffle(texts)
texts = texts[:n]
m = minilm.MiniLM()
t0 = time.time()
E = m.embed(texts, batch=64)
print(len(texts), f"texts, {time.time() - t0:.0f}s")
np.save(os.path.join(cache, "teacher_y.npy"), E.astype(np.float32))
json.dump(texts, open(os.path.join(cache, "teacher_texts.json"), "w"))
