"""Tests of the hearsay wheel's Python surface (scripts/spark-check.sh runs them with the venv's
interpreter: python -m unittest discover -s crates/python/tests). Texts are made up here; the
BBC comparison is the job's check."""

import datetime
import os
import tempfile
import unittest

import pyarrow as pa

import hearsay

TEXT = (
    "The minister said on Tuesday that taxes would rise. "
    '"We have never supplied weapons to Russia," the foreign ministry said in a statement.'
)


class AnalyzeBatch(unittest.TestCase):
    def test_every_string_layout_gives_the_same_statements(self):
        outputs = []
        for string_type in [pa.string(), pa.large_string(), pa.string_view()]:
            batch = pa.record_batch(
                {"id": pa.array(["doc"], string_type), "text": pa.array([TEXT], string_type)}
            )
            outputs.append(hearsay.analyze_batch(batch).to_pylist())
        self.assertGreaterEqual(len(outputs[0]), 2)
        self.assertEqual(outputs[0], outputs[1])
        self.assertEqual(outputs[0], outputs[2])

    def test_output_has_the_declared_schema(self):
        batch = pa.record_batch({"id": ["doc"], "text": [TEXT]})
        self.assertEqual(hearsay.analyze_batch(batch).schema, hearsay.statement_schema())

    def test_rows_match_extract(self):
        batch = pa.record_batch({"id": ["doc"], "text": [TEXT], "published": ["2025-04-22"]})
        rows = hearsay.analyze_batch(batch).to_pylist()
        attributions = hearsay.extract(TEXT, published="2025-04-22")
        self.assertEqual(len(rows), len(attributions))
        for row, attribution in zip(rows, attributions):
            self.assertEqual(row["statement"], attribution["id"])
            self.assertEqual([[s["start"], s["end"]] for s in row["content_spans"]], attribution["content"]["spans"])
            self.assertEqual(row["content_text"], attribution["content"]["text"])
            self.assertEqual(row["stance"], attribution["stance"])
            start, end = attribution["content"]["spans"][0]
            self.assertEqual(TEXT[start:end], row["content_text"][: end - start])
            self.assertEqual(row["published"], datetime.date(2025, 4, 22))
            self.assertTrue(row["claims"], "every statement with content words is in a claim")
            self.assertEqual(row["claim_key"], row["claims"][0]["key"])

    def test_published_as_date32_equals_published_as_text(self):
        as_text = pa.record_batch({"id": ["doc"], "text": [TEXT], "published": ["2025-04-22"]})
        as_date = pa.record_batch(
            {"id": ["doc"], "text": [TEXT], "published": pa.array([datetime.date(2025, 4, 22)], pa.date32())}
        )
        self.assertEqual(hearsay.analyze_batch(as_text).to_pylist(), hearsay.analyze_batch(as_date).to_pylist())

    def test_keep_copies_columns_and_null_articles_are_skipped(self):
        batch = pa.record_batch(
            {"id": ["a", "b", None], "text": [TEXT, None, TEXT], "seq": pa.array([7, 8, 9], pa.int64())}
        )
        out = hearsay.analyze_batch(batch, keep=["seq"])
        self.assertEqual(set(out.column("seq").to_pylist()), {7})
        self.assertEqual(set(out.column("article").to_pylist()), {"a"})

    def test_bad_input_is_an_exception_not_a_crash(self):
        with self.assertRaises(KeyError):
            hearsay.analyze_batch(pa.record_batch({"id": ["x"]}))
        with self.assertRaises(TypeError):
            hearsay.analyze_batch(pa.record_batch({"id": [1], "text": ["x"]}))
        with self.assertRaises(ValueError):
            hearsay.analyze_batch(pa.record_batch({"id": ["x"], "text": ["x"]}), keep=["nope"])
        with self.assertRaises(ValueError):
            hearsay.extract("x", published="not a date")

    def test_empty_batch(self):
        batch = pa.record_batch({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
        self.assertEqual(hearsay.analyze_batch(batch).num_rows, 0)


class Read(unittest.TestCase):
    def test_reads_folders_in_order_and_keeps_errors(self):
        with tempfile.TemporaryDirectory() as folder:
            for name, body in [("b.txt", TEXT), ("a.txt", "Plain words."), ("skip.csv", "x")]:
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write(body)
            with open(os.path.join(folder, "c.jsonl"), "w", encoding="utf-8") as f:
                f.write('{"id": "j1", "text": "One.", "published": "2025-01-02"}\nnot json\n')
            reader = hearsay.read([folder], batch_size=2)
            batches = list(reader)
            self.assertTrue(all(b.schema == hearsay.article_schema() for b in batches))
            rows = [row for batch in batches for row in batch.to_pylist()]
            self.assertEqual([row["id"] for row in rows], ["a", "b", "j1"])
            self.assertEqual([row["ordinal"] for row in rows], [0, 1, 2])
            self.assertEqual(rows[2]["published"], datetime.date(2025, 1, 2))
            self.assertEqual(len(reader.errors), 1)
            self.assertIn("c.jsonl", reader.errors[0])

    def test_input_kind(self):
        self.assertEqual(hearsay.input_kind("x/page.html.gz"), "html")
        self.assertEqual(hearsay.input_kind("dump.warc.gz"), "warc")
        self.assertIsNone(hearsay.input_kind("table.csv"))


class Claims(unittest.TestCase):
    WATCH = "Apple will release a smartwatch with a sapphire screen in September"
    WATCH_AGAIN = "Apple to release sapphire-screen smartwatch in September"

    def inputs(self, contents, ids=None):
        n = len(contents)
        return {
            "statement": pa.array(ids or list(range(1, n + 1)), pa.int64()),
            "content": contents,
            "cue": ["said"] * n,
            "source": ["Tim Cook"] * n,
            "date": ["2024-01-0%d" % (i + 1) for i in range(n)],
            "stance": ["assert"] * n,
        }

    def test_statements_are_analysed_for_blocking(self):
        analysed = hearsay.claim_statements(pa.record_batch(self.inputs([self.WATCH, self.WATCH_AGAIN, "the bridge"])))
        self.assertEqual(analysed.schema, hearsay.claim_statement_fields())
        self.assertEqual(analysed.column("proposition").to_pylist(), [True, True, False])
        terms = analysed.column("key_terms").to_pylist()
        self.assertIn("sapphire", set(terms[0]) & set(terms[1]))
        self.assertEqual([len(b) for b in analysed.column("buckets").to_pylist()], [8, 8, 8])
        cosines = hearsay.claim_cosines(analysed.column("vector")[:2], analysed.column("vector")[1:3]).to_pylist()
        self.assertGreater(cosines[0], 0.9)
        self.assertEqual(set(hearsay.claim_candidate_limits()), {"bucket_looks", "cand_k", "key_postings"})

    def test_the_grouper_joins_a_restatement_given_as_candidate(self):
        rows = self.inputs([self.WATCH, self.WATCH_AGAIN])
        pairs = {"a": pa.array([1], pa.int64()), "b": pa.array([2], pa.int64())}
        for side, row in (("_a", 0), ("_b", 1)):
            for name in ("content", "cue", "source", "date"):
                pairs[name + side] = [rows[name][row]]
        link = hearsay.claim_edges(pa.record_batch(pairs)).to_pylist()[0]
        self.assertIsNotNone(link)
        rows["article"] = pa.array([1, 2], pa.int64())
        rows["rejects"] = pa.array([None, None], pa.int64())
        rows["candidates"] = pa.array([[], [1]], pa.list_(pa.int64()))
        members = hearsay.attach_claims(pa.record_batch(rows)).to_pylist()
        self.assertEqual({(m["claim"], m["statement"]) for m in members}, {(1, 1), (1, 2)})
        # Without the candidate, the second statement starts a claim of its own.
        rows["candidates"] = pa.array([[], []], pa.list_(pa.int64()))
        members = hearsay.attach_claims(pa.record_batch(rows)).to_pylist()
        self.assertEqual({(m["claim"], m["statement"]) for m in members}, {(1, 1), (2, 2)})

    def test_a_denial_joins_what_it_rejects_and_contests_it(self):
        book = "that Lewandowski was writing a book about the Trump campaign"
        rows = {
            "statement": pa.array([1, 2], pa.int64()),
            "article": pa.array([7, 7], pa.int64()),
            "content": [book, book],
            "cue": ["reported", "has denied"],
            "source": ["BuzzFeed News", "Corey Lewandowski"],
            "date": ["2024-03-01", "2024-03-01"],
            "stance": ["assert", "deny"],
            "origin": pa.array([7, 7], pa.int64()),
        }
        claims = pa.array([[], []], pa.list_(pa.string()))
        plan = hearsay.claim_plan(pa.record_batch({**rows, "article_claims": claims})).to_pylist()
        self.assertEqual([p["rejects"] for p in plan], [None, 1])
        self.assertEqual([p["joins"] for p in plan], [None, 1])
        self.assertEqual([p["order"] for p in plan], [2, 4])
        self.assertEqual([p["by_model"] for p in plan], [True, False])
        rows["rejects"] = pa.array([p["rejects"] for p in plan], pa.int64())
        rows["candidates"] = pa.array([[], []], pa.list_(pa.int64()))
        members = hearsay.attach_claims(pa.record_batch(rows)).to_pylist()
        self.assertEqual([(m["claim"], m["statement"], m["stance"]) for m in members], [(1, 1, "assert"), (1, 2, "deny")])
        # The claim is contested from the denial on.
        self.assertEqual([m["contested"] for m in members], [False, True])


if __name__ == "__main__":
    unittest.main()
