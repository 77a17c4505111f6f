"""Vectors embedded on the workers and served to the ledger writer give the ledger the writer would make itself."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from claimwatch.errors import LedgerError
from claimwatch.ingest.jsonl import articles_from_jsonl_file
from claimwatch.ledger import Ledger
from claimwatch.ledger import embeddings as emb
from claimwatch.ledger.vector_memo import VectorMemo, texts_to_embed, vectors_record
from claimwatch.model import Analysis, Article, Claim
from claimwatch.nlp.pipeline import analyze_many

STORY = Path(str(resources.files("claimwatch") / "data" / "story" / "north-korea-troops.jsonl"))
needs_model = pytest.mark.skipif(emb.model_files() is None, reason="the sentence-embedding model is not installed")
# Every table whose rows depend on the vectors: members store them, stories sum them, matches use them.
TABLES = ("articles", "actors", "statements", "ledger_claims", "ledger_claim_members", "claim_quantities",
          "stories", "article_stories", "story_df", "story_stats")


class _Unit:
    """A stand-in model: each text's vector is a fixed function of its length, and calls are counted."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), emb.DIMENSIONS), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % emb.DIMENSIONS] = 1.0
        return out


def _analysis(*claims: str) -> Analysis:
    text = "The ministry said troops had crossed the border on Monday. " * 3
    return Analysis(article=Article(text=text, title="Troops cross border", id="a1"),
                    claims=tuple(Claim(id=f"c{i}", text=c, group=f"g{i}") for i, c in enumerate(claims)))


def test_vector_memo_serves_sent_vectors_without_running_the_model():
    sent, model = _Unit(), _Unit()
    analysis = _analysis("troops crossed the border", "the ministry denied it")
    memo = VectorMemo(fallback=lambda: model)
    memo.remember(vectors_record(analysis, sent))
    got = memo.embed(["the ministry denied it", "troops crossed the border"])
    assert np.array_equal(got, sent.embed(["the ministry denied it", "troops crossed the border"]))
    assert model.calls == [] and memo.served == 2 and memo.embedded == 0


def test_vector_memo_embeds_only_the_texts_it_was_not_sent_and_keeps_their_order():
    sent, model = _Unit(), _Unit()
    memo = VectorMemo(fallback=lambda: model)
    memo.remember(vectors_record(_analysis("troops crossed the border"), sent))
    got = memo.embed(["a claim nobody sent", "troops crossed the border", "another one"])
    assert model.calls == [["a claim nobody sent", "another one"]]
    assert np.array_equal(got, sent.embed(["a claim nobody sent", "troops crossed the border", "another one"]))


def test_vector_memo_without_vectors_or_model_asks_for_lexical_matching():
    memo = VectorMemo(fallback=lambda: None)
    assert memo() is None  # the ledger then matches lexically, as with no model installed
    memo.remember(vectors_record(_analysis("troops crossed the border"), _Unit()))
    assert memo() is memo
    with pytest.raises(LedgerError, match="--lexical"):
        memo.embed(["a claim nobody sent"])


def test_vector_memo_ignores_a_record_whose_vectors_do_not_fit_its_texts():
    model = _Unit()
    memo = VectorMemo(fallback=lambda: model)
    memo.remember({"texts": ["troops crossed the border"], "vectors": b"\x00" * 12})
    memo.embed(["troops crossed the border"])
    assert model.calls == [["troops crossed the border"]]


def test_vector_memo_forgets_the_oldest_texts_past_its_bound():
    model = _Unit()
    memo = VectorMemo(fallback=lambda: model, max_entries=3)
    memo.remember(vectors_record(_analysis("first claim", "second claim", "third claim"), _Unit()))
    memo.embed(["first claim", "third claim"])
    assert model.calls == [["first claim"]]  # the lead pushed the first claim out


def test_vector_memo_texts_are_the_claims_then_the_story_lead():
    texts = texts_to_embed(_analysis("troops crossed the border"))
    assert texts[0] == "troops crossed the border"
    assert texts[1].startswith("Troops cross border. The ministry said troops")


@needs_model
def test_embedding_model_gives_the_same_bytes_alone_or_in_a_batch():
    model = emb.get_embedder()
    texts = ["North Korea sent 10,000 troops to Russia", "Pyongyang denied the report",
             "South Korea's spy agency said it had satellite images of the troops"]
    together = model.embed(texts)
    alone = np.vstack([model.embed([t]) for t in texts])
    assert np.array_equal(together, alone)


@needs_model
def test_writer_fed_with_worker_vectors_stores_the_ledger_it_would_embed_itself(tmp_path):
    articles = [a for a in articles_from_jsonl_file(STORY) if isinstance(a, Article)]
    analyses = list(analyze_many(articles))
    model = emb.get_embedder()
    memo = VectorMemo(fallback=lambda: None)  # a miss would raise: every vector must come from the records
    with Ledger(tmp_path / "self.db") as itself, Ledger(tmp_path / "sent.db", embedder=memo) as sent:
        for analysis in analyses:
            itself.add_analysis(analysis)
            memo.remember(vectors_record(analysis, model))
            sent.add_analysis(analysis)
        for table in TABLES:
            order = "kind, key" if table == "story_df" else "rowid"
            query = f"SELECT * FROM {table} ORDER BY {order}"
            expected = [tuple(r) for r in itself.connection.execute(query)]
            got = [tuple(r) for r in sent.connection.execute(query)]
            if table == "articles":  # the time of storing differs between any two writes
                column = [d[0] for d in itself.connection.execute(query).description].index("ingested_at")
                expected, got = ([r[:column] + r[column + 1:] for r in rows] for rows in (expected, got))
            assert got == expected, f"table {table} differs"
    assert memo.served > len(analyses) and memo.embedded == 0


def test_embedding_batches_group_texts_of_similar_length_and_keep_every_text_once():
    lengths = [100, 12, 14, 98, 13, 40]
    batches = emb._length_batches(lengths)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert [sorted(lengths[i] for i in b) for b in batches] == [[12, 13, 14], [40], [98, 100]]
    assert all(len(b) <= emb.BATCH for b in emb._length_batches([10] * 70))


@needs_model
def test_embedding_a_mixed_list_gives_each_text_the_vector_it_gets_alone():
    model = emb.get_embedder()
    lead = ("Kyiv, Ukraine (AP) - South Korea's spy agency said Friday that North Korea has sent about 1,500 "
            "special forces troops to Russia's Far East for training, with more expected. ") * 2
    texts = ["Pyongyang denied it", lead, "North Korea sent troops to Russia", "the report was false"]
    together = model.embed(texts)
    assert np.array_equal(together, np.vstack([model.embed([t]) for t in texts]))
