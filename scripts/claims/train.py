"""Learns the pair model and the stance model from Emergent train and measures them by 5-fold
cross-validation grouped by claim; writes out/pair.json and out/stance.json (fit on all of it).

    train.py EMERGENT_CSV [--threshold T]
Prints the CV figures for all 2,071 headlines grouped at once (each pair's probability comes from a
model that saw neither side's claim; each stance from a model that did not see the claim).
"""
import csv, itertools, json, os, sys, time
import numpy as np
import claims as C

FOLDS = 5


def fit_logreg(X, y, l2=1.0, iters=300, classes=None):
    """L2 logistic regression (binary if classes is None, else multinomial) by full-batch Newton /
    gradient steps on standardised features. Returns (coef, bias, mean, std)."""
    mean, std = X.mean(0), X.std(0) + 1e-6
    Z = (X - mean) / std
    n, d = Z.shape
    if classes is None:
        w, b = np.zeros(d), 0.0
        A = np.hstack([Z, np.ones((n, 1))])
        theta = np.zeros(d + 1)
        for _ in range(50):
            p = 1 / (1 + np.exp(-(A @ theta)))
            g = A.T @ (p - y) + l2 * np.r_[theta[:-1], 0]
            H = (A * (p * (1 - p))[:, None]).T @ A + l2 * np.diag(np.r_[np.ones(d), 0])
            step = np.linalg.solve(H, g)
            theta -= step
            if np.abs(step).max() < 1e-8:
                break
        return theta[:-1], theta[-1], mean, std
    K = len(classes)
    Y = np.eye(K)[y]
    W, b = np.zeros((K, d)), np.zeros(K)
    lr = 0.5
    for _ in range(iters * 3):
        z = Z @ W.T + b
        z -= z.max(1, keepdims=True)
        P = np.exp(z); P /= P.sum(1, keepdims=True)
        G = (P - Y) / n
        W -= lr * (G.T @ Z + l2 / n * W)
        b -= lr * G.sum(0)
    return W, b, mean, std


def load_emergent(path):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    claim_ids = sorted({r["claim_id"] for r in rows})
    # deterministic fold per claim: sorted claim ids dealt round-robin
    fold_of = {c: i % FOLDS for i, c in enumerate(claim_ids)}
    return rows, [fold_of[r["claim_id"]] for r in rows]


def pairwise(rows, labels):
    tp = fp = fn = 0
    for a, b in itertools.combinations(range(len(rows)), 2):
        g = rows[a]["claim_id"] == rows[b]["claim_id"]
        p = labels[a] == labels[b]
        tp += g and p; fp += p and not g; fn += g and not p
    P = tp / (tp + fp) if tp + fp else 0; R = tp / (tp + fn) if tp + fn else 0
    return P, R, 2 * P * R / (P + R) if P + R else 0


def contested(rows, labels, stances):
    by = {}
    for i, r in enumerate(rows):
        by.setdefault(r["claim_id"], []).append(i)
    tot = found = 0
    for idx in by.values():
        pro = [i for i in idx if rows[i]["stance"] == "for"]
        con = [i for i in idx if rows[i]["stance"] == "against"]
        if pro and con:
            tot += 1
            cp = {labels[i] for i in pro if stances[i] == "assert"}
            cc = {labels[i] for i in con if stances[i] == "deny"}
            found += bool(cp & cc)
    return found, tot


GOLD = {"for": "assert", "against": "deny", "observing": "report"}


