"""hearsay on Spark: articles in, statements, claims and a contested-claims table out.

    python job.py INPUT OUT [--master local[2]] [--format files|parquet|json]

INPUT is a folder (or file) of anything hearsay reads (text, HTML, feeds, JSON Lines, WARC),
read by hearsay itself on the executors, or Parquet or JSON Lines with columns id, text and
optionally published, outlet, url (--format parquet|json). OUT receives:

    statements/   Parquet, one row per statement (hearsay.statement_schema() plus seq, origin)
    articles/     JSON Lines (id, title, text, published, outlet, url) that `hearsay ingest` reads
    claims/       Parquet, one row per claim member: claim, seq, origin, article, statement, stance
    contested/    Parquet, one row per contested claim: claim, text, asserted_by, denied_by,
                  first_said, n_assert, n_deny, n_members
    contested.jsonl  the same, one JSON object a line, for people and for diffing

The last line printed is `articles N statements M`.

All analysis is hearsay's, through the wheel: hearsay.read and hearsay.analyze_batch run inside
mapInArrow; claims are grouped across articles with hearsay.claim_blocks (blocking keys) and
hearsay.pair_decisions (the ledger's decision whether two claim keys are one claim). Spark only
joins, counts and orders; the one rule kept here is the ledger's order of attachment: in input
order, a claim joins the most similar earlier claim that hearsay accepts, else it starts one.
"""

import argparse
import json
import os
import sys
import time

import pyarrow as pa
import pyarrow.compute as pc

import hearsay

# Most files read per Spark task: small enough to spread a folder over the cores, large
# enough that a task's start-up (a few milliseconds) stays small beside its analysis.
FILES_PER_TASK = 128
# Articles per Arrow batch handed to hearsay.analyze_batch.
ARTICLES_PER_BATCH = 256
# How many earlier members of a block each claim is compared with (the newest first): the
# ledger likewise scores only the most recent 32 claims per rare concept.
BLOCK_NEIGHBOURS = 32
# Accepted pairs up to this many are joined into components on the driver (union-find, about
# 100 bytes a pair in Python); beyond, in rounds of Spark joins. On the BBC corpus (4,231 pairs)
# the rounds took 17 and most of the grouping time.
DRIVER_COMPONENT_EDGES = int(os.environ.get("HEARSAY_DRIVER_COMPONENT_EDGES", "2000000"))
# Records per file in the input order key: seq = file_index * 2^24 + record.
RECORDS_PER_FILE = 1 << 24


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input")
    parser.add_argument("out")
    parser.add_argument("--master", default=os.environ.get("SPARK_MASTER"))
    parser.add_argument("--format", choices=["auto", "files", "parquet", "json"], default="auto")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("hearsay")
    if args.master:
        builder = builder.master(args.master)
    spark = (
        builder.config("spark.sql.shuffle.partitions", os.environ.get("HEARSAY_SHUFFLE_PARTITIONS", "8"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARTICLES_PER_BATCH))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    started = time.monotonic()
    out = args.out.rstrip("/")

    articles = read_articles(spark, args.input, args.format).persist()
    n_articles = articles.count()
    read = time.monotonic()

    statements = analyze(articles)
    statements.write.mode("overwrite").parquet(out + "/statements")
    analysed = time.monotonic()
    statements = spark.read.parquet(out + "/statements")
    n_statements = statements.count()
    write_articles_jsonl(articles, out + "/articles")
    grouping = time.monotonic()

    members = group_claims(spark, statements, articles)
    members.write.mode("overwrite").parquet(out + "/claims")
    members = spark.read.parquet(out + "/claims")
    contested = contested_claims(members)
    contested.write.mode("overwrite").parquet(out + "/contested")
    contested = spark.read.parquet(out + "/contested")
    n_contested = contested.count()
    if "://" not in out or out.startswith("file:"):
        with open(local_path(out) + "/contested.jsonl", "w", encoding="utf-8") as f:
            for row in contested.orderBy("claim").toLocalIterator():
                f.write(json.dumps(row.asDict(), default=str, ensure_ascii=False) + "\n")
    finished = time.monotonic()

    print(
        f"hearsay: read {n_articles} articles in {read - started:.1f} s; "
        f"analysed and wrote {n_statements} statements in {analysed - read:.1f} s "
        f"({n_statements / max(analysed - read, 1e-9):.0f} statements/s); "
        f"grouped claims in {finished - grouping:.1f} s ({n_contested} contested)",
        file=sys.stderr,
    )
    spark.stop()
    print(f"articles {n_articles} statements {n_statements}")


def local_path(path):
    return path[len("file:") :] if path.startswith("file:") else path


# --- articles -------------------------------------------------------------------------------


def read_articles(spark, path, fmt):
    """A DataFrame of articles with id, origin, title, text, published, outlet, url, seq."""
    from pyspark.sql import functions as F

    if fmt == "auto":
        fmt = "parquet" if path.rstrip("/").endswith(".parquet") or has_parquet(path) else "files"
    if fmt == "files":
        return read_files(spark, path)
    frame = spark.read.parquet(path) if fmt == "parquet" else spark.read.json(path)
    for name in ["published", "outlet", "url", "title"]:
        if name not in frame.columns:
            frame = frame.withColumn(name, F.lit(None).cast("string"))
    frame = frame.withColumn("origin", F.concat_ws(":", F.input_file_name(), F.col("id").cast("string")))
    # The input order, numbered: the order `hearsay ingest` would read the rows in.
    if dict(frame.dtypes)["published"] in ("timestamp", "timestamp_ntz"):
        frame = frame.withColumn("published", F.to_date("published"))
    frame = numbered(spark, frame, "seq")
    return frame.select(
        F.col("id").cast("string"),
        "origin",
        F.col("title").cast("string"),
        F.col("text").cast("string"),
        "published",
        F.col("outlet").cast("string"),
        F.col("url").cast("string"),
        "seq",
    )


def numbered(spark, frame, name):
    """`frame` with a column `name` numbering its rows in their order, from 0."""
    from pyspark.sql.types import LongType, StructField, StructType

    rows = frame.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1]))
    return spark.createDataFrame(rows, StructType(frame.schema.fields + [StructField(name, LongType(), False)]))


