"""The claim machinery as the Rust port should run it: statement analysis, candidate retrieval,
pair decision, stance towards the claim, grouping. Every constant here or in out/*.json is part of
the method; docs/claims-method.md describes each.

    claims.py group --input STATEMENTS.jsonl [--out DIR] > PRED.jsonl   (the `hearsay group` contract)
"""
import json, math, os, re, sys
import numpy as np
from text import WordPiece, content_words, raw_words, fold, stem, NEGATORS, STOP

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")


# ---------------------------------------------------------------- artifacts
class Artifacts:
    def __init__(self, out=OUT):
        self.wp = WordPiece(os.path.join(out, "vocab.txt"))
        q = np.fromfile(os.path.join(out, "static.i8"), dtype=np.int8)
        scale = np.fromfile(os.path.join(out, "static.scale.f32"), dtype=np.float32)
        self.dim = q.size // scale.size
        self.emb = q.reshape(scale.size, self.dim).astype(np.float32) * scale[:, None]
        self.df, self.ndocs = {}, 1
        for line in open(os.path.join(out, "idf.tsv"), encoding="utf-8"):
            w, d = line.rstrip("\n").split("\t")
            if w == "#docs":
                self.ndocs = int(d)
            else:
                self.df[w] = int(d)
        p = os.path.join(out, "pair.json")
        self.pair = json.load(open(p)) if os.path.exists(p) else None
        p = os.path.join(out, "news_pair.json")
        self.news = json.load(open(p)) if os.path.exists(p) else None
        p = os.path.join(out, "stance.json")
        self.stance = json.load(open(p)) if os.path.exists(p) else None

    def idf(self, w):
        return math.log((self.ndocs + 1) / (self.df.get(w, 0) + 1)) + 1.0


# ---------------------------------------------------------------- one statement
RARE_IDF = 4.0          # a stem with idf >= this (df <= ~2.6% of docs) is a "key term"

_CAP = re.compile(r"\b[A-Z][A-Za-z0-9'\u2019.&-]*")


def entities(text):
    """Proper-name stems from plain text: capitalised words that are not stop words, where the text
    is not Title Case throughout (headlines): there, no word is taken as a name by its case."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9'\u2019&-]*", text)
    if not words:
        return set()
    caps = [w for w in words if w[0].isupper()]
    content = [w for w in words if w.lower() not in STOP]
    if content and len([w for w in content if w[0].isupper()]) / len(content) > 0.6:
        return set()  # title case or all caps: case says nothing
    out = set()
    for i, w in enumerate(words):
        if w[0].isupper() and w.lower() not in STOP:
            out.update(content_words(w))
    return out


AUX = {"be", "is", "are", "was", "were", "been", "being", "am", "have", "has", "had", "do", "does", "did", "will",
       "would", "shall", "should", "may", "might", "must", "can", "could", "get", "got", "let", "make"}


def load_pos(path=os.path.join(HERE, "..", "..", "crates", "core", "data", "pos.tsv")):
    """Words whose most frequent tag in the project's tag lexicon is a verb (VB*) or a modal:
    the Rust port reads the Doc's tags instead."""
    verbs, maybe = set(), set()
    for line in open(path, encoding="utf-8"):
        w, _, tags = line.rstrip("\n").partition("\t")
        tags = tags.split(" ")
        if tags[0].startswith("VB") or tags[0] == "MD":
            verbs.add(w.lower())
        elif any(t.startswith("VB") for t in tags):
            maybe.add(w.lower())
    return verbs, maybe


VERBS, MAYBE_VERBS = load_pos()
VERB_CONTEXT = AUX | NEGATORS | {"to", "i", "you", "he", "she", "we", "they", "it", "who", "that", "will", "wont"}


def predicates(text):
    """Stems of the main verbs: a word whose most frequent tag in the lexicon is VB*, or one that
    can be a verb and follows an auxiliary, a modal, "to", a negator or a personal pronoun
    ("will support", "to release"); auxiliaries and stop words excluded."""
    ws = raw_words(text)
    out = set()
    for i, w in enumerate(ws):
        if w in AUX or w in STOP:
            continue
        if w in VERBS or (w in MAYBE_VERBS and i > 0 and ws[i - 1] in VERB_CONTEXT):
            out.add(stem(w))
    return out


def numbers(text):
    return set(re.findall(r"\d+(?:[.,]\d+)?", text.replace(",", "")))


SPEECH = set("""say says said saying tell tells told telling add adds added state states stated note notes noted
explain explains explained write writes wrote written ask asks asked reply replies replied respond responds responded
answer answered announce announced declare declared argue argues argued insist insists insisted claim claims claimed
suggest suggests suggested believe believes believed think thinks thought know knows knew feel feels felt recall
recalled acknowledge acknowledged according report reports reported comment commented remark remarked""".split())


