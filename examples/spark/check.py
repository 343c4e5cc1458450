"""Checks the Spark job's output against hearsay's own commands (scripts/spark-check.sh runs it).

    python check.py all OUT EXTRACT.jsonl LEDGER.db INPUT JOB.log --floor F
        Runs every check below and prints one summary, `spark: N passed, M failed`; exits 1 on
        a failure:
        - the statements equal `hearsay extract`'s attributions (EXTRACT.jsonl, made from
          INPUT): the same count, and the same (article, content spans) multiset;
        - the job's last line (in JOB.log) is `articles N statements M`, N the documents
          `hearsay extract` printed and M their attributions;
        - the contested claims agree with those of a ledger of INPUT (`hearsay ingest`, then
          `hearsay claims --contested`): at least F of the ledger's contested claims have a
          contested Spark claim with at least 90% of their member statements in common (Jaccard),
          at least F of Spark's contested claims match a contested ledger claim, and at least
          90% of the ledger's contested members are in the matching Spark claims (`--floor none`:
          printed only).

    python check.py contested OUT LEDGER.db INPUT
        Prints how the contested claims of OUT compare with those of a ledger into which INPUT
        was ingested (`hearsay ingest --db LEDGER.db INPUT`, then `hearsay claims
        --contested`): for each contested claim of one side, the claim of the other side
        sharing most of its member statements.

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
    if len(argv) >= 8 and argv[0] == "all" and argv[6] == "--floor":
        out, extract_path, ledger_path, input_root, job_log = argv[1:6]
        results = check_statements(out, extract_path)
        results.append(check_last_line(job_log, extract_path))
        figures = contested_figures(out, ledger_path, input_root)
        print(json.dumps(figures))
        n_ledger, n_spark = figures["ledger_contested"], figures["spark_contested"]
        share = figures["with_90pct_members_in_common"] / max(n_ledger, 1)
        reverse = figures["spark_contested_found_contested_in_ledger"] / max(n_spark, 1)
        if argv[7] == "none":
            print(f"spark: contested agreement not checked: {share:.3f} of the ledger's contested claims")
        else:
            floor = float(argv[7])
            results.append(
                (
                    share >= floor and reverse >= floor,
                    f"contested claims: ledger {n_ledger}, spark {n_spark}; the ledger's with a contested spark claim "
                    f"holding >= 90% of the members in common: {share:.3f}; spark's contested in the ledger: "
                    f"{reverse:.3f}; floor {floor}",
                )
            )
            overlap = figures["ledger_contested_members_in_matched_spark_claim"]
            results.append((overlap >= 0.9, f"the ledger's contested members in the matching spark claim: {overlap:.3f}, floor 0.9"))
        return report(results)
    if len(argv) == 4 and argv[0] == "contested":
        print(json.dumps(contested_figures(argv[1], argv[2], argv[3])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


def check_last_line(job_log, extract_path):
    n_articles, n_statements = 0, 0
    with open(extract_path, encoding="utf-8") as f:
        for line in f:
            n_articles += 1
            n_statements += len(json.loads(line)["attributions"])
    with open(job_log, encoding="utf-8") as f:
        lines = f.read().splitlines()
    last = lines[-1] if lines else ""
    expected = f"articles {n_articles} statements {n_statements}"
    return (last == expected, f"last line of the job: {last!r}, expected {expected!r}")


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
    return results


def contested_figures(out, ledger_path, input_root):
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

    agree, overlaps, matched, n_members, n_found = 0, [], 0, 0, 0
    for claim in sorted(ledger_contested):
        other, jaccard = best_match(ledger_members[claim], spark_claim_of, spark_members)
        n_members += len(ledger_members[claim])
        if other in spark_contested:
            matched += 1
            n_found += len(ledger_members[claim] & spark_members[other])
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
        "ledger_contested_members_in_matched_spark_claim": round(n_found / max(n_members, 1), 3),
        "median_member_jaccard": round(statistics.median(overlaps), 3) if overlaps else None,
        "mean_member_jaccard": round(statistics.mean(overlaps), 3) if overlaps else None,
    }
    return figures


def report(results):
    for passed, message in results:
        print(f"spark: {'ok' if passed else 'FAILED'}: {message}")
    n_passed = sum(1 for passed, _ in results if passed)
    print(f"spark: {n_passed} passed, {len(results) - n_passed} failed")
    return 0 if n_passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
