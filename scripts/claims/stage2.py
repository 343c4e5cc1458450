"""Second stage for news statements (those with a source and cue): a logistic model over the
stage-1 probability and features of who (the subject), the predicate the cue carries, and time.
Trained on PolNeAR-train pairs labelled by hand (data/labels*.jsonl + draw*.jsonl,
data/polnear-train-pairs.jsonl); tuned/evaluated on claims/dev-pairs.jsonl.
Run from scripts/claims."""
import json, os, sys, math, re, datetime, numpy as np
sys.path.insert(0, '.')
import claims as C, train as T
from text import raw_words, content_words, STOP
art = C.Artifacts()
PRON = {"he", "his", "him", "she", "her", "hers", "i", "my", "me", "we", "our", "us", "they", "their", "them", "who", "it", "that", "which"}
NAME = re.compile(r"\b[A-Z][a-zA-Z'’.-]+(?:\s+[A-Z][a-zA-Z'’.-]+)*")


def cue_words(d):
    return [w for w in re.findall(r"[A-Za-z'’-]+", d.get("cue") or "") if w.lower() not in C.SPEECH]


def vec(text):
    ids = art.wp.encode(text)
    v = art.emb[ids].sum(0) if ids else np.zeros(art.dim, np.float32)
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def subject(d):
    """Entity stems naming who the statement is by (its source, a pronoun resolved to the last name in
    the context before the content)."""
    src = d.get("source") or ""
    if src and not set(raw_words(src)) <= PRON:
        return set(content_words(" ".join(NAME.findall(src)))) or set(content_words(src))
    ctx = d.get("context") or ""
    pos = ctx.find(d.get("content") or "\x00")
    before = ctx[:pos] if pos > 0 else ctx
    names = [n for n in NAME.findall(before) if n.lower() not in STOP and n.split()[0].lower() not in STOP]
    return set(content_words(names[-1])) if names else set()


def days(d):
    try:
        return datetime.date.fromisoformat(d.get("published"))
    except Exception:
        return None


NAMES = ["logit_p1", "cos", "wcover", "pred_cos", "both_action", "one_action", "cue_shared", "cue_cos", "subj_clash", "subj_same",
         "verbless_any", "verbless_both", "days", "num_clash", "ent_clash"]


def feats(a, b, da, db):
    x = C.pair_features(a, b)
    p1 = C.pair_prob(art, a, b)
    ca, cb = cue_words(da), cue_words(db)
    pa = vec(" ".join(ca) + " " + (da.get("content") or "")); pb = vec(" ".join(cb) + " " + (db.get("content") or ""))
    sa, sb = set(content_words(" ".join(ca))), set(content_words(" ".join(cb)))
    cue_cos = float(vec(" ".join(ca)) @ vec(" ".join(cb))) if ca and cb else 0.0
    ua, ub = subject(da), subject(db)
    ta, tb = days(da), days(db)
    dd = abs((ta - tb).days) if ta and tb else 30
    return [
        math.log(p1 / (1 - p1 + 1e-9) + 1e-9), x[0], x[2], float(pa @ pb),
        float(bool(ca) and bool(cb)), float(bool(ca) != bool(cb)), float(bool(sa & sb)), cue_cos,
        float(bool(ua) and bool(ub) and not (ua & ub)), float(bool(ua & ub)),
        float(not a.preds or not b.preds), float(not a.preds and not b.preds),
        math.log1p(dd) / 6, x[7], x[6],
    ], p1


EVAL = os.environ.get("EVAL", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "eval"))


def load_pairs(polnear_train=os.path.join(EVAL, "polnear", "train")):
    """news-pairs.tsv (labels and PolNeAR references, no corpus text) joined with the statements
    of PolNeAR train, read by draw_pairs.load."""
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    src = open(os.path.join(here, "draw_pairs.py")).read().split("stmts = load(src)")[0]
    env = {"__name__": "draw", "sys": sys}
    argv, sys.argv = sys.argv, ["draw_pairs.py", polnear_train, "0", "0", "/dev/null"]
    exec(src, env)
    sys.argv = argv
    by_ref = {s["ref"]: s for s in env["load"](polnear_train)}
    out = []
    for line in open(os.path.join(here, "news-pairs.tsv"), encoding="utf-8"):
        if line.startswith("#") or line.startswith("id\t"):
            continue
        pid, a, b, label = line.rstrip("\n").split("\t")
        out.append({"id": pid, "a": by_ref[a], "b": by_ref[b], "label": label})
    return out


def matrix(pairs):
    X, y, g = [], [], []
    for p in pairs:
        a = C.Statement(art, {"id": 1, **p["a"]}); b = C.Statement(art, {"id": 2, **p["b"]})
        f, p1 = feats(a, b, p["a"], p["b"]); X.append(f); y.append(p["label"] != "different"); g.append(a.proposition() and b.proposition())
    return np.array(X), np.array(y), np.array(g)


def auc(s, y):
    pos, neg = s[y], s[~y]
    return float(np.mean((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])))


FINAL = [0, 3, 9, 12]   # logit_p1, pred_cos, subj_same, days: chosen on dev-pairs (see docs/claims-method.md)
SEED, JOIN = 0.3, 0.2     # average-link thresholds for news statements, tuned on dev-pairs


def write(path, l2=1.0):
    """Fits the final model on all labelled pairs and writes it with the standardisation folded
    into raw-feature weights."""
    X, y, _ = matrix(load_pairs())
    c, b0, mu, sd = T.fit_logreg(X[:, FINAL], y.astype(float), l2=l2)
    coef = (c / sd).tolist()
    bias = float(b0 - np.sum(c * mu / sd))
    json.dump({"features": [NAMES[i] for i in FINAL], "coef": coef, "bias": bias, "seed": SEED, "join": JOIN,
               "pairs": int(len(y)), "linked": int(y.sum())}, open(path, "w"), indent=1)
    print("wrote", path, dict(zip([NAMES[i] for i in FINAL], np.round(coef, 4))), round(bias, 4))


if __name__ == "__main__" and len(sys.argv) > 2 and sys.argv[1] == "--write":
    write(sys.argv[2])   # EVAL=../shared/eval by default: reads EVAL/polnear/train
elif __name__ == "__main__":
    own = load_pairs()
    X, y, g = matrix(own)
    print(f"own pairs {len(y)}, linked {y.sum()}")
    dev = [json.loads(l) for l in open(os.path.join(EVAL, 'claims', 'dev-pairs.jsonl'))]
    D, dy, dg = matrix(dev)
    cols = [int(c) for c in sys.argv[1].split(',')] if len(sys.argv) > 1 else list(range(len(NAMES)))
    for l2 in [1, 3, 10]:
        c, b0, mu, sd = T.fit_logreg(X[:, cols], y.astype(float), l2=l2)
        p2 = 1 / (1 + np.exp(-(((D[:, cols] - mu) / sd) @ c + b0)))
        print(f"l2 {l2}: dev AUC stage1 {auc(D[:, 0], dy):.3f} stage2 {auc(p2, dy):.3f}; gated stage2 {auc(np.where(dg, p2, -1), dy):.3f}")
        for t in [0.3, 0.4, 0.5, 0.6, 0.7]:
            pr = (p2 >= t) & dg; tp = (pr & dy).sum(); P = tp / max(pr.sum(), 1); R = tp / dy.sum()
            print(f"   t {t}: P {P:.2f} R {R:.2f} F {2*P*R/(P+R+1e-9):.3f}")
    print(dict(zip([NAMES[i] for i in cols], np.round(c, 2))))
