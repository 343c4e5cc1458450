"""Draws statement pairs from PolNeAR *train* (never dev) the way claims/README.md says dev-pairs
were drawn: each sampled statement paired with a statement of another article, chosen by TF-IDF
closeness in strata (close, denial-flavoured, middling, loose), for labelling by hand as
claims/GUIDE.md says. Each side keeps its PolNeAR reference (doc, attribution id) so that labels
can be kept without corpus text.
Usage: draw_pairs.py POLNEAR_TRAIN_DIR N SEED OUT.jsonl
"""
import json, math, os, random, re, sys
from collections import Counter
from text import content_words

src, n, seed, outp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
DENY = re.compile(r"\b(den(y|ies|ied)|false|never|not true|no evidence|reject|dismiss|refut|lie|lied|wrong)\b", re.I)


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
                rels.append((parts[0], dict(x.split(":", 1) for x in parts[1].split(" ") if ":" in x)))
        for eid, r in rels:
            if "Content" not in r or r["Content"] not in spans:
                continue
            _, s, e, content = spans[r["Content"]]
            a = text.rfind("\n", 0, s) + 1
            b = text.find("\n", e)
            b = len(text) if b < 0 else b
            stmts.append({"ref": f"{f}#{eid}", "doc": doc, "publisher": doc.split("_")[0], "published": doc.split("_")[1],
                          "source": spans[r["Source"]][3] if r.get("Source") in spans else None,
                          "cue": spans[r["Cue"]][3] if r.get("Cue") in spans else None,
                          "content": content, "context": text[a:b][:700]})
    return stmts


stmts = load(src)
words = [Counter(content_words(s["content"])) for s in stmts]
df = Counter(w for c in words for w in c)
N = len(stmts)
vecs = []
for c in words:
    v = {w: (1 + math.log(k)) * math.log(N / df[w]) for w, k in c.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1
    vecs.append({w: x / norm for w, x in v.items()})
post = {}
for i, v in enumerate(vecs):
    for w in v:
        post.setdefault(w, []).append(i)
rng = random.Random(seed)
order = [i for i in range(N) if len(words[i]) >= 2]
rng.shuffle(order)
out, seen = [], set()
strata = ["close", "deny", "middling", "loose"]
for i in order:
    if len(out) >= n:
        break
    sims = Counter()
    for w, x in vecs[i].items():
        if len(post[w]) > 2000:
            continue
        for j in post[w]:
            if stmts[j]["doc"] != stmts[i]["doc"]:
                sims[j] += x * vecs[j][w]
    ranked = [j for j, s in sims.most_common(200) if s > 0.05]
    if len(ranked) < 20 or sims[ranked[0]] < 0.45 or len(words[i]) < 3:
        continue
    kind = strata[len(out) % 4]
    if kind == "close":
        j = ranked[0]
    elif kind == "deny":
        d = [j for j in ranked[:60] if DENY.search((stmts[j]["cue"] or "") + " " + stmts[j]["content"])]
        if not d:
            continue
        j = d[0]
    elif kind == "middling":
        j = ranked[rng.randrange(2, 12)]
    else:
        j = ranked[rng.randrange(12, min(len(ranked), 60))]
    key = tuple(sorted((i, j)))
    if key in seen:
        continue
    seen.add(key)
    out.append({"id": f"q{seed}-{len(out) + 1:03d}", "stratum": kind, "sim": round(sims[j], 3), "a": stmts[i], "b": stmts[j]})
with open(outp, "w", encoding="utf-8") as fh:
    for p in out:
        fh.write(json.dumps(p, ensure_ascii=False) + "\n")
print(len(stmts), "statements;", len(out), "pairs written", file=sys.stderr)
