"""hearsay on Spark: articles in, statements, claims and a contested-claims table out.

    python job.py INPUT OUT [--master local[2]] [--format files|parquet|json]

INPUT is a folder (or file) of anything hearsay reads (text, HTML, feeds, JSON Lines, WARC),
read by hearsay itself on the executors, or Parquet or JSON Lines with columns id, text and
optionally published, outlet, url (--format parquet|json). OUT receives:

    statements/   Parquet, one row per statement (hearsay.statement_schema() plus seq, origin)
    articles/     JSON Lines (id, title, text, published, outlet, url) that `hearsay ingest` reads
    claims/       Parquet, one row per claim member: claim, text, seq, art, origin, article,
                  statement, stance (towards the claim), contested (the claim's flag with it),
                  speaker_name, speaker_key, source_text, said
    contested/    Parquet, one row per contested claim: claim, text, asserted_by, denied_by,
                  first_said, n_assert, n_deny, n_members
    contested.jsonl  the same, one JSON object a line, for people and for diffing

The last line printed is `articles N statements M`.

All analysis is hearsay's, through the wheel: hearsay.read and hearsay.analyze_batch run inside
mapInArrow; claims are grouped across articles as `hearsay ingest` groups them, by the ledger's
own claim machinery in hearsay-core (hearsay.claim_plan for what each denial rejects in its article, hearsay.claim_statements for
blocking keys, hearsay.claim_edges for the pair decision, hearsay.attach_claims for the grouper
and the ledger's rules, contested flags included, over each group of linked statements in the
ledger's order). Spark only explodes, joins, ranks and orders (see group_claims).
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
# Edges up to this many are joined into components on the driver (union-find, about 100 bytes
# an edge in Python); beyond, in rounds of Spark joins.
DRIVER_COMPONENT_EDGES = int(os.environ.get("HEARSAY_DRIVER_COMPONENT_EDGES", "2000000"))
# Rows per Arrow batch in the claim stage (statement inputs, pairs).
CLAIM_ROWS_PER_BATCH = 8192
# Shuffle partitions; the claim stage also cuts the statements into this many partitions of
# whole components.
SHUFFLE_PARTITIONS = int(os.environ.get("HEARSAY_SHUFFLE_PARTITIONS", "8"))
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
        builder.config("spark.sql.shuffle.partitions", str(SHUFFLE_PARTITIONS))
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

    # The claim stage's batches hold small rows: larger batches, fewer calls into Python.
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(CLAIM_ROWS_PER_BATCH))
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

# Statement ids: the article's place in the ledger's order, then the statement's.
STATEMENTS_PER_ARTICLE = 1 << 20


def group_claims(spark, statements, articles):
    """Claim members across articles, as `hearsay ingest` of the same input stores them: one row
    per (claim, statement) written, with whether the claim was contested with it.

    The ledger adds statements one article at a time, in its order (articles as it reads them,
    exact reprints skipped; statements in article order), to core's ClaimAttacher. Here the same
    calls are cut up (crates/python/src/claims.rs):
    1. per article, hearsay.claim_plan: what each denial rejects in its article (its neighbours,
       and for a light denial with no other match its in-article claim-mates), which statements
       enter the grouper (propositions, and a light statement joined with a denial), in what
       order, and which the model places (the others are placed in the claim they join);
    2. per statement that enters, the claim model's analysis (hearsay.claim_statements): its key
       terms, SimHash buckets and vector;
    3. candidates of each statement the model places, as the grouper finds them over the whole
       stream: through each bucket the `bucket_looks` latest earlier statements, of which the
       `cand_k` nearest by cosine (hearsay.claim_cosines) are kept; and every earlier statement
       sharing a key term that fewer than `key_postings` earlier statements have (Spark windows
       over buckets and terms, in the grouper's order);
    4. which candidates are edges (hearsay.claim_edges: the link probability the grouper looks
       at), on the executors;
    5. the connected components of the edges and of the pairs a denial joins;
    6. per partition of whole components, in the ledger's order, hearsay.attach_claims: the
       grouper and the ledger's rules (a claim is stored once it is one; the stance towards it;
       a denial joins what it rejects; whether the claim is contested) with the candidates and
       rejections given. Statements with no edge or join between them never affect each other,
       so this gives the claims one pass over everything gives.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StructField, StructType

    limits = hearsay.claim_candidate_limits()
    first_copies = (
        articles.select("seq", F.sha2("text", 256).alias("hash"))
        .withColumn("first", F.min("seq").over(Window.partitionBy("hash")))
        .where(F.col("seq") == F.col("first"))
        .select("seq")
    )
    # Dense article numbers in input order: `art`; statement ids `sid` in the ledger's order.
    order = numbered(spark, first_copies.orderBy("seq"), "art")
    rows = (
        statements.join(order, "seq")
        .withColumn("ordinal", F.expr("cast(substring(statement, 2) as bigint) - 1"))
        .select(
            (F.col("art") * STATEMENTS_PER_ARTICLE + F.col("ordinal")).alias("sid"),
            "art",
            "seq",
            "origin",
            "article",
            "statement",
            F.col("content_text").alias("content"),
            F.col("cue_text").alias("cue"),
            # The speaker as the ledger's claim index reads it at ingest: the entity's name,
            # else the source as written (sides are told apart by these names).
            F.coalesce("speaker_name", "source_text").alias("source"),
            F.date_format(F.coalesce("said_on_latest", "published"), "yyyy-MM-dd").alias("date"),
            "stance",
            "speaker_name",
            "speaker_key",
            "source_text",
            F.expr("transform(claims, c -> c.id)").alias("article_claims"),
        )
        .persist()
    )
    inputs = ["content", "cue", "source", "date", "stance"]

    # 1. Per article: what each denial rejects, which statements enter the grouper and when.
    planned = (
        rows.select(F.col("sid").alias("statement"), F.col("art").alias("article"), *inputs, "article_claims")
        .repartition(SHUFFLE_PARTITIONS, "article")
        .sortWithinPartitions("statement")
        .mapInArrow(
            plan_partition,
            StructType(
                [
                    StructField("statement", LongType(), False),
                    StructField("rejects", LongType(), True),
                    StructField("joins", LongType(), True),
                    StructField("order", LongType(), True),
                    StructField("by_model", BooleanType(), False),
                ]
            ),
        )
        .where(F.col("order").isNotNull())
        .withColumnRenamed("statement", "sid")
        .persist()
    )

    # 2. The model's analysis of each statement that enters the grouper; `g` is its place in
    # the grouper's order.
    analysed_schema = StructType(
        [StructField("g", LongType(), False)] + from_arrow(hearsay.claim_statement_fields()).fields
    )
    analysed = (
        rows.join(planned.select("sid", F.col("order").alias("g")), "sid")
        .select("g", "content", "cue", "source", "date")
        .mapInArrow(analyse_statements, analysed_schema)
        .drop("proposition")
        .persist()
    )
    by_model = planned.where("by_model").select(F.col("order").alias("b"))

    # 3. Candidates of the statements the model places: through SimHash buckets (the latest
    # `bucket_looks` earlier statements of each, the `cand_k` nearest by cosine kept) and
    # through rare key terms.
    by_bucket = analysed.select("g", F.explode("buckets").alias("bucket"))
    latest = Window.partitionBy("bucket").orderBy("g").rowsBetween(-limits["bucket_looks"], -1)
    near = (
        by_bucket.withColumn("earlier", F.collect_list("g").over(latest))
        .select(F.explode("earlier").alias("a"), F.col("g").alias("b"))
        .join(by_model, "b")
        .distinct()
    )
    vectors = analysed.select("g", "vector")
    near = near.join(vectors.withColumnRenamed("g", "a").withColumnRenamed("vector", "vector_a"), "a").join(
        vectors.withColumnRenamed("g", "b").withColumnRenamed("vector", "vector_b"), "b"
    )
    cosines = near.select("a", "b", "vector_a", "vector_b").mapInArrow(
        pair_cosines,
        StructType(
            [StructField("a", LongType(), False), StructField("b", LongType(), False), StructField("cosine", DoubleType(), False)]
        ),
    )
    nearest = Window.partitionBy("b").orderBy(F.desc("cosine"), "a")
    by_cosine = cosines.withColumn("rank", F.row_number().over(nearest)).where(F.col("rank") <= limits["cand_k"])
    by_term = analysed.select("g", F.explode("key_terms").alias("term"))
    term_order = Window.partitionBy("term").orderBy("g")
    earlier_terms = term_order.rowsBetween(-(limits["key_postings"] - 1), -1)
    by_key = (
        by_term.withColumn("n", F.row_number().over(term_order))
        .withColumn("earlier", F.collect_list("g").over(earlier_terms))
        .where(F.col("n") <= limits["key_postings"])
        .select(F.explode("earlier").alias("a"), F.col("g").alias("b"))
        .join(by_model, "b")
    )
    candidates = by_cosine.select("a", "b").union(by_key.select("a", "b")).distinct()

    # 4. Edges: the candidate pairs whose link the grouper looks at, as statement ids.
    place = planned.select("sid", F.col("order").alias("g"))
    side = lambda suffix: rows.join(place, "sid").select(  # noqa: E731
        F.col("g").alias(suffix[1:]), *[F.col(c).alias(c + suffix) for c in ["content", "cue", "source", "date"]]
    )
    edges = (
        candidates.join(side("_a"), "a")
        .join(side("_b"), "b")
        .repartition("b")
        .sortWithinPartitions("b", "a")
        .mapInArrow(
            pair_edges,
            StructType(
                [StructField("a", LongType(), False), StructField("b", LongType(), False), StructField("link", DoubleType(), True)]
            ),
        )
        .where(F.col("link").isNotNull())
        .join(place.select(F.col("g").alias("a"), F.col("sid").alias("sid_a")), "a")
        .join(place.select(F.col("g").alias("b"), F.col("sid").alias("sid_b")), "b")
        .select(F.col("sid_a").alias("a"), F.col("sid_b").alias("b"))
        .persist()
    )

    # 5. Components of the edges and of the pairs a denial joins (other statements are alone).
    linked = edges.union(planned.where(F.col("joins").isNotNull()).select(F.col("joins").alias("a"), F.col("sid").alias("b")))
    if linked.count() <= DRIVER_COMPONENT_EDGES:
        grouped = components_on_driver(spark, linked)
    else:
        nodes = linked.select(F.col("a").alias("node")).union(linked.select(F.col("b").alias("node"))).distinct()
        grouped = connected_components(spark, nodes, linked)
    grouped = grouped.withColumnRenamed("node", "sid")

    # 6. The grouper and the ledger's rules, per partition of whole components, in order.
    given = edges.groupBy(F.col("b").alias("sid")).agg(F.collect_list("a").alias("candidates"))
    to_attach = (
        planned.select("sid", "rejects")
        .join(rows, "sid")
        .join(given, "sid", "left")
        .join(grouped, "sid", "left")
        .select(
            F.col("sid").alias("statement"),
            F.col("art").alias("article"),
            *inputs,
            # The ledger's origin is the article first published (near-duplicates are one); here
            # each article not an exact reprint is its own (see the README).
            F.col("art").alias("origin"),
            "rejects",
            F.coalesce("candidates", F.array().cast("array<bigint>")).alias("candidates"),
            F.coalesce("component", "sid").alias("component"),
        )
    )
    attached = (
        to_attach.repartition(SHUFFLE_PARTITIONS, "component")
        .sortWithinPartitions("statement")
        .drop("component")
        .mapInArrow(
            attach_partition,
            "claim long, text string, statement long, stance string, contested boolean",
        )
    )
    return attached.withColumnRenamed("statement", "sid").join(rows.drop("stance"), "sid").select(
        "claim",
        "text",
        "seq",
        "art",
        "origin",
        "article",
        "statement",
        "stance",
        "contested",
        "speaker_name",
        "speaker_key",
        "source_text",
        F.col("date").alias("said"),
    )