def claim_text(d):
    """The proposition's words: the cue's words other than plain speech verbs ("praised", "denied
    that", "called for" carry the predicate; "said" does not), then the content."""
    cue = " ".join(w for w in re.findall(r"[A-Za-z'’-]+", d.get("cue") or "") if w.lower() not in SPEECH)
    return (cue + " " + (d.get("content") or "")).strip() if USE_CUE else (d.get("content") or "")


USE_CUE = os.environ.get("CLAIMS_CUE", "0") == "1"   # tried; off: cue words hurt on dev-pairs


TEACHER = None   # experiment only: {content: MiniLM vector} to measure the transformer in place of the table


class Statement:
    __slots__ = ("id", "content", "cue", "source", "ids", "vec", "words", "wt", "ents", "nums", "neg", "preds", "mass")

    def __init__(self, art, d):
        self.id = d["id"]
        self.content = claim_text(d)
        self.cue = d.get("cue") or ""
        self.source = d.get("source") or ""
        self.ids = art.wp.encode(self.content)
        v = art.emb[self.ids].sum(0) if self.ids else np.zeros(art.dim, np.float32)
        if TEACHER is not None:
            v = TEACHER[self.content]
        n = np.linalg.norm(v)
        self.vec = v / n if n > 0 else v
        self.words = set(content_words(self.content))
        self.wt = {w: art.idf(w) for w in self.words}
        self.ents = entities(self.content)
        self.nums = numbers(self.content)
        self.neg = any(w in NEGATORS for w in raw_words(self.content))
        self.preds = predicates(self.content)
        self.mass = sum(self.wt.values())

    def starts(self):
        """Can this statement start a claim? Its content has a main verb (predicates())."""
        return bool(self.preds)

    def proposition(self):
        """Does the content say enough to be a proposition? Its content words' idf sums to MIN_MASS
        (about three informative words): fragments ("I would, Donald"), bare names and stock phrases fail."""
        return self.mass >= MIN_MASS


# ---------------------------------------------------------------- pair features
MIN_MASS = float(os.environ.get("CLAIMS_MIN_MASS", "9"))  # summed idf of the content words
ENT_VETO = os.environ.get("CLAIMS_ENT_VETO", "0") == "1"
STRONG = float(os.environ.get("CLAIMS_STRONG", "0"))   # a merge needs one pair at >= STRONG
STARTERS = os.environ.get("CLAIMS_STARTERS", "1") == "1"  # a claim starts from a statement with a verb
GATE = os.environ.get("CLAIMS_GATE", "1") == "1"   # only propositions link (tuned on dev-pairs)
PAIR_FEATURES = ["cos", "wjacc", "wcover", "key_shared", "key_none", "ent_shared", "ent_clash", "num_clash", "cos_x_wcover",
                 "pred_shared", "pred_clash", "min_mass"]


def pair_features(a, b):
    shared = a.words & b.words
    s = sum(a.wt[w] for w in shared)
    ta, tb = sum(a.wt.values()), sum(b.wt.values())
    union = ta + tb - s
    keys_a = {w for w, x in a.wt.items() if x >= RARE_IDF}
    keys_b = {w for w, x in b.wt.items() if x >= RARE_IDF}
    key_shared = len(keys_a & keys_b)
    cos = float(a.vec @ b.vec)
    wcover = s / min(ta, tb) if min(ta, tb) > 0 else 0.0
    return [
        cos,
        s / union if union > 0 else 0.0,
        wcover,
        min(key_shared, 3) / 3.0,
        float(bool(keys_a) and bool(keys_b) and key_shared == 0),
        min(len(a.ents & b.ents), 3) / 3.0,
        float(bool(a.ents) and bool(b.ents) and not (a.ents & b.ents)),
        float(bool(a.nums) and bool(b.nums) and not (a.nums & b.nums)),
        cos * wcover,
        float(bool(a.preds & b.preds)),
        float(bool(a.preds) and bool(b.preds) and not (a.preds & b.preds)),
        min(ta, tb, 40.0) / 40.0,
    ]


def news_prob(art, a, b, da, db):
    """P(same claim) for two attributed statements: the news model (stage2.py) over the headline
    model's logit and who / predicate / time features."""
    import stage2
    f = np.array(stage2.feats(a, b, da, db)[0])[[stage2.NAMES.index(n) for n in art.news["features"]]]
    return float(sigmoid(f @ np.array(art.news["coef"]) + art.news["bias"]))


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def pair_prob(art, a, b):
    w = art.pair
    x = np.array(pair_features(a, b))
    x = (x - np.array(w["mean"])) / np.array(w["std"])
    return float(sigmoid(x @ np.array(w["coef"]) + w["bias"]))


