#!/usr/bin/env python3
"""Checks two of issue 12's "one fact, one place" bars over the workspace's
Rust code, comments and test modules aside:

- the string literal "said" appears in the lexicon only;
- the FNV-1a offset basis appears once (in the hash module).

Prints each offending line and exits 1 when a bar fails."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
failed = False
said, basis = [], []
for path in sorted(root.glob("crates/**/*.rs")):
    rel = path.relative_to(root).as_posix()
    if "/tests/" in rel or "/fuzz/" in rel or "/target/" in rel or "/benches/" in rel or "/examples/" in rel:
        continue
    text = path.read_text()
    # Test modules sit at the end of a file: drop from `#[cfg(test)]` on.
    cut = text.find("#[cfg(test)]")
    code = text if cut < 0 else text[:cut]
    for n, line in enumerate(code.splitlines(), 1):
        line = re.sub(r"//.*", "", line)
        if '"said"' in line and "/lexicon/" not in rel:
            said.append(f"{rel}:{n}: {line.strip()}")
        if re.search(r"0x_?cbf2_?9ce4_?8422_?2325|0xcbf29ce484222325", line, re.I):
            basis.append(f"{rel}:{n}: {line.strip()}")
for line in said:
    print("\"said\" outside the lexicon:", line)
if said:
    failed = True
if len(basis) != 1:
    for line in basis:
        print("FNV-1a offset basis:", line)
    failed = True
print(f'"said" outside the lexicon: {len(said)}; FNV-1a offset basis written {len(basis)} time(s)')
sys.exit(1 if failed else 0)