def main(argv):
    path = argv[1]
    thr = float(argv[argv.index("--threshold") + 1]) if "--threshold" in argv else 0.3
    seed = float(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0.93
    art = C.Artifacts()
    rows, folds = load_emergent(path)
    t0 = time.time()
    st = [C.Statement(art, {"id": r["id"], "content": r["text"]}) for r in rows]
    cand = C.candidates(st)
    print(f"{len(st)} statements, {len(cand)} candidate pairs ({time.time() - t0:.1f}s)")
    same = np.array([rows[i]["claim_id"] == rows[j]["claim_id"] for i, j in cand], float)
    npos = sum(len(v) * (len(v) - 1) // 2 for v in _groups(rows).values())
    print(f"candidate recall of same-claim pairs: {same.sum():.0f}/{npos} = {same.sum() / npos:.3f}")
    X = np.array([C.pair_features(st[i], st[j]) for i, j in cand])
    fi = np.array([folds[i] for i, j in cand]); fj = np.array([folds[j] for i, j in cand])

    # hard pairs only (both sides state something, and they are close): the decision that matters
    gate = np.array([st[i].proposition() and st[j].proposition() for i, j in cand])
    hmin = float(argv[argv.index("--hard") + 1]) if "--hard" in argv else 0.5
    hard = gate & (X[:, 0] >= hmin)
    print(f"training pairs: {hard.sum()} of {len(cand)} ({same[hard].sum():.0f} same)")
    # pair model, CV: a pair is scored by the model trained without both of its folds
    prob = np.zeros(len(cand))
    for a in range(FOLDS):
        for b in range(a, FOLDS):
            tr = (fi != a) & (fi != b) & (fj != a) & (fj != b) & hard
            te = ((fi == a) & (fj == b)) | ((fi == b) & (fj == a))
            coef, bias, mu, sd = fit_logreg(X[tr], same[tr])
            prob[te] = 1 / (1 + np.exp(-(((X[te] - mu) / sd) @ coef + bias)))

    # stance model, CV by claim fold
    use_vec = "--stance-vec" in argv
    S = np.array([C.stance_features(r["text"]) + (list(s.vec) if use_vec else []) for r, s in zip(rows, st)])
    ys = np.array([C.STANCES.index(GOLD[r["stance"]]) for r in rows])
    folds_a = np.array(folds)
    pred_s = np.zeros(len(rows), int)
    for k in range(FOLDS):
        W, bb, mu, sd = fit_logreg(S[folds_a != k], ys[folds_a != k], l2=1.0, classes=C.STANCES)
        pred_s[folds_a == k] = np.argmax(((S[folds_a == k] - mu) / sd) @ W.T + bb, 1)
    stances = [C.STANCES[k] for k in pred_s]
    acc = np.mean(pred_s == ys)
    q = np.array([r["text"].strip().endswith("?") for r in rows]) & (pred_s == 2)
    print(f"  with 'question' for a report ending in '?': {q.sum()} statements, accuracy {100 * np.mean((pred_s == ys) & ~q):.1f} "
          "(Emergent has no question label)")
    print(f"stance CV accuracy {100 * acc:.1f}  confusion (rows gold a/d/r):")
    print(np.array([[np.sum((ys == g) & (pred_s == p)) for p in range(3)] for g in range(3)]))

    seeds = [seed]
    for t, sd_ in [(t, s) for t in sorted({thr, 0.3, 0.5, 0.7}) for s in seeds]:
        labels = C.average_link(len(st), {c: p for c, p in zip(cand, prob)
                                          if (not C.GATE or (st[c[0]].proposition() and st[c[1]].proposition()))
                                          and not (C.ENT_VETO and st[c[0]].ents and st[c[1]].ents and not (st[c[0]].ents & st[c[1]].ents))}, t, sd_,
                                [s.starts() for s in st] if C.STARTERS else None)
        P, R, F = pairwise(rows, labels)
        f, tot = contested(rows, labels, stances)
        print(f"threshold {t:.2f} seed {sd_}: pairwise F1 {100 * F:.1f} (P {100 * P:.1f}, R {100 * R:.1f}); contested {f}/{tot}; "
              f"stance {100 * acc:.1f}")

    # final models on everything
    coef, bias, mu, sd = fit_logreg(X[hard], same[hard])
    json.dump({"features": C.PAIR_FEATURES, "coef": coef.round(5).tolist(), "bias": round(float(bias), 5),
               "mean": mu.round(5).tolist(), "std": sd.round(5).tolist(), "threshold": thr, "seed": seed,
               "min_mass": C.MIN_MASS, "rare_idf": C.RARE_IDF, "cand_k": C.CAND_K, "key_postings": C.KEY_POSTINGS},
              open(os.path.join(C.OUT, "pair.json"), "w"), indent=1)
    print("pair weights:", dict(zip(C.PAIR_FEATURES, coef.round(2))))
    W, bb, mu, sd = fit_logreg(S, ys, l2=1.0, classes=C.STANCES)
    # fold standardisation into the weights so that Rust computes W.x + b on raw features
    Wr = W / sd; br = bb - Wr @ mu
    json.dump({"classes": C.STANCES, "features": C.STANCE_FEATURES, "use_vec": use_vec, "question": True,
               "coef": Wr.round(5).tolist(), "bias": br.round(5).tolist()},
              open(os.path.join(C.OUT, "stance.json"), "w"), indent=1)


def _groups(rows):
    g = {}
    for r in rows:
        g.setdefault(r["claim_id"], []).append(r)
    return g


if __name__ == "__main__":
    main(sys.argv)