# ---------------------------------------------------------------- candidates
CAND_K = 15         # nearest neighbours by cosine (an ANN index in Rust)
KEY_POSTINGS = 50   # a key term whose posting list is longer than this is not a blocking key


def candidates(stmts, k=CAND_K):
    """Pairs (i, j), i < j: each statement's k nearest by static-embedding cosine, plus pairs sharing
    a key term (idf >= RARE_IDF) whose posting list is short (blocking)."""
    V = np.stack([s.vec for s in stmts])
    pairs = set()
    for start in range(0, len(stmts), 512):
        sims = V[start:start + 512] @ V.T
        for r in range(sims.shape[0]):
            i = start + r
            sims[r, i] = -2
            top = np.argpartition(-sims[r], min(k, len(stmts) - 1))[:k] if len(stmts) > k + 1 else range(len(stmts))
            for j in top:
                if j != i:
                    pairs.add((min(i, int(j)), max(i, int(j))))
    post = {}
    for i, s in enumerate(stmts):
        for w, x in s.wt.items():
            if x >= RARE_IDF:
                post.setdefault(w, []).append(i)
    for lst in post.values():
        if 1 < len(lst) <= KEY_POSTINGS:
            for x in range(len(lst)):
                for y in range(x + 1, len(lst)):
                    pairs.add((lst[x], lst[y]))
    return sorted(pairs)


# ---------------------------------------------------------------- grouping
def average_link(n, edges, threshold, seed=None, starter=None, news=None, news_join=None, news_seed=None):
    """Agglomerative average link over a sparse graph: the link of two clusters is the sum of their
    members' pair probabilities divided by |A|*|B| (absent pairs count 0); merge the best link while
    it is >= threshold. Two single statements (a claim being started) merge only at >= seed
    (default: threshold), and only if one of them can start a claim (starter[i]: has a main verb);
    a statement that cannot start one may still join a claim. news[i]: the item is an attributed
    statement (source or cue); two clusters of such items merge at news_join / news_seed, the
    thresholds of the news pair model that scored their edges. Returns a cluster label per item."""
    seed = threshold if seed is None else seed
    news = list(news) if news is not None else [False] * n
    def limits(i, j):
        return (news_join, news_seed) if news[i] and news[j] else (threshold, seed)
    import heapq
    parent = list(range(n))
    size = [1] * n
    link = [dict() for _ in range(n)]   # cluster -> {other cluster: summed prob}
    best = [dict() for _ in range(n)]   # cluster -> {other cluster: strongest pair}
    for (i, j), p in edges.items():
        link[i][j] = link[i].get(j, 0.0) + p
        link[j][i] = link[j].get(i, 0.0) + p
        best[i][j] = best[j][i] = p
    heap = [(-p, i, j) for (i, j), p in edges.items() if p >= max(limits(i, j))
            and (starter is None or starter[i] or starter[j])]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        negp, i, j = heapq.heappop(heap)
        if not (alive[i] and alive[j]):
            continue
        cur = link[i].get(j, 0.0) / (size[i] * size[j])
        if abs(cur + negp) > 1e-12:
            continue  # stale
        # merge j into i
        alive[j] = False
        for c, s in link[j].items():
            if c == i:
                continue
            link[i][c] = link[i].get(c, 0.0) + s
            link[c][i] = link[i][c]
            del link[c][j]
            best[i][c] = best[c][i] = max(best[i].get(c, 0.0), best[j][c])
            del best[c][j]
        link[i].pop(j, None)
        best[i].pop(j, None)
        link[j] = {}
        best[j] = {}
        size[i] += size[j]
        news[i] = news[i] and news[j]
        parent[j] = i
        for c, s in link[i].items():
            avg = s / (size[i] * size[c])
            if avg >= limits(i, c)[0] and best[i][c] >= STRONG:  # i is no longer a single statement
                heapq.heappush(heap, (-avg, min(i, c), max(i, c)))
    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x
    return [root(x) for x in range(n)]