def has_parquet(path):
    if not os.path.isdir(path):
        return False
    return any(name.endswith(".parquet") for name in os.listdir(path))


def input_files(path):
    """The files hearsay reads under `path`, in its order: each folder's entries sorted by
    name, folders followed in place (as hearsay-ingest's walk does)."""
    if not os.path.isdir(path):
        return [path]
    out = []
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if os.path.isdir(full):
            out.extend(input_files(full))
        elif hearsay.input_kind(full) is not None:
            out.append(full)
    return out


def read_files(spark, path):
    """Reads files with hearsay's readers on the executors: the driver only lists them."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType
    from pyspark.sql.pandas.types import from_arrow_schema

    files = input_files(os.path.abspath(path))
    n_tasks = max(1, -(-len(files) // FILES_PER_TASK))
    listing = spark.createDataFrame(
        [(idx, name) for idx, name in enumerate(files)],
        StructType([StructField("file_index", LongType(), False), StructField("path", StringType(), False)]),
    ).repartitionByRange(n_tasks, "file_index")

    schema = from_arrow_schema(article_schema_with_seq())

    def read_partition(batches):
        for batch in batches:
            indices = batch.column("file_index").to_pylist()
            paths = batch.column("path").to_pylist()
            pending = []
            for file_index, file_path in zip(indices, paths):
                reader = hearsay.read([file_path], batch_size=ARTICLES_PER_BATCH)
                for articles in reader:
                    seq = pc.add(pc.multiply(pa.scalar(file_index, pa.int64()), RECORDS_PER_FILE), articles.column("ordinal"))
                    pending.append(articles.drop_columns(["ordinal"]).append_column("seq", seq))
                for error in reader.errors:
                    print(f"hearsay: {error}", file=sys.stderr)
                if sum(b.num_rows for b in pending) >= ARTICLES_PER_BATCH:
                    yield from pa.Table.from_batches(pending).to_batches()
                    pending = []
            if pending:
                yield from pa.Table.from_batches(pending).to_batches()

    return listing.mapInArrow(read_partition, schema)


def article_schema_with_seq():
    schema = hearsay.article_schema()
    schema = schema.remove(schema.get_field_index("ordinal"))
    return schema.append(pa.field("seq", pa.int64(), False))


def write_articles_jsonl(articles, path):
    """The articles as JSON Lines that `hearsay ingest` reads (it knows files by their ending,
    so Spark's part-*.json files are renamed *.jsonl when OUT is a local folder)."""
    articles.orderBy("seq").select("id", "title", "text", "published", "outlet", "url").write.mode(
        "overwrite"
    ).json(path)
    if "://" in path and not path.startswith("file:"):
        return
    folder = local_path(path)
    for name in sorted(os.listdir(folder)):
        if name.startswith("part-") and name.endswith(".json"):
            os.replace(os.path.join(folder, name), os.path.join(folder, name[: -len(".json")] + ".jsonl"))


# --- statements -----------------------------------------------------------------------------


def analyze(articles):
    """hearsay.analyze_batch over every article batch: one row per statement."""
    from pyspark.sql.pandas.types import from_arrow_schema

    kept = ["seq", "origin"]
    schema = hearsay.statement_schema()
    for name in kept:
        schema = schema.append(pa.field(name, pa.int64() if name == "seq" else pa.string(), name == "origin"))

    def analyze_partition(batches):
        for batch in batches:
            yield hearsay.analyze_batch(batch, keep=kept)

    return articles.select("id", "text", "published", "outlet", "url", *kept).mapInArrow(
        analyze_partition, from_arrow_schema(schema)
    )


# --- claims ---------------------------------------------------------------------------------


def group_claims(spark, statements, articles):
    """Claim members across articles: one row per (claim, statement).

    Each article's own claims (hearsay groups statements within an article) are the nodes.
    Exact reprints are left out, as the ledger skips an article whose text it already holds.
    Nodes sharing a block (hearsay.claim_blocks) are compared with their newest
    BLOCK_NEIGHBOURS block mates; hearsay.pair_decisions accepts or rejects each pair. The
    accepted pairs fall into connected components; within each, nodes in input order join the
    most similar earlier claim leader they were accepted with, else lead a claim of their own.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StructField, StructType

    first_copies = (
        articles.select("seq", F.sha2("text", 256).alias("hash"))
        .withColumn("first", F.min("seq").over(Window.partitionBy("hash")))
        .where(F.col("seq") == F.col("first"))
        .select("seq")
    )
    members = (
        statements.join(first_copies, "seq")
        .select(
            "seq",
            "origin",
            "article",
            "statement",
            "speaker_name",
            "source_text",
            F.coalesce("said_on_latest", "published").alias("said"),
            F.explode("claims").alias("c"),
        )
        .select(
            "*",
            F.col("c.id").alias("article_claim"),
            F.col("c.text").alias("claim_text"),
            F.col("c.key").alias("key"),
            F.col("c.stance").alias("stance"),
        )
        .drop("c")
    )
    # One node per claim of an article, numbered in input order.
    nodes = members.groupBy("seq", "article_claim").agg(F.first("key").alias("key"), F.first("claim_text").alias("text"))
    nodes = nodes.withColumn("claim_no", F.expr("cast(substring(article_claim, 2) as bigint)"))
    nodes = numbered(spark, nodes.orderBy("seq", "claim_no"), "node").persist()

    blocks = nodes.select("node", "key").mapInArrow(
        explode_blocks, StructType([StructField("node", LongType(), False), StructField("block", LongType(), False)])
    )
    earlier = Window.partitionBy("block").orderBy("node").rowsBetween(-BLOCK_NEIGHBOURS, -1)
    candidates = (
        blocks.withColumn("mates", F.collect_list("node").over(earlier))
        .select(F.explode("mates").alias("a"), F.col("node").alias("b"))
        .distinct()
    )
    keys = nodes.select("node", "key")
    pairs = candidates.join(keys.withColumnRenamed("node", "a").withColumnRenamed("key", "key_a"), "a").join(
        keys.withColumnRenamed("node", "b").withColumnRenamed("key", "key_b"), "b"
    )
    edges = (
        pairs.select("a", "b", "key_a", "key_b")
        .mapInArrow(
            decide_pairs,
            StructType(
                [
                    StructField("a", LongType(), False),
                    StructField("b", LongType(), False),
                    StructField("similarity", DoubleType(), False),
                    StructField("same", BooleanType(), False),
                ]
            ),
        )
        .where("same")
        .drop("same")
        .persist()
    )

    # Only nodes with an accepted pair can join another claim; the rest lead their own.
    linked = edges.select(F.col("a").alias("node")).union(edges.select(F.col("b").alias("node"))).distinct()
    if edges.count() <= DRIVER_COMPONENT_EDGES:
        grouped_nodes = components_on_driver(spark, edges)
    else:
        grouped_nodes = connected_components(spark, linked, edges)
    edge_component = grouped_nodes.select(F.col("node").alias("b"), F.col("component").alias("edge_component"))
    grouped_edges = edges.join(edge_component, "b")
    leaders = (
        grouped_nodes.groupBy("component")
        .cogroup(grouped_edges.groupBy("edge_component"))
        .applyInPandas(attach_in_order, "node long, leader long")
    )
    claim_of = nodes.select("node").join(leaders, "node", "left").select(
        "node", F.coalesce("leader", "node").alias("claim")
    )
    node_text = nodes.select(F.col("node").alias("claim"), F.col("text").alias("text"))
    # A statement in two claims of its article that end up in one claim counts once, with the
    # stance of the first (the ledger keeps one member row per claim and statement).
    first = Window.partitionBy("claim", "seq", "statement").orderBy("node")
    return (
        members.join(nodes.select("seq", "article_claim", "node"), ["seq", "article_claim"])
        .join(claim_of, "node")
        .withColumn("nth", F.row_number().over(first))
        .where("nth = 1")
        .join(node_text, "claim")
        .select("claim", "text", "seq", "origin", "article", "statement", "stance", "speaker_name", "source_text", "said")
    )


def explode_blocks(batches):
    for batch in batches:
        blocks = hearsay.claim_blocks(batch.column("key"))
        parents = pc.list_parent_indices(blocks)
        yield pa.RecordBatch.from_arrays(
            [pc.take(batch.column("node"), parents), pc.list_flatten(blocks)], names=["node", "block"]
        )


def decide_pairs(batches):
    for batch in batches:
        decided = hearsay.pair_decisions(batch.column("key_a"), batch.column("key_b"))
        yield pa.RecordBatch.from_arrays(
            [
                batch.column("a"),
                batch.column("b"),
                decided.column("similarity").cast(pa.float64()),
                decided.column("same"),
            ],
            names=["a", "b", "similarity", "same"],
        )


def components_on_driver(spark, edges):
    """connected_components for an edge list that fits the driver: union-find, no Spark rounds."""
    from pyspark.sql.types import LongType, StructField, StructType

    parent = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for row in edges.select("a", "b").toLocalIterator():
        ra, rb = root(row.a), root(row.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    schema = StructType([StructField("node", LongType(), False), StructField("component", LongType(), False)])
    return spark.createDataFrame([(node, root(node)) for node in list(parent)], schema)


def connected_components(spark, nodes, edges):
    """node -> component (the smallest node reachable through accepted pairs): labels start
    as the node itself; each round a node takes the smallest label among itself and its
    neighbours, then the label of its label (pointer jumping, so that a long chain settles in
    a few rounds rather than one round per link), until no label changes."""
    from pyspark.sql import functions as F

    undirected = edges.select("a", "b").union(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    labels = nodes.select("node", F.col("node").alias("label")).localCheckpoint()
    rounds = 0
    while True:
        rounds += 1
        proposed = (
            undirected.join(labels.withColumnRenamed("node", "b"), "b")
            .groupBy(F.col("a").alias("node"))
            .agg(F.min("label").alias("proposed"))
        )
        hooked = labels.join(proposed, "node", "left").select(
            "node", F.col("label").alias("before"), F.least("label", F.coalesce("proposed", "label")).alias("label")
        )
        jumps = hooked.select(F.col("node").alias("label"), F.col("label").alias("jump"))
        settled = (
            hooked.join(jumps, "label").select("node", "before", F.least("label", "jump").alias("label")).localCheckpoint()
        )
        labels = settled.select("node", "label")
        if settled.where("label != before").count() == 0:
            print(f"hearsay: claim components settled in {rounds} rounds", file=sys.stderr)
            return labels.withColumnRenamed("label", "component")


def attach_in_order(nodes, edges):
    """Within one component: in input order, each node joins the most similar earlier leader
    it has an accepted pair with (the lowest node on a tie), else leads its own claim."""
    import pandas as pd

    earlier = {}
    for a, b, similarity in zip(edges["a"], edges["b"], edges["similarity"]):
        earlier.setdefault(int(b), []).append((float(similarity), -int(a)))
    leader = {}
    for node in sorted(int(n) for n in nodes["node"]):
        choices = [(s, neg_a) for s, neg_a in earlier.get(node, []) if leader.get(-neg_a) == -neg_a]
        leader[node] = -max(choices)[1] if choices else node
    return pd.DataFrame({"node": list(leader), "leader": list(leader.values())})


def contested_claims(members):
    """Claims both asserted and denied: who asserted, who denied, when first said."""
    from pyspark.sql import functions as F

    who = F.coalesce("speaker_name", "source_text", F.lit("(unnamed)"))
    return (
        members.groupBy("claim")
        .agg(
            F.first("text").alias("text"),
            F.sort_array(F.collect_set(F.when(F.col("stance") == "assert", who))).alias("asserted_by"),
            F.sort_array(F.collect_set(F.when(F.col("stance") == "deny", who))).alias("denied_by"),
            F.min("said").alias("first_said"),
            F.sum(F.when(F.col("stance") == "assert", 1).otherwise(0)).alias("n_assert"),
            F.sum(F.when(F.col("stance") == "deny", 1).otherwise(0)).alias("n_deny"),
            F.count(F.lit(1)).alias("n_members"),
        )
        .where("n_assert > 0 AND n_deny > 0")
    )


if __name__ == "__main__":
    main()