def from_arrow(schema):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def analyse_statements(batches):
    for batch in batches:
        analysed = hearsay.claim_statements(batch)
        yield pa.RecordBatch.from_arrays([batch.column("g")] + analysed.columns, names=["g"] + analysed.schema.names)


def pair_cosines(batches):
    for batch in batches:
        cosine = hearsay.claim_cosines(batch.column("vector_a"), batch.column("vector_b"))
        yield pa.RecordBatch.from_arrays([batch.column("a"), batch.column("b"), cosine], names=["a", "b", "cosine"])


def pair_edges(batches):
    # One call per partition, so that hearsay analyses each earlier statement once per partition.
    batch = whole_partition(batches)
    if batch is not None and batch.num_rows:
        link = hearsay.claim_edges(batch)
        yield pa.RecordBatch.from_arrays([batch.column("a"), batch.column("b"), link], names=["a", "b", "link"])


def whole_partition(batches):
    """A partition's batches as one record batch (None when empty)."""
    batches = list(batches)
    if not batches:
        return None
    return pa.Table.from_batches(batches).combine_chunks().to_batches()[0] if len(batches) > 1 else batches[0]


def plan_partition(batches):
    """hearsay.claim_plan over the whole partition (an article's rows must not straddle two
    batches)."""
    batch = whole_partition(batches)
    if batch is not None and batch.num_rows:
        yield hearsay.claim_plan(batch)


