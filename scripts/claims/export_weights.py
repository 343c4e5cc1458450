"""Copies the built artifacts of out/ into the Rust crate's data folder, with the two JSON models
written as plain text lines (`name value value ...`) so that crates/core needs no JSON parser.

    export_weights.py OUT_DIR CRATE_DATA_DIR      (build.sh: out crates/core/data/claims)
"""
import json, os, shutil, sys

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
for name in ("static.i8", "static.scale.f32", "vocab.txt", "idf.tsv"):
    shutil.copyfile(os.path.join(src, name), os.path.join(dst, name))


def line(name, values):
    if not isinstance(values, list):
        values = [values]
    return name + " " + " ".join(str(v).lower() if isinstance(v, bool) else str(v) for v in values) + "\n"


pair = json.load(open(os.path.join(src, "pair.json")))
with open(os.path.join(dst, "pair.txt"), "w", encoding="utf-8") as f:
    f.write("# pair model of scripts/claims/train.py: p = sigmoid(bias + sum coef * (x - mean) / std)\n")
    for key in ("features", "coef", "bias", "mean", "std", "threshold", "seed", "min_mass", "rare_idf", "cand_k",
                "key_postings"):
        f.write(line(key, pair[key]))

stance = json.load(open(os.path.join(src, "stance.json")))
assert not stance["use_vec"], "the Rust port reads lexicon features only"
with open(os.path.join(dst, "stance.txt"), "w", encoding="utf-8") as f:
    f.write("# stance model of scripts/claims/train.py: z = coef . x + bias on raw features, arg-max over classes\n")
    f.write(line("classes", stance["classes"]))
    f.write(line("features", stance["features"]))
    for cls, row in zip(stance["classes"], stance["coef"]):
        f.write(line("coef_" + cls, row))
    f.write(line("bias", stance["bias"]))
    f.write(line("question", stance["question"]))

news = json.load(open(os.path.join(src, "news_pair.json")))
with open(os.path.join(dst, "news_pair.txt"), "w", encoding="utf-8") as f:
    f.write("# news pair model of scripts/claims/stage2.py --write (raw-feature weights): p = sigmoid(bias + sum coef * x)\n")
    for key in ("features", "coef", "bias", "seed", "join"):
        f.write(line(key, news[key]))
    f.write("min_edge 0.02\n")
    f.write(f"# fitted on {news['pairs']} labelled pairs (scripts/claims/news-pairs.tsv), {news['linked']} of them linked\n")
