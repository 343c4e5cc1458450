"""Checks text.WordPiece against the `tokenizers` library, and writes reference ids for the Rust port.

    check_wordpiece.py TEXTS.jsonl [OUT.tsv]   (each line a JSON object with "content" or "text")
OUT.tsv: text (tabs/newlines escaped as \\t \\n) TAB space-separated ids, without [CLS]/[SEP].
"""
import json, sys
import minilm, text

tok, wp = minilm.tokenizer(), text.WordPiece(minilm.model_dir() + "/vocab.txt")
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
bad, out = 0, []
for r in rows:
    t = r.get("content") or r.get("text") or ""
    ids = wp.encode(t)
    bad += ids != tok.encode(t).ids[1:-1]
    out.append(t.replace("\t", "\\t").replace("\n", "\\n") + "\t" + " ".join(map(str, ids)))
if len(sys.argv) > 2:
    open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
print(f"{len(rows)} texts, {bad} differ from tokenizers")
sys.exit(1 if bad else 0)