def attach_partition(batches):
    """hearsay.attach_claims over the whole partition: one attacher, statements in order."""
    batch = whole_partition(batches)
    if batch is not None and batch.num_rows:
        yield hearsay.attach_claims(batch)


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


def contested_claims(members):
    """Claims the ledger would mark contested (any member write of the claim says so, as the
    ledger keeps the highest flag: core's ClaimAttacher.is_contested, one side asserts or reports
    and another denies that very statement): claim, text, who asserted, who denied, when first
    said."""
    from pyspark.sql import functions as F

    who = F.coalesce("speaker_name", "source_text", F.lit("(unnamed)"))
    return (
        members.groupBy("claim")
        .agg(
            F.max("contested").alias("contested"),
            F.first("text").alias("text"),
            F.sort_array(F.collect_set(F.when(F.col("stance") == "assert", who))).alias("asserted_by"),
            F.sort_array(F.collect_set(F.when(F.col("stance") == "deny", who))).alias("denied_by"),
            F.min("said").alias("first_said"),
            F.sum(F.when(F.col("stance") == "assert", 1).otherwise(0)).alias("n_assert"),
            F.sum(F.when(F.col("stance") == "deny", 1).otherwise(0)).alias("n_deny"),
            F.count(F.lit(1)).alias("n_members"),
        )
        .where("contested")
        .drop("contested")
    )


if __name__ == "__main__":
    main()
