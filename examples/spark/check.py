"""Checks the Spark job's output against hearsay's own commands (run by scripts/spark-check.sh).

    python check.py statements OUT EXTRACT.jsonl
        The statements equal `hearsay extract`'s attributions: the same count, and the same
        (article, content spans) multiset. Prints `spark: N passed, M failed`; exits 1 on a
        failure.

    python check.py contested OUT LEDGER.db INPUT [--floor F]
        Compares the contested claims of OUT with `hearsay claims --contested` of a ledger into
        which INPUT was ingested (`hearsay ingest --db LEDGER.db INPUT`): for each contested
        claim of one side, the claim of the other side sharing most of its member statements.
        Prints the figures; with --floor, fails when fewer than F of the ledger's contested
        claims have a contested Spark claim with at least 90% of their members in common.

Statements are matched by (file relative to INPUT, statement number): the ledger's statement
ordinal is the number in `a<N>` less one. Reading the ledger file here is a test's business
only; hearsay itself reads it through crates/ledger.
"""

import collections
import json
import os
import sqlite3
import statistics
import sys

import pyarrow.parquet as pq


def main(argv):
    if len(argv) >= 3 and argv[0] == "statements":
        return check_statements(argv[1], argv[2])
    if len(argv) >= 4 and argv[0] == "contested":
        floor = float(argv[argv.index("--floor") + 1]) if "--floor" in argv else None
        return check_contested(argv[1], argv[2], argv[3], floor)
    print(__doc__, file=sys.stderr)
    return 2


def check_statements(out, extract_path):
    spark = collections.Counter()
    table = pq.read_table(os.path.join(out, "statements"), columns=["article", "content_spans"])
    for article, spans in zip(table.column("article").to_pylist(), table.column("content_spans").to_pylist()):
        spark[(article, tuple((s["start"], s["end"]) for s in spans))] += 1
    cli = collections.Counter()
    with open(extract_path, encoding="utf-8") as f:
        for line in f:
            document = json.loads(line)
            for attribution in document["attributions"]:
                cli[(document["id"], tuple(map(tuple, attribution["content"]["spans"])))] += 1
    results = []
    n_spark, n_cli = sum(spark.values()), sum(cli.values())
    results.append((n_spark == n_cli, f"statement count: spark {n_spark}, hearsay extract {n_cli}"))
    only_spark, only_cli = spark - cli, cli - spark
    results.append(
        (
            not only_spark and not only_cli,
            f"(article, content spans): {sum(only_spark.values())} only in spark, {sum(only_cli.values())} only in extract"
            + (f", e.g. {next(iter(only_spark or only_cli))}" if only_spark or only_cli else ""),
        )
    )
    return report(results)


def check_contested(out, ledger_path, input_root, floor):
    input_root = os.path.realpath(input_root)
    # Spark: claim -> members (relative file, ordinal), and which claims are contested.
    members = pq.read_table(os.path.join(out, "claims"), columns=["claim", "origin", "statement"]).to_pydict()
    spark_members = collections.defaultdict(set)
    spark_claim_of = {}
    for claim, origin, statement in zip(members["claim"], members["origin"], members["statement"]):
        member = (os.path.relpath(origin, input_root), int(statement[1:]) - 1)
        spark_members[claim].add(member)
        spark_claim_of.setdefault(member, set()).add(claim)
    spark_contested = set(pq.read_table(os.path.join(out, "contested"), columns=["claim"]).column("claim").to_pylist())

    db = sqlite3.connect(f"file:{ledger_path}?mode=ro", uri=True)
    ledger_members = collections.defaultdict(set)
    ledger_claim_of = {}
    query = """SELECT m.claim_id, a.origin_path, s.ordinal FROM claim_members m
               JOIN statements s ON s.id = m.statement_id JOIN articles a ON a.id = s.article_id"""
    for claim, origin, ordinal in db.execute(query):
        member = (os.path.relpath(origin, input_root), ordinal)
        ledger_members[claim].add(member)
        ledger_claim_of.setdefault(member, set()).add(claim)
    ledger_contested = {row[0] for row in db.execute("SELECT id FROM claims WHERE contested")}

    def best_match(claim_members, claim_of, other_members):
        counts = collections.Counter(c for m in claim_members for c in claim_of.get(m, ()))
        if not counts:
            return None, 0.0
        other, _ = max(counts.items(), key=lambda item: (len(claim_members & other_members[item[0]]), -item[0]))
        shared = len(claim_members & other_members[other])
        return other, shared / len(claim_members | other_members[other])

    agree, overlaps, matched = 0, [], 0
    for claim in sorted(ledger_contested):
        other, jaccard = best_match(ledger_members[claim], spark_claim_of, spark_members)
        if other in spark_contested:
            matched += 1
            overlaps.append(jaccard)
            if jaccard >= 0.9:
                agree += 1
    reverse = sum(
        1
        for claim in spark_contested
        if best_match(spark_members[claim], ledger_claim_of, ledger_members)[0] in ledger_contested
    )
    n_ledger, n_spark = len(ledger_contested), len(spark_contested)
    figures = {
        "ledger_contested": n_ledger,
        "spark_contested": n_spark,
        "ledger_contested_found_contested_in_spark": matched,
        "spark_contested_found_contested_in_ledger": reverse,
        "with_90pct_members_in_common": agree,
        "median_member_jaccard": round(statistics.median(overlaps), 3) if overlaps else None,
        "mean_member_jaccard": round(statistics.mean(overlaps), 3) if overlaps else None,
    }
    print(json.dumps(figures))
    if floor is None:
        return 0
    share = agree / max(n_ledger, 1)
    return report([(share >= floor, f"contested claims agreeing with the ledger (>= 90% members): {share:.3f}, floor {floor}")])


def report(results):
    for passed, message in results:
        print(f"spark: {'ok' if passed else 'FAILED'}: {message}")
    n_passed = sum(1 for passed, _ in results if passed)
    print(f"spark: {n_passed} passed, {len(results) - n_passed} failed")
    return 0 if n_passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
