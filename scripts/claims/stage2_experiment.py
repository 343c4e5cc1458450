"""Experiment (not part of the method): a second-stage LR fit on data/polnear-train-pairs.jsonl over
logit(p1), the 12 pair features, a source-aware entity clash and same-source; prints own-pairs CV AUC
and dev-pairs AUC. Result: no gain (dev AUC 0.872 vs 0.892 for stage 1). Run from scripts/claims."""
import json, sys, math, numpy as np, subprocess
sys.path.insert(0, '.')
import claims as C, train as T
art = C.Artifacts()
PRON = {"he","his","him","she","her","hers","i","my","me","we","our","us","they","their","them"}
def ext(s, d):
    e = set(s.ents)
    if any(w in PRON for w in C.raw_words(d.get("content") or "")):
        e |= C.entities(d.get("source") or "")
    return e
def feats(a, b, da, db):
    x = C.pair_features(a, b)
    p1 = C.pair_prob(art, a, b)
    ea, eb = ext(a, da), ext(b, db)
    sa, sb = C.entities(da.get("source") or ""), C.entities(db.get("source") or "")
    return [math.log(p1 / (1 - p1 + 1e-9) + 1e-9)] + x + [
        float(bool(ea) and bool(eb) and not (ea & eb)),
        float(bool(sa & sb)),
    ], p1
own = [json.loads(l) for l in open('data/polnear-train-pairs.jsonl')]
X, y = [], []
for p in own:
    a = C.Statement(art, {"id": 1, **p["a"]}); b = C.Statement(art, {"id": 2, **p["b"]})
    f, _ = feats(a, b, p["a"], p["b"]); X.append(f); y.append(p["label"] != "different")
X, y = np.array(X), np.array(y, float)
# CV on own pairs
for l2 in [1, 3, 10, 30]:
    pr = np.zeros(len(y))
    for k in range(5):
        te = np.arange(len(y)) % 5 == k
        c, b0, mu, sd = T.fit_logreg(X[~te], y[~te], l2=l2)
        pr[te] = 1 / (1 + np.exp(-(((X[te] - mu) / sd) @ c + b0)))
    # AUC
    pos, neg = pr[y == 1], pr[y == 0]
    auc = np.mean([[1.0 if p > q else 0.5 if p == q else 0 for q in neg] for p in pos])
    p1auc = np.mean([[1.0 if p > q else 0.5 if p == q else 0 for q in X[y == 0, 0]] for p in X[y == 1, 0]])
    print(f"l2 {l2}: own-pairs CV AUC stage2 {auc:.3f} vs stage1 {p1auc:.3f}")
c, b0, mu, sd = T.fit_logreg(X, y, l2=10)
names = ["logit_p1"] + C.PAIR_FEATURES + ["ext_clash", "same_source"]
print(dict(zip(names, np.round(c, 2))))
# dev pairs AUC
dev = [json.loads(l) for l in open('/work/shared/eval/claims/dev-pairs.jsonl')]
D, dy, d1 = [], [], []
for p in dev:
    a = C.Statement(art, {"id": 1, **p["a"]}); b = C.Statement(art, {"id": 2, **p["b"]})
    f, p1 = feats(a, b, p["a"], p["b"]); D.append(f); dy.append(p["label"] != "different"); d1.append(p1 if (a.proposition() and b.proposition()) else 0)
D, dy, d1 = np.array(D), np.array(dy), np.array(d1)
p2 = 1 / (1 + np.exp(-(((D - mu) / sd) @ c + b0)))
p2 = np.where(d1 > 0, p2, 0)
def auc(s):
    pos, neg = s[dy], s[~dy]
    return np.mean([[1.0 if p > q else 0.5 if p == q else 0 for q in neg] for p in pos])
print(f"dev AUC stage1 {auc(d1):.3f} stage2 {auc(p2):.3f}")
for t in [0.2, 0.3, 0.4, 0.5, 0.6]:
    pr = p2 >= t; tp = (pr & dy).sum(); P = tp / max(pr.sum(), 1); R = tp / dy.sum()
    print(f" pair-level t {t}: P {P:.2f} R {R:.2f} F {2*P*R/(P+R+1e-9):.3f}")
