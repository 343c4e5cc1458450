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
    def test_keys_the_decision_accepts_share_a_block(self):
        keys = pa.array(["@china supply weapon", "@china russia supply weapon", "rain", None])
        decided = hearsay.pair_decisions(keys, pa.array(["@china russia supply weapon"] * 4))
        self.assertEqual(decided.column("same").to_pylist(), [True, True, False, False])
        blocks = hearsay.claim_blocks(keys).to_pylist()
        self.assertTrue(set(blocks[0]) & set(blocks[1]))
        self.assertEqual(blocks[2], [])
        self.assertEqual(blocks[3], [])

    def test_one_shared_content_concept_is_not_enough(self):
        decided = hearsay.pair_decisions(pa.array(["@china @russia weapon"]), pa.array(["@china @russia weapon rain"]))
        self.assertEqual(decided.column("same").to_pylist(), [False])
        self.assertGreater(decided.column("similarity")[0].as_py(), 0.45)


if __name__ == "__main__":
    unittest.main()