# ---------------------------------------------------------------- stance towards the claim
# Lexicon groups, matched on " " + folded words joined by spaces + " " (apostrophes dropped:
# "isn't" -> "isnt"); an entry ending in "*" is a prefix. Order in STANCE_GROUPS = feature order.
STANCE_GROUPS = {
    "deny": "hoax* fake* false* debunk* deny denies denied denial* untrue myth* bogus fabricat* refut* rebut* "
            "dismiss* reject* nope satire satiric* scam* misleading doctored photoshop* busted exposed "
            "|not true| |isnt true| |wasnt true| |no evidence| |never happened| |made up| |not real| "
            "|no truth| |no plans| |rules out| |ruled out| |record straight| |not the case| |no such| "
            "|probably not| |not actually| |turns out|",
    "hedge": "reportedly report reports reported according claim claims claimed allegedly alleged rumor* rumour* "
             "sources source may might could possibly apparently purportedly supposedly tipped speculat* "
             "suggest* appears seems |said to| |believed to| |set to| |could be| |may be| "
             "|says| |say| |said| |tells| |told| |insists| |maintains| |according to|",
    "question": "|?| |is this| |is it| |did| |does| |could this| |what| |why| |how| |really|",
    "neg": "not no never nothing none nobody neither nor dont doesnt didnt isnt wasnt arent werent wont cant "
           "couldnt shouldnt wouldnt hasnt havent hadnt cannot without",
    "assert": "confirm* confirms official* officially announce* reveal* proves proof |it is true| |is real| "
              "|has been| |will be| |caught on| |video shows| |photo shows|",
}


def _compile(groups):
    out = {}
    for g, spec in groups.items():
        phrases = re.findall(r"\|([^|]+)\|", spec)
        single = re.sub(r"\|[^|]+\|", " ", spec).split()
        out[g] = ([p.strip() for p in phrases], [w for w in single if not w.endswith("*")],
                  [w[:-1] for w in single if w.endswith("*")])
    return out


_GROUPS = _compile(STANCE_GROUPS)
STANCE_FEATURES = [f"{g}_{k}" for g in STANCE_GROUPS for k in ("any", "first")] + ["qmark_end", "excl", "bias_len"]


def stance_features(text):
    f = fold(text).replace("'", "").replace("\u2019", "")
    words = re.findall(r"[a-z0-9]+|\?", f)
    joined = " " + " ".join(words) + " "
    first = " " + " ".join(words[:4]) + " "
    out = []
    for g, (phrases, exact, prefixes) in _GROUPS.items():
        def hit(s):
            ws = s.split()
            return any(" " + p + " " in s for p in phrases) or any(w in exact for w in ws) \
                or any(w.startswith(p) for w in ws for p in prefixes)
        out += [float(hit(joined)), float(hit(first))]
    t = text.strip()
    out += [float(t.endswith("?")), float("!" in t), min(len(words), 30) / 30.0]
    return out


STANCES = ["assert", "deny", "report"]


def stance_of(art, text, vec=None):
    """Returns assert / deny / report / question."""
    w = art.stance
    x = np.array(stance_features(text) + (list(vec) if w.get("use_vec") else []))
    z = np.array(w["coef"]) @ x + np.array(w["bias"])
    s = STANCES[int(np.argmax(z))]
    if s == "report" and w.get("question") and text.strip().endswith("?"):
        return "question"
    return s


# ---------------------------------------------------------------- the `group` contract
def group(art, docs, threshold=None, seed=None):
    """docs: dicts with id, content and optionally cue/source/... Returns [(id, claim, stance)]."""
    st = [Statement(art, d) for d in docs]
    thr = art.pair["threshold"] if threshold is None else threshold
    seed = art.pair.get("seed", thr) if seed is None else seed
    news = [bool(d.get("source") or d.get("cue")) for d in docs]
    edges = {}
    for i, j in candidates(st):
        if GATE and not (st[i].proposition() and st[j].proposition()):
            continue
        if ENT_VETO and st[i].ents and st[j].ents and not (st[i].ents & st[j].ents):
            continue
        p = pair_prob(art, st[i], st[j])
        if news[i] and news[j] and art.news:
            p = news_prob(art, st[i], st[j], docs[i], docs[j])
        if p > 0.05 or (news[i] and news[j] and p > 0.02):
            edges[(i, j)] = p
    labels = average_link(len(st), edges, thr, seed, [s.starts() for s in st] if STARTERS else None,
                          news, art.news and art.news["join"], art.news and art.news["seed"])
    out = []
    for s, lab in zip(st, labels):
        text = (s.cue + " " + (docs[len(out)].get("content") or "")).strip()
        out.append((s.id, f"c{lab}", stance_of(art, text, s.vec)))
    return out


def main(argv):
    if len(argv) >= 4 and argv[1] == "group" and argv[2] == "--input":
        thr = float(argv[argv.index("--threshold") + 1]) if "--threshold" in argv else None
        seed = float(argv[argv.index("--seed") + 1]) if "--seed" in argv else None
        docs = [json.loads(l) for l in open(argv[3], encoding="utf-8") if l.strip()]
        for i, c, s in group(Artifacts(), docs, thr, seed):
            print(json.dumps({"id": i, "claim": c, "stance": s}))
        return 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
