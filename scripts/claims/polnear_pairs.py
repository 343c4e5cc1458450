"""Draws candidate statement pairs from PolNeAR *train* (never dev) for labelling by hand as
claims/GUIDE.md says: the pairs that the current model scores high, i.e. the decisions that matter.
Usage: polnear_pairs.py POLNEAR_TRAIN_DIR N OUT.jsonl
"""
import json, os, random, re, sys
import claims as C

src, n, outp = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def load(src):
    stmts = []
    for f in sorted(os.listdir(os.path.join(src, "attributions"))):
        doc = f.rsplit("_", 1)[0]
        tp = os.path.join(src, "text", doc + ".txt")
        if not os.path.exists(tp):
            continue
        text = open(tp, encoding="utf-8").read()
        spans, rels = {}, []
        for line in open(os.path.join(src, "attributions", f), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) == 3:
                kind, *rest = parts[1].split(" ")
                nums = [int(x) for x in re.findall(r"\d+", " ".join(rest))]
                spans[parts[0]] = (kind, nums[0], nums[-1], parts[2])
            elif parts[0].startswith("E"):
                rels.append(dict(x.split(":", 1) for x in parts[1].split(" ") if ":" in x))
        for r in rels:
            if "Content" not in r or r["Content"] not in spans:
                continue
            _, s, e, content = spans[r["Content"]]
            a = text.rfind("\n", 0, s) + 1
            b = text.find("\n", e)
            b = len(text) if b < 0 else b
            stmts.append({"doc": doc, "publisher": doc.split("_")[0], "published": doc.split("_")[1],
                          "source": spans[r["Source"]][3] if r.get("Source") in spans else None,
                          "cue": spans[r["Cue"]][3] if r.get("Cue") in spans else None,
                          "content": content, "context": text[a:b][:700]})
    return stmts


stmts = load(src)
art = C.Artifacts()
st = [C.Statement(art, {"id": i, **d}) for i, d in enumerate(stmts)]
ok = [i for i, s in enumerate(st) if s.proposition()]
sub = [st[i] for i in ok]
pairs = []
for i, j in C.candidates(sub):
    a, b = ok[i], ok[j]
    if stmts[a]["doc"] == stmts[b]["doc"]:
        continue
    pairs.append((C.pair_prob(art, st[a], st[b]), a, b))
print(len(stmts), "statements,", len(ok), "pass the gate,", len(pairs), "cross-article candidate pairs", file=sys.stderr)
rng = random.Random(13)
hi = [p for p in pairs if p[0] >= 0.9]
mid = [p for p in pairs if 0.6 <= p[0] < 0.9]
pick = rng.sample(hi, min(len(hi), n // 2)) + rng.sample(mid, min(len(mid), n - n // 2))
with open(outp, "w", encoding="utf-8") as fh:
    for k, (p, a, b) in enumerate(pick):
        fh.write(json.dumps({"id": f"t{k + 1:03d}", "p": round(p, 3), "a": stmts[a], "b": stmts[b]}, ensure_ascii=False) + "\n")
